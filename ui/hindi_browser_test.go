package ui_test

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/compendium-kb/compendium/samples"
)

// TestHindiResultsInTheBrowser chooses Hindi with the language control
// (a link: no script involved), searches in Hindi, and checks the
// results page at 360 px in both contrasts: the page is in Hindi,
// axe-core finds nothing serious (the language link names its own
// language with lang), nothing scrolls sideways. Then an officer signs
// in and opens the submission form, still in Hindi, at 360 px: the same
// checks. Screenshots are written.
func TestHindiResultsInTheBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser")
	}
	axe := axeSource(t)
	base, ra := liveServer(t)
	doc, ps, err := samples.Hindi()
	if err != nil {
		t.Fatal(err)
	}
	if err := ra.svc.SavePractices(context.Background(), doc, nil, ps); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := newBrowser(t)
	defer cancel()
	run := runIn(t, ctx)
	results := "/?q=" + url.QueryEscape("बंधुआ मज़दूरी")
	run("choose Hindi",
		emulation.SetDeviceMetricsOverride(360, 800, 1, true),
		chromedp.Navigate(base+results),
		chromedp.Click(`nav.display a[hreflang="hi"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`html[lang="hi"]`, chromedp.ByQuery),
	)
	dir := screenshotDir(t)
	for _, contrast := range []string{"normal", "high"} {
		var heading, first string
		var overflow bool
		var png []byte
		run("open the Hindi results",
			chromedp.Navigate(base+"/display?contrast="+contrast+"&back="+url.QueryEscape(results)),
			chromedp.WaitVisible("#count", chromedp.ByQuery),
			chromedp.Text("h1", &heading, chromedp.ByQuery),
			chromedp.Text("ol.hits li.hit h2", &first, chromedp.ByQuery),
			chromedp.Evaluate(`document.documentElement.scrollWidth > window.innerWidth + 1`, &overflow),
		)
		where := fmt.Sprintf("Hindi results at 360 px (%s contrast)", contrast)
		if heading != "“बंधुआ मज़दूरी” से मेल खाती कार्यप्रणालियाँ" {
			t.Errorf("%s: heading %q, want the Hindi one", where, heading)
		}
		if first != "राजस्थान के ईंट भट्ठों से बंधुआ मज़दूरों की मुक्ति" {
			t.Errorf("%s: first hit %q, want the brick kiln case", where, first)
		}
		if overflow {
			t.Errorf("%s: the page scrolls sideways", where)
		}
		checkAxe(t, ctx, axe, where)
		run("screenshot", chromedp.FullScreenshot(&png, 80))
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("search-hindi-360-%s.jpg", contrast)), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	hindiSubmissionForm(t, ctx, base, axe, dir)
	run("reset viewport", emulation.ClearDeviceMetricsOverride())
}

// hindiSubmissionForm signs in as an officer, in the browser whose
// display cookie chose Hindi, and checks the submission form at 360 px.
func hindiSubmissionForm(t *testing.T, ctx context.Context, base, axe, dir string) {
	t.Helper()
	run := runIn(t, ctx)
	if err := login(ctx, base, "officer@police.example"); err != nil {
		t.Fatalf("signing in: %v", err)
	}
	var heading, title, submit string
	var overflow bool
	var png []byte
	run("open the form in Hindi",
		chromedp.Navigate(base+"/display?contrast=normal&back="+url.QueryEscape("/submissions/new")),
		chromedp.WaitVisible(`html[lang="hi"] #f-title`, chromedp.ByQuery),
		chromedp.Text("h1", &heading, chromedp.ByQuery),
		chromedp.Text(`label[for="f-title"]`, &title, chromedp.ByQuery),
		chromedp.Text(`button[value="submit"]`, &submit, chromedp.ByQuery),
		chromedp.Evaluate(`document.documentElement.scrollWidth > window.innerWidth + 1`, &overflow),
	)
	where := "the submission form in Hindi at 360 px"
	for _, c := range []struct{ what, got, want string }{
		{"heading", heading, "उत्तम कार्यप्रणाली दर्ज करें"},
		{"title label", title, "शीर्षक"},
		{"submit button", submit, "सहेजें और समीक्षा के लिए भेजें"},
	} {
		if !strings.HasPrefix(strings.TrimSpace(c.got), c.want) {
			t.Errorf("%s: %s %q, want it to start with %q", where, c.what, c.got, c.want)
		}
	}
	if overflow {
		t.Errorf("%s: the page scrolls sideways", where)
	}
	checkAxe(t, ctx, axe, where)
	run("screenshot", chromedp.FullScreenshot(&png, 80))
	if err := os.WriteFile(filepath.Join(dir, "submission-form-hindi-360.jpg"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}
