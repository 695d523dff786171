package ui_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/compendium-kb/compendium/samples"
)

// firstTitleJS measures the first result's title against the viewport,
// as the page opens (nothing scrolled).
const firstTitleJS = `(() => {
  const h = document.querySelector("ol.hits li.hit h2");
  if (!h) return JSON.stringify({missing: true});
  const r = h.getBoundingClientRect();
  return JSON.stringify({top: r.top, bottom: r.bottom, height: innerHeight, scrolled: scrollY});
})()`

type titleBox struct {
	Missing             bool
	Top, Bottom, Height float64
	Scrolled            float64
}

// TestSearchFirstHitOnPhones opens results on a 360 x 740 phone, in
// Hindi and in English, at every text size, and checks that the first
// result's title is on the screen without scrolling: an officer who
// searched sees an answer, not the header, form and filters. axe-core
// checks each page; screenshots are written.
func TestSearchFirstHitOnPhones(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser")
	}
	axe := axeSource(t)
	base, ra := liveServer(t)
	doc, ps, err := samples.Hindi()
	if err != nil {
		t.Fatal(err)
	}
	if err := ra.svc.SavePractices(t.Context(), doc, nil, ps); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := newBrowser(t)
	defer cancel()
	run := runIn(t, ctx)
	run("phone", emulation.SetDeviceMetricsOverride(360, 740, 1, true))
	defer run("reset viewport", emulation.ClearDeviceMetricsOverride())
	dir := screenshotDir(t)
	for _, c := range []struct{ lang, query string }{
		{"hi", "बंधुआ मज़दूरी"},
		{"hi", "झारखंड में बंधुआ मज़दूरी"}, // no practice has the words: a line and the partial matches
		{"en", "police rescue railway"},    // a count line with every word, more, and frequent words
		{"en", "trafficking rescue of women from placement agencies in Delhi"},
		{"en", "forced begging rings"}, // no practice has the words: a line and near themes come first
	} {
		for _, size := range []string{"small", "normal", "large"} {
			where := fmt.Sprintf("%s %q at 360 x 740, %s text", c.lang, c.query, size)
			var js string
			var png []byte
			back := "/?q=" + url.QueryEscape(c.query)
			run(where,
				chromedp.Navigate(base+"/display?lang="+c.lang+"&size="+size+"&contrast=normal&back="+url.QueryEscape(back)),
				chromedp.WaitVisible("#count", chromedp.ByQuery),
				chromedp.Evaluate(firstTitleJS, &js),
			)
			var box titleBox
			if err := json.Unmarshal([]byte(js), &box); err != nil {
				t.Fatal(err)
			}
			switch {
			case box.Missing:
				t.Errorf("%s: no result listed", where)
			case box.Scrolled != 0 || box.Top < 0 || box.Bottom > box.Height:
				t.Errorf("%s: the first result's title spans %.0f–%.0f px of a %.0f px screen (scrolled %.0f): want it on screen", where, box.Top, box.Bottom, box.Height, box.Scrolled)
			}
			checkAxe(t, ctx, axe, where)
			run("screenshot", chromedp.CaptureScreenshot(&png))
			name := fmt.Sprintf("search-first-hit-%s-%s-%d.png", c.lang, size, len([]rune(c.query)))
			if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
