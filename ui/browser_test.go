package ui_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/compendium-kb/compendium/kb"
)

type runtimeEvaluate = runtime.EvaluateParams

func ioCopy(w *strings.Builder, resp *http.Response) (int, error) {
	n, err := io.Copy(w, resp.Body)
	return int(n), err
}

// These tests drive a real headless Chromium (Debian's chromium package,
// which .ci/run installs) through the pages the way people use them, run
// axe-core on every page in both themes, and write screenshots at 360 and
// 1280 px to $COMPENDIUM_SCREENSHOTS (default: screenshots/ at the top of
// the repository) for a person to look at.

func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	missing(t, "no Chromium: install Debian's chromium package (.ci/run does)")
	return ""
}

// missing skips a test whose tool is not installed, or fails it where
// COMPENDIUM_REQUIRE_TOOLS is set (.ci/run sets it after installing
// them): there a skipped browser test would hide that it never ran.
func missing(t *testing.T, why string) {
	t.Helper()
	if os.Getenv("COMPENDIUM_REQUIRE_TOOLS") != "" {
		t.Fatal(why + " (COMPENDIUM_REQUIRE_TOOLS is set)")
	}
	t.Skip(why)
}

func axeSource(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", ".ci", "js", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		missing(t, "axe-core is not installed: run .ci/run, or npm ci in .ci/js")
	}
	return string(data)
}

// liveServer serves a knowledge base with the samples and three accounts
// on a loopback port.
func liveServer(t *testing.T) (string, reviewApp) {
	t.Helper()
	ra := newReviewApp(t)
	files, _ := filepath.Glob(filepath.Join("..", "samples", "*.pdf"))
	for _, f := range files {
		data, _ := os.ReadFile(f)
		if _, err := ra.svc.ImportWith(context.Background(), filepath.Base(f), data, kb.ImportOptions{PublishAll: true}); err != nil {
			t.Fatal(err)
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go ra.app.Listener(ln)
	t.Cleanup(func() { ra.app.ShutdownWithTimeout(5 * time.Second) })
	return "http://" + ln.Addr().String(), ra
}

func newBrowser(t *testing.T) (context.Context, context.CancelFunc) {
	t.Helper()
	// Chromium may still write to its profile as the test ends: remove it
	// ourselves, after the browser is gone.
	profile, err := os.MkdirTemp("", "compendium-chromium")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(profile) })
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	// This cdproto predates some event fields of the current Chromium;
	// the events the tests use decode fine, so stay quiet about the rest.
	ctx, cancelCtx := chromedp.NewContext(actx, chromedp.WithErrorf(func(string, ...any) {}))
	// A guard against a browser that hangs, not a measure of speed: on a
	// busy two-core machine a whole walk through the pages took over three
	// minutes.
	ctx, cancelTimeout := context.WithTimeout(ctx, 10*time.Minute)
	if err := chromedp.Run(ctx); err != nil {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
		missing(t, fmt.Sprintf("Chromium does not start here: %v", err))
	}
	return ctx, func() { cancelTimeout(); cancelCtx(); cancelAlloc() }
}

type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []any `json:"target"`
	} `json:"nodes"`
}

// checkAxe runs axe-core on the page in the browser and fails on serious
// or critical violations of WCAG 2.1 A and AA.
func checkAxe(t *testing.T, ctx context.Context, axe, name string) {
	t.Helper()
	for _, v := range axeRun(t, ctx, axe, name) {
		if v.Impact == "serious" || v.Impact == "critical" {
			var where []string
			for i, n := range v.Nodes {
				if i == 3 {
					break
				}
				where = append(where, fmt.Sprint(n.Target...))
			}
			t.Errorf("%s: axe %s (%s): %s at %s", name, v.ID, v.Impact, v.Help, strings.Join(where, "; "))
		}
	}
}

func axeRun(t *testing.T, ctx context.Context, axe, name string) []axeViolation {
	t.Helper()
	var res string
	err := chromedp.Run(ctx,
		chromedp.Evaluate(axe, nil),
		chromedp.Evaluate(`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}).then(r => JSON.stringify(r.violations))`, &res,
			func(p *runtimeEvaluate) *runtimeEvaluate { return p.WithAwaitPromise(true) }),
	)
	if err != nil {
		t.Errorf("%s: running axe-core: %v", name, err)
		return nil
	}
	var vs []axeViolation
	if err := json.Unmarshal([]byte(res), &vs); err != nil {
		t.Errorf("%s: axe-core result: %v", name, err)
	}
	return vs
}

