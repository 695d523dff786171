package ui_test

import (
	"context"
	"encoding/json"
	"html"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/compendium-kb/compendium/kb"
)

type apiProposal struct {
	ID         string   `json:"id"`
	DocumentID string   `json:"document_id"`
	Title      string   `json:"title"`
	PageStart  int      `json:"page_start"`
	PageEnd    int      `json:"page_end"`
	Confidence float64  `json:"confidence"`
	Reasons    []string `json:"reasons"`
	Status     string   `json:"status"`
	Rev        int      `json:"rev"`
}

// proposed imports the state casebook as an upload would (proposing every
// case) and returns its proposals as the API lists them.
func proposed(t *testing.T, ra reviewApp) []apiProposal {
	t.Helper()
	if _, err := ra.svc.Import(context.Background(), "casebook.pdf", sampleBytes(t, "state-casebook.pdf")); err != nil {
		t.Fatal(err)
	}
	status, body := ra.api(t, "reviewer", "GET", "/api/v1/proposals?document=casebook&status=proposed", nil)
	var out struct{ Proposals []apiProposal }
	if status != 200 || json.Unmarshal(body, &out) != nil || len(out.Proposals) != 11 {
		t.Fatalf("proposals: %d %.300s, want 11", status, body)
	}
	return out.Proposals
}

func TestCurationAPI(t *testing.T) {
	ra := newReviewApp(t)
	ps := proposed(t, ra)
	p := ps[0]
	if p.DocumentID != "casebook" || p.Title == "" || p.PageStart < 1 || p.PageEnd < p.PageStart || p.Confidence <= 0 || p.Reasons == nil {
		t.Errorf("a proposal as the API gives it: %+v", p)
	}
	for _, c := range []struct {
		who, method, target string
		body                any
		want                int
	}{
		{"", "GET", "/api/v1/documents", nil, 401},
		{"officer", "GET", "/api/v1/documents", nil, 403},
		{"officer", "GET", "/api/v1/proposals", nil, 403},
		{"reviewer", "GET", "/api/v1/proposals?status=waiting", nil, 422},
		{"officer", "POST", "/api/v1/proposals/" + p.ID + "/decision", map[string]any{"decision": "publish"}, 403},
		{"reviewer", "POST", "/api/v1/proposals/" + p.ID + "/decision", "{not json", 422},
		{"reviewer", "POST", "/api/v1/proposals/" + p.ID + "/decision", map[string]any{"decision": "approve"}, 422},
		{"reviewer", "POST", "/api/v1/proposals/" + p.ID + "/decision", map[string]any{"decision": "publish", "fields": map[string]any{"states": []string{"Atlantis"}}}, 422},
		{"reviewer", "POST", "/api/v1/proposals/nosuch/decision", map[string]any{"decision": "publish"}, 404},
		{"reviewer", "GET", "/api/v1/practices/" + p.ID, nil, 404},
	} {
		if status, body := ra.api(t, c.who, c.method, c.target, c.body); status != c.want {
			t.Errorf("%s %s %s as %q: %d %.200s, want %d", c.method, c.target, c.body, c.who, status, body, c.want)
		}
	}
	status, body := ra.api(t, "reviewer", "POST", "/api/v1/proposals/"+p.ID+"/decision",
		map[string]any{"decision": "publish", "fields": map[string]any{"title": "Corrected title of the first case"}})
	var dec struct {
		Practice struct {
			ID, Title string
			Version   int
		}
	}
	if status != 200 || json.Unmarshal(body, &dec) != nil || dec.Practice.ID != p.ID || dec.Practice.Title != "Corrected title of the first case" {
		t.Fatalf("publish: %d %.300s, want 200 with the practice under its corrected title", status, body)
	}
	if status, _ := ra.api(t, "reviewer", "POST", "/api/v1/proposals/"+p.ID+"/decision", map[string]any{"decision": "drop"}); status != 409 {
		t.Errorf("dropping a published proposal: %d, want 409", status)
	}
	if status, _ := ra.api(t, "", "GET", "/api/v1/practices/"+p.ID, nil); status != 200 {
		t.Errorf("the published practice to the public: %d, want 200", status)
	}
	if status, _ := ra.api(t, "reviewer", "POST", "/api/v1/proposals/"+ps[1].ID+"/decision", map[string]any{"decision": "drop"}); status != 200 {
		t.Errorf("drop: %d, want 200", status)
	}
	if status, _ := ra.api(t, "", "GET", "/api/v1/practices/"+ps[1].ID, nil); status != 404 {
		t.Errorf("a dropped proposal to the public: %d, want 404", status)
	}
	status, body = ra.api(t, "reviewer", "GET", "/api/v1/documents", nil)
	if status != 200 || !strings.Contains(string(body), `"practices":1`) || !strings.Contains(string(body), `"proposals":9`) {
		t.Errorf("documents: %d %.300s, want 1 practice and 9 proposals waiting", status, body)
	}
	status, body = ra.api(t, "reviewer", "GET", "/api/v1/documents/casebook", nil)
	if status != 200 || !strings.Contains(string(body), `"proposals":[`) || !strings.Contains(string(body), dec.Practice.Title) {
		t.Errorf("one document: %d %.300s, want its practices and proposals", status, body)
	}
}

