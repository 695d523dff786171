package ui

import (
	"strings"

	"github.com/gofiber/fiber/v2"
)

// What a shared cache (a proxy, a CDN) may keep. A reviewer's copy of an
// unpublished import was sent "public, max-age=3600" with no Vary, so a
// proxy could hand it to the next anonymous reader for an hour. Now:
//   - anything sent to a signed-in user, or through a pack's shared
//     link, is private unless its handler says it is public;
//   - a source PDF is public only while its document is (cachePDF);
//   - every answer varies by the session cookie and the bearer token,
//     except the hashed static assets, which are the same for all.
const (
	privateNoStore = "private, no-store"
	// publicRevalidate lets shared caches keep a public PDF but ask each
	// time (a 304 on its ETag): a withdrawal then takes effect at once.
	publicRevalidate = "public, no-cache"
)

// cacheControl applies the policy above after the handler has answered.
func cacheControl(c *fiber.Ctx) error {
	err := c.Next()
	if strings.HasPrefix(c.Path(), "/static/") {
		return err
	}
	c.Vary(fiber.HeaderCookie, fiber.HeaderAuthorization)
	behindRole := current(c).user != nil || strings.HasPrefix(c.Path(), "/shared/")
	if behindRole && !strings.HasPrefix(string(c.Response().Header.Peek(fiber.HeaderCacheControl)), "public") {
		c.Set(fiber.HeaderCacheControl, privateNoStore)
	}
	return err
}

// cachePDF is a source PDF's policy: public while its document is
// published and not withdrawn, else kept by the reader's browser only.
func cachePDF(public bool) string {
	if public {
		return publicRevalidate
	}
	return privateNoStore
}
