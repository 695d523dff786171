package ui_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/compendium-kb/compendium/kb"
)

// A phone user must never scroll sideways (WCAG 1.4.10 Reflow): every
// page, as every role, at 320 and 360 px, in every text size and both
// contrasts, with data that has long names and unbroken strings. axe-core
// does not check this, so the test measures the page itself.

const (
	longWord = "Supercalifragilisticexpialidocious_AntiHumanTraffickingUnit_Jharkhand_Ranchi_2024"
	longFile = "Compendium_of_best_practices_on_anti_human_trafficking_by_law_enforcement_agencies_second_edition_final.pdf"
)

// overflowJS reports the page's scroll width against its viewport, and the
// element that reaches furthest right, so a failure says what to fix.
const overflowJS = `(() => {
  const client = document.documentElement.clientWidth;
  let right = client, worst = "";
  for (const el of document.querySelectorAll("body *")) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > right + 0.5) {
      right = r.right;
      worst = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (typeof el.className === "string" && el.className ? "." + el.className.split(" ").join(".") : "") + " “" + (el.textContent || "").trim().slice(0, 40) + "”";
    }
  }
  return JSON.stringify({scroll: document.documentElement.scrollWidth, client, worst});
})()`

type overflow struct {
	Scroll, Client int
	Worst          string
}

func TestNoSidewaysScrollOnPhones(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser")
	}
	base, ra := liveServer(t)
	data, err := os.ReadFile(filepath.Join("..", "samples", "training-digest.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ra.svc.ImportWith(context.Background(), longFile, data, kb.ImportOptions{PublishAll: true}); err != nil {
		t.Fatal(err)
	}
	// The same, proposed: the inbox shows long names too.
	proposedFile := "Proposed_" + longFile
	if _, err := ra.svc.Import(context.Background(), proposedFile, data); err != nil {
		t.Fatal(err)
	}
	sub := longSubmission(t, ra)
	ctx, cancel := newBrowser(t)
	defer cancel()
	run := runIn(t, ctx)
	var practice string
	run("find the submitted practice", chromedp.Navigate(base+"/?q="+longWord[:20]),
		chromedp.AttributeValue(".hit h2 a", "href", &practice, nil, chromedp.ByQuery))

	public := []string{"/", "/?q=rescue+railway", "/?q=zzzqqqxx", "/?page=999", "/?state=Bihar&theme=rescue",
		practice, firstPracticeOf(t, ra, "training-digest"), "/documents", "/login", "/no/such/page"}
	// Each page is loaded once per width; text size and contrast are the
	// classes the display cookie gives the html element (prefs.Class), set
	// in place, so that 12 combinations cost one navigation, not twelve.
	classes := map[string]string{}
	for _, size := range []string{"small", "normal", "large"} {
		for _, contrast := range []string{"normal", "high"} {
			var cls []string
			if size != "normal" {
				cls = append(cls, "text-"+size)
			}
			if contrast == "high" {
				cls = append(cls, "contrast-high")
			}
			classes[size+" text, "+contrast+" contrast"] = strings.Join(cls, " ")
		}
	}
	check := func(role string, paths []string) {
		for _, width := range []int64{320, 360} {
			run("width", emulation.SetDeviceMetricsOverride(width, 720, 1, true))
			for _, path := range paths {
				run(path, chromedp.Navigate(base+path))
				for display, cls := range classes {
					var js string
					run(path, chromedp.Evaluate(`document.documentElement.className = "`+cls+`";`+overflowJS, &js))
					var o overflow
					if err := json.Unmarshal([]byte(js), &o); err != nil {
						t.Fatal(err)
					}
					if o.Scroll > o.Client {
						t.Errorf("%s %s at %d px, %s: the page is %d px wide; widest: %s", role, path, width, display, o.Scroll, o.Worst)
					}
				}
			}
		}
	}
	// The classes are the ones the server writes for the display cookie.
	var served string
	run("display cookie", displayCookie(base, "large", "high"), chromedp.Navigate(base+"/"),
		chromedp.AttributeValue("html", "class", &served, nil, chromedp.ByQuery), displayCookie(base, "normal", "normal"))
	if served != classes["large text, high contrast"] {
		t.Fatalf("the server writes html class %q for large text and high contrast; the test sets %q", served, classes["large text, high contrast"])
	}
	check("anonymous", public)

	login(ctx, base, "officer@police.example")
	var pack string
	run("a pack with a long name",
		chromedp.Navigate(base+"/packs"),
		chromedp.SendKeys("#p-title", "Induction course for sub-inspectors "+longWord, chromedp.ByQuery),
		leave(chromedp.Submit("#p-title", chromedp.ByQuery)),
		chromedp.Evaluate(`location.pathname`, &pack),
	)
	if !strings.HasPrefix(pack, "/packs/") {
		t.Fatalf("creating a pack led to %s, not to the pack", pack)
	}
	check("officer", []string{"/submissions", "/submissions/new", "/submissions/" + sub, "/packs", pack,
		pack + "/handout", "/notices", practice})
	run("sign out", chromedp.Navigate(base+"/"), leave(chromedp.Submit(`nav.account form`, chromedp.ByQuery)))

	login(ctx, base, "admin@police.example")
	check("admin", []string{"/submissions", "/submissions/" + sub, "/admin/users", "/admin/import", "/documents",
		"/inbox", "/inbox?document=" + kb.DocumentID(proposedFile), "/admin/documents/" + kb.DocumentID(longFile),
		"/admin/practices/" + strings.Split(practice, "/")[2], "/admin/audit"})
}

