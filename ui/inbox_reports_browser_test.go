package ui_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestInboxReportsInTheBrowser is a reviewer's inbox over real reports:
// the list of documents, a document's proposals a page at a time, and a
// bulk drop across the documents, previewed and then applied, with the
// same count previewed, said when done, and gone from the inbox. At 360
// and 1280 px no page scrolls sideways and axe-core finds nothing serious
// or critical; screenshots of each are written for a person to look at.
func TestInboxReportsInTheBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser")
	}
	axe := axeSource(t)
	ra := newReviewApp(t)
	for _, f := range inboxReports(t) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ra.svc.Import(context.Background(), filepath.Base(f), data); err != nil {
			t.Logf("%s: not imported: %v", filepath.Base(f), err) // a report with no case study at all
		}
	}
	waiting := allWaiting(t, ra)
	byDoc := map[string][]apiProposal{}
	for _, p := range waiting {
		byDoc[p.DocumentID] = append(byDoc[p.DocumentID], p)
	}
	if len(byDoc) < 2 {
		t.Fatalf("%d documents with proposals, want at least two to decide across", len(byDoc))
	}
	// The bulk drop takes the less likely half, and at least one proposal
	// in each of two documents: up to the median confidence, or to the
	// second lowest of the documents' lowest confidences if that is more.
	var largest string
	var lows, all []float64
	for id, ps := range byDoc {
		if largest == "" || len(ps) > len(byDoc[largest]) {
			largest = id
		}
		low := ps[0].Confidence
		for _, p := range ps {
			low = min(low, p.Confidence)
			all = append(all, p.Confidence)
		}
		lows = append(lows, low)
	}
	sort.Float64s(lows)
	sort.Float64s(all)
	cut := max(all[len(all)/2], lows[1])
	take := 0
	for _, p := range waiting {
		if p.Confidence <= cut {
			take++
		}
	}
	t.Logf("%d documents, %d proposals waiting, %d in %s; the bulk drop up to confidence %.2f takes %d",
		len(byDoc), len(waiting), len(byDoc[largest]), largest, cut, take)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go ra.app.Listener(ln)
	t.Cleanup(func() { ra.app.ShutdownWithTimeout(5 * time.Second) })
	base := "http://" + ln.Addr().String()
	ctx, cancel := newBrowser(t)
	defer cancel()
	run := runIn(t, ctx)
	until := untilIn(t, ctx, 20*time.Second)
	look := lookIn(t, ctx, axe)
	if err := login(ctx, base, "reviewer@police.example"); err != nil {
		t.Fatal(err)
	}

	run("inbox", chromedp.Navigate(base+"/inbox"), chromedp.WaitVisible("#bulk-across", chromedp.ByQuery))
	for id := range byDoc {
		run("the document "+id, chromedp.WaitVisible(`input[name="documents"][value="`+id+`"]`, chromedp.ByQuery))
	}
	look("inbox-reports")

	// A document's proposals a page at a time: the largest one's at 50 a
	// page when it has more, else by fives.
	size := 50
	if len(byDoc[largest]) <= size {
		size = 5
	}
	ps, pages := byDoc[largest], (len(byDoc[largest])+size-1)/size
	run("the largest document", chromedp.Navigate(fmt.Sprintf("%s/inbox?document=%s&size=%d", base, largest, size)))
	until("its first page", fmt.Sprintf(`document.readyState === "complete" && document.querySelectorAll("li.proposal").length === %d && document.querySelector("nav.pager").textContent.includes("Page 1 of %d")`, size, pages))
	look("inbox-reports-page-1")
	run("the next page", leave(chromedp.Click(`nav.pager a[rel="next"]`, chromedp.ByQuery)))
	until("its second page", fmt.Sprintf(`document.querySelectorAll("li.proposal").length === %d && document.querySelector("li.proposal").id === %q && document.querySelector("nav.pager").textContent.includes("Page 2 of %d")`,
		min(size, len(ps)-size), "p-"+ps[size].ID, pages))
	look("inbox-reports-page-2")

	// The bulk drop across every document: first the preview, which
	// decides nothing.
	run("inbox", chromedp.Navigate(base+"/inbox"), chromedp.WaitVisible("#bulk-across", chromedp.ByQuery))
	for id := range byDoc {
		run("tick "+id, chromedp.Click(`input[name="documents"][value="`+id+`"]`, chromedp.ByQuery))
	}
	run("preview",
		chromedp.SetValue("#across-action", "drop", chromedp.ByQuery),
		chromedp.SetValue("#across-min", "0", chromedp.ByQuery),
		chromedp.SetValue("#across-max", strconv.FormatFloat(cut, 'f', -1, 64), chromedp.ByQuery),
		leave(chromedp.Click(`button[name="step"][value="preview"]`, chromedp.ByQuery)),
	)
	var preview, apply string
	run("the preview", chromedp.Text("#across-preview", &preview, chromedp.ByQuery),
		chromedp.Text(`button[name="step"][value="apply"]`, &apply, chromedp.ByQuery))
	proposals := fmt.Sprintf("%d proposals", take)
	if take == 1 {
		proposals = "1 proposal"
	}
	if !strings.Contains(preview, "This takes "+proposals+":") || apply != "Apply to "+proposals {
		t.Errorf("the preview says %q and offers %q, want %d proposals", preview, apply, take)
	}
	for id, n := range takenIn(t, ra, byDoc, cut) {
		if !strings.Contains(preview, n) {
			t.Errorf("the preview does not say %q for %s: %q", n, id, preview)
		}
	}
	if n := len(allWaiting(t, ra)); n != len(waiting) {
		t.Fatalf("the preview decided %d proposals", len(waiting)-n)
	}
	look("inbox-reports-preview")

	var done string
	run("apply", leave(chromedp.Click(`button[name="step"][value="apply"]`, chromedp.ByQuery)),
		chromedp.Text(`p.notice[role="status"]`, &done, chromedp.ByQuery))
	if want := proposals + " dropped."; done != want {
		t.Errorf("after the bulk drop the inbox says %q, want %q", done, want)
	}
	left := allWaiting(t, ra)
	if len(left) != len(waiting)-take {
		t.Errorf("%d proposals wait after the bulk drop, want %d", len(left), len(waiting)-take)
	}
	for _, p := range left {
		if p.Confidence <= cut {
			t.Errorf("%q (confidence %.2f) still waits after a drop up to %.2f", p.Title, p.Confidence, cut)
		}
	}
	look("inbox-reports-done")
	var trail struct {
		Events []struct {
			Action  string
			Decided []struct{ ID string }
		}
	}
	if status, body := ra.api(t, "admin", "GET", "/api/v1/audit", nil); status != 200 || json.Unmarshal(body, &trail) != nil {
		t.Fatalf("the trail: %d %.200s", status, body)
	}
	var bulk []int
	for _, e := range trail.Events {
		if strings.HasPrefix(e.Action, "proposal.") {
			bulk = append(bulk, len(e.Decided))
		}
	}
	if len(bulk) != 1 || bulk[0] != take {
		t.Errorf("the trail's entries on proposals list %v proposals, want one entry listing %d", bulk, take)
	}

	// The trail's entry, opened, as an admin reads it.
	run("sign out", chromedp.Navigate(base+"/"), leave(chromedp.Submit(`nav.account form`, chromedp.ByQuery)))
	if err := login(ctx, base, "admin@police.example"); err != nil {
		t.Fatal(err)
	}
	run("the audit trail", chromedp.Navigate(base+"/admin/audit"), chromedp.Click("details.decided summary", chromedp.ByQuery))
	until("the bulk entry opened", fmt.Sprintf(`document.querySelector("details.decided").open && document.querySelectorAll("details.decided li").length === %d`, take))
	look("audit-bulk")
}

