package ui

import (
	"errors"
	"net/url"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/compendium-kb/compendium/indexer"
	"github.com/compendium-kb/compendium/kb"
)

type documentAdminPage struct {
	page
	Document  kb.Document
	Practices []kb.Practice
	Withdrawn []kb.Tombstone
	Proposals []proposalView
	History   []kb.Event
	Admin     bool
	Errors    map[string]string
	OCRLang   string // the languages last asked for, shown again with an error
}

// documentAdminPage shows a document to reviewers: its metadata (which
// they may correct), its practices and proposals with their pages, its
// import history and the actions on it.
func (h *handlers) documentAdminPage(c *fiber.Ctx) error {
	return h.renderDocumentAdmin(c, c.Params("id"), nil)
}

func (h *handlers) renderDocumentAdmin(c *fiber.Ctx, id string, errs map[string]string) error {
	ctx := c.UserContext()
	doc, err := h.svc.Document(ctx, id)
	if err != nil {
		return err
	}
	p := documentAdminPage{page: h.pageFor(c, doc.Title), Document: doc, Admin: current(c).user.Role == kb.RoleAdmin, Errors: errs}
	if errs != nil {
		p.OCRLang = c.FormValue("ocr_lang")
	}
	if p.Practices, err = h.curation.Service.Store.Practices(ctx, doc.Practices); err != nil {
		return err
	}
	ids := doc.Withdrawn
	if doc.Withdrawal != nil {
		ids = append(append([]string{}, doc.Practices...), doc.Withdrawn...)
	}
	for _, wid := range ids {
		if t, err := h.curation.Tombstone(ctx, wid); err == nil {
			p.Withdrawn = append(p.Withdrawn, t)
		}
	}
	ps, err := h.curation.Proposals(ctx, id, "")
	if err != nil {
		return err
	}
	for _, pr := range ps {
		p.Proposals = append(p.Proposals, viewProposal(doc, pr))
	}
	if p.History, err = h.curation.Audit.Events(ctx, kb.EventFilter{DocumentID: id, Limit: 200}); err != nil {
		return err
	}
	if errs != nil {
		c.Status(fiber.StatusUnprocessableEntity)
	}
	return h.render(c, "document", p)
}

func (h *handlers) editDocument(c *fiber.Ctx) error {
	id := c.Params("id")
	title, publisher := c.FormValue("title"), c.FormValue("publisher")
	e := kb.DocumentEdit{Title: &title, Publisher: &publisher}
	year := 0
	if y := strings.TrimSpace(c.FormValue("year")); y != "" {
		var err error
		if year, err = strconv.Atoi(y); err != nil {
			return h.renderDocumentAdmin(c, id, map[string]string{"year": "Give the year of publication, such as 2019."})
		}
	}
	e.Year = &year
	_, err := h.curation.EditDocument(c.UserContext(), *current(c).user, id, e)
	return h.afterDocumentAction(c, id, err)
}

// rereadDocument reads a stored document again by OCR in the languages
// the admin names.
func (h *handlers) rereadDocument(c *fiber.Ctx) error {
	id := c.Params("id")
	res, err := h.curation.Reread(c.UserContext(), *current(c).user, id, c.FormValue("ocr_lang"))
	if h.metrics != nil {
		h.metrics.countImport(res, err)
	}
	var ve *kb.ValidationError
	if errors.As(err, &ve) {
		return h.renderDocumentAdmin(c, id, ve.Fields)
	}
	if err != nil && indexer.ClassOf(err) != "" {
		return h.renderDocumentAdmin(c, id, map[string]string{"ocr_lang": indexer.Explain(err)})
	}
	return h.afterDocumentAction(c, id, err)
}

func (h *handlers) withdrawDocument(c *fiber.Ctx) error {
	_, err := h.curation.WithdrawDocument(c.UserContext(), *current(c).user, c.Params("id"), c.FormValue("reason"))
	return h.afterDocumentAction(c, c.Params("id"), err)
}

func (h *handlers) restoreDocument(c *fiber.Ctx) error {
	_, err := h.curation.RestoreDocument(c.UserContext(), *current(c).user, c.Params("id"))
	return h.afterDocumentAction(c, c.Params("id"), err)
}

