package ui_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/compendium-kb/compendium/indexer"
	"github.com/compendium-kb/compendium/kb"
	"github.com/compendium-kb/compendium/kb/mongodb/mongotest"
	"github.com/compendium-kb/compendium/kb/search"
	"github.com/compendium-kb/compendium/ui"
)

type reviewApp struct {
	app      *fiber.App
	svc      *kb.Service
	accounts *kb.Accounts
	tokens   map[string]string // role -> API token
	insights *kb.Insights
	library  *kb.Library
}

func newReviewApp(t *testing.T) reviewApp {
	t.Helper()
	ix, _, err := search.Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	store := mongotest.New(t)
	svc := kb.NewService(store, ix, indexer.InProcess{}, log)
	acc := kb.NewAccounts(store)
	reviews := &kb.Reviews{Store: store, Service: svc, Now: time.Now}
	packs := &kb.Packs{Store: store, Service: svc, Now: time.Now}
	insights := kb.NewInsights(store, ix)
	cur := kb.NewCuration(svc, store)
	library := &kb.Library{Store: store, Service: svc, Now: time.Now}
	app, err := ui.New(svc, ui.Config{Log: log, Accounts: acc, Reviews: reviews, Packs: packs, Importer: svc, Insights: insights, Curation: cur, Library: library})
	if err != nil {
		t.Fatal(err)
	}
	ra := reviewApp{app: app, svc: svc, accounts: acc, tokens: map[string]string{}, insights: insights, library: library}
	for _, u := range []struct{ email, role string }{{"officer@police.example", "officer"}, {"reviewer@police.example", "reviewer"}, {"reviewer2@police.example", "reviewer"}, {"admin@police.example", "admin"}} {
		role, _ := kb.ParseRole(u.role)
		if _, err := acc.AddUser(context.Background(), u.email, strings.Split(u.email, "@")[0], role, "AHTU Ranchi", "a long enough password"); err != nil {
			t.Fatal(err)
		}
		tok, _, err := acc.NewToken(context.Background(), u.email)
		if err != nil {
			t.Fatal(err)
		}
		ra.tokens[strings.Split(u.email, "@")[0]] = tok
	}
	return ra
}

func (ra reviewApp) api(t *testing.T, who, method, target string, body any) (int, []byte) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		switch b := body.(type) {
		case string:
			rd = strings.NewReader(b)
		default:
			js, _ := json.Marshal(b)
			rd = bytes.NewReader(js)
		}
	}
	req := httptest.NewRequest(method, target, rd)
	req.Header.Set("Content-Type", "application/json")
	if who != "" {
		req.Header.Set("Authorization", "Bearer "+ra.tokens[who])
	}
	resp, err := ra.app.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, out
}

var fullSubmission = map[string]any{
	"title": "Rescue of girls from a placement agency in Ranchi", "states": []string{"Jharkhand", "Delhi"},
	"district": "Ranchi", "unit": "AHTU Ranchi", "period": "2024",
	"problem": "Girls were sent to Delhi as domestic workers by an agency that kept their wages.",
	"action":  "The AHTU traced the agency's accounts and rescued the girls with the Delhi police.",
	"results": "12 girls rescued, 3 agents arrested.", "lessons": "Trace the money first; agree on the rescue with the destination police.",
}

// submissionForm is fullSubmission as the form sends it, to be submitted
// at once.
func submissionForm(csrf string) url.Values {
	form := url.Values{"_csrf": {csrf}, "then": {"submit"}}
	for k, v := range fullSubmission {
		switch v := v.(type) {
		case string:
			form.Set(k, v)
		case []string:
			form.Set(k, strings.Join(v, ", "))
		}
	}
	return form
}

func (ra reviewApp) submitted(t *testing.T) string {
	t.Helper()
	status, body := ra.api(t, "officer", "POST", "/api/v1/submissions", fullSubmission)
	if status != 201 {
		t.Fatalf("create: %d %s", status, body)
	}
	var s kb.Submission
	json.Unmarshal(body, &s)
	if status, body := ra.api(t, "officer", "POST", "/api/v1/submissions/"+s.ID+"/submit", nil); status != 200 {
		t.Fatalf("submit: %d %s", status, body)
	}
	return s.ID
}