// displayCookie sets the text size and contrast the way the display
// controls do.
func displayCookie(base, size, contrast string) chromedp.Action {
	var parts []string
	if size != "normal" {
		parts = append(parts, "size="+size)
	}
	if contrast == "high" {
		parts = append(parts, "contrast=high")
	}
	return chromedp.ActionFunc(func(ctx context.Context) error {
		host := strings.Split(strings.TrimPrefix(base, "http://"), ":")[0]
		return network.SetCookie("compendium_display", strings.Join(parts, "&")).WithDomain(host).WithPath("/").Do(ctx)
	})
}

// longSubmission publishes a submission whose title, unit and answers
// hold long unbroken strings, and returns its id.
func longSubmission(t *testing.T, ra reviewApp) string {
	t.Helper()
	fields := map[string]any{}
	for k, v := range fullSubmission {
		fields[k] = v
	}
	fields["title"] = "Rescue at " + longWord
	fields["unit"] = longWord
	fields["district"] = longWord
	fields["partners"] = "IJM, " + longWord
	fields["links"] = []string{"https://police.example/" + strings.Repeat("a", 120)}
	status, body := ra.api(t, "officer", "POST", "/api/v1/submissions", fields)
	if status != 201 {
		t.Fatalf("create: %d %s", status, body)
	}
	var s struct{ ID string }
	json.Unmarshal(body, &s)
	if status, body := ra.api(t, "officer", "POST", "/api/v1/submissions/"+s.ID+"/submit", nil); status != 200 {
		t.Fatalf("submit: %d %s", status, body)
	}
	if status, body := ra.api(t, "reviewer", "POST", "/api/v1/submissions/"+s.ID+"/decision", map[string]string{"decision": "approve"}); status != 200 {
		t.Fatalf("approve: %d %s", status, body)
	}
	return s.ID
}

// firstPracticeOf returns the address of a practice of a document.
func firstPracticeOf(t *testing.T, ra reviewApp, doc string) string {
	t.Helper()
	status, body := ra.api(t, "", "GET", "/api/v1/search?document="+doc, nil)
	var res struct {
		Hits []struct{ URL string }
	}
	if err := json.Unmarshal(body, &res); status != 200 || err != nil || len(res.Hits) == 0 {
		t.Fatalf("practices of %s: %d %s", doc, status, body)
	}
	return res.Hits[0].URL
}

var _ = fmt.Sprint