func (h *handlers) deleteDocument(c *fiber.Ctx) error {
	id := c.Params("id")
	err := h.curation.DeleteDocumentForGood(c.UserContext(), *current(c).user, id, c.FormValue("reason"), c.FormValue("confirm"))
	if err != nil {
		return h.afterDocumentAction(c, id, err)
	}
	return c.Redirect(doneLink("", "deleted", url.Values{"title": {id}}, ""), fiber.StatusSeeOther)
}

// afterDocumentAction shows the document page again with the form's
// problems, or goes back to it.
func (h *handlers) afterDocumentAction(c *fiber.Ctx, id string, err error) error {
	var ve *kb.ValidationError
	if errors.As(err, &ve) {
		return h.renderDocumentAdmin(c, id, ve.Fields)
	}
	if err != nil {
		return err
	}
	return c.Redirect("/admin/documents/"+id, fiber.StatusSeeOther)
}

type correctPage struct {
	page
	Practice kb.Practice
	Form     proposalView
	Labels   []kb.EvidenceLabel
	Admin    bool
	Errors   map[string]string
	// Withdrawn is the practice's tombstone when it was withdrawn: the
	// page then shows it as it was, with a Restore button for admins.
	Withdrawn *kb.Tombstone
}

// correctForm is the reviewers' page of a practice: correct, grade or
// withdraw it; a withdrawn one is shown as it was, to be restored, so
// that an admin need not know its old public address to find it.
func (h *handlers) correctForm(c *fiber.Ctx) error {
	p, err := h.svc.Practice(c.UserContext(), c.Params("id"))
	if errors.Is(err, kb.ErrNotFound) {
		t, terr := h.curation.Tombstone(c.UserContext(), c.Params("id"))
		if terr != nil {
			return err
		}
		return h.render(c, "correct", correctPage{page: h.pageTitled(c, "gone_heading", "Title", t.Practice.Title), Practice: t.Practice,
			Admin: current(c).user.Role == kb.RoleAdmin, Withdrawn: &t})
	}
	if err != nil {
		return err
	}
	return h.renderCorrect(c, p, nil)
}

func (h *handlers) renderCorrect(c *fiber.Ctx, p kb.Practice, errs map[string]string) error {
	form := kb.Proposal{ID: p.ID, CaseFields: kb.CaseFields{Title: p.Title, PageStart: p.Provenance.PageStart, PageEnd: p.Provenance.PageEnd,
		Summary: p.Summary, Text: p.Text, States: p.States, Districts: p.Districts, Years: p.Years, Themes: p.Themes, Laws: p.Laws, Figures: p.Figures,
		Routes: p.Routes, Country: p.Country}}
	doc := kb.Document{ID: p.Provenance.DocumentID}
	cp := correctPage{page: h.pageTitled(c, "correct_heading", "Title", p.Title), Practice: p, Form: viewProposal(doc, form), Labels: kb.EvidenceLabels,
		Admin: current(c).user.Role == kb.RoleAdmin, Errors: errs}
	if rows, ok := formRouteRows(c); ok && errs["routes"] != "" {
		cp.Form.RouteEditor = newRouteForm(cp.Form.RouteEditor.Prefix, typedRoutes(rows), errs["routes"])
	}
	if errs != nil {
		c.Status(fiber.StatusUnprocessableEntity)
	}
	return h.render(c, "correct", cp)
}

func (h *handlers) correctPractice(c *fiber.Ctx) error {
	ctx, id := c.UserContext(), c.Params("id")
	version, _ := strconv.Atoi(c.FormValue("version"))
	edit, err := formEdit(c)
	var p kb.Practice
	if err == nil {
		p, err = h.curation.Correct(ctx, *current(c).user, id, edit, version)
	}
	return h.afterPracticeAction(c, id, p, err)
}