func TestWithdrawOverHTTP(t *testing.T) {
	ra := newReviewApp(t)
	ps := proposed(t, ra)
	id := ps[0].ID
	ra.api(t, "reviewer", "POST", "/api/v1/proposals/"+id+"/decision", map[string]any{"decision": "publish"})
	for _, c := range []struct {
		who, target string
		body        any
		want        int
	}{
		{"", "/api/v1/practices/" + id + "/withdraw", map[string]string{"reason": "x"}, 401},
		{"officer", "/api/v1/practices/" + id + "/withdraw", map[string]string{"reason": "x"}, 403},
		{"reviewer", "/api/v1/practices/" + id + "/withdraw", map[string]string{"reason": " "}, 422},
		{"reviewer", "/api/v1/practices/nosuch/withdraw", map[string]string{"reason": "x"}, 404},
		{"reviewer", "/api/v1/practices/" + id + "/withdraw", map[string]string{"reason": "A table of figures, not a practice."}, 200},
		{"reviewer", "/api/v1/practices/" + id + "/withdraw", map[string]string{"reason": "again"}, 409},
	} {
		if status, body := ra.api(t, c.who, "POST", c.target, c.body); status != c.want {
			t.Errorf("POST %s as %q: %d %.200s, want %d", c.target, c.who, status, body, c.want)
		}
	}
	status, body := ra.api(t, "", "GET", "/api/v1/practices/"+id, nil)
	if status != 410 || !strings.Contains(string(body), "A table of figures, not a practice.") {
		t.Errorf("the withdrawn practice's API record: %d %.200s, want 410 with the reason", status, body)
	}
	b := &browser{t: t, app: ra.app, cookies: map[string]string{}}
	status, page, _ := b.do("GET", "/practices/"+id+"/any-slug", nil)
	if status != 410 || !strings.Contains(page, ps[0].Title) || !strings.Contains(page, "A table of figures, not a practice.") {
		t.Errorf("the withdrawn practice's page: %d, want 410 with its title and why", status)
	}
	if res, _ := ra.svc.Search(context.Background(), kb.Query{Text: ps[0].Title}); res.Total > 0 && res.Hits[0].Practice.ID == id {
		t.Error("the withdrawn practice is still found")
	}
	reviewer := &browser{t: t, app: ra.app, cookies: map[string]string{}}
	reviewer.login("reviewer@police.example")
	_, inbox, _ := reviewer.do("GET", "/inbox?document="+ps[0].DocumentID, nil)
	entry := regexp.MustCompile(`(?s)<li id="p-` + id + `".*?</h3>`).FindString(inbox)
	if !strings.Contains(entry, "published, then withdrawn") {
		t.Errorf("the inbox shows the withdrawn practice's proposal as %q, want it said withdrawn", entry)
	}
	if status, _ := ra.api(t, "reviewer", "POST", "/api/v1/practices/"+id+"/restore", nil); status != 403 {
		t.Errorf("a reviewer restoring: %d, want 403", status)
	}
	if status, _ := ra.api(t, "admin", "POST", "/api/v1/practices/"+id+"/restore", nil); status != 200 {
		t.Errorf("an admin restoring: %d, want 200", status)
	}
	if status, _ := ra.api(t, "", "GET", "/api/v1/practices/"+id, nil); status != 200 {
		t.Errorf("the restored practice: %d, want 200", status)
	}
	if status, _ := ra.api(t, "reviewer", "POST", "/api/v1/documents/casebook/withdraw", map[string]string{"reason": "Superseded."}); status != 200 {
		t.Errorf("withdrawing the document: %d, want 200", status)
	}
	if status, _ := ra.api(t, "", "GET", "/api/v1/practices/"+id, nil); status != 410 {
		t.Errorf("a practice of a withdrawn document: %d, want 410", status)
	}
	if status, _ := ra.api(t, "admin", "POST", "/api/v1/documents/casebook/restore", nil); status != 200 {
		t.Errorf("restoring the document: %d, want 200", status)
	}
	if status, _ := ra.api(t, "", "GET", "/api/v1/practices/"+id, nil); status != 200 {
		t.Errorf("a practice of a restored document: %d, want 200", status)
	}
	admin := &browser{t: t, app: ra.app, cookies: map[string]string{}}
	admin.login("admin@police.example")
	_, trail, _ := admin.do("GET", "/admin/audit", nil)
	for _, want := range []string{"published the proposal", "withdrew the practice", "restored the practice", "withdrew the document", "restored the document", "Superseded."} {
		if !strings.Contains(trail, want) {
			t.Errorf("the audit trail lacks %q", want)
		}
	}
}

