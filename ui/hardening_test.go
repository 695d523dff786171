package ui_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/compendium-kb/compendium/kb"
)

// hostileTargets would leave the site, or add a header, if a redirect
// copied them into its Location.
var hostileTargets = []string{
	"/%09/evil.example", "//evil.example", "/%5Cevil.example", "/%2F/evil.example", "/%252F%252Fevil.example",
	"/%0aSet-Cookie:%20x=y;%20Path=/", "/%0d%0aSet-Cookie:%20x=y", "https://evil.example/",
}

func TestDisplayRedirectStaysOnSite(t *testing.T) {
	ra := newReviewApp(t)
	for _, target := range hostileTargets {
		resp, err := ra.app.Test(httptest.NewRequest("GET", "/display?size=large&back="+target, nil), -1)
		if err != nil {
			t.Fatal(err)
		}
		if loc := resp.Header.Get("Location"); resp.StatusCode != 303 || loc != "/" {
			t.Errorf("/display?back=%s: %d Location %q, want 303 to /", target, resp.StatusCode, loc)
		}
		for _, c := range resp.Cookies() {
			if c.Name == "x" {
				t.Errorf("/display?back=%s set the cookie x", target)
			}
		}
	}
	resp, _ := ra.app.Test(httptest.NewRequest("GET", "/display?size=large&back="+url.QueryEscape("/?q=child%20labour"), nil), -1)
	if loc := resp.Header.Get("Location"); loc != "/?q=child%20labour" {
		t.Errorf("a search page's own address: Location %q, want it kept", loc)
	}
}

func TestSignInRedirectStaysOnSite(t *testing.T) {
	ra := newReviewApp(t)
	for _, target := range hostileTargets {
		b := &browser{t: t, app: ra.app, cookies: map[string]string{}}
		_, page, _ := b.do("GET", "/login?next="+target, nil)
		all := csrfRE.FindAllStringSubmatch(page, -1)
		decoded, _ := url.QueryUnescape(target)
		status, _, h := b.do("POST", "/login", url.Values{"_csrf": {all[len(all)-1][1]}, "email": {"officer@police.example"},
			"password": {"a long enough password"}, "next": {decoded}})
		if loc := h.Get("Location"); status != 303 || loc != "/submissions" {
			t.Errorf("sign-in with next=%q: %d Location %q, want 303 to /submissions", decoded, status, loc)
		}
		if h.Get("Set-Cookie") != "" && strings.Contains(strings.Join(h.Values("Set-Cookie"), "\n"), "x=y") {
			t.Errorf("sign-in with next=%q set the attacker's cookie", decoded)
		}
	}
}

func TestCSRFTokenNotFromQuery(t *testing.T) {
	ra := newReviewApp(t)
	b := &browser{t: t, app: ra.app, cookies: map[string]string{}}
	b.login("officer@police.example")
	_, page, _ := b.do("GET", "/submissions/new", nil)
	token := csrfRE.FindStringSubmatch(page)[1]
	form := url.Values{"title": {"Vigilance at the bus stand in Gumla"}, "states": {"Jharkhand"}}
	if status, _, _ := b.do("POST", "/submissions?_csrf="+url.QueryEscape(token), form); status != 403 {
		t.Errorf("a CSRF token in the query string: %d, want 403", status)
	}
	form.Set("_csrf", token)
	if status, _, _ := b.do("POST", "/submissions", form); status != 303 {
		t.Errorf("a CSRF token in the body: %d, want 303", status)
	}
}

// TestBodyLimits: a form route refuses a large body before reading it,
// whether it says its length or not; an upload route takes files up to
// its own limit.
func TestBodyLimits(t *testing.T) {
	ra := newReviewApp(t)
	big := strings.Repeat("a", 2<<20)
	req := httptest.NewRequest("POST", "/login", strings.NewReader("email=x&password="+big))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if resp, _ := ra.app.Test(req, -1); resp.StatusCode != 413 {
		t.Errorf("a 2 MB sign-in form: %d, want 413", resp.StatusCode)
	}
	req = httptest.NewRequest("POST", "/login", io.MultiReader(strings.NewReader("email=x&password="), strings.NewReader(big)))
	req.ContentLength, req.TransferEncoding = -1, []string{"chunked"} // the length is not known in advance
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if resp, err := ra.app.Test(req, -1); err != nil || resp.StatusCode != 413 {
		t.Fatalf("a 2 MB chunked sign-in form: %v %v, want 413", resp, err)
	}
	if status, _ := ra.api(t, "officer", "POST", "/api/v1/submissions", `{"title": "`+big+`"}`); status != 413 {
		t.Errorf("a 2 MB JSON submission: %d, want 413", status)
	}
}

