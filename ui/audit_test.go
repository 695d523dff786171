package ui_test

import (
	"context"
	"encoding/json"
	"html"
	"regexp"
	"strings"
	"testing"
)

// TestAuditTrailNamesWhatItDid: single decisions on proposals name the
// proposal's title on the audit page, in the document's history and in
// the API, in English and Hindi; a bulk action is one entry listing what
// it decided; a withdrawal says the practice was withdrawn and why, not
// that its title was cleared.
func TestAuditTrailNamesWhatItDid(t *testing.T) {
	ra := newReviewApp(t)
	ps := proposed(t, ra)
	if _, err := ra.svc.Import(context.Background(), "le.pdf", sampleBytes(t, "law-enforcement-compendium.pdf")); err != nil {
		t.Fatal(err)
	}
	for _, d := range []struct{ id, decision string }{{ps[0].ID, "publish"}, {ps[1].ID, "drop"}} {
		if status, body := ra.api(t, "reviewer", "POST", "/api/v1/proposals/"+d.id+"/decision", map[string]any{"decision": d.decision}); status != 200 {
			t.Fatalf("%s %s: %d %.200s", d.decision, d.id, status, body)
		}
	}
	waiting := waitingNow(t, ra)
	status, body := ra.api(t, "reviewer", "POST", "/api/v1/proposals/bulk", map[string]any{"documents": []string{"casebook", "le"}, "decision": "drop", "min": 0, "max": 1})
	if status != 200 || !strings.Contains(string(body), `"total":`+itoa(len(waiting))) {
		t.Fatalf("bulk drop: %d %.200s, want all %d waiting dropped", status, body, len(waiting))
	}
	const why = "The same case as in the state compendium; cite that one."
	if status, body := ra.api(t, "reviewer", "POST", "/api/v1/practices/"+ps[0].ID+"/withdraw", map[string]string{"reason": why}); status != 200 {
		t.Fatalf("withdraw: %d %.200s", status, body)
	}

	admin := &browser{t: t, app: ra.app, cookies: map[string]string{}}
	admin.login("admin@police.example")
	_, page, _ := admin.do("GET", "/admin/audit", nil)
	rows := regexp.MustCompile(`(?s)<tr><td>.*?</tr>`).FindAllString(html.UnescapeString(page), -1)
	rowsWith := func(words string) []string {
		var out []string
		for _, r := range rows {
			if strings.Contains(r, words) {
				out = append(out, r)
			}
		}
		return out
	}
	if r := rowsWith("published the proposal"); len(r) != 1 || !strings.Contains(r[0], "“"+ps[0].Title+"”") {
		t.Errorf("the publication's rows: %q, want one naming %q", r, ps[0].Title)
	}
	if r := rowsWith("dropped the proposal"); len(r) != 1 || !strings.Contains(r[0], "“"+ps[1].Title+"”") {
		t.Errorf("the single drop's rows: %q, want one naming %q (the bulk drop has its own)", r, ps[1].Title)
	}
	bulk := rowsWith("dropped proposals at once")
	if len(bulk) != 1 || strings.Count(bulk[0], "<li>") != len(waiting) || !strings.Contains(bulk[0], itoa(len(waiting))+" proposals") {
		t.Fatalf("the bulk drop's rows: %d, want one listing the %d proposals it dropped", len(bulk), len(waiting))
	}
	for _, p := range waiting {
		if !strings.Contains(bulk[0], "“"+p.Title+"” — ") {
			t.Errorf("the bulk entry does not list %q", p.Title)
		}
	}
	withdrawal := rowsWith("withdrew the practice")
	if len(withdrawal) != 1 || !strings.Contains(withdrawal[0], "“"+ps[0].Title+"”") || !strings.Contains(withdrawal[0], why) || strings.Contains(withdrawal[0], "cleared") {
		t.Errorf("the withdrawal's rows: %q, want one naming the practice and why, with nothing cleared", withdrawal)
	}

	_, page, _ = admin.do("GET", "/admin/documents/casebook", nil)
	history := html.UnescapeString(regexp.MustCompile(`(?s)id="hist-h".*?</ul>`).FindString(page))
	if !strings.Contains(history, "withdrew the practice “"+ps[0].Title+"”") || !strings.Contains(history, why) || strings.Contains(history, "cleared") {
		t.Errorf("the document's history of the withdrawal: %.600s", history)
	}
	if !strings.Contains(history, "dropped proposals at once") {
		t.Error("the document's history lacks the bulk drop that decided in it")
	}

	if status, _, _ := admin.do("GET", "/display?lang=hi&back=/", nil); status != 303 {
		t.Fatalf("choosing Hindi: %d, want 303", status)
	}
	_, page, _ = admin.do("GET", "/admin/audit", nil)
	page = html.UnescapeString(page)
	for _, want := range []string{"प्रस्ताव प्रकाशित किया</td>", "“" + ps[0].Title + "”", "कार्यप्रणाली वापस ली", why,
		"जिन " + itoa(len(waiting)) + " प्रस्तावों पर निर्णय हुआ", "विश्वसनीयता: 0.00 से 1.00 तक"} {
		if !strings.Contains(page, want) {
			t.Errorf("the audit page in Hindi lacks %q", want)
		}
	}

	var trail struct {
		Events []struct {
			Action, Subject, Title string
			Decided                []struct{ ID, Title string }
		}
	}
	status, body = ra.api(t, "admin", "GET", "/api/v1/audit?document=le", nil)
	if err := json.Unmarshal(body, &trail); status != 200 || err != nil {
		t.Fatalf("the trail's API: %d %.200s", status, body)
	}
	named := map[string]string{}
	for _, e := range trail.Events {
		named[e.Action] = e.Title
		if e.Action == "proposal.bulk_drop" && len(e.Decided) != len(waiting) {
			t.Errorf("the API's bulk entry lists %d proposals, want %d", len(e.Decided), len(waiting))
		}
	}
	if _, ok := named["proposal.bulk_drop"]; !ok {
		t.Error("le's trail in the API lacks the bulk drop that decided in it")
	}
	status, body = ra.api(t, "admin", "GET", "/api/v1/audit", nil)
	if err := json.Unmarshal(body, &trail); status != 200 || err != nil {
		t.Fatalf("the trail's API: %d %.200s", status, body)
	}
	for _, e := range trail.Events {
		named[e.Action+" "+e.Subject] = e.Title
	}
	if got := named["proposal.publish "+ps[0].ID]; got != ps[0].Title {
		t.Errorf("the API names the publication %q, want %q", got, ps[0].Title)
	}
	if got := named["practice.withdraw "+ps[0].ID]; got != ps[0].Title {
		t.Errorf("the API names the withdrawal %q, want %q", got, ps[0].Title)
	}
	for who, want := range map[string]int{"reviewer": 403, "": 401} {
		if status, _ := ra.api(t, who, "GET", "/api/v1/audit", nil); status != want {
			t.Errorf("the trail's API as %q: %d, want %d", who, status, want)
		}
	}
	if status, _ := ra.api(t, "admin", "GET", "/api/v1/audit?limit=0", nil); status != 422 {
		t.Errorf("the trail's API with limit 0: %d, want 422", status)
	}
}