func TestSubmissionAPIRoles(t *testing.T) {
	ra := newReviewApp(t)
	if status, _ := ra.api(t, "", "POST", "/api/v1/submissions", fullSubmission); status != 401 {
		t.Errorf("anonymous create: %d, want 401", status)
	}
	if status, _ := ra.api(t, "", "GET", "/api/v1/submissions", nil); status != 401 {
		t.Errorf("anonymous list: %d, want 401", status)
	}
	id := ra.submitted(t)
	decide := func(who, decision, reason string) int {
		status, _ := ra.api(t, who, "POST", "/api/v1/submissions/"+id+"/decision", map[string]string{"decision": decision, "reason": reason})
		return status
	}
	if s := decide("officer", "approve", ""); s != 403 {
		t.Errorf("an officer deciding: %d, want 403", s)
	}
	if s := decide("reviewer", "reject", ""); s != 422 {
		t.Errorf("rejecting without a reason: %d, want 422", s)
	}
	if s := decide("reviewer", "request_changes", "Add the FIR numbers."); s != 200 {
		t.Fatalf("request changes: %d", s)
	}
	if s := decide("reviewer2", "approve", ""); s != 409 {
		t.Errorf("approving a submission sent back for changes: %d, want 409", s)
	}
	status, body := ra.api(t, "officer", "GET", "/api/v1/submissions/"+id, nil)
	if status != 200 || !bytes.Contains(body, []byte("Add the FIR numbers.")) {
		t.Errorf("the submitter does not see the reason: %d %s", status, body)
	}
	if status, _ := ra.api(t, "officer", "POST", "/api/v1/submissions/"+id+"/submit", nil); status != 200 {
		t.Fatalf("resubmit: %d", status)
	}
	if s := decide("reviewer2", "approve", ""); s != 200 {
		t.Fatalf("approve: %d", s)
	}
	status, body = ra.api(t, "reviewer", "GET", "/api/v1/submissions/"+id+"/history", nil)
	var h struct{ History []kb.AuditEntry }
	json.Unmarshal(body, &h)
	if status != 200 || len(h.History) != 5 {
		t.Errorf("history: %d, %d entries, want 5", status, len(h.History))
	}
	status, body = ra.api(t, "", "GET", "/api/v1/search?q="+url.QueryEscape("placement agency Ranchi"), nil)
	if status != 200 || !bytes.Contains(body, []byte("Rescue of girls from a placement agency in Ranchi")) {
		t.Errorf("the approved practice is not found by search: %d %.300s", status, body)
	}
	// A reviewer's own submission is not theirs to approve.
	status, body = ra.api(t, "reviewer", "POST", "/api/v1/submissions", fullSubmission)
	if status != 201 {
		t.Fatalf("a reviewer writing a submission: %d", status)
	}
	var own kb.Submission
	json.Unmarshal(body, &own)
	ra.api(t, "reviewer", "POST", "/api/v1/submissions/"+own.ID+"/submit", nil)
	if status, _ := ra.api(t, "reviewer", "POST", "/api/v1/submissions/"+own.ID+"/decision", map[string]string{"decision": "approve"}); status != 403 {
		t.Errorf("a reviewer approving their own work: %d, want 403", status)
	}
	// Another officer cannot read it; a reviewer can.
	ra.accounts.AddUser(context.Background(), "other@police.example", "other", kb.RoleOfficer, "", "a long enough password")
	tok, _, _ := ra.accounts.NewToken(context.Background(), "other@police.example")
	ra.tokens["other"] = tok
	if status, _ := ra.api(t, "other", "GET", "/api/v1/submissions/"+id, nil); status != 404 {
		t.Errorf("another officer reading a submission: %d, want 404", status)
	}
}

func TestHostileSubmissions(t *testing.T) {
	ra := newReviewApp(t)
	status, body := ra.api(t, "officer", "POST", "/api/v1/submissions", `{"title": {"$gt": ""}}`)
	if status != 422 {
		t.Errorf("an operator object as a title: %d %s, want 422", status, body)
	}
	huge := map[string]any{"title": "A practice with a very long problem", "problem": strings.Repeat("x", 30000)}
	status, body = ra.api(t, "officer", "POST", "/api/v1/submissions", huge)
	if status != 422 || !bytes.Contains(body, []byte(`"problem"`)) {
		t.Errorf("an oversized field: %d %.200s, want 422 naming problem", status, body)
	}
	req := httptest.NewRequest("POST", "/api/v1/submissions", strings.NewReader(`{"title": "`+strings.Repeat("y", 110<<20)+`"}`))
	req.Header.Set("Authorization", "Bearer "+ra.tokens["officer"])
	// The server refuses the body before any handler runs (413 on the wire;
	// app.Test reports it as an error).
	if resp, err := ra.app.Test(req, -1); err == nil && resp.StatusCode != 413 || err != nil && !strings.Contains(err.Error(), "body size") {
		t.Errorf("a body over the limit was not refused: %v", err)
	}
	bad := map[string]any{"title": "Ok title here", "states": []string{"Atlantis"}, "links": []string{"javascript:alert(1)"}}
	status, body = ra.api(t, "officer", "POST", "/api/v1/submissions", bad)
	if status != 422 || !bytes.Contains(body, []byte(`"states"`)) || !bytes.Contains(body, []byte(`"links"`)) {
		t.Errorf("unknown state and a script link: %d %s", status, body)
	}
	script := map[string]any{"title": `<script>alert("x")</script> rescue`, "problem": `{"$gt": ""}`}
	status, body = ra.api(t, "officer", "POST", "/api/v1/submissions", script)
	if status != 201 {
		t.Fatalf("a title with markup is text: %d %s", status, body)
	}
	var s kb.Submission
	json.Unmarshal(body, &s)
	if s.Fields.Problem != `{"$gt": ""}` {
		t.Errorf("an operator in a field was not kept as text: %q", s.Fields.Problem)
	}
}

