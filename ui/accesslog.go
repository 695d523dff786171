package ui

import (
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
)

// validRequestID is what a trusted proxy's X-Request-Id may be to be kept:
// anything else (or anything from an untrusted client) gets a new id, so
// that a log line's id is never text a stranger chose.
var validRequestID = regexp.MustCompile(`^[A-Za-z0-9._-]{8,64}$`)

// access is the outermost middleware: it gives each request an id (also
// sent back as X-Request-Id), turns an error into its response here so
// that the status is known, counts the request under its route pattern,
// and writes one log line.
func (h *handlers) access(c *fiber.Ctx) error {
	start := time.Now()
	id := c.Get(fiber.HeaderXRequestID)
	if !trusted(h.trustProxies, c.Context().RemoteIP()) || !validRequestID.MatchString(id) {
		id = newRequestID()
	}
	c.Set(fiber.HeaderXRequestID, id)
	if err := c.Next(); err != nil {
		if herr := h.handleError(c, err); herr != nil {
			_ = c.SendStatus(fiber.StatusInternalServerError)
		}
	}
	took := time.Since(start)
	status := c.Response().StatusCode()
	route := routeOf(c)
	if h.metrics != nil {
		h.metrics.observeRequest(route, c.Method(), status, took)
	}
	attrs := []slog.Attr{
		slog.String("id", id),
		slog.String("method", c.Method()),
		slog.String("path", loggedPath(c, route)),
		slog.Int("status", status),
		slog.Int("bytes", len(c.Response().Body())),
		slog.Float64("ms", float64(took.Microseconds())/1000),
		slog.String("ip", c.IP()),
	}
	if w := current(c); w.user != nil {
		attrs = append(attrs, slog.String("user", w.user.ID))
	}
	h.log.LogAttrs(c.UserContext(), slog.LevelInfo, "request", attrs...)
	return nil
}

func newRequestID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// routeOf is the pattern of the route that answered ("/practices/:id/:slug?"),
// or "unmatched" when none did (the catch-all 404).
func routeOf(c *fiber.Ctx) string {
	r := c.Route()
	if r == nil || r.Method == "USE" || r.Path == "" {
		return "unmatched"
	}
	return r.Path
}

// secretParams are query parameters never written to a log.
var secretParams = map[string]bool{"password": true, "token": true, "_csrf": true}

// loggedPath is the path as logged: a route carrying a secret in the path
// (a shared pack's token) is logged as its pattern; the query string only
// for signed-in users, and then without secrets, so that what signed-out
// people search for stays theirs.
func loggedPath(c *fiber.Ctx, route string) string {
	if strings.Contains(route, ":token") {
		return route
	}
	path := c.Path()
	if current(c).user == nil {
		return path
	}
	q, err := url.ParseQuery(string(c.Request().URI().QueryString()))
	if err != nil || len(q) == 0 {
		return path
	}
	for k := range q {
		if secretParams[k] {
			q.Set(k, "-")
		}
	}
	return path + "?" + q.Encode()
}
