package ui

import (
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/compendium-kb/compendium/kb"
)

// TestAnonymousShare: with the anonymous share taken by slow anonymous
// requests for source PDFs, another anonymous request that reads the
// database waits, then is told to retry (503 with Retry-After), while a
// signed-in one, a practice page, a search and /readyz are served at
// once.
func TestAnonymousShare(t *testing.T) {
	release := make(chan struct{})
	app := fiber.New()
	app.Use(func(c *fiber.Ctx) error { // as identify does for a signed-in reviewer
		if c.Get("X-Signed-In") != "" {
			c.Locals("who", who{user: &kb.User{ID: "rev@police.example", Role: kb.RoleReviewer}})
		}
		return c.Next()
	})
	app.Use(anonymousShare(2, 300*time.Millisecond))
	slow := func(c *fiber.Ctx) error {
		if c.Query("slow") != "" {
			<-release
		}
		return c.SendString("ok")
	}
	app.Get("/documents/:file", slow)
	app.Get("/api/v1/search", slow)
	app.Get("/practices/:id/:slug?", slow)
	app.Get("/readyz", slow)
	get := func(path string, signedIn bool) (int, string) {
		req := httptest.NewRequest("GET", path, nil)
		if signedIn {
			req.Header.Set("X-Signed-In", "1")
		}
		resp, err := app.Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode, resp.Header.Get("Retry-After")
	}
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() { defer wg.Done(); get("/documents/a.pdf?slow=1", false) }()
	}
	time.Sleep(100 * time.Millisecond) // both hold their slot
	if status, retry := get("/documents/b.pdf", false); status != 503 || retry == "" {
		t.Errorf("an anonymous PDF beyond the share: %d Retry-After %q, want 503 with Retry-After", status, retry)
	}
	for _, c := range []struct {
		path     string
		signedIn bool
	}{{"/documents/c.pdf", true}, {"/practices/p1/a-title", false}, {"/api/v1/search?q=c", false}, {"/readyz", false}} {
		start := time.Now()
		if status, _ := get(c.path, c.signedIn); status != 200 || time.Since(start) > 200*time.Millisecond {
			t.Errorf("%s (signed in %v) beside a full anonymous share: %d after %v, want 200 at once", c.path, c.signedIn, status, time.Since(start))
		}
	}
	close(release)
	wg.Wait()
	if status, _ := get("/documents/d.pdf", false); status != 200 {
		t.Errorf("an anonymous PDF once the share is free: %d, want 200", status)
	}
}
