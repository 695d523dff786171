package ui

import (
	"net/url"

	"github.com/gofiber/fiber/v2"

	"github.com/compendium-kb/compendium/kb"
)

// What a signed-in user keeps: saved practices and followed searches,
// on one page, /saved.

type libraryPage struct {
	page
	Saved   []kb.SavedPractice
	Follows []followView
}

type followView struct {
	kb.Follow
	Search, Feed string
}

func (h *handlers) libraryRoutes(app *fiber.App, api fiber.Router) {
	app.Get("/saved", signedIn, h.savedPage)
	app.Post("/practices/:id/save", signedIn, h.savePractice)
	app.Post("/follows", signedIn, h.follow)
	app.Post("/follows/:id/delete", signedIn, h.unfollow)
	api.Get("/saved", signedIn, h.apiSaved)
}

func (h *handlers) savedPage(c *fiber.Ctx) error {
	u := *current(c).user
	saved, err := h.library.Saved(c.UserContext(), u)
	if err != nil {
		return err
	}
	follows, err := h.library.Follows(c.UserContext(), u)
	if err != nil {
		return err
	}
	p := libraryPage{page: h.pageFor(c, "Saved and followed"), Saved: saved}
	for _, f := range follows {
		p.Follows = append(p.Follows, followView{Follow: f, Search: "/?" + f.Params, Feed: "/feeds/search.atom?" + f.Params})
	}
	return h.render(c, "saved", p)
}

// savePractice saves a practice (saved=1) or forgets it (saved=0), then
// goes back to it.
func (h *handlers) savePractice(c *fiber.Ctx) error {
	u, id := *current(c).user, c.Params("id")
	var err error
	if c.FormValue("saved") == "0" {
		err = h.library.Unsave(c.UserContext(), u, id)
	} else {
		err = h.library.Save(c.UserContext(), u, id)
	}
	if err != nil {
		return err
	}
	return c.Redirect("/practices/"+url.PathEscape(id), fiber.StatusSeeOther)
}

// follow follows the search whose address (after "?") the form sends.
func (h *handlers) follow(c *fiber.Ctx) error {
	q, err := queryFromParams(c.FormValue("params"))
	if err != nil {
		return err
	}
	if _, err := h.library.Follow(c.UserContext(), *current(c).user, q, searchParams(q).Encode(), queryLabel(q)); err != nil {
		return err
	}
	return c.Redirect("/saved", fiber.StatusSeeOther)
}

func (h *handlers) unfollow(c *fiber.Ctx) error {
	if err := h.library.Unfollow(c.UserContext(), *current(c).user, c.Params("id")); err != nil {
		return err
	}
	return c.Redirect("/saved", fiber.StatusSeeOther)
}

// apiSaved lists the user's saved practices: what a phone keeps to read
// with no signal.
func (h *handlers) apiSaved(c *fiber.Ctx) error {
	saved, err := h.library.Saved(c.UserContext(), *current(c).user)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"saved": saved})
}
