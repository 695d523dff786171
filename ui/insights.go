package ui

import (
	"context"
	"net/url"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/compendium-kb/compendium/kb"
)

// searched counts a search for the analytics; a failure to count never
// fails the search.
func (h *handlers) searched(c *fiber.Ctx, q kb.Query, results int) {
	if h.insights != nil {
		h.insights.Searched(c.UserContext(), q, results)
	}
}

// opened counts that a practice was opened from a search page: the
// Referer (sent within the site, as the Referrer-Policy allows) names the
// search; nothing about the reader is kept.
func (h *handlers) opened(c *fiber.Ctx) {
	if h.insights == nil {
		return
	}
	ref, err := url.Parse(c.Get("Referer"))
	if err != nil || ref.Host != string(c.Request().Host()) || ref.Path != "/" {
		return
	}
	v := ref.Query()
	q := kb.Query{Text: v.Get("q"), States: v["state"], Themes: v["theme"], Exploitation: v["exploitation"], Documents: v["document"],
		Years: v["year"], Sources: v["source"], Transit: v["transit"], Destinations: v["destination"], Routes: v["route"]}
	h.insights.Opened(context.WithoutCancel(c.UserContext()), q)
}

type searchesPage struct {
	page
	Report   kb.SearchReport
	Settings kb.Settings
	Synonyms []kb.SynonymGroup
	Admin    bool
	Errors   map[string]string
	Terms    string // a no-result search to answer with a synonym
}

// searchesPage shows admins and reviewers what people search for and do
// not find; admins also change the settings and the synonyms here.
func (h *handlers) searchesPage(c *fiber.Ctx) error {
	return h.renderSearches(c, nil, c.Query("terms"))
}

func (h *handlers) renderSearches(c *fiber.Ctx, errs map[string]string, terms string) error {
	u := current(c).user
	ctx := c.UserContext()
	rep, err := h.insights.Report(ctx, *u, 20)
	if err != nil {
		return err
	}
	set, err := h.insights.Settings(ctx)
	if err != nil {
		return err
	}
	syn, err := h.insights.Synonyms(ctx)
	if err != nil {
		return err
	}
	p := searchesPage{page: h.pageFor(c, "What people search for"), Report: rep, Settings: set, Synonyms: syn,
		Admin: u.Role == kb.RoleAdmin, Errors: errs, Terms: terms}
	if errs != nil {
		c.Status(fiber.StatusUnprocessableEntity)
	}
	return h.render(c, "searches", p)
}

// changeSearches saves the settings, or adds or removes a synonym group.
func (h *handlers) changeSearches(c *fiber.Ctx) error {
	u := *current(c).user
	ctx := c.UserContext()
	var err error
	switch c.FormValue("change") {
	case "settings":
		days, convErr := strconv.Atoi(strings.TrimSpace(c.FormValue("retention_days")))
		if convErr != nil || days < 1 {
			return h.renderSearches(c, map[string]string{"retention_days": "Keep search counts between 1 and 3,650 days."}, "")
		}
		err = h.insights.SaveSettings(ctx, u, kb.Settings{StatsSignedInOnly: c.FormValue("stats") == "signed-in",
			AnalyticsOff: c.FormValue("analytics") != "on", RetentionDays: days})
	case "add-synonyms":
		_, err = h.insights.AddSynonyms(ctx, u, c.FormValue("terms"))
	case "delete-synonyms":
		err = h.insights.DeleteSynonyms(ctx, u, c.FormValue("id"))
	default:
		return fiber.NewError(fiber.StatusBadRequest, "Unknown change.")
	}
	if ve, ok := err.(*kb.ValidationError); ok {
		return h.renderSearches(c, ve.Fields, c.FormValue("terms"))
	}
	if err != nil {
		return err
	}
	return c.Redirect("/admin/searches", fiber.StatusSeeOther)
}