func screenshotDir(t *testing.T) string {
	dir := os.Getenv("COMPENDIUM_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join("..", "screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func setTheme(ctx context.Context, base, contrast string) error {
	value := ""
	if contrast == "high" {
		value = "contrast=high"
	}
	return chromedp.Run(ctx, chromedp.ActionFunc(func(ctx context.Context) error {
		host := strings.TrimPrefix(base, "http://")
		return network.SetCookie("compendium_display", value).WithDomain(strings.Split(host, ":")[0]).WithPath("/").Do(ctx)
	}))
}

func login(ctx context.Context, base, email string) error {
	return chromedp.Run(ctx,
		chromedp.Navigate(base+"/login"),
		chromedp.SendKeys("#email", email, chromedp.ByQuery),
		chromedp.SendKeys("#password", "a long enough password", chromedp.ByQuery),
		leave(chromedp.Submit("#password", chromedp.ByQuery)),
		chromedp.WaitVisible(`nav.account button.link`, chromedp.ByQuery), // signed in
	)
}

// leave runs actions that leave the page (a form sent, a link followed)
// and returns once the next page has loaded. Waiting for an element is not
// enough when the page being left has it too (the sign-out button of a
// user who signs in as someone else): the next navigation would then start
// while Chromium still follows the form's redirect, and one of the two is
// aborted (net::ERR_ABORTED).
func leave(actions ...chromedp.Action) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		if err := chromedp.Evaluate(`window.leavingThisPage = true`, nil).Do(ctx); err != nil {
			return err
		}
		if err := chromedp.Tasks(actions).Do(ctx); err != nil {
			return err
		}
		for {
			// Between pages the evaluation may fail; that is not an answer.
			var arrived bool
			err := chromedp.Evaluate(`!window.leavingThisPage && document.readyState === "complete"`, &arrived).Do(ctx)
			if err == nil && arrived {
				return nil
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(50 * time.Millisecond):
			}
		}
	})
}

