package ui_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// These tests are what a first-time user tripped over: pages past the
// end, slugs shown as names, answers shown as headings, addresses that
// lead nowhere.

func TestPagesPastTheEnd(t *testing.T) {
	app, _ := newApp(t)
	_, body := get(t, app, "/")
	total := regexp.MustCompile(`of (\d+) practices`).FindStringSubmatch(string(body))
	if total == nil {
		t.Fatalf("the home page does not say how many practices there are:\n%s", body)
	}
	if n, _ := strconv.Atoi(total[1]); n <= 10 || !regexp.MustCompile(`Page 1 of \d+`).Match(body) {
		t.Fatalf("%s practices: want more than a page, and the pager saying 'Page 1 of N'", total[1])
	}
	resp, body := get(t, app, "/?page=999")
	page := string(body)
	if resp.StatusCode != 200 || !strings.Contains(page, "No more results") {
		t.Fatalf("page 999: %d, no 'No more results':\n%s", resp.StatusCode, page)
	}
	if regexp.MustCompile(`\d+–\d+ of`).MatchString(page) {
		t.Errorf("page 999 still counts results it does not show")
	}
	last := regexp.MustCompile(`href="([^"]*page=(\d+)[^"]*)">Go to the last page`).FindStringSubmatch(page)
	if last == nil {
		t.Fatal("page 999 has no link to the last page")
	}
	_, body = get(t, app, strings.ReplaceAll(last[1], "&amp;", "&"))
	if !strings.Contains(string(body), "of "+total[1]+" practices") || !strings.Contains(string(body), "Page "+last[2]+" of "+last[2]) {
		t.Errorf("the last page link (%s) does not lead to the last page of %s practices", last[1], total[1])
	}
}

func TestFilterChipsShowNames(t *testing.T) {
	app, _ := newApp(t)
	_, body := get(t, app, "/?document=law-enforcement-compendium")
	chips := regexp.MustCompile(`(?s)<ul class="active".*?</ul>`).FindString(string(body))
	if !strings.Contains(chips, "Source document: Compendium on Best Practices") || strings.Contains(chips, ": law-enforcement-compendium") {
		t.Errorf("the document filter chip shows %q, want the document's title", chips)
	}
}

func TestBackToResults(t *testing.T) {
	app, _ := newApp(t)
	var res searchResponse
	_, body := get(t, app, "/api/v1/search?q=rescue")
	json.Unmarshal(body, &res)
	if len(res.Hits) == 0 {
		t.Fatal("no practice to open")
	}
	for _, c := range []struct {
		referer, want string
	}{
		{"http://example.com/?q=rescue&state=Bihar&page=2", `href="/?page=2&amp;q=rescue&amp;state=Bihar">Back to results`},
		{"http://elsewhere.example/?q=rescue", `<a href="/">Search</a>`},
		{"http://example.com/documents", `<a href="/">Search</a>`},
		{`http://example.com/?q="><script>alert(1)</script>`, `href="/?q=%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E">Back to results`},
	} {
		req := httptest.NewRequest(http.MethodGet, res.Hits[0].URL, nil)
		req.Header.Set("Referer", c.referer)
		resp, err := app.Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		page, _ := io.ReadAll(resp.Body)
		if !strings.Contains(string(page), c.want) {
			crumbs := regexp.MustCompile(`<p class="crumbs">.*?</p>`).FindString(string(page))
			t.Errorf("from %s the crumbs are %s, want %s", c.referer, crumbs, c.want)
		}
	}
}