// TestConcurrentDecisionsOverHTTP: reviewers deciding at the same moment;
// exactly one request wins, the others get 409.
func TestConcurrentDecisionsOverHTTP(t *testing.T) {
	ra := newReviewApp(t)
	id := ra.submitted(t)
	var wg sync.WaitGroup
	var mu sync.Mutex
	codes := map[int]int{}
	start := make(chan struct{})
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			who, d := "reviewer", map[string]string{"decision": "approve"}
			if i%2 == 1 {
				who, d = "reviewer2", map[string]string{"decision": "reject", "reason": "duplicate"}
			}
			<-start
			status, _ := ra.api(t, who, "POST", "/api/v1/submissions/"+id+"/decision", d)
			mu.Lock()
			codes[status]++
			mu.Unlock()
		}(i)
	}
	close(start)
	wg.Wait()
	if codes[200] != 1 || codes[409] != 7 {
		t.Errorf("status codes %v, want one 200 and seven 409", codes)
	}
}

var csrfRE = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

// browser keeps cookies between requests, as a browser does.
type browser struct {
	t       *testing.T
	app     *fiber.App
	cookies map[string]string
}

func (b *browser) do(method, target string, form url.Values) (int, string, http.Header) {
	b.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req := httptest.NewRequest(method, target, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range b.cookies {
		req.AddCookie(&http.Cookie{Name: k, Value: v})
	}
	resp, err := b.app.Test(req, -1)
	if err != nil {
		b.t.Fatal(err)
	}
	for _, c := range resp.Cookies() {
		if c.Value == "" || c.MaxAge < 0 || (!c.Expires.IsZero() && c.Expires.Before(time.Now())) {
			delete(b.cookies, c.Name)
		} else {
			b.cookies[c.Name] = c.Value
		}
	}
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(out), resp.Header
}

func (b *browser) login(email string) {
	b.t.Helper()
	_, page, _ := b.do("GET", "/login", nil)
	all := csrfRE.FindAllStringSubmatch(page, -1)
	if all == nil {
		b.t.Fatal("the sign-in form has no CSRF token")
	}
	m := all[len(all)-1] // the sign-in form's; a signed-in header has its own
	status, _, h := b.do("POST", "/login", url.Values{"_csrf": {m[1]}, "email": {email}, "password": {"a long enough password"}, "next": {"/submissions"}})
	if status != 303 || h.Get("Location") != "/submissions" {
		b.t.Fatalf("sign in as %s: %d %s", email, status, h.Get("Location"))
	}
}

func TestBrowserFormsNeedCSRF(t *testing.T) {
	ra := newReviewApp(t)
	b := &browser{t: t, app: ra.app, cookies: map[string]string{}}
	if status, _, h := b.do("GET", "/submissions/new", nil); status != 303 || !strings.HasPrefix(h.Get("Location"), "/login") {
		t.Errorf("anonymous form: %d %s, want a redirect to sign in", status, h.Get("Location"))
	}
	b.login("officer@police.example")
	cookie := b.cookies["compendium_session"]
	_, page, _ := b.do("GET", "/submissions/new", nil)
	token := csrfRE.FindStringSubmatch(page)[1]
	form := url.Values{"title": {"Vigilance at the bus stand in Gumla"}, "states": {"Jharkhand"}}
	if status, _, _ := b.do("POST", "/submissions", form); status != 403 {
		t.Errorf("a form without a CSRF token: %d, want 403", status)
	}
	form.Set("_csrf", "forged")
	if status, _, _ := b.do("POST", "/submissions", form); status != 403 {
		t.Errorf("a form with a forged CSRF token: %d, want 403", status)
	}
	form.Set("_csrf", token)
	form.Set("then", "submit") // incomplete: validation keeps what was typed
	status, page, _ := b.do("POST", "/submissions", form)
	if status != 422 || !strings.Contains(page, "Vigilance at the bus stand in Gumla") || !strings.Contains(page, `aria-invalid="true"`) {
		t.Errorf("an incomplete submission: %d; the form must come back filled in with errors by field", status)
	}
	// The session cookie is HttpOnly and SameSite, and renewed at sign-in.
	b.login("officer@police.example")
	if b.cookies["compendium_session"] == cookie {
		t.Error("the session id was not renewed at sign-in")
	}
	req := httptest.NewRequest("GET", "/login", nil)
	resp, _ := ra.app.Test(req, -1)
	for _, c := range resp.Cookies() {
		if !c.HttpOnly || c.SameSite == http.SameSiteNoneMode || c.SameSite == 0 {
			t.Errorf("cookie %s: HttpOnly %v SameSite %v", c.Name, c.HttpOnly, c.SameSite)
		}
	}
	if status, _, _ := b.do("GET", "/admin/users", nil); status != 403 {
		t.Errorf("an officer on the accounts page: %d, want 403", status)
	}
}

// TestReviewPathThroughForms walks the path people take in the browser:
// an officer submits, a reviewer asks for changes, the officer resubmits,
// the reviewer approves, and the practice is found with its history.
func TestReviewPathThroughForms(t *testing.T) {
	ra := newReviewApp(t)
	officer := &browser{t: t, app: ra.app, cookies: map[string]string{}}
	reviewer := &browser{t: t, app: ra.app, cookies: map[string]string{}}
	officer.login("officer@police.example")
	reviewer.login("reviewer@police.example")
	token := func(b *browser, page string) string {
		all := csrfRE.FindAllStringSubmatch(page, -1)
		return all[len(all)-1][1]
	}
	_, page, _ := officer.do("GET", "/submissions/new", nil)
	form := submissionForm(token(officer, page))
	status, _, h := officer.do("POST", "/submissions", form)
	if status != 303 {
		t.Fatalf("submit through the form: %d", status)
	}
	where := h.Get("Location")
	_, page, _ = reviewer.do("GET", where, nil)
	if !strings.Contains(page, "Approve and publish") {
		t.Fatal("the reviewer is not offered a decision")
	}
	status, _, _ = reviewer.do("POST", where+"/action", url.Values{"_csrf": {token(reviewer, page)}, "action": {"request_changes"}, "reason": {"Give the FIR number."}})
	if status != 303 {
		t.Fatalf("ask for changes: %d", status)
	}
	_, page, _ = officer.do("GET", "/notices", nil)
	if !strings.Contains(page, "Give the FIR number.") {
		t.Error("the officer's notices lack the reason")
	}
	_, page, _ = officer.do("GET", where+"/edit", nil)
	if !strings.Contains(page, "Give the FIR number.") {
		t.Error("the edit form does not show the reviewer's note")
	}
	form.Set("_csrf", token(officer, page))
	form.Set("results", "12 girls rescued (FIR 112/2024, Ranchi Sadar PS), 3 agents arrested.")
	form.Set("rev", regexp.MustCompile(`name="rev" value="(\d+)"`).FindStringSubmatch(page)[1])
	if status, _, _ := officer.do("POST", where, form); status != 303 {
		t.Fatalf("resubmit: %d", status)
	}
	_, page, _ = reviewer.do("GET", where, nil)
	if !strings.Contains(page, "What changed since the last version") || !strings.Contains(page, "FIR 112/2024") {
		t.Error("the reviewer does not see what changed")
	}
	if status, _, _ := reviewer.do("POST", where+"/action", url.Values{"_csrf": {token(reviewer, page)}, "action": {"approve"}}); status != 303 {
		t.Fatalf("approve: %d", status)
	}
	_, page, _ = reviewer.do("GET", where, nil)
	for _, want := range []string{"approved (published)", "asked for changes", "Give the FIR number.", "approved and published it"} {
		if !strings.Contains(page, want) {
			t.Errorf("the submission page lacks %q in its history", want)
		}
	}
	anon := &browser{t: t, app: ra.app, cookies: map[string]string{}}
	_, page, _ = anon.do("GET", "/?q="+url.QueryEscape("placement agency Ranchi"), nil)
	if !strings.Contains(page, "Rescue of girls from a placement agency in Ranchi") || !strings.Contains(page, "Submitted by AHTU Ranchi") {
		t.Error("the published practice is not found by search, credited to its unit")
	}
}

// TestSupportingFiles: a PDF is attached and its text read; a program
// named .pdf is refused, naming the file; only the owner and reviewers
// can fetch a file.
func TestSupportingFiles(t *testing.T) {
	ra := newReviewApp(t)
	officer := &browser{t: t, app: ra.app, cookies: map[string]string{}}
	officer.login("officer@police.example")
	_, page, _ := officer.do("GET", "/submissions/new", nil)
	all := csrfRE.FindAllStringSubmatch(page, -1)
	csrf := all[len(all)-1][1]
	pdf, err := os.ReadFile(filepath.Join("..", "samples", "border-casebook.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	upload := func(name string, data []byte) (int, string, http.Header) {
		var body bytes.Buffer
		w := multipart.NewWriter(&body)
		w.WriteField("_csrf", csrf)
		w.WriteField("title", "Highway patrol training with truck drivers")
		fw, _ := w.CreateFormFile("files", name)
		fw.Write(data)
		w.Close()
		req := httptest.NewRequest("POST", "/submissions", &body)
		req.Header.Set("Content-Type", w.FormDataContentType())
		for k, v := range officer.cookies {
			req.AddCookie(&http.Cookie{Name: k, Value: v})
		}
		resp, err := ra.app.Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		out, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(out), resp.Header
	}
	status, page, _ := upload("setup.exe.pdf", append([]byte("MZ\x90\x00"), bytes.Repeat([]byte{0}, 4096)...))
	if status != 422 || !strings.Contains(page, "setup.exe.pdf is not a PDF") {
		t.Errorf("an executable named .pdf: %d, want 422 naming the file", status)
	}
	status, _, h := upload("casebook.pdf", pdf)
	if status != 303 {
		t.Fatalf("a real PDF: %d", status)
	}
	where := h.Get("Location")
	_, page, _ = officer.do("GET", where, nil)
	link := regexp.MustCompile(`href="(/submissions/[^"]+/files/[0-9a-f]{64})"`).FindStringSubmatch(page)
	if link == nil || !strings.Contains(page, "casebook.pdf</a> (3 pages") {
		t.Fatalf("the attachment is not listed with its pages")
	}
	status, body, hdr := officer.do("GET", link[1], nil)
	if status != 200 || !bytes.Equal([]byte(body), pdf) || !strings.HasPrefix(hdr.Get("Content-Disposition"), "attachment") {
		t.Errorf("fetching the attachment: %d, %d bytes, %q", status, len(body), hdr.Get("Content-Disposition"))
	}
	ra.accounts.AddUser(context.Background(), "other@police.example", "other", kb.RoleOfficer, "", "a long enough password")
	other := &browser{t: t, app: ra.app, cookies: map[string]string{}}
	other.login("other@police.example")
	if status, _, _ := other.do("GET", link[1], nil); status != 404 {
		t.Errorf("another officer fetching the file: %d, want 404", status)
	}
}

// TestAdminImport: an admin uploads compendia in the browser; a broken
// file is named and the others are imported; an officer may not import.
func TestAdminImport(t *testing.T) {
	ra := newReviewApp(t)
	pdf, _ := os.ReadFile(filepath.Join("..", "samples", "state-casebook.pdf"))
	officer := &browser{t: t, app: ra.app, cookies: map[string]string{}}
	officer.login("officer@police.example")
	if status, _ := officer.upload(map[string][]byte{"state-casebook.pdf": pdf}); status != 403 {
		t.Errorf("an officer importing: %d, want 403", status)
	}
	admin := &browser{t: t, app: ra.app, cookies: map[string]string{}}
	admin.login("admin@police.example")
	status, page := admin.upload(map[string][]byte{"state-casebook.pdf": pdf, "broken.pdf": pdf[:len(pdf)/3]})
	if status != 422 || !strings.Contains(page, "broken.pdf") || !strings.Contains(page, "state-casebook.pdf: added, 0 case studies published, 11 proposed") {
		t.Errorf("import with one broken file: %d; the broken file must be named and the other's 11 cases proposed", status)
	}
	res, err := ra.svc.Search(context.Background(), kb.Query{Text: "Operation Muskaan"})
	if err != nil || res.Total != 0 {
		t.Errorf("an import's proposals are searchable before anyone published them: %d hits (%v)", res.Total, err)
	}
}
