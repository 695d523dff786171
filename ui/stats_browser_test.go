package ui_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestStatisticsInTheBrowser opens the statistics page and its map at 360
// and 1280 px in normal and high contrast: axe-core finds nothing serious,
// nothing scrolls sideways at 360 px but the tables meant to, and a bar
// leads to as many practices as it counts. Screenshots are written.
func TestStatisticsInTheBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser")
	}
	axe := axeSource(t)
	base, _ := liveServer(t)
	ctx, cancel := newBrowser(t)
	defer cancel()
	run := runIn(t, ctx)
	dir := screenshotDir(t)
	// The whole knowledge base: every chart, the map and the matrix at their
	// fullest (filters are checked through HTTP in TestStatisticsPage).
	pages := map[string]string{"stats": "/stats"}
	for _, theme := range []string{"normal", "high"} {
		if err := setTheme(ctx, base, theme); err != nil {
			t.Fatal(err)
		}
		for name, path := range pages {
			for _, width := range []int64{360, 1280} {
				var png []byte
				var overflow bool
				var tiles int
				run("open "+name,
					emulation.SetDeviceMetricsOverride(width, 800, 1, width < 600),
					chromedp.Navigate(base+path), chromedp.WaitVisible("svg.tilemap", chromedp.ByQuery),
					chromedp.Evaluate(`document.documentElement.scrollWidth > window.innerWidth + 1`, &overflow),
					chromedp.Evaluate(`document.querySelectorAll("svg.tilemap rect.tile").length`, &tiles),
				)
				where := fmt.Sprintf("%s at %d px (%s contrast)", name, width, theme)
				checkAxe(t, ctx, axe, where)
				if overflow {
					t.Errorf("%s: the page scrolls sideways", where)
				}
				if tiles < 36 {
					t.Errorf("%s: the map has %d tiles, want a tile for each state and union territory", where, tiles)
				}
				run("screenshot "+name, chromedp.FullScreenshot(&png, 80))
				file := filepath.Join(dir, fmt.Sprintf("%s-%d-%s.jpg", name, width, theme))
				if err := os.WriteFile(file, png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	run("reset viewport", emulation.ClearDeviceMetricsOverride())
	// The first bar of the states chart leads to the practices it counts.
	var label, count string
	run("follow a bar",
		chromedp.Navigate(base+"/stats"),
		chromedp.Evaluate(`document.querySelector("#chart-state-h ~ svg a").getAttribute("aria-label")`, &label),
		chromedp.Evaluate(`document.querySelector("#chart-state-h ~ svg a").dispatchEvent(new MouseEvent("click", {bubbles: true})) && ""`, nil),
		chromedp.WaitVisible("#count", chromedp.ByQuery),
		chromedp.Text("#count", &count, chromedp.ByQuery),
	)
	want := strings.Fields(label[strings.LastIndex(label, ":")+1:])[0]
	if _, err := strconv.Atoi(want); err != nil || !strings.Contains(count, "of "+want+" ") {
		t.Errorf("the bar %q led to %q, want %s practices", label, count, want)
	}
	t.Logf("screenshots in %s", dir)
}
