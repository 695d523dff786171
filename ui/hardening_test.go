package ui_test

import (
	"io"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
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