// TestBoundedFields: every list and long string has a limit, and a
// request over it gets a 422 naming the field and the limit.
func TestBoundedFields(t *testing.T) {
	ra := newReviewApp(t)
	many := func(n int, s string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = s
		}
		return out
	}
	tests := []struct {
		name, field, limit string
		body               map[string]any
	}{
		{"500 states", "states", "40", map[string]any{"title": "A practice with many states", "states": many(500, "Jharkhand")}},
		{"a 5 KB state", "states", "100", map[string]any{"title": "A practice with a long state", "states": []string{strings.Repeat("J", 5000)}}},
		{"60 districts", "district", "50", map[string]any{"title": "A practice in many districts", "district": strings.Repeat("Ranchi, ", 60)}},
		{"11 links", "links", "10", map[string]any{"title": "A practice with many links", "links": many(11, "https://police.example/")}},
		{"a long title", "title", "200", map[string]any{"title": strings.Repeat("t", 201)}},
		{"a long problem", "problem", "20000", map[string]any{"title": "A practice told at length", "problem": strings.Repeat("p", 20001)}},
	}
	for _, tt := range tests {
		status, body := ra.api(t, "officer", "POST", "/api/v1/submissions", tt.body)
		var resp struct{ Fields map[string]string }
		json.Unmarshal(body, &resp)
		if status != 422 || !strings.Contains(resp.Fields[tt.field], tt.limit) {
			t.Errorf("%s: %d %.200s, want 422 with %s's limit %s", tt.name, status, body, tt.field, tt.limit)
		}
	}
	id := ra.submitted(t)
	status, body := ra.api(t, "reviewer", "POST", "/api/v1/submissions/"+id+"/decision", map[string]string{"decision": "reject", "reason": strings.Repeat("r", 5001)})
	if status != 422 || !strings.Contains(string(body), "5000") {
		t.Errorf("a 5,001-byte reason: %d %.200s, want 422 with the limit 5000", status, body)
	}
}

// TestListingIsPagedAndFiltered: an officer lists their own submissions
// only, a page at a time, without the versions' text.
func TestListingIsPagedAndFiltered(t *testing.T) {
	ra := newReviewApp(t)
	for range 3 {
		ra.submitted(t) // by the officer, with a version each
	}
	if status, body := ra.api(t, "reviewer", "POST", "/api/v1/submissions", fullSubmission); status != 201 {
		t.Fatalf("reviewer's draft: %d %s", status, body)
	}
	list := func(who, query string) []kb.Submission {
		t.Helper()
		status, body := ra.api(t, who, "GET", "/api/v1/submissions"+query, nil)
		var resp struct{ Submissions []kb.Submission }
		if err := json.Unmarshal(body, &resp); status != 200 || err != nil {
			t.Fatalf("list %s: %d %v", query, status, err)
		}
		return resp.Submissions
	}
	if got := list("officer", ""); len(got) != 3 {
		t.Errorf("the officer sees %d submissions, want their own 3", len(got))
	}
	if got := list("reviewer", "?size=2"); len(got) != 2 {
		t.Errorf("a page of 2: %d", len(got))
	}
	if got := list("reviewer", "?size=2&page=2"); len(got) != 2 {
		t.Errorf("the second page of 2 of 4: %d", len(got))
	}
	for _, s := range list("reviewer", "") {
		if len(s.Versions) != 0 || s.Fields.Problem != "" || s.Fields.Title == "" {
			t.Errorf("a listed submission carries %d versions and problem %q, title %q: want the title only", len(s.Versions), s.Fields.Problem, s.Fields.Title)
		}
	}
}

// TestSignInWaitAndAdminUnlock: after failed sign-ins the account waits
// (429 with Retry-After) rather than being locked, and an admin's unlock
// on the accounts page ends the wait.
func TestSignInWaitAndAdminUnlock(t *testing.T) {
	ra := newReviewApp(t)
	officer := &browser{t: t, app: ra.app, cookies: map[string]string{}}
	try := func(password string) (int, http.Header) {
		_, page, _ := officer.do("GET", "/login", nil)
		all := csrfRE.FindAllStringSubmatch(page, -1)
		status, _, h := officer.do("POST", "/login", url.Values{"_csrf": {all[len(all)-1][1]}, "email": {"officer@police.example"}, "password": {password}})
		return status, h
	}
	for i := range 3 {
		if status, _ := try("wrong password"); status != 401 {
			t.Fatalf("wrong password %d: %d, want 401", i+1, status)
		}
	}
	status, h := try("a long enough password")
	if status != 429 || h.Get("Retry-After") == "" {
		t.Fatalf("the right password after three failures: %d Retry-After %q, want 429 with a wait", status, h.Get("Retry-After"))
	}
	admin := &browser{t: t, app: ra.app, cookies: map[string]string{}}
	admin.login("admin@police.example")
	_, page, _ := admin.do("GET", "/admin/users", nil)
	if !strings.Contains(page, `value="unlock"`) {
		t.Error("the accounts page has no unlock button")
	}
	token := csrfRE.FindStringSubmatch(page)[1]
	if status, _, _ := admin.do("POST", "/admin/users/officer@police.example", url.Values{"_csrf": {token}, "change": {"unlock"}}); status != 303 {
		t.Fatalf("unlock: %d", status)
	}
	if status, h := try("a long enough password"); status != 303 {
		t.Errorf("the right password after an unlock: %d %s, want 303", status, h.Get("Location"))
	}
}
