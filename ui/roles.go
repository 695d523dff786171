package ui

import (
	"github.com/gofiber/fiber/v2"

	"github.com/compendium-kb/compendium/kb"
)

// Each role lands where its work is: a trainer who signed in used to land
// on an empty "My submissions" page.
var landings = map[kb.Role]string{
	kb.RoleOfficer:  "/submissions",
	kb.RoleTrainer:  "/packs",
	kb.RoleAnalyst:  "/stats",
	kb.RoleReviewer: "/submissions",
	kb.RoleAdmin:    "/submissions",
}

// landing is the page a user of role r sees after signing in when no
// other page was asked for.
func landing(r kb.Role) string {
	if to, ok := landings[r]; ok {
		return to
	}
	return "/"
}

// submitter makes a route need a role that writes practices for review.
func submitter(c *fiber.Ctx) error {
	if u := current(c).user; u != nil && u.Role.Submits() {
		return c.Next()
	}
	return kb.ErrForbidden
}

// packBuilder makes a route need a role that keeps training packs.
func packBuilder(c *fiber.Ctx) error {
	if u := current(c).user; u != nil && u.Role.BuildsPacks() {
		return c.Next()
	}
	return kb.ErrForbidden
}
