package ui

import (
	"github.com/gofiber/fiber/v2"

	"github.com/compendium-kb/compendium/kb"
)

type usersPage struct {
	page
	Users   []kb.User
	Errors  map[string]string
	Message string
}

func (h *handlers) usersPage(c *fiber.Ctx) error {
	us, err := h.accounts.Users(c.UserContext())
	if err != nil {
		return err
	}
	return h.render(c, "users", usersPage{page: h.pageFor(c, "Accounts"), Users: us})
}

func (h *handlers) addUser(c *fiber.Ctx) error {
	role, _ := kb.ParseRole(c.FormValue("role"))
	_, err := h.accounts.AddUser(c.UserContext(), c.FormValue("email"), c.FormValue("name"), role, c.FormValue("unit"), c.FormValue("password"))
	if ve, ok := err.(*kb.ValidationError); ok {
		us, _ := h.accounts.Users(c.UserContext())
		return h.render(c.Status(fiber.StatusUnprocessableEntity), "users", usersPage{page: h.pageFor(c, "Accounts"), Users: us, Errors: ve.Fields})
	}
	if err != nil {
		return err
	}
	return c.Redirect("/admin/users", fiber.StatusSeeOther)
}

func (h *handlers) changeUser(c *fiber.Ctx) error {
	email := c.Params("id")
	var err error
	switch c.FormValue("change") {
	case "disable":
		_, err = h.accounts.SetDisabled(c.UserContext(), email, true)
	case "enable":
		_, err = h.accounts.SetDisabled(c.UserContext(), email, false)
	case "role":
		var role kb.Role
		if role, err = kb.ParseRole(c.FormValue("role")); err == nil {
			_, err = h.accounts.SetRole(c.UserContext(), email, role)
		}
	default:
		err = kb.ErrBadRequest
	}
	if err != nil {
		return err
	}
	return c.Redirect("/admin/users", fiber.StatusSeeOther)
}