func TestSubmittedPracticeReadsAsAnswers(t *testing.T) {
	ra := newReviewApp(t)
	fields := map[string]any{}
	for k, v := range fullSubmission {
		fields[k] = v
	}
	fields["resources"] = "Two vehicles, revenue staff, NGO counsellors"
	fields["partners"] = "IJM, District Revenue Office"
	fields["laws"] = "BLSA 1976 sections 16-19, IPC 370, JJ Act"
	fields["period"] = "2023-2024"
	status, body := ra.api(t, "officer", "POST", "/api/v1/submissions", fields)
	if status != 201 {
		t.Fatalf("create: %d %s", status, body)
	}
	var s struct{ ID string }
	json.Unmarshal(body, &s)
	ra.api(t, "officer", "POST", "/api/v1/submissions/"+s.ID+"/submit", nil)
	if status, body := ra.api(t, "reviewer", "POST", "/api/v1/submissions/"+s.ID+"/decision", map[string]string{"decision": "approve"}); status != 200 {
		t.Fatalf("approve: %d %s", status, body)
	}
	status, body = ra.api(t, "", "GET", "/api/v1/search?q=placement+agency+Ranchi", nil)
	var res searchResponse
	json.Unmarshal(body, &res)
	if len(res.Hits) == 0 {
		t.Fatalf("the approved practice is not found: %d %s", status, body)
	}
	resp, err := ra.app.Test(httptest.NewRequest(http.MethodGet, res.Hits[0].URL, nil), -1)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	for _, answer := range []string{"Two vehicles, revenue staff, NGO counsellors", "IJM, District Revenue Office", "BLSA 1976 sections 16-19, IPC 370, JJ Act"} {
		if !strings.Contains(string(page), "<p>"+answer+"</p>") {
			t.Errorf("the answer %q is not a paragraph", answer)
		}
	}
	for _, heading := range []string{"Problem", "What was done", "Resources used", "Partners"} {
		if !strings.Contains(string(page), "<h2>"+heading+"</h2>") {
			t.Errorf("the question %q is not a heading", heading)
		}
	}

	var rec map[string]any
	_, body = ra.api(t, "", "GET", "/api/v1/practices/"+res.Hits[0].ID, nil)
	json.Unmarshal(body, &rec)
	if years := fmt.Sprint(rec["years"]); years != "[2023 2024]" {
		t.Errorf("a practice of 2023-2024 has the years %s (the period, not the laws' years)", years)
	}
	if _, body = ra.api(t, "", "GET", "/api/v1/search?year=2023&q=placement+agency", nil); !strings.Contains(string(body), res.Hits[0].ID) {
		t.Error("year=2023 does not find a practice of 2023-2024")
	}
	if _, ok := rec["pdf_url"]; ok {
		t.Errorf("a submitted practice has a pdf_url: %v", rec["pdf_url"])
	}
	if rec["approved_at"] == nil {
		t.Error("a submitted practice does not say when it was approved")
	}
}

func TestImportedPracticeAPIOmitsWhatDoesNotApply(t *testing.T) {
	app, _ := newApp(t)
	var res searchResponse
	_, body := get(t, app, "/api/v1/search?q=rescue")
	json.Unmarshal(body, &res)
	if len(res.Hits) == 0 {
		t.Fatal("no practice")
	}
	_, body = get(t, app, "/api/v1/practices/"+res.Hits[0].ID)
	var rec map[string]any
	json.Unmarshal(body, &rec)
	if v, ok := rec["approved_at"]; ok {
		t.Errorf("an imported practice has approved_at %v", v)
	}
	if pdf, _ := rec["pdf_url"].(string); !strings.Contains(pdf, "#page=") || strings.HasSuffix(pdf, "#page=0") {
		t.Errorf("an imported practice's pdf_url is %q", pdf)
	}
}

