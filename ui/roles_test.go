package ui_test

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/compendium-kb/compendium/kb"
)

// withFieldRoles adds a trainer and an analyst, with tokens, to a review
// app's officer, reviewers and admin.
func withFieldRoles(t *testing.T, ra reviewApp) reviewApp {
	t.Helper()
	for _, r := range []kb.Role{kb.RoleTrainer, kb.RoleAnalyst} {
		email := string(r) + "@police.example"
		if _, err := ra.accounts.AddUser(context.Background(), email, string(r), r, "Police Academy", "a long enough password"); err != nil {
			t.Fatal(err)
		}
		tok, _, err := ra.accounts.NewToken(context.Background(), email)
		if err != nil {
			t.Fatal(err)
		}
		ra.tokens[string(r)] = tok
	}
	return ra
}

// page asks for a page as who (a name in ra.tokens) and returns its
// status and body.
func (ra reviewApp) page(t *testing.T, who, target string) (int, string) {
	t.Helper()
	req := httptest.NewRequest("GET", target, nil)
	req.Header.Set("Authorization", "Bearer "+ra.tokens[who])
	resp, err := ra.app.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	buf := make([]byte, 4096)
	for {
		n, err := resp.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return resp.StatusCode, b.String()
}

// Each role's pages, asked for as every role: 200 where they belong, 403
// where they do not.
// rolePages are the pages that belong to roles, with the roles they
// belong to; every other role is refused them (403).
var rolePages = map[string][]string{
	"/submissions":     {"officer", "reviewer", "admin"},
	"/submissions/new": {"officer", "reviewer", "admin"},
	"/packs":           {"officer", "trainer", "reviewer", "admin"},
	"/admin/searches":  {"analyst", "reviewer", "admin"},
	"/inbox":           {"reviewer", "admin"},
	"/admin/users":     {"admin"},
	"/stats":           {"officer", "trainer", "analyst", "reviewer", "admin"},
	"/notices":         {"officer", "trainer", "analyst", "reviewer", "admin"},
}

func TestEachRolesPagesAsEveryRole(t *testing.T) {
	ra := withFieldRoles(t, newReviewApp(t))
	for target, roles := range rolePages {
		for _, who := range []string{"officer", "trainer", "analyst", "reviewer", "admin"} {
			want := 403
			for _, r := range roles {
				if r == who {
					want = 200
				}
			}
			if status, _ := ra.page(t, who, target); status != want {
				t.Errorf("%s as %s: %d, want %d", target, who, status, want)
			}
		}
	}
}

// A role lands on its own page after signing in, told what it does, with
// a menu of what it may open.
func TestEachRoleLandsOnItsWork(t *testing.T) {
	ra := withFieldRoles(t, newReviewApp(t))
	for _, tc := range []struct {
		role, landing string
		menu, notMenu []string
	}{
		{"officer", "/submissions", []string{`href="/submissions"`, `href="/packs"`}, []string{`href="/inbox"`, `href="/admin/searches"`}},
		{"trainer", "/packs", []string{`href="/packs"`}, []string{`href="/submissions"`, `href="/admin/searches"`}},
		{"analyst", "/stats", []string{`href="/stats"`, `href="/admin/searches"`}, []string{`href="/submissions"`, `href="/packs"`}},
		{"reviewer", "/submissions", []string{`href="/inbox"`, `href="/submissions"`}, []string{`href="/admin/users"`}},
	} {
		b := &browser{t: t, app: ra.app, cookies: map[string]string{}}
		_, form, _ := b.do("GET", "/login", nil)
		csrf := csrfRE.FindAllStringSubmatch(form, -1)
		status, _, h := b.do("POST", "/login", url.Values{"_csrf": {csrf[len(csrf)-1][1]}, "email": {tc.role + "@police.example"}, "password": {"a long enough password"}})
		if status != 303 || h.Get("Location") != tc.landing {
			t.Errorf("%s signed in to %d %q, want 303 to %s", tc.role, status, h.Get("Location"), tc.landing)
			continue
		}
		status, page, _ := b.do("GET", tc.landing, nil)
		if status != 200 || !strings.Contains(page, `class="role-intro"`) {
			t.Errorf("%s's landing %s: %d, intro shown %v", tc.role, tc.landing, status, strings.Contains(page, `class="role-intro"`))
		}
		start := strings.Index(page, `<nav class="account"`)
		nav := page[start : start+strings.Index(page[start:], "</nav>")]
		for _, link := range tc.menu {
			if !strings.Contains(nav, link) {
				t.Errorf("%s's menu has no %s", tc.role, link)
			}
		}
		for _, link := range tc.notMenu {
			if strings.Contains(nav, link) {
				t.Errorf("%s's menu offers %s", tc.role, link)
			}
		}
	}
}

// Admins give roles through the API; nobody else may, and an unknown
// role is refused with the roles named.
func TestRolesThroughTheAPI(t *testing.T) {
	ra := withFieldRoles(t, newReviewApp(t))
	add := map[string]any{"email": "trainer2@police.example", "name": "Trainer Two", "role": "trainer", "password": "a long enough password"}
	if status, body := ra.api(t, "officer", "POST", "/api/v1/users", add); status != 403 {
		t.Errorf("an officer adding an account: %d %s", status, body)
	}
	status, body := ra.api(t, "admin", "POST", "/api/v1/users", add)
	var u kb.User
	if err := json.Unmarshal(body, &u); status != 201 || err != nil || u.Role != kb.RoleTrainer {
		t.Fatalf("adding a trainer: %d %s", status, body)
	}
	if status, body := ra.api(t, "admin", "POST", "/api/v1/users/trainer2@police.example/role", map[string]string{"role": "analyst"}); status != 200 || !strings.Contains(string(body), `"role":"analyst"`) {
		t.Errorf("making the trainer an analyst: %d %s", status, body)
	}
	if status, body := ra.api(t, "admin", "POST", "/api/v1/users/trainer2@police.example/role", map[string]string{"role": "inspector"}); status != 400 || !strings.Contains(string(body), "trainer, analyst") {
		t.Errorf("an unknown role: %d %s", status, body)
	}
	if status, _ := ra.api(t, "analyst", "POST", "/api/v1/users/trainer2@police.example/role", map[string]string{"role": "admin"}); status != 403 {
		t.Errorf("an analyst giving roles: %d, want 403", status)
	}
}

// A trainer's pack is open to the other trainers, not to an officer; an
// officer's pack stays the officer's.
func TestTrainersSharePacks(t *testing.T) {
	ra := withFieldRoles(t, newReviewApp(t))
	ctx := context.Background()
	if _, err := ra.accounts.AddUser(ctx, "trainer2@police.example", "Trainer Two", kb.RoleTrainer, "", "a long enough password"); err != nil {
		t.Fatal(err)
	}
	tok, _, err := ra.accounts.NewToken(ctx, "trainer2@police.example")
	if err != nil {
		t.Fatal(err)
	}
	ra.tokens["trainer2"] = tok
	tp, op := ra.newPack(t, "trainer", "Railway station rescues"), ra.newPack(t, "officer", "Officer's own")
	if status, page := ra.page(t, "trainer2", "/packs"); status != 200 || !strings.Contains(page, "Railway station rescues") || strings.Contains(page, "Officer&#39;s own") {
		t.Errorf("the other trainer's list: %d, shows the trainer's pack %v", status, strings.Contains(page, "Railway station rescues"))
	}
	for _, tc := range []struct {
		who, pack string
		want      int
	}{{"trainer2", tp, 200}, {"officer", tp, 404}, {"trainer2", op, 404}, {"officer", op, 200}} {
		if status, _ := ra.page(t, tc.who, "/packs/"+tc.pack); status != tc.want {
			t.Errorf("pack %s as %s: %d, want %d", tc.pack, tc.who, status, tc.want)
		}
	}
}

// newPack creates a pack through the form as who and returns its id.
func (ra reviewApp) newPack(t *testing.T, who, title string) string {
	t.Helper()
	req := httptest.NewRequest("POST", "/packs", strings.NewReader(url.Values{"title": {title}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Bearer "+ra.tokens[who])
	resp, err := ra.app.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	loc := resp.Header.Get("Location")
	if resp.StatusCode != 303 || !strings.HasPrefix(loc, "/packs/") {
		t.Fatalf("new pack as %s: %d %s", who, resp.StatusCode, loc)
	}
	return strings.TrimPrefix(loc, "/packs/")
}

// apiForm sends a form as who with a token, and returns the status and
// the Location.
func (ra reviewApp) apiForm(t *testing.T, who, target string, form url.Values) (int, string) {
	t.Helper()
	req := httptest.NewRequest("POST", target, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Bearer "+ra.tokens[who])
	resp, err := ra.app.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header.Get("Location")
}

// regexpFind returns the first group of pattern in s, or "".
func regexpFind(s, pattern string) string {
	if m := regexp.MustCompile(pattern).FindStringSubmatch(s); m != nil {
		return m[1]
	}
	return ""
}
