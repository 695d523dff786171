package ui

import (
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/compendium-kb/compendium/kb"
)

// TestExportLimits: with exports running, a client past its share and
// anyone past the total get 429 with Retry-After at once; another client
// within both is let in; a place is free again once its export ends.
func TestExportLimits(t *testing.T) {
	l := newExportLimiter(3, 2)
	finish := make(chan struct{})
	app := fiber.New()
	app.Use(func(c *fiber.Ctx) error {
		if id := c.Get("X-User"); id != "" { // as identify does for a signed-in user
			c.Locals("who", who{user: &kb.User{ID: id, Role: kb.RoleOfficer}})
		}
		return c.Next()
	})
	app.Get("/export", func(c *fiber.Ctx) error {
		release, err := l.admit(c)
		if err != nil {
			return err
		}
		defer release()
		if c.Query("hold") != "" {
			<-finish
		}
		return c.SendString("rows")
	})
	get := func(user, query string) (int, string) {
		req := httptest.NewRequest("GET", "/export?"+query, nil)
		if user != "" {
			req.Header.Set("X-User", user)
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
		go func() { defer wg.Done(); get("a@police.example", "hold=1") }()
	}
	time.Sleep(100 * time.Millisecond)
	if status, retry := get("a@police.example", ""); status != 429 || retry == "" {
		t.Errorf("a third export of one client: %d Retry-After %q, want 429 with Retry-After", status, retry)
	}
	wg.Add(1)
	go func() { defer wg.Done(); get("", "hold=1") }() // an anonymous client's, the third in all
	time.Sleep(100 * time.Millisecond)
	if status, retry := get("b@police.example", ""); status != 429 || retry == "" {
		t.Errorf("an export past the total: %d Retry-After %q, want 429 with Retry-After", status, retry)
	}
	close(finish)
	wg.Wait()
	for _, user := range []string{"a@police.example", "b@police.example", ""} {
		if status, _ := get(user, ""); status != 200 {
			t.Errorf("an export once the others ended (%q): %d, want 200", user, status)
		}
	}
}