// takenIn says how many proposals of each document a bulk decision up to
// cut takes, as the preview lists them: "Data Codebook: 43 proposals".
func takenIn(t *testing.T, ra reviewApp, byDoc map[string][]apiProposal, cut float64) map[string]string {
	t.Helper()
	var docs struct{ Documents []struct{ ID, Title string } }
	if status, body := ra.api(t, "reviewer", "GET", "/api/v1/documents", nil); status != 200 || json.Unmarshal(body, &docs) != nil {
		t.Fatalf("documents: %d %.200s", status, body)
	}
	out := map[string]string{}
	for _, d := range docs.Documents {
		n := 0
		for _, p := range byDoc[d.ID] {
			if p.Confidence <= cut {
				n++
			}
		}
		switch {
		case n == 1:
			out[d.ID] = d.Title + ": 1 proposal"
		case n > 1:
			out[d.ID] = fmt.Sprintf("%s: %d proposals", d.Title, n)
		}
	}
	return out
}

// lookIn checks the page the browser shows at 360 and 1280 px, in place
// (a page answering a form cannot be loaded again): no sideways scroll,
// axe-core clean; and writes a screenshot at each width.
func lookIn(t *testing.T, ctx context.Context, axe string) func(name string) {
	dir := screenshotDir(t)
	return func(name string) {
		t.Helper()
		for _, width := range []int64{360, 1280} {
			var js string
			var png []byte
			if err := chromedp.Run(ctx, emulation.SetDeviceMetricsOverride(width, 800, 1, width < 600),
				chromedp.Evaluate(overflowJS, &js), chromedp.FullScreenshot(&png, 60)); err != nil {
				t.Fatalf("%s at %d px: %v", name, width, err)
			}
			var o overflow
			if err := json.Unmarshal([]byte(js), &o); err != nil {
				t.Fatal(err)
			}
			if o.Scroll > o.Client {
				t.Errorf("%s at %d px: the page is %d px wide; widest: %s", name, width, o.Scroll, o.Worst)
			}
			checkAxe(t, ctx, axe, fmt.Sprintf("%s at %d px", name, width))
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%d.jpg", name, width)), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if err := chromedp.Run(ctx, emulation.ClearDeviceMetricsOverride()); err != nil {
			t.Fatal(err)
		}
	}
}

