package ui_test

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestInboxInTheBrowser is the path an admin takes with a new report:
// import it, open the inbox, add a route (first with a destination no
// gazetteer knows), correct a title, publish three proposals,
// drop the rest, withdraw one practice and open its old link, which
// answers with a tombstone. axe-core checks each page; screenshots at 360
// and 1280 px are written for a person to look at.
func TestInboxInTheBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser")
	}
	axe := axeSource(t)
	ra := newReviewApp(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go ra.app.Listener(ln)
	t.Cleanup(func() { ra.app.ShutdownWithTimeout(5 * time.Second) })
	base := "http://" + ln.Addr().String()
	upload := filepath.Join(t.TempDir(), "district-casebook.pdf")
	if err := os.WriteFile(upload, sampleBytes(t, "state-casebook.pdf"), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := newBrowser(t)
	defer cancel()
	run := runIn(t, ctx)
	until := untilIn(t, ctx, 20*time.Second)
	count := func(sel string) string {
		return fmt.Sprintf(`document.readyState === "complete" && document.querySelectorAll(%q).length`, sel)
	}
	dir := screenshotDir(t)
	start := time.Now()
	check := func(name string) {
		t.Helper()
		t.Logf("%s at %v", name, time.Since(start).Round(time.Second))
		checkAxe(t, ctx, axe, name)
		var path string
		run("where", chromedp.Evaluate(`location.pathname + location.search`, &path))
		for _, width := range []int64{360, 1280} {
			var png []byte
			run("screenshot "+name,
				emulation.SetDeviceMetricsOverride(width, 800, 1, width < 600),
				chromedp.Navigate(base+path), chromedp.WaitVisible("h1", chromedp.ByQuery),
				chromedp.FullScreenshot(&png, 80),
			)
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%d.jpg", name, width)), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		run("reset viewport", emulation.ClearDeviceMetricsOverride())
	}

	if err := login(ctx, base, "admin@police.example"); err != nil {
		t.Fatal(err)
	}
	run("import",
		chromedp.Navigate(base+"/admin/import"),
		chromedp.SetUploadFiles("#i-files", []string{upload}, chromedp.ByQuery),
		chromedp.Click(`form[action="/admin/import"] button`, chromedp.ByQuery),
		chromedp.WaitVisible(`div[role="status"]`, chromedp.ByQuery),
	)
	check("import")
	run("inbox", chromedp.Navigate(base+"/inbox"), chromedp.WaitVisible(`a[href="/inbox?document=district-casebook"]`, chromedp.ByQuery))
	check("inbox")
	run("open the document's proposals", chromedp.Click(`a[href="/inbox?document=district-casebook"]`, chromedp.ByQuery))
	until("proposals", count("li.proposal.status-proposed")+` === 11`)
	check("inbox-document")

	// Add a route to the first proposal: an unknown destination is named
	// with its route's number, and the row keeps what was typed.
	const newRow = `li.status-proposed fieldset.route-row:last-of-type `
	run("add a route with an unknown destination",
		chromedp.Click(`li.status-proposed details.routes summary`, chromedp.ByQuery),
		chromedp.SetValue(newRow+`input[name="route_source"]`, "Gumla, Jharkhand", chromedp.ByQuery),
		chromedp.SetValue(newRow+`input[name="route_destination"]`, "Atlantis", chromedp.ByQuery),
		chromedp.Click(`li.status-proposed button[value="save"]`, chromedp.ByQuery),
	)
	until("the route's error", `document.readyState === "complete" && /route \d+: destination “Atlantis” is not a known state/.test(document.querySelector(".routes-edit .error")?.textContent ?? "")`)
	checkAxe(t, ctx, axe, "inbox-route-error")
	var shot []byte
	run("screenshot of the route's error", chromedp.ScrollIntoView(".routes-edit .error", chromedp.ByQuery), chromedp.CaptureScreenshot(&shot))
	if err := os.WriteFile(filepath.Join(dir, "inbox-route-error.png"), shot, 0o644); err != nil {
		t.Fatal(err)
	}

	// Correct the destination and the first title, then publish it and two more.
	const title = "Operation Muskaan, corrected in the inbox"
	run("edit a route and a title and publish",
		chromedp.SetValue(`li.status-proposed input[name="route_destination"][value="Atlantis"]`, "Delhi", chromedp.ByQuery),
		chromedp.SetValue(`li.status-proposed input[name="title"]`, title, chromedp.ByQuery),
		chromedp.Click(`li.status-proposed button[value="publish"]`, chromedp.ByQuery),
	)
	until("first published", count("li.proposal.status-published")+` === 1`)
	for n := 2; n <= 3; n++ {
		run("publish", chromedp.Click(`li.status-proposed button[value="publish"]`, chromedp.ByQuery))
		until("published", count("li.proposal.status-published")+fmt.Sprintf(` === %d`, n))
	}
	run("drop the rest",
		chromedp.SetValue(`#bulk-action`, "drop", chromedp.ByQuery),
		chromedp.SetValue(`#bulk-range`, "above", chromedp.ByQuery),
		chromedp.SetValue(`#bulk-threshold`, "0", chromedp.ByQuery),
		chromedp.Click(`form[action="/inbox/bulk"] button`, chromedp.ByQuery),
	)
	until("dropped", count("li.proposal.status-dropped")+` === 8`)
	var practice string
	run("the corrected practice",
		chromedp.Navigate(base+"/?q="+strings.ReplaceAll("corrected in the inbox", " ", "+")),
		chromedp.WaitVisible(".hit h2 a", chromedp.ByQuery),
		chromedp.AttributeValue(".hit h2 a", "href", &practice, nil, chromedp.ByQuery),
	)
	var total string
	run("count", chromedp.Navigate(base+"/api/v1/search?size=1"), chromedp.Text("body", &total, chromedp.ByQuery))
	if !strings.Contains(total, `"total":3`) {
		t.Errorf("public search after publishing three and dropping the rest: %.80s, want a total of 3", total)
	}
	run("document page", chromedp.Navigate(base+"/admin/documents/district-casebook"), chromedp.WaitVisible("#hist-h", chromedp.ByQuery))
	check("document")

	// Withdraw the corrected practice.
	const reason = "The same case as in the state compendium; cite that one."
	run("practice page", chromedp.Navigate(base+practice), chromedp.WaitVisible("h1", chromedp.ByQuery))
	var routes string
	run("its routes", chromedp.Text("main", &routes, chromedp.ByQuery))
	if !strings.Contains(routes, "Gumla, Jharkhand → Delhi") {
		t.Errorf("the published practice does not show the route added in the inbox: %.300s", routes)
	}
	run("correct page", chromedp.Click(`a[href^="/admin/practices/"]`, chromedp.ByQuery), chromedp.WaitVisible("#wd-reason", chromedp.ByQuery))
	check("correct")
	run("withdraw",
		chromedp.SendKeys("#wd-reason", reason, chromedp.ByQuery),
		chromedp.Click(`form[action$="/withdraw"] button`, chromedp.ByQuery),
	)
	until("tombstone", `document.readyState === "complete" && document.querySelector("h1").textContent.startsWith("Withdrawn:")`)

	// Its old link, as a reader who is not signed in opens it.
	run("sign out", chromedp.Click(`nav.account button.link`, chromedp.ByQuery), chromedp.WaitVisible(`nav.account a[href="/login"]`, chromedp.ByQuery))
	var h1, body string
	run("old link", chromedp.Navigate(base+practice), chromedp.WaitVisible("h1", chromedp.ByQuery),
		chromedp.Text("h1", &h1, chromedp.ByQuery), chromedp.Text("main", &body, chromedp.ByQuery))
	if h1 != "Withdrawn: "+title || !strings.Contains(body, reason) || !strings.Contains(body, "pp.") && !strings.Contains(body, "p. ") {
		t.Errorf("the old link shows %q / %.200s; want the tombstone with the title, the reason and the source pages", h1, body)
	}
	check("tombstone")
	t.Logf("screenshots in %s", dir)
}
