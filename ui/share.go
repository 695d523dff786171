package ui

import (
	"fmt"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/compendium-kb/compendium/kb"
)

// Officers share in chat apps: a short link, and a summary of a few lines
// that reads well pasted (title, state, what was done, result,
// citation), labelled in the reader's language.

// summaryLimit bounds each part of a summary, in characters: a chat
// message shows some 500 before "read more".
const summaryLimit = 400

func (h *handlers) shareRoutes(app *fiber.App) {
	app.Get("/p/:id", h.shortPractice)
	app.Get("/p/:id/summary", h.practiceSummary)
}

// shortPractice sends a practice's short link on to its address.
func (h *handlers) shortPractice(c *fiber.Ctx) error {
	p, err := h.svc.Practice(c.UserContext(), c.Params("id"))
	if err != nil {
		return h.gone(c, c.Params("id"), err)
	}
	return c.Redirect(PracticeURL(p), fiber.StatusMovedPermanently)
}

// practiceSummary answers a practice's summary as plain text.
func (h *handlers) practiceSummary(c *fiber.Ctx) error {
	p, err := h.svc.Practice(c.UserContext(), c.Params("id"))
	if err != nil {
		return h.gone(c, c.Params("id"), err)
	}
	lang := messages.pickLang(c, readPrefs(c).Lang)
	c.Set(fiber.HeaderContentType, "text/plain; charset=utf-8")
	return c.SendString(practiceSummary(lang, p, h.cite(c, p).APA(), c.BaseURL()+"/p/"+p.ID))
}

// practiceSummary is a practice in a few lines for a chat message.
func practiceSummary(lang string, p kb.Practice, citation, link string) string {
	var b strings.Builder
	b.WriteString(p.Title + "\n")
	line := func(key, text string) {
		if text = clip(text, summaryLimit); text != "" {
			fmt.Fprintf(&b, "%s %s\n", messages.text(lang, key), text)
		}
	}
	line("share_state", messages.values(lang, p.States, ", "))
	done, result := section(p, "What was done"), section(p, "Results")
	if done == "" {
		done = p.Summary
	}
	if result == "" {
		var figs []string
		for _, f := range p.Figures {
			figs = append(figs, fmt.Sprintf("%s: %s", messages.value(lang, f.Label()), formatNumber(lang, f.Count)))
		}
		result = strings.Join(figs, "; ")
	}
	line("share_done", done)
	line("share_result", result)
	line("share_source", citation)
	b.WriteString(link + "\n")
	return b.String()
}

// section is the answer under a heading of a submitted practice's text
// (kb.SubmissionSections), or "".
func section(p kb.Practice, heading string) string {
	if p.Origin != kb.OriginSubmission {
		return ""
	}
	paras := strings.Split(p.Text, "\n\n")
	for i, para := range paras {
		if strings.TrimSpace(para) != heading {
			continue
		}
		var out []string
		for _, next := range paras[i+1:] {
			if kb.IsSubmissionHeading(next) {
				break
			}
			out = append(out, next)
		}
		return strings.Join(out, " ")
	}
	return ""
}

// clip shortens text to at most n characters, at a word, with "…".
func clip(text string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	r := []rune(text)
	if len(r) <= n {
		return text
	}
	cut := string(r[:n])
	if i := strings.LastIndex(cut, " "); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:.") + "…"
}

func (h *handlers) packShareRoutes(app *fiber.App) {
	app.Get("/k/:id/:short", h.shortPack)
	app.Get("/packs/:id/summary", signedIn, packBuilder, h.packSummary)
	app.Get("/shared/:id/:token/summary", h.sharedPackSummary)
}

// packShortLink is a pack's short link on this site.
func packShortLink(base string, p kb.Pack) string {
	return base + "/k/" + p.ID + "/" + p.ShareToken[:kb.ShortTokenLength]
}

// shortPack sends a pack's short link on to its shared page.
func (h *handlers) shortPack(c *fiber.Ctx) error {
	p, err := h.packs.SharedShort(c.UserContext(), c.Params("id"), c.Params("short"))
	if err != nil {
		return err
	}
	return c.Redirect("/shared/"+p.ID+"/"+p.ShareToken, fiber.StatusFound)
}

func (h *handlers) packSummary(c *fiber.Ctx) error {
	p, err := h.packs.Get(c.UserContext(), *current(c).user, c.Params("id"))
	if err != nil {
		return err
	}
	return h.sendPackSummary(c, p)
}

func (h *handlers) sharedPackSummary(c *fiber.Ctx) error {
	p, err := h.packs.Shared(c.UserContext(), c.Params("id"), c.Params("token"))
	if err != nil {
		return err
	}
	return h.sendPackSummary(c, p)
}

// sendPackSummary answers a pack as plain text: its title and
// introduction, each case with its states and short link, and the
// pack's short link.
func (h *handlers) sendPackSummary(c *fiber.Ctx, p kb.Pack) error {
	cases, err := h.packs.Cases(c.UserContext(), p)
	if err != nil {
		return err
	}
	lang, base := messages.pickLang(c, readPrefs(c).Lang), c.BaseURL()
	var b strings.Builder
	b.WriteString(p.Title + "\n")
	if intro := clip(p.Intro, summaryLimit); intro != "" {
		b.WriteString(intro + "\n")
	}
	for i, pc := range cases {
		fmt.Fprintf(&b, "%d. %s", i+1, pc.Practice.Title)
		if len(pc.Practice.States) > 0 {
			fmt.Fprintf(&b, " (%s)", messages.values(lang, pc.Practice.States, ", "))
		}
		fmt.Fprintf(&b, " %s/p/%s\n", base, pc.Practice.ID)
	}
	fmt.Fprintf(&b, "%s %s\n", messages.text(lang, "share_pack"), packShortLink(base, p))
	c.Set(fiber.HeaderContentType, "text/plain; charset=utf-8")
	return c.SendString(b.String())
}