// TestInboxForms: a reviewer works through the inbox in the browser's
// forms: edits and publishes one, drops one, publishes the rest at once.
func TestInboxForms(t *testing.T) {
	ra := newReviewApp(t)
	ps := proposed(t, ra)
	officer := &browser{t: t, app: ra.app, cookies: map[string]string{}}
	officer.login("officer@police.example")
	if status, _, _ := officer.do("GET", "/inbox", nil); status != 403 {
		t.Errorf("an officer opening the inbox: %d, want 403", status)
	}
	b := &browser{t: t, app: ra.app, cookies: map[string]string{}}
	b.login("reviewer@police.example")
	_, page, _ := b.do("GET", "/inbox", nil)
	if !strings.Contains(page, "/inbox?document=casebook") {
		t.Fatal("the inbox does not list the imported document")
	}
	_, page, _ = b.do("GET", "/inbox?document=casebook", nil)
	if strings.Count(page, `class="proposal status-proposed"`) != 11 || !strings.Contains(page, "/documents/casebook.pdf#page=") {
		t.Errorf("the document's inbox should show 11 proposals with links to their source pages")
	}
	csrf := lastCSRF(page)
	form := url.Values{"_csrf": {csrf}, "rev": {"1"}, "action": {"publish"}, "title": {"Edited in the inbox"}, "page_start": {itoa(ps[0].PageStart)},
		"page_end": {itoa(ps[0].PageEnd)}, "summary": {"A summary."}, "states": {"Goa"}, "districts": {""}, "years": {"2019"}, "themes": {""}, "laws": {""}, "figures": {"rescued=12"}}
	if status, _, h := b.do("POST", "/inbox/proposals/"+ps[0].ID, form); status != 303 || !strings.Contains(h.Get("Location"), "done=") {
		t.Fatalf("publish from the form: %d %s", status, h.Get("Location"))
	}
	_, page, _ = b.do("GET", "/practices/"+ps[0].ID+"/edited-in-the-inbox", nil)
	if !strings.Contains(page, "Edited in the inbox") || !strings.Contains(page, "Goa") {
		t.Error("the published practice lacks the inbox's edits")
	}
	bad := url.Values{"_csrf": {csrf}, "rev": {"1"}, "action": {"publish"}, "years": {"nineteen"}}
	if status, page, _ := b.do("POST", "/inbox/proposals/"+ps[1].ID, bad); status != 422 || !strings.Contains(page, "nineteen") {
		t.Errorf("publishing with a bad year: %d, want 422 naming it", status)
	}
	if status, _, _ := b.do("POST", "/inbox/proposals/"+ps[1].ID, url.Values{"_csrf": {csrf}, "rev": {"1"}, "action": {"drop"}}); status != 303 {
		t.Errorf("drop: %d, want 303", status)
	}
	if status, _, _ := b.do("POST", "/inbox/bulk", url.Values{"_csrf": {csrf}, "document": {"casebook"}, "action": {"publish"}, "range": {"above"}, "threshold": {"0"}}); status != 303 {
		t.Errorf("bulk publish: %d, want 303", status)
	}
	if c, _ := ra.svc.Search(context.Background(), kb.Query{}); c.Total != 10 {
		t.Errorf("%d practices public, want 10 (11 less the one dropped)", c.Total)
	}
	if status, page, _ := b.do("GET", "/admin/practices/"+ps[0].ID, nil); status != 200 || !strings.Contains(page, `action="/practices/`+ps[0].ID+`/correct"`) {
		t.Errorf("the correction page: %d, want 200 with its form", status)
	}
	fix := url.Values{"_csrf": {csrf}, "version": {"1"}, "title": {"Edited again as a correction"}}
	if status, _, _ := b.do("POST", "/practices/"+ps[0].ID+"/correct", fix); status != 303 {
		t.Errorf("correction: %d, want 303", status)
	}
	if status, _, _ := b.do("POST", "/practices/"+ps[0].ID+"/correct", fix); status != 409 {
		t.Errorf("a second correction of version 1: %d, want 409", status)
	}
	_, page, _ = b.do("GET", "/practices/"+ps[0].ID+"/edited-in-the-inbox?v=1", nil)
	if !strings.Contains(page, "Edited in the inbox") || !strings.Contains(page, "You are reading version 1") {
		t.Error("version 1 is not readable after a correction")
	}
	if status, _, _ := b.do("POST", "/practices/"+ps[0].ID+"/evidence", url.Values{"_csrf": {csrf}, "evidence": {"promising"}, "basis": {"short"}}); status != 422 {
		t.Errorf("evidence without a basis: %d, want 422", status)
	}
	if status, _, _ := b.do("POST", "/practices/"+ps[0].ID+"/evidence", url.Values{"_csrf": {csrf}, "evidence": {"promising"}, "basis": {"District evaluation, 2019: 212 children traced."}}); status != 303 {
		t.Errorf("evidence: %d, want 303", status)
	}
	_, page, _ = b.do("GET", "/?evidence=promising", nil)
	if !strings.Contains(page, "Edited again as a correction") || !strings.Contains(page, "Evidence: promising") {
		t.Error("the search page filtered by evidence does not show the graded practice with its label")
	}
	if status, _, _ := b.do("POST", "/practices/"+ps[0].ID+"/delete", url.Values{"_csrf": {csrf}, "reason": {"x"}, "confirm": {ps[0].ID}}); status != 403 {
		t.Errorf("a reviewer deleting for good: %d, want 403", status)
	}
	_, page, _ = b.do("GET", "/admin/documents/casebook", nil)
	if !strings.Contains(page, "published the proposal") || !strings.Contains(page, "dropped the proposal") || !strings.Contains(page, "corrected the practice") || !strings.Contains(page, "set the evidence label") {
		t.Error("the document page lacks its practices or its history of decisions")
	}
}