func TestSourcePDFAnswersRanges(t *testing.T) {
	app, pdf := newApp(t)
	const path = "/documents/law-enforcement-compendium.pdf"
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.Header.Set("Range", "bytes=0-99")
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := app.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	part, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusPartialContent || string(part) != string(pdf[:100]) {
		t.Fatalf("bytes 0-99: %d, %d bytes (encoding %q), want 206 with the file's first 100 bytes", resp.StatusCode, len(part), resp.Header.Get("Content-Encoding"))
	}
	if got := resp.Header.Get("Content-Range"); got != "bytes 0-99/"+strconv.Itoa(len(pdf)) {
		t.Errorf("Content-Range %q", got)
	}
	resp, body := get(t, app, path)
	if resp.StatusCode != 200 || len(body) != len(pdf) || resp.Header.Get("Accept-Ranges") != "bytes" {
		t.Errorf("the whole file: %d, %d of %d bytes, Accept-Ranges %q", resp.StatusCode, len(body), len(pdf), resp.Header.Get("Accept-Ranges"))
	}
	req = httptest.NewRequest(http.MethodGet, path, nil)
	req.Header.Set("If-None-Match", resp.Header.Get("ETag"))
	if resp, _ := app.Test(req, -1); resp.StatusCode != http.StatusNotModified {
		t.Errorf("a cached copy: %d, want 304", resp.StatusCode)
	}
}

func TestHandoutSaysWhatWasDone(t *testing.T) {
	ra := newReviewApp(t)
	id := ra.submitted(t)
	ra.api(t, "reviewer", "POST", "/api/v1/submissions/"+id+"/decision", map[string]string{"decision": "approve"})
	_, body := ra.api(t, "", "GET", "/api/v1/search?q=placement+agency", nil)
	var res searchResponse
	json.Unmarshal(body, &res)
	if len(res.Hits) == 0 {
		t.Fatal("the approved practice is not found")
	}
	b := &browser{t: t, app: ra.app, cookies: map[string]string{}}
	b.login("officer@police.example")
	_, page, _ := b.do("GET", "/packs", nil)
	tok := csrfRE.FindAllStringSubmatch(page, -1)
	status, _, h := b.do("POST", "/packs", url.Values{"_csrf": {tok[len(tok)-1][1]}, "title": {"Induction"}, "practice": {res.Hits[0].ID}})
	if status != 303 {
		t.Fatalf("create a pack: %d", status)
	}
	_, page, _ = b.do("GET", h.Get("Location")+"/handout", nil)
	action := fullSubmission["action"].(string)
	if !strings.Contains(page, "What was done</h3>") || !strings.Contains(page, html.EscapeString(action)) {
		t.Errorf("the handout leaves out what was done (%q)", action)
	}
}