// inboxReports lists the PDFs the inbox's browser test imports: the
// three smallest of the published anti-trafficking reports (all sixteen
// with COMPENDIUM_ALL_REPORTS=1) where that folder is beside the
// repository, else three sample compendia.
func inboxReports(t *testing.T) []string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "pdfs", "anti-trafficking")
	files, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	if len(files) == 0 {
		t.Logf("no reports in %s: three sample compendia stand in", dir)
		var out []string
		for _, name := range []string{"state-casebook.pdf", "law-enforcement-compendium.pdf", "border-casebook.pdf"} {
			out = append(out, filepath.Join("..", "samples", name))
		}
		return out
	}
	size := map[string]int64{}
	for _, f := range files {
		if info, err := os.Stat(f); err == nil {
			size[f] = info.Size()
		}
	}
	sort.Slice(files, func(i, j int) bool { return size[files[i]] < size[files[j]] })
	if os.Getenv("COMPENDIUM_ALL_REPORTS") == "" && len(files) > 3 {
		files = files[:3]
	}
	return files
}

// allWaiting lists every proposal waiting, a page of the API at a time.
func allWaiting(t *testing.T, ra reviewApp) []apiProposal {
	t.Helper()
	var all []apiProposal
	for page := 1; ; page++ {
		status, body := ra.api(t, "reviewer", "GET", fmt.Sprintf("/api/v1/proposals?status=proposed&size=500&page=%d", page), nil)
		var out struct {
			Proposals []apiProposal
			Pages     int
		}
		if status != 200 || json.Unmarshal(body, &out) != nil {
			t.Fatalf("proposals: %d %.200s", status, body)
		}
		all = append(all, out.Proposals...)
		if page >= out.Pages {
			return all
		}
	}
}