func (h *handlers) setEvidence(c *fiber.Ctx) error {
	ctx, id := c.UserContext(), c.Params("id")
	version, _ := strconv.Atoi(c.FormValue("version"))
	label, err := kb.ParseEvidence(c.FormValue("evidence"))
	var p kb.Practice
	if err == nil {
		p, err = h.curation.SetEvidence(ctx, *current(c).user, id, label, c.FormValue("basis"), version)
	}
	return h.afterPracticeAction(c, id, p, err)
}

func (h *handlers) afterPracticeAction(c *fiber.Ctx, id string, p kb.Practice, err error) error {
	var ve *kb.ValidationError
	if errors.As(err, &ve) {
		cur, gerr := h.svc.Practice(c.UserContext(), id)
		if gerr != nil {
			return gerr
		}
		return h.renderCorrect(c, cur, ve.Fields)
	}
	if err != nil {
		return err
	}
	return c.Redirect(PracticeURL(p), fiber.StatusSeeOther)
}

func (h *handlers) withdrawPractice(c *fiber.Ctx) error {
	id := c.Params("id")
	_, err := h.curation.WithdrawPractice(c.UserContext(), *current(c).user, id, c.FormValue("reason"))
	var ve *kb.ValidationError
	if errors.As(err, &ve) {
		p, gerr := h.svc.Practice(c.UserContext(), id)
		if gerr != nil {
			return gerr
		}
		return h.renderCorrect(c, p, ve.Fields)
	}
	if err != nil {
		return err
	}
	return c.Redirect("/practices/"+id, fiber.StatusSeeOther)
}

func (h *handlers) restorePractice(c *fiber.Ctx) error {
	p, err := h.curation.RestorePractice(c.UserContext(), *current(c).user, c.Params("id"))
	if err != nil {
		return err
	}
	return c.Redirect(PracticeURL(p), fiber.StatusSeeOther)
}

func (h *handlers) deletePractice(c *fiber.Ctx) error {
	id := c.Params("id")
	if c.FormValue("confirm") != id {
		return &kb.ValidationError{Fields: map[string]string{"confirm": "Type the practice's id, " + id + ", to confirm."}}
	}
	if err := h.curation.DeletePracticeForGood(c.UserContext(), *current(c).user, id, c.FormValue("reason")); err != nil {
		return err
	}
	return c.Redirect(doneLink("", "deleted", url.Values{"title": {id}}, ""), fiber.StatusSeeOther)
}

type gonePage struct {
	page
	Tombstone kb.Tombstone
	Restore   bool
}

// gone answers for a practice that is not published: 410 with its
// tombstone when it was withdrawn, else the error as it was.
func (h *handlers) gone(c *fiber.Ctx, id string, err error) error {
	if h.curation == nil || !errors.Is(err, kb.ErrNotFound) {
		return err
	}
	t, terr := h.curation.Tombstone(c.UserContext(), id)
	if terr != nil {
		return err
	}
	c.Status(fiber.StatusGone)
	if strings.HasPrefix(c.Path(), "/api/") {
		return c.JSON(fiber.Map{"error": "This practice was withdrawn.", "status": fiber.StatusGone, "id": t.ID, "title": t.Practice.Title,
			"source": t.Practice.Provenance, "withdrawn_at": t.Withdrawal.At, "reason": t.Withdrawal.Reason})
	}
	u := current(c).user
	return h.render(c, "gone", gonePage{page: h.pageTitled(c, "gone_heading", "Title", t.Practice.Title), Tombstone: t,
		Restore: u != nil && u.Role == kb.RoleAdmin && !t.ByDocument})
}

type auditPage struct {
	page
	Events []kb.Event
}

// auditPage lists the latest administrative actions.
func (h *handlers) auditPage(c *fiber.Ctx) error {
	evs, err := h.curation.Audit.Events(c.UserContext(), kb.EventFilter{Limit: 500})
	if err != nil {
		return err
	}
	return h.render(c, "audit", auditPage{page: h.pageFor(c, "Audit trail"), Events: evs})
}

// isPublic reports whether a document is shown to everyone: it has a
// published practice and is not withdrawn. A report whose cases all wait
// in the inbox, or were dropped, is not listed as a source.
func isPublic(d kb.Document) bool {
	return d.Withdrawal == nil && len(d.Practices) > 0
}