// TestFormErrorsStayOnTheForm: a decision that cannot be taken comes
// back on the submission's page, with the reason kept and the problem in
// plain words; no page shows a status line's reason phrase.
func TestFormErrorsStayOnTheForm(t *testing.T) {
	ra := newReviewApp(t)
	id := ra.submitted(t)
	reviewer := &browser{t: t, app: ra.app, cookies: map[string]string{}}
	reviewer.login("reviewer@police.example")
	act := func(b *browser, action, reason string) (int, string) {
		t.Helper()
		_, page, _ := b.do("GET", "/submissions/"+id, nil)
		tok := csrfRE.FindAllStringSubmatch(page, -1)
		status, page, _ := b.do("POST", "/submissions/"+id+"/action", url.Values{"_csrf": {tok[len(tok)-1][1]}, "action": {action}, "reason": {reason}})
		return status, page
	}
	status, page := act(reviewer, "reject", "   ")
	if status != 422 || !strings.Contains(page, `id="reason"`) || !strings.Contains(page, "Give a reason") {
		t.Errorf("rejecting without a reason: %d, want 422 on the same form with the problem beside the reason", status)
	}
	if status, _ := act(reviewer, "approve", ""); status != 303 {
		t.Fatalf("approve: %d", status)
	}
	reviewer2 := &browser{t: t, app: ra.app, cookies: map[string]string{}}
	reviewer2.login("reviewer2@police.example")
	_, page, _ = reviewer2.do("GET", "/submissions/"+id, nil)
	tok := csrfRE.FindAllStringSubmatch(page, -1)
	status, page, _ = reviewer2.do("POST", "/submissions/"+id+"/action", url.Values{"_csrf": {tok[len(tok)-1][1]}, "action": {"approve"}})
	if status != 409 || !strings.Contains(page, "This submission is approved (published), so it cannot be approved now.") {
		t.Errorf("a second approval: %d, want 409 saying it is already approved", status)
	}
	for _, phrase := range []string{"Unprocessable Entity", "Conflict</h1>", "conflict:", "forbidden:"} {
		if strings.Contains(page, phrase) {
			t.Errorf("the page shows %q", phrase)
		}
	}

	// A reviewer's own submission: the reason is said, not "not allowed".
	status, body := ra.api(t, "reviewer", "POST", "/api/v1/submissions", fullSubmission)
	var own struct{ ID string }
	json.Unmarshal(body, &own)
	if status, body = ra.api(t, "reviewer", "POST", "/api/v1/submissions/"+own.ID+"/submit", nil); status != 200 {
		t.Fatalf("submit own: %d %s", status, body)
	}
	status, body = ra.api(t, "reviewer", "POST", "/api/v1/submissions/"+own.ID+"/decision", map[string]string{"decision": "approve"})
	if status != 403 || !strings.Contains(string(body), "cannot review their own submission") {
		t.Errorf("approving one's own submission: %d %s, want 403 saying why", status, body)
	}

	officer := &browser{t: t, app: ra.app, cookies: map[string]string{}}
	officer.login("officer@police.example")
	_, page, _ = officer.do("GET", "/notices", nil)
	if !strings.Contains(page, "was approved and published") || strings.Contains(page, "is now") {
		t.Errorf("the officer's notice does not say plainly what happened")
	}
	_, page, _ = officer.do("GET", "/no/such/page", nil)
	if !strings.Contains(page, "Page not found") || strings.Contains(page, "Not Found</h1>") {
		t.Errorf("a missing page does not say so in plain words")
	}
}

