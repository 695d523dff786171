package ui

import (
	"net/url"

	"github.com/gofiber/fiber/v2"

	"github.com/compendium-kb/compendium/kb"
	"github.com/compendium-kb/compendium/ui/redirect"
)

type packsPage struct {
	page
	Packs  []kb.Pack
	Team   []kb.Pack // packs other trainers share, for a trainer
	Errors map[string]string
}

func (h *handlers) packsList(c *fiber.Ctx) error {
	u := *current(c).user
	ps, err := h.packs.List(c.UserContext(), u)
	if err != nil {
		return err
	}
	team, err := h.packs.Team(c.UserContext(), u)
	if err != nil {
		return err
	}
	return h.render(c, "packs", packsPage{page: h.pageFor(c, "Training packs"), Packs: ps, Team: team})
}

func (h *handlers) createPack(c *fiber.Ctx) error {
	u := *current(c).user
	p, err := h.packs.Create(c.UserContext(), u, c.FormValue("title"), c.FormValue("intro"))
	if ve, ok := err.(*kb.ValidationError); ok {
		ps, _ := h.packs.List(c.UserContext(), u)
		return h.render(c.Status(fiber.StatusUnprocessableEntity), "packs", packsPage{page: h.pageFor(c, "Training packs"), Packs: ps, Errors: ve.Fields})
	}
	if err != nil {
		return err
	}
	if pid := c.FormValue("practice"); pid != "" {
		if _, err := h.packs.Change(c.UserContext(), u, p.ID, h.packs.AddCase(c.UserContext(), pid)); err != nil {
			return err
		}
	}
	return c.Redirect("/packs/"+p.ID, fiber.StatusSeeOther)
}

type packPage struct {
	page
	Pack      kb.Pack
	Cases     []kb.PackCase
	Owner     bool
	ShareURL  string
	ShortLink string // the share link, short enough to type (share.go)
	Base      string // where the handout and exports live: /packs/ID or /shared/ID/TOKEN
	// Withdrawn are the pack's practices withdrawn since they were added:
	// left out of the handout, and said so, not silently dropped.
	Withdrawn []kb.Tombstone
}

func (h *handlers) showPack(c *fiber.Ctx) error {
	p, err := h.packs.Get(c.UserContext(), *current(c).user, c.Params("id"))
	if err != nil {
		return err
	}
	return h.renderPack(c, p, true)
}

func (h *handlers) sharedPack(c *fiber.Ctx) error {
	p, err := h.packs.Shared(c.UserContext(), c.Params("id"), c.Params("token"))
	if err != nil {
		return err
	}
	return h.renderPack(c, p, false)
}

func (h *handlers) renderPack(c *fiber.Ctx, p kb.Pack, owner bool) error {
	cases, err := h.packs.Cases(c.UserContext(), p)
	if err != nil {
		return err
	}
	pp := packPage{page: h.pageFor(c, p.Title), Pack: p, Cases: cases, Owner: owner,
		ShareURL: c.BaseURL() + "/shared/" + p.ID + "/" + p.ShareToken, Base: "/shared/" + p.ID + "/" + p.ShareToken,
		ShortLink: packShortLink(c.BaseURL(), p)}
	if owner {
		pp.Base = "/packs/" + p.ID
	}
	pp.Withdrawn = h.withdrawnFromPack(c, p, cases)
	return h.render(c, "pack", pp)
}

// addToPack adds the practice of a practice page to the chosen pack and
// goes back to the page it was added from (back), which says so with a
// link to the pack: a trainer collecting cases from search goes on
// reading. Without back it goes to the pack.
func (h *handlers) addToPack(c *fiber.Ctx) error {
	id := c.FormValue("pack")
	if _, err := h.packs.Change(c.UserContext(), *current(c).user, id, h.packs.AddCase(c.UserContext(), c.FormValue("practice"))); err != nil {
		return err
	}
	back := redirect.Safe(c.FormValue("back"), "")
	if back == "" {
		return c.Redirect("/packs/"+id+"#added", fiber.StatusSeeOther)
	}
	u, err := url.Parse(back)
	if err != nil {
		return c.Redirect("/packs/"+id+"#added", fiber.StatusSeeOther)
	}
	q := u.Query()
	q.Set("added", id)
	u.RawQuery = q.Encode()
	return c.Redirect(u.String()+"#pack-h", fiber.StatusSeeOther)
}

