package ui_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
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

// labelProblems lists, for the page open, every chart or map label cut by
// its chart's edge or the window's, every two labels of one chart whose
// boxes overlap, and a route line drawn over the map's labels or ending
// inside one.
const labelProblems = `(() => {
  const out = [], vw = window.innerWidth;
  const name = t => JSON.stringify(t.textContent.trim());
  for (const svg of document.querySelectorAll("svg.bars, svg.tilemap")) {
    const sb = svg.getBoundingClientRect();
    const boxes = [...svg.querySelectorAll("text")].map(t => ({t, b: t.getBoundingClientRect()})).filter(x => x.b.width > 0);
    for (const {t, b} of boxes) {
      if (b.left < Math.max(0, sb.left) - 1 || b.right > Math.min(vw, sb.right) + 1) {
        out.push("cut: " + name(t) + " spans " + Math.round(b.left) + "-" + Math.round(b.right) + " in " + Math.round(sb.left) + "-" + Math.round(sb.right));
      }
    }
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i].b, c = boxes[j].b;
      const w = Math.min(a.right, c.right) - Math.max(a.left, c.left), h = Math.min(a.bottom, c.bottom) - Math.max(a.top, c.top);
      if (w > 1 && h > 1) out.push("overlap: " + name(boxes[i].t) + " and " + name(boxes[j].t));
    }
    if (!svg.matches("svg.tilemap")) continue;
    const labels = svg.querySelector("g.labels");
    for (const line of svg.querySelectorAll("line.route")) {
      if (!labels || !(line.compareDocumentPosition(labels) & Node.DOCUMENT_POSITION_FOLLOWING)) out.push("a route is drawn over the labels");
      for (const [x, y] of [["x1", "y1"], ["x2", "y2"]]) {
        const p = new DOMPoint(line[x].baseVal.value, line[y].baseVal.value).matrixTransform(line.getScreenCTM());
        for (const {t, b} of boxes) if (p.x > b.left && p.x < b.right && p.y > b.top && p.y < b.bottom) out.push("a route ends on " + name(t));
      }
    }
  }
  return out;
})()`

// TestChartLabelsFit: on the statistics page at 320 and 360 px, in
// English and Hindi, no label of a chart or of the map is cut or
// overlaps another, and no route arrow covers a state's code or count.
func TestChartLabelsFit(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser")
	}
	base, _ := liveServer(t)
	ctx, cancel := newBrowser(t)
	defer cancel()
	run := runIn(t, ctx)
	for _, lang := range []string{"en", "hi"} {
		if err := setDisplay(ctx, base, "lang="+lang); err != nil {
			t.Fatal(err)
		}
		for _, width := range []int64{320, 360} {
			var problems []string
			var charts int
			run("open stats",
				emulation.SetDeviceMetricsOverride(width, 800, 1, true),
				chromedp.Navigate(base+"/stats"), chromedp.WaitVisible("svg.tilemap", chromedp.ByQuery),
				chromedp.Evaluate(`document.querySelectorAll("svg.bars").length`, &charts),
				chromedp.Evaluate(labelProblems, &problems),
			)
			if charts < 5 {
				t.Errorf("%s at %d px: %d charts, want the page's charts drawn", lang, width, charts)
			}
			for _, p := range problems {
				t.Errorf("%s at %d px: %s", lang, width, p)
			}
		}
	}
}

// setDisplay sets the display preferences cookie ("lang=hi").
func setDisplay(ctx context.Context, base, value string) error {
	return chromedp.Run(ctx, chromedp.ActionFunc(func(ctx context.Context) error {
		host := strings.TrimPrefix(base, "http://")
		return network.SetCookie("compendium_display", value).WithDomain(strings.Split(host, ":")[0]).WithPath("/").Do(ctx)
	}))
}