// upload sends files to the admin import form as this browser's user.
func (b *browser) upload(files map[string][]byte) (int, string) {
	b.t.Helper()
	_, page, _ := b.do("GET", "/admin/import", nil)
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	w.WriteField("_csrf", lastCSRF(page))
	for name, data := range files {
		fw, _ := w.CreateFormFile("files", name)
		fw.Write(data)
	}
	w.Close()
	req := httptest.NewRequest("POST", "/admin/import", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	for k, v := range b.cookies {
		req.AddCookie(&http.Cookie{Name: k, Value: v})
	}
	resp, err := b.app.Test(req, -1)
	if err != nil {
		b.t.Fatal(err)
	}
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(out)
}

// TestImportErrorsInPlainWords: an admin is told what is wrong with each
// file and what to try, never the parser's own text.
func TestImportErrorsInPlainWords(t *testing.T) {
	ra := newReviewApp(t)
	pdf, err := os.ReadFile(filepath.Join("..", "samples", "state-casebook.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	admin := &browser{t: t, app: ra.app, cookies: map[string]string{}}
	admin.login("admin@police.example")
	status, page := admin.upload(map[string][]byte{"cut-short.pdf": pdf[:len(pdf)/3], "notes.pdf": []byte("minutes of the meeting"), "empty.pdf": nil})
	if status != 422 {
		t.Errorf("three bad files: %d, want 422", status)
	}
	for _, want := range []string{"cut-short.pdf is damaged or incomplete", "notes.pdf is not a PDF file", "empty.pdf is empty", "Download it again"} {
		if !strings.Contains(page, html.EscapeString(want)) {
			t.Errorf("the import page does not say %q", want)
		}
	}
	for _, internal := range []string{"parser panic", "startxref", "no-text:", "not-pdf:", "damaged:"} {
		if strings.Contains(page, internal) {
			t.Errorf("the import page shows %q", internal)
		}
	}
}

// TestFormProblemsInOneRoundInFormOrder: an officer who presses "Submit
// for review" on an unfinished form is told every problem at once, in the
// order of the form, with the required fields marked.
func TestFormProblemsInOneRoundInFormOrder(t *testing.T) {
	ra := newReviewApp(t)
	officer := &browser{t: t, app: ra.app, cookies: map[string]string{}}
	officer.login("officer@police.example")
	_, page, _ := officer.do("GET", "/submissions/new", nil)
	for _, field := range []string{"title", "states", "problem", "action", "results", "lessons"} {
		if !regexp.MustCompile(`for="f-` + field + `">[^<]*<span class="req">`).MatchString(page) {
			t.Errorf("the field %s is not marked as required", field)
		}
	}
	status, page, _ := officer.do("POST", "/submissions", url.Values{"_csrf": {lastCSRF(page)}, "title": {"Short"},
		"states": {"Atlantis"}, "then": {"submit"}, "district": {"Ranchi"}})
	if status != 422 {
		t.Fatalf("submitting an unfinished form: %d, want 422", status)
	}
	list := regexp.MustCompile(`(?s)<div class="error" role="alert".*?</div>`).FindString(page)
	var order []string
	for _, m := range regexp.MustCompile(`href="#f-(\w+)"`).FindAllStringSubmatch(list, -1) {
		order = append(order, m[1])
	}
	if want := []string{"title", "states", "problem", "action", "results", "lessons"}; strings.Join(order, " ") != strings.Join(want, " ") {
		t.Errorf("problems listed as %v, want all of %v in the form's order", order, want)
	}
	if !strings.Contains(page, `value="Ranchi"`) {
		t.Error("the form lost what the officer typed")
	}
}

// TestFormAsksForFigures: the figures a practice shows are the ones the
// officer gave, each with what it counts; a figure that is not a number
// comes back beside its field.
func TestFormAsksForFigures(t *testing.T) {
	ra := newReviewApp(t)
	officer := &browser{t: t, app: ra.app, cookies: map[string]string{}}
	officer.login("officer@police.example")
	_, page, _ := officer.do("GET", "/submissions/new", nil)
	form := submissionForm(lastCSRF(page))
	form.Set("results", "212 workers including 61 minors rescued from brick kilns.")
	form.Set("fig_rescued", "many")
	status, page, _ := officer.do("POST", "/submissions", form)
	if status != 422 || !strings.Contains(page, `id="e-fig_rescued"`) {
		t.Fatalf("a figure that is not a number: %d, want 422 with the problem beside the field", status)
	}
	form.Set("_csrf", lastCSRF(page))
	form.Set("fig_rescued", "212")
	form.Set("fig_minors", "61")
	form.Set("fig_arrested", "9")
	status, _, h := officer.do("POST", "/submissions", form)
	if status != 303 {
		t.Fatalf("submit: %d", status)
	}
	id := strings.TrimPrefix(h.Get("Location"), "/submissions/")
	if status, body := ra.api(t, "reviewer", "POST", "/api/v1/submissions/"+id+"/decision", map[string]string{"decision": "approve"}); status != 200 {
		t.Fatalf("approve: %d %s", status, body)
	}
	_, body := ra.api(t, "", "GET", "/api/v1/search?q=placement+agency", nil)
	var res searchResponse
	json.Unmarshal(body, &res)
	if len(res.Hits) == 0 {
		t.Fatal("the approved practice is not found")
	}
	resp, err := ra.app.Test(httptest.NewRequest(http.MethodGet, res.Hits[0].URL, nil), -1)
	if err != nil {
		t.Fatal(err)
	}
	practice, _ := io.ReadAll(resp.Body)
	for _, want := range []string{"<dt>People rescued</dt><dd>212</dd>", "<dt>Minors rescued</dt><dd>61</dd>", "<dt>People arrested</dt><dd>9</dd>"} {
		if !strings.Contains(string(practice), want) {
			t.Errorf("the practice page lacks %s", want)
		}
	}
}
