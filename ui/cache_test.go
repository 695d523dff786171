package ui_test

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/compendium-kb/compendium/kb"
)

// TestCacheHeaders: a PDF only reviewers may see (an import not yet
// published, a withdrawn document) and every page sent to a signed-in
// user are private; a published PDF may be kept by shared caches but is
// revalidated, so a withdrawal takes effect at once; answers vary by
// cookie and token. (An unpublished import's PDF was sent "public,
// max-age=3600" with no Vary.)
func TestCacheHeaders(t *testing.T) {
	ra := newReviewApp(t)
	ctx := t.Context()
	fetch := func(who, target string) (int, string, string) {
		req := httptest.NewRequest("GET", target, nil)
		if who != "" {
			req.Header.Set("Authorization", "Bearer "+ra.tokens[who])
		}
		resp, err := ra.app.Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode, resp.Header.Get("Cache-Control"), strings.Join(resp.Header.Values("Vary"), ",")
	}
	varies := func(what, vary string) {
		if !strings.Contains(vary, "Cookie") || !strings.Contains(vary, "Authorization") {
			t.Errorf("%s: Vary %q, want Cookie and Authorization", what, vary)
		}
	}
	if _, err := ra.svc.Import(ctx, "casebook.pdf", sampleBytes(t, "state-casebook.pdf")); err != nil {
		t.Fatal(err)
	}
	status, cc, vary := fetch("reviewer", "/documents/casebook.pdf")
	if status != 200 || cc != "private, no-store" {
		t.Errorf("an unpublished import's PDF to a reviewer: %d Cache-Control %q, want 200 private, no-store", status, cc)
	}
	varies("an unpublished import's PDF", vary)
	if status, _, _ := fetch("", "/documents/casebook.pdf"); status != 404 {
		t.Errorf("an unpublished import's PDF to anyone: %d, want 404", status)
	}
	if _, err := ra.svc.ImportWith(ctx, "compendium.pdf", sampleBytes(t, "law-enforcement-compendium.pdf"), kb.ImportOptions{PublishAll: true}); err != nil {
		t.Fatal(err)
	}
	status, cc, vary = fetch("", "/documents/compendium.pdf")
	if status != 200 || cc != "public, no-cache" {
		t.Errorf("a published PDF: %d Cache-Control %q, want 200 public, no-cache", status, cc)
	}
	varies("a published PDF", vary)
	if status, _ := ra.api(t, "reviewer", "POST", "/api/v1/documents/compendium/withdraw", map[string]string{"reason": "superseded"}); status != 200 {
		t.Fatalf("withdrawing: %d", status)
	}
	if status, cc, _ := fetch("reviewer", "/documents/compendium.pdf"); status != 200 || cc != "private, no-store" {
		t.Errorf("a withdrawn PDF to a reviewer: %d Cache-Control %q, want 200 private, no-store", status, cc)
	}
	if status, _, _ := fetch("", "/documents/compendium.pdf"); status != 404 {
		t.Errorf("a withdrawn PDF to anyone: %d, want 404", status)
	}
	for _, page := range []string{"/inbox", "/submissions", "/api/v1/proposals"} {
		if status, cc, vary := fetch("reviewer", page); status != 200 || cc != "private, no-store" {
			t.Errorf("%s to a reviewer: %d Cache-Control %q, want 200 private, no-store", page, status, cc)
		} else {
			varies(page, vary)
		}
	}
}