// TestAccountChangesAreAuditedAndKeepAnAdmin: the users page shows each
// account's role selected; the last admin cannot demote or disable
// themselves; changes are in the trail.
func TestAccountChangesAreAuditedAndKeepAnAdmin(t *testing.T) {
	ra := newReviewApp(t)
	b := &browser{t: t, app: ra.app, cookies: map[string]string{}}
	b.login("admin@police.example")
	_, page, _ := b.do("GET", "/admin/users", nil)
	sel := regexp.MustCompile(`(?s)id="role-admin@police.example".*?</select>`).FindString(page)
	if !strings.Contains(sel, `<option value="admin" selected>admin</option>`) {
		t.Errorf("the admin's row does not show admin selected: %s", sel)
	}
	if sel := regexp.MustCompile(`(?s)id="role-officer@police.example".*?</select>`).FindString(page); !strings.Contains(sel, `<option value="officer" selected>officer</option>`) {
		t.Errorf("the officer's row does not show officer selected: %s", sel)
	}
	csrf := lastCSRF(page)
	if status, _, _ := b.do("POST", "/admin/users/admin@police.example", url.Values{"_csrf": {csrf}, "change": {"role"}, "role": {"reviewer"}}); status != 409 {
		t.Errorf("the last admin demoting themselves: %d, want 409", status)
	}
	if status, _, _ := b.do("POST", "/admin/users/admin@police.example", url.Values{"_csrf": {csrf}, "change": {"disable"}}); status != 409 {
		t.Errorf("the last admin disabling themselves: %d, want 409", status)
	}
	if status, _, _ := b.do("POST", "/admin/users/reviewer@police.example", url.Values{"_csrf": {csrf}, "change": {"role"}, "role": {"admin"}}); status != 303 {
		t.Errorf("promoting a reviewer: %d, want 303", status)
	}
	if status, _, _ := b.do("POST", "/admin/users/officer@police.example", url.Values{"_csrf": {csrf}, "change": {"disable"}}); status != 303 {
		t.Errorf("disabling an officer: %d, want 303", status)
	}
	if status, _, _ := b.do("POST", "/admin/users", url.Values{"_csrf": {csrf}, "email": {"new@police.example"}, "name": {"New"}, "role": {"officer"}, "password": {"a long enough password"}}); status != 303 {
		t.Errorf("adding an account: %d, want 303", status)
	}
	_, trail, _ := b.do("GET", "/admin/audit", nil)
	for _, want := range []string{"changed an account&#39;s role", "reviewer@police.example", "disabled an account", "added an account", "new@police.example"} {
		if !strings.Contains(trail, want) {
			t.Errorf("the audit trail lacks %q", want)
		}
	}
	if strings.Contains(trail, "(admin@police.example)</span></td>") { // the record cell: “name” (id)
		t.Error("a refused change is in the trail")
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func sampleBytes(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "samples", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestUnpublishedDocumentsAreNotListed: a document whose cases all wait
// in the inbox is neither listed nor served to the public; reviewers
// open its PDF to check proposals.
func TestUnpublishedDocumentsAreNotListed(t *testing.T) {
	ra := newReviewApp(t)
	proposed(t, ra)
	b := &browser{t: t, app: ra.app, cookies: map[string]string{}}
	if _, page, _ := b.do("GET", "/documents", nil); strings.Contains(page, "casebook.pdf") {
		t.Error("the public list of sources shows a document with nothing published")
	}
	if status, _, _ := b.do("GET", "/documents/casebook.pdf", nil); status != 404 {
		t.Errorf("the public opening an unpublished document's PDF: %d, want 404", status)
	}
	b.login("reviewer@police.example")
	if status, _, _ := b.do("GET", "/documents/casebook.pdf", nil); status != 200 {
		t.Errorf("a reviewer opening it: %d, want 200", status)
	}
}

// TestDocumentPageForms: a reviewer corrects a document's details and
// withdraws it; only an admin restores it and deletes it for good, after
// typing its id.
func TestDocumentPageForms(t *testing.T) {
	ra := newReviewApp(t)
	ps := proposed(t, ra)
	ra.api(t, "reviewer", "POST", "/api/v1/proposals/"+ps[0].ID+"/decision", map[string]any{"decision": "publish"})
	rev := &browser{t: t, app: ra.app, cookies: map[string]string{}}
	rev.login("reviewer@police.example")
	_, page, _ := rev.do("GET", "/admin/documents/casebook", nil)
	csrf := lastCSRF(page)
	if status, _, _ := rev.do("POST", "/admin/documents/casebook", url.Values{"_csrf": {csrf}, "title": {"State Casebook 2019"}, "publisher": {"State CID"}, "year": {"twenty"}}); status != 422 {
		t.Errorf("a year in words: %d, want 422", status)
	}
	if status, _, _ := rev.do("POST", "/admin/documents/casebook", url.Values{"_csrf": {csrf}, "title": {"State Casebook 2019"}, "publisher": {"State CID"}, "year": {"2019"}}); status != 303 {
		t.Errorf("saving details: %d, want 303", status)
	}
	if status, _, _ := rev.do("POST", "/admin/documents/casebook/withdraw", url.Values{"_csrf": {csrf}, "reason": {""}}); status != 422 {
		t.Errorf("withdrawing without a reason: %d, want 422", status)
	}
	if status, _, _ := rev.do("POST", "/admin/documents/casebook/withdraw", url.Values{"_csrf": {csrf}, "reason": {"Superseded by the 2024 edition."}}); status != 303 {
		t.Errorf("withdrawing: %d, want 303", status)
	}
	_, page, _ = rev.do("GET", "/admin/documents/casebook", nil)
	if !strings.Contains(page, "Superseded by the 2024 edition.") || !strings.Contains(page, "State Casebook 2019") || !strings.Contains(page, "edited the document&#39;s details") {
		t.Error("the document page does not show its new title, its withdrawal and its history")
	}
	if status, _, _ := rev.do("POST", "/admin/documents/casebook/restore", url.Values{"_csrf": {csrf}}); status != 403 {
		t.Errorf("a reviewer restoring: %d, want 403", status)
	}
	adm := &browser{t: t, app: ra.app, cookies: map[string]string{}}
	adm.login("admin@police.example")
	_, page, _ = adm.do("GET", "/admin/documents/casebook", nil)
	csrf = lastCSRF(page)
	if status, _, _ := adm.do("POST", "/admin/documents/casebook/delete", url.Values{"_csrf": {csrf}, "reason": {"Names a victim."}, "confirm": {"casebok"}}); status != 422 {
		t.Errorf("delete for good with a mistyped id: %d, want 422", status)
	}
	if status, _, _ := adm.do("POST", "/admin/documents/casebook/delete", url.Values{"_csrf": {csrf}, "reason": {"Names a victim."}, "confirm": {"casebook"}}); status != 303 {
		t.Errorf("delete for good: %d, want 303", status)
	}
	if status, _ := ra.api(t, "reviewer", "GET", "/api/v1/documents/casebook", nil); status != 404 {
		t.Errorf("the deleted document: %d, want 404", status)
	}
	_, trail, _ := adm.do("GET", "/admin/audit", nil)
	if !strings.Contains(trail, "deleted the document for good") || !strings.Contains(trail, "Names a victim.") || !strings.Contains(trail, "State Casebook 2019") {
		t.Error("the trail does not keep the deletion with its reason and the title")
	}
}

// TestRereadDocument: only an admin sees and uses the form that reads a
// stored document again by OCR in other languages; a bad language list
// comes back on the form, and the re-reading is in the history.
func TestRereadDocument(t *testing.T) {
	ra := newReviewApp(t)
	proposed(t, ra)
	rev := &browser{t: t, app: ra.app, cookies: map[string]string{}}
	rev.login("reviewer@police.example")
	_, page, _ := rev.do("GET", "/admin/documents/casebook", nil)
	if strings.Contains(page, "/reread") {
		t.Error("a reviewer is offered the form to read the document again")
	}
	if status, _, _ := rev.do("POST", "/admin/documents/casebook/reread", url.Values{"_csrf": {lastCSRF(page)}, "ocr_lang": {"hin+ben"}}); status != 403 {
		t.Errorf("a reviewer reading the document again: %d, want 403", status)
	}
	adm := &browser{t: t, app: ra.app, cookies: map[string]string{}}
	adm.login("admin@police.example")
	_, page, _ = adm.do("GET", "/admin/documents/casebook", nil)
	if !strings.Contains(page, `action="/admin/documents/casebook/reread"`) {
		t.Fatal("the admin is not offered the form to read the document again")
	}
	csrf := lastCSRF(page)
	status, page, _ := adm.do("POST", "/admin/documents/casebook/reread", url.Values{"_csrf": {csrf}, "ocr_lang": {"hin ben"}})
	if page = html.UnescapeString(page); status != 422 || !strings.Contains(page, "such as eng+hin") || !strings.Contains(page, `value="hin ben"`) {
		t.Errorf("languages not joined by +: %d, want 422 with the field explained and kept", status)
	}
	if status, _, _ := adm.do("POST", "/admin/documents/casebook/reread", url.Values{"_csrf": {csrf}, "ocr_lang": {"hin+ben"}}); status != 303 {
		t.Fatalf("reading the document again: %d, want 303", status)
	}
	_, page, _ = adm.do("GET", "/admin/documents/casebook", nil)
	if page = html.UnescapeString(page); !strings.Contains(page, "read the document again") || !strings.Contains(page, "hin+ben") {
		t.Error("the history does not show the re-reading and its languages")
	}
}