// TestInTheBrowser is what a user does: search, filter, open a practice,
// change text size and contrast, copy a citation, sign in, submit a
// practice, review it; axe-core checks every page in both themes, and
// screenshots are written for a person to look at.
func TestInTheBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser")
	}
	axe := axeSource(t)
	base, _ := liveServer(t)
	ctx, cancel := newBrowser(t)
	defer cancel()
	// The checker itself: a page with an unlabelled field must fail it.
	if err := chromedp.Run(ctx, chromedp.Navigate(`data:text/html,<html><body><input type="text"></body></html>`)); err != nil {
		t.Fatal(err)
	}
	if vs := axeRun(t, ctx, axe, "a broken page"); len(vs) == 0 {
		t.Fatal("axe-core found nothing wrong with an unlabelled field: the check does not run")
	}
	run := runIn(t, ctx)

	// until waits for a condition on the page that the last action leads
	// to, tolerating errors while the browser is between pages.
	until := untilIn(t, ctx, 10*time.Second)

	// Search by typing and pressing Enter, as an officer does.
	run("search",
		chromedp.Navigate(base+"/"),
		chromedp.SendKeys("#q", "inter-state", chromedp.ByQuery),
		// The suggestion list may change the box while keys arrive; set the
		// whole query before submitting, as Enter does.
		chromedp.SetValue("#q", "inter-state rescue", chromedp.ByQuery),
		chromedp.Submit("#q", chromedp.ByQuery),
	)
	// The home page lists practices too: wait for the results page.
	until("search", `location.search.includes("q=inter-state")`)
	var first string
	run("results",
		chromedp.WaitVisible(".hit h2 a", chromedp.ByQuery),
		chromedp.Text(".hit h2 a", &first, chromedp.ByQuery),
	)
	var query string
	run("query", chromedp.Value("#q", &query, chromedp.ByQuery))
	if !strings.Contains(first, "Inter-State Rescue") {
		t.Errorf("first hit for %q: %q", query, first)
	}
	// Filter by a facet, then see the filter listed for removal.
	var active string
	run("filter",
		chromedp.Click(`aside.facets a[href*="state=Maharashtra"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`ul.active a`, chromedp.ByQuery),
		chromedp.Text(`ul.active`, &active, chromedp.ByQuery),
	)
	if !strings.Contains(active, "State: Maharashtra") {
		t.Errorf("active filters %q", active)
	}
	// Open the practice; keyboard users get there with Tab and Enter.
	var h1 string
	run("open practice",
		chromedp.Click(`.hit h2 a`, chromedp.ByQuery),
		chromedp.WaitVisible(`#cite-h`, chromedp.ByQuery),
		chromedp.Text("h1", &h1, chromedp.ByQuery),
	)
	if h1 == "" {
		t.Fatal("the practice page has no heading")
	}
	// Larger text and high contrast, remembered after a reload.
	var class string
	run("larger text", chromedp.Click(`nav.display a[href*="size=large"]`, chromedp.ByQuery))
	until("larger text", `document.documentElement.classList.contains("text-large")`)
	run("high contrast", chromedp.Click(`#contrast-toggle`, chromedp.ByQuery))
	until("high contrast", `document.documentElement.classList.contains("contrast-high")`)
	run("reload", chromedp.Reload())
	until("reload", `document.readyState === "complete" && !!document.getElementById("cite-h")`)
	run("class", chromedp.AttributeValue("html", "class", &class, nil, chromedp.ByQuery))
	if !strings.Contains(class, "text-large") || !strings.Contains(class, "contrast-high") {
		t.Errorf("html class after reload: %q", class)
	}
	// Copy the APA citation to the clipboard.
	var copied, clip string
	run("copy citation",
		cdpbrowser.GrantPermissions([]cdpbrowser.PermissionType{cdpbrowser.PermissionTypeClipboardReadWrite, cdpbrowser.PermissionTypeClipboardSanitizedWrite}).WithOrigin(base),
		chromedp.Click(`button[data-copy="cite-apa"]`, chromedp.ByQuery),
		chromedp.Sleep(300*time.Millisecond),
		chromedp.Text(`button[data-copy="cite-apa"]`, &copied, chromedp.ByQuery),
		chromedp.Evaluate(`navigator.clipboard.readText()`, &clip, func(p *runtimeEvaluate) *runtimeEvaluate { return p.WithAwaitPromise(true) }),
	)
	if copied != "Copied" || !strings.Contains(clip, h1) {
		t.Errorf("copy: button %q, clipboard %q", copied, clip)
	}
	run("back to normal display", chromedp.Navigate(base+"/display?size=normal&contrast=normal&back=/"))

	// Sign in as an officer and submit a practice through the form.
	if err := login(ctx, base, "officer@police.example"); err != nil {
		t.Fatal(err)
	}
	var status string
	run("submit a practice",
		chromedp.Navigate(base+"/submissions/new"),
		chromedp.SendKeys("#f-title", "Bus stand vigilance with auto-rickshaw drivers in Gumla", chromedp.ByQuery),
		chromedp.SendKeys("#f-states", "Jharkhand", chromedp.ByQuery),
		chromedp.SendKeys("#f-problem", "Recruiters took girls from villages to the bus stand and on to cities without anyone noticing.", chromedp.ByQuery),
		chromedp.SendKeys("#f-action", "The police trained auto-rickshaw drivers and shopkeepers at the bus stand to call the AHTU about groups of girls travelling with strangers.", chromedp.ByQuery),
		chromedp.SendKeys("#f-results", "23 calls in a year; 17 girls stopped and returned home; 5 recruiters arrested.", chromedp.ByQuery),
		chromedp.SendKeys("#f-lessons", "People who work at transit points see trafficking first; give them one number to call.", chromedp.ByQuery),
		chromedp.Click(`button[value="submit"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`.status.status-submitted`, chromedp.ByQuery),
		chromedp.Text(`.status`, &status, chromedp.ByQuery),
	)
	if status != "submitted" {
		t.Fatalf("status after submitting: %q", status)
	}
	var submissionURL string
	run("where", chromedp.Location(&submissionURL))

	// Sign in as a reviewer and approve it.
	run("sign out", chromedp.Click(`nav.account button.link`, chromedp.ByQuery), chromedp.WaitVisible(`nav.account a[href="/login"]`, chromedp.ByQuery))
	if err := login(ctx, base, "reviewer@police.example"); err != nil {
		t.Fatal(err)
	}
	run("approve",
		chromedp.Navigate(submissionURL),
		chromedp.Click(`button[value="approve"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`.status.status-approved`, chromedp.ByQuery),
		chromedp.Text(`.status`, &status, chromedp.ByQuery),
	)
	if status != "approved (published)" {
		t.Errorf("status after approval: %q", status)
	}

	// axe-core on every page, in both themes; screenshots of the main ones.
	pages := map[string]string{
		"home": "/", "results": "/?q=" + "bonded+labour", "practice": strings.TrimPrefix(strings.Split(submissionURL, "#")[0], base),
		"documents": "/documents", "submissions": "/submissions?status=all", "submission": strings.TrimPrefix(submissionURL, base),
		"form": "/submissions/new", "notices": "/notices", "packs": "/packs", "not-found": "/nothing/here",
		"some words": "/?q=kilns+bhiwandi+zari+embroidery+railway", "no results": "/?q=zzqqxx",
	}
	var practiceURL string
	run("find the published practice",
		chromedp.Navigate(base+"/?q=bus+stand+vigilance"),
		chromedp.WaitVisible(".hit h2 a", chromedp.ByQuery),
		chromedp.AttributeValue(".hit h2 a", "href", &practiceURL, nil, chromedp.ByQuery),
	)
	pages["practice"] = practiceURL
	dir := screenshotDir(t)
	shots := map[string]bool{"home": true, "results": true, "practice": true, "form": true, "submission": true}
	for _, theme := range []string{"normal", "high", "dark"} {
		if err := setTheme(ctx, base, theme); err != nil {
			t.Fatal(err)
		}
		// The dark theme follows the system setting; emulate it.
		scheme := "light"
		if theme == "dark" {
			scheme = "dark"
		}
		run("color scheme", emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}))
		for name, path := range pages {
			run("open "+name, chromedp.Navigate(base+path), chromedp.WaitVisible("h1", chromedp.ByQuery))
			checkAxe(t, ctx, axe, name+" ("+theme+" contrast)")
			if !shots[name] {
				continue
			}
			for _, width := range []int64{360, 1280} {
				var png []byte
				run("screenshot "+name,
					emulation.SetDeviceMetricsOverride(width, 800, 1, width < 600),
					chromedp.Navigate(base+path), chromedp.WaitVisible("h1", chromedp.ByQuery),
					chromedp.FullScreenshot(&png, 80),
				)
				file := filepath.Join(dir, fmt.Sprintf("%s-%d-%s.jpg", name, width, theme))
				if err := os.WriteFile(file, png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			run("reset viewport", emulation.ClearDeviceMetricsOverride())
		}
	}
	t.Logf("screenshots in %s", dir)
}

// TestPageWeight measures what a page costs on a slow link: the page and
// everything it loads, as sent (compressed). A results page and a practice
// page must each stay under 100 KB.
func TestPageWeight(t *testing.T) {
	base, _ := liveServer(t)
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	weigh := func(path string) int {
		total := 0
		fetch := func(url string) string {
			req, _ := http.NewRequest("GET", url, nil)
			req.Header.Set("Accept-Encoding", "gzip, deflate, br")
			resp, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			buf := new(strings.Builder)
			n, _ := ioCopy(buf, resp)
			total += n
			return buf.String()
		}
		fetch(base + path)
		// Assets: same-origin stylesheets and scripts. The page is
		// compressed; ask again uncompressed to read its links.
		plain, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer plain.Body.Close()
		html := new(strings.Builder)
		ioCopy(html, plain)
		for _, m := range regexp.MustCompile(`(?:href|src)="(/static/[^"]+)"`).FindAllStringSubmatch(html.String(), -1) {
			fetch(base + m[1])
		}
		return total
	}
	results := weigh("/?q=bonded+labour")
	practice := weigh("/practices/ajjiwjc3pq/inter-state-rescue-of-trafficked-women-from-bhiwandi-by-andhra-pradesh-police")
	t.Logf("page weight, as transferred: results %d bytes, practice %d bytes", results, practice)
	for name, n := range map[string]int{"results": results, "practice": practice} {
		if n > 100*1024 {
			t.Errorf("%s page weighs %d bytes, over 100 KB", name, n)
		}
	}
}

// TestKeyboardAndSlowLink: the skip link comes first, a search and a
// result can be reached and opened with the keyboard alone; and page load
// times on a slow 3G profile are measured.
func TestKeyboardAndSlowLink(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser")
	}
	base, _ := liveServer(t)
	ctx, cancel := newBrowser(t)
	defer cancel()
	active := func() string {
		var s string
		// Keys are handled asynchronously and may load a page: let focus
		// settle, and ask again while the document is being replaced.
		var err error
		for try := 0; try < 40; try++ {
			err = chromedp.Run(ctx, chromedp.Sleep(50*time.Millisecond), chromedp.Evaluate(`(function(){var e = document.activeElement; if (!e || document.readyState === "loading") throw "loading"; return (e.className || "") + "#" + (e.id || "") + "|" + (e.getAttribute("href") || "");})()`, &s))
			if err == nil {
				return s
			}
		}
		t.Fatal(err)
		return s
	}
	if err := chromedp.Run(ctx, chromedp.Navigate(base+"/"), chromedp.WaitVisible("h1", chromedp.ByQuery), chromedp.KeyEvent("\t")); err != nil {
		t.Fatal(err)
	}
	if a := active(); !strings.HasPrefix(a, "skip#") {
		t.Fatalf("the first Tab stop is %q, want the skip link", a)
	}
	// Skip to the content: the next stop is the search box.
	if err := chromedp.Run(ctx, chromedp.KeyEvent("\r"), chromedp.KeyEvent("\t")); err != nil {
		t.Fatal(err)
	}
	if a := active(); !strings.Contains(a, "#q|") {
		t.Fatalf("after the skip link, focus is on %q, want the search box", a)
	}
	if err := chromedp.Run(ctx, chromedp.KeyEvent("bonded labour"), chromedp.KeyEvent("\r"), chromedp.WaitVisible(".hit", chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	found := false
	for i := 0; i < 40 && !found; i++ {
		if err := chromedp.Run(ctx, chromedp.KeyEvent("\t")); err != nil {
			t.Fatal(err)
		}
		found = strings.Contains(active(), "|/practices/")
	}
	if !found {
		t.Fatal("no result link reached with Tab")
	}
	var h1 string
	if err := chromedp.Run(ctx, chromedp.KeyEvent("\r"), chromedp.WaitVisible("#cite-h", chromedp.ByQuery), chromedp.Text("h1", &h1, chromedp.ByQuery)); err != nil {
		t.Fatalf("opening a result with Enter: %v", err)
	}

	// Slow 3G as Chrome's DevTools define it: 400 ms latency, 400 kbit/s down.
	var loads []string
	for _, path := range []string{"/?q=bonded+labour", "/practices/ajjiwjc3pq/inter-state-rescue-of-trafficked-women-from-bhiwandi-by-andhra-pradesh-police"} {
		var ms float64
		err := chromedp.Run(ctx,
			network.Enable(),
			network.SetCacheDisabled(true),
			network.EmulateNetworkConditions(false, 400, 400*1000/8, 400*1000/8),
			chromedp.Navigate(base+path),
			chromedp.WaitVisible("h1", chromedp.ByQuery),
			chromedp.Evaluate(`performance.getEntriesByType("navigation")[0].loadEventEnd`, &ms),
		)
		if err != nil {
			t.Fatal(err)
		}
		loads = append(loads, fmt.Sprintf("%s %.0f ms", path[:min(len(path), 30)], ms))
	}
	t.Logf("load on slow 3G (400 ms, 400 kbit/s), cache off: %s", strings.Join(loads, "; "))
}

// runIn runs browser actions in ctx, failing the test with what was being
// done when one fails.
func runIn(t *testing.T, ctx context.Context) func(what string, actions ...chromedp.Action) {
	return func(what string, actions ...chromedp.Action) {
		t.Helper()
		if err := chromedp.Run(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
}

// untilIn waits for a condition on the page that the last action leads
// to, tolerating errors while the browser is between pages.
func untilIn(t *testing.T, ctx context.Context, wait time.Duration) func(what, js string) {
	return func(what, js string) {
		t.Helper()
		for deadline := time.Now().Add(wait); ; {
			var ok bool
			if chromedp.Run(ctx, chromedp.Evaluate(js, &ok)) == nil && ok {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: %s did not become true", what, js)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
}
