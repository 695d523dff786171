package ui

import (
	"context"
	"regexp"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
)

// Anonymous requests that read the database share a bounded part of its
// connection pool (16, kb/mongodb/store.go): sixteen anonymous /readyz at
// once took every connection, and practice pages then failed after 10 s.
// Only anonymousSlots of them run at once; the rest wait up to
// anonymousWait, then are told to come back. Signed-in work does not wait
// here, nor what answers from the index or reads one record by id
// (searches, suggestions, statistics, practice pages and their API and
// citations): gating those too made 26 of 2,144 requests of the 64-client
// load answer 503, searches that needed no connection at all. What waits
// is the rest: source PDFs and the documents list, shared packs. (Sign-in
// has its own bound, the password-hashing pool.)
const (
	anonymousSlots = 8
	anonymousWait  = 3 * time.Second
)

// practicePath matches a practice page, with or without its slug, and
// the API's practice and citation.
var practicePath = regexp.MustCompile(`^(/practices/[^/]+(/[^/]+)?|/api/v1/practices/[^/]+(/citation)?)$`)

// fromTheIndex are the paths answered from the index.
var fromTheIndex = map[string]bool{"/": true, "/api/v1/search": true, "/api/v1/suggest": true, "/api/v1/stats": true, "/stats": true}

// sharedByAnonymous says whether a request counts against the anonymous
// share.
func sharedByAnonymous(c *fiber.Ctx) bool {
	path := c.Path()
	switch {
	case current(c).user != nil:
		return false
	case path == "/healthz" || path == "/readyz" || path == "/display" || strings.HasPrefix(path, "/static/"):
		return false
	case path == "/login":
		return false // bounded by the password-hashing pool; held here too, sign-ins got 503 under load
	case c.Method() == fiber.MethodGet && (practicePath.MatchString(path) || fromTheIndex[path]):
		return false // exports among the searches have their own cap (exportlimit.go)
	}
	return true
}

// anonymousShare admits at most slots anonymous requests at once.
func anonymousShare(slots int, wait time.Duration) fiber.Handler {
	held := make(chan struct{}, slots)
	return func(c *fiber.Ctx) error {
		if !sharedByAnonymous(c) {
			return c.Next()
		}
		ctx, cancel := context.WithTimeout(c.UserContext(), wait)
		defer cancel()
		select {
		case held <- struct{}{}:
		case <-ctx.Done():
			c.Set(fiber.HeaderRetryAfter, "5")
			return fiber.NewError(fiber.StatusServiceUnavailable, "The server is busy just now. Please try again in a few seconds, or sign in.")
		}
		defer func() { <-held }()
		return c.Next()
	}
}
