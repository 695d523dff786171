package ui

import (
	"bytes"

	"github.com/gofiber/fiber/v2"
)

// headerGuard refuses to send a response with a line break in a header
// value, whichever handler put it there: a break would let input that
// reached a header add headers (a cookie) of its own.
func (h *handlers) headerGuard(c *fiber.Ctx) error {
	err := c.Next()
	bad := ""
	c.Response().Header.VisitAll(func(k, v []byte) {
		if bytes.ContainsAny(v, "\r\n") || bytes.ContainsAny(k, "\r\n") {
			bad = string(k)
		}
	})
	if bad == "" {
		return err
	}
	h.log.Error("a header value held a line break; the response was refused", "header", bad, "path", c.Path())
	c.Response().Reset()
	return c.Status(fiber.StatusInternalServerError).SendString("Something went wrong on our side.")
}
