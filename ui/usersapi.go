package ui

import (
	"encoding/json"

	"github.com/gofiber/fiber/v2"

	"github.com/compendium-kb/compendium/kb"
)

// The accounts API, for admins: the same changes as /admin/users, each
// recorded in the audit trail.

type apiNewUser struct {
	Email    string `json:"email"`
	Name     string `json:"name"`
	Role     string `json:"role"`
	Unit     string `json:"unit"`
	Password string `json:"password"`
}

// apiUsers lists the accounts.
func (h *handlers) apiUsers(c *fiber.Ctx) error {
	us, err := h.accounts.Users(c.UserContext())
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"users": us})
}

// apiAddUser adds an account with the role given.
func (h *handlers) apiAddUser(c *fiber.Ctx) error {
	var in apiNewUser
	if err := json.Unmarshal(c.Body(), &in); err != nil {
		return fiber.NewError(fiber.StatusBadRequest, "Send the account as JSON: email, name, role, unit, password.")
	}
	role, _ := kb.ParseRole(in.Role) // an unknown role is named by the validation
	u, err := h.accounts.AdminAddUser(c.UserContext(), h.audit(), *current(c).user, in.Email, in.Name, role, in.Unit, in.Password)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(u)
}

// apiSetRole gives an account another role.
func (h *handlers) apiSetRole(c *fiber.Ctx) error {
	var in struct {
		Role string `json:"role"`
	}
	if err := json.Unmarshal(c.Body(), &in); err != nil {
		return fiber.NewError(fiber.StatusBadRequest, `Send the role as JSON: {"role": "trainer"}.`)
	}
	role, err := kb.ParseRole(in.Role)
	if err != nil {
		return err
	}
	u, err := h.accounts.AdminSetRole(c.UserContext(), h.audit(), *current(c).user, c.Params("id"), role)
	if err != nil {
		return err
	}
	return c.JSON(u)
}