// changePack applies one edit from the pack page's forms.
func (h *handlers) changePack(c *fiber.Ctx) error {
	u := *current(c).user
	ctx := c.UserContext()
	pid := c.FormValue("practice")
	var edit func(*kb.Pack) error
	switch c.FormValue("change") {
	case "rename":
		edit = kb.Rename(c.FormValue("title"), c.FormValue("intro"))
	case "add":
		edit = h.packs.AddCase(ctx, pid)
	case "remove":
		edit = kb.RemoveCase(pid)
	case "up":
		edit = kb.MoveCase(pid, -1)
	case "down":
		edit = kb.MoveCase(pid, +1)
	case "note":
		edit = kb.NoteCase(pid, c.FormValue("note"))
	default:
		return kb.ErrBadRequest
	}
	if _, err := h.packs.Change(ctx, u, c.Params("id"), edit); err != nil {
		return err
	}
	back := "/packs/" + c.Params("id")
	if c.FormValue("change") == "add" {
		back += "#added"
	}
	return c.Redirect(back, fiber.StatusSeeOther)
}

// packFor finds the pack of a handout or export request: the owner's, or
// a shared one.
func (h *handlers) packFor(c *fiber.Ctx) (kb.Pack, error) {
	if token := c.Params("token"); token != "" {
		return h.packs.Shared(c.UserContext(), c.Params("id"), token)
	}
	u := current(c).user
	if u == nil {
		return kb.Pack{}, fiber.NewError(fiber.StatusUnauthorized, "Sign in to see this pack.")
	}
	return h.packs.Get(c.UserContext(), *u, c.Params("id"))
}

// packBibliography exports the pack's citations in one file.
func (h *handlers) packBibliography(c *fiber.Ctx) error {
	p, err := h.packFor(c)
	if err != nil {
		return err
	}
	cases, err := h.packs.Cases(c.UserContext(), p)
	if err != nil {
		return err
	}
	var cites []kb.Cite
	for _, pc := range cases {
		cites = append(cites, h.cite(c, pc.Practice))
	}
	format := c.Query("format", kb.FormatBibTeX)
	var out, ext string
	switch format {
	case kb.FormatBibTeX:
		out, ext = kb.BibTeX(cites), "bib"
	case kb.FormatRIS:
		out, ext = kb.RIS(cites), "ris"
	case kb.FormatCSLJSON:
		if out, err = kb.CSLJSON(cites); err != nil {
			return err
		}
		ext = "json"
	default:
		return fiber.NewError(fiber.StatusBadRequest, "format must be bibtex, ris or csl-json")
	}
	c.Set("Content-Type", kb.ContentType[format])
	c.Set("Content-Disposition", contentDisposition("attachment", p.Title, "bibliography", ext))
	return c.SendString(out)
}

// withdrawnFromPack finds the pack's practices that no longer stand,
// with why, where the withdrawal is on record.
func (h *handlers) withdrawnFromPack(c *fiber.Ctx, p kb.Pack, cases []kb.PackCase) []kb.Tombstone {
	if h.curation == nil || len(cases) == len(p.Items) {
		return nil
	}
	present := map[string]bool{}
	for _, pc := range cases {
		present[pc.PracticeID] = true
	}
	var out []kb.Tombstone
	for _, it := range p.Items {
		if present[it.PracticeID] {
			continue
		}
		if t, err := h.curation.Tombstone(c.UserContext(), it.PracticeID); err == nil {
			out = append(out, t)
		}
	}
	return out
}
