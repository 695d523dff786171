package ui

import (
	"context"
	"regexp"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
)

// Anonymous requests share a bounded part of the database's connection
// pool (16, kb/mongodb/store.go): sixteen anonymous /readyz at once took
// every connection, and practice pages then failed after 10 s. Only
// anonymousSlots anonymous requests run at once; the rest wait up to
// anonymousWait, then are told to come back. Signed-in work and practice
// pages (one read by id, which readers reach from searches) do not wait
// here, so they always find a connection.
const (
	anonymousSlots = 8
	anonymousWait  = 3 * time.Second
)

// practicePath matches the path of a practice page, with or without its slug.
var practicePath = regexp.MustCompile(`^/practices/[^/]+(/[^/]+)?$`)

// sharedByAnonymous says whether a request counts against the anonymous
// share: what reads no database (assets, health, readiness from memory)
// and practice pages do not.
func sharedByAnonymous(c *fiber.Ctx) bool {
	path := c.Path()
	switch {
	case current(c).user != nil:
		return false
	case path == "/healthz" || path == "/readyz" || path == "/display" || strings.HasPrefix(path, "/static/"):
		return false
	case c.Method() == fiber.MethodGet && practicePath.MatchString(path) && !strings.HasSuffix(path, "/similar"):
		return false
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
