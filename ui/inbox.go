package ui

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/compendium-kb/compendium/kb"
)

// curationRoutes are the reviewers' and admins' routes over imported and
// published records: the import inbox, document pages, corrections,
// withdrawal, evidence, the audit trail, and their API.
func (h *handlers) curationRoutes(app *fiber.App, api fiber.Router) {
	reviewer := needRole(kb.RoleReviewer, kb.RoleAdmin)
	admin := needRole(kb.RoleAdmin)
	app.Get("/inbox", signedIn, reviewer, h.inboxPage)
	app.Post("/inbox/proposals/:id", signedIn, reviewer, h.actOnProposal)
	app.Post("/inbox/bulk", signedIn, reviewer, h.bulkDecision)
	app.Post("/inbox/bulk-across", signedIn, reviewer, h.bulkAcross)
	app.Get("/admin/documents/:id", signedIn, reviewer, h.documentAdminPage)
	app.Post("/admin/documents/:id", signedIn, reviewer, h.editDocument)
	app.Post("/admin/documents/:id/withdraw", signedIn, reviewer, h.withdrawDocument)
	app.Post("/admin/documents/:id/reread", signedIn, admin, h.rereadDocument)
	app.Post("/admin/documents/:id/restore", signedIn, admin, h.restoreDocument)
	app.Post("/admin/documents/:id/delete", signedIn, admin, h.deleteDocument)
	app.Get("/admin/practices/:id", signedIn, reviewer, h.correctForm) // "/practices/:id/…" is the practice page with a slug
	app.Post("/practices/:id/correct", signedIn, reviewer, h.correctPractice)
	app.Post("/practices/:id/evidence", signedIn, reviewer, h.setEvidence)
	app.Post("/practices/:id/withdraw", signedIn, reviewer, h.withdrawPractice)
	app.Post("/practices/:id/restore", signedIn, admin, h.restorePractice)
	app.Post("/practices/:id/delete", signedIn, admin, h.deletePractice)
	app.Get("/admin/audit", signedIn, admin, h.auditPage)
	api.Get("/audit", signedIn, admin, h.apiAudit)
	api.Get("/documents", signedIn, reviewer, h.apiDocuments)
	api.Get("/documents/:id", signedIn, reviewer, h.apiDocument)
	api.Post("/documents/:id/withdraw", signedIn, reviewer, h.apiWithdrawDocument)
	api.Post("/documents/:id/restore", signedIn, admin, h.apiRestoreDocument)
	api.Get("/proposals", signedIn, reviewer, h.apiProposals)
	api.Post("/proposals/bulk", signedIn, reviewer, h.apiBulk)
	api.Get("/proposals/thresholds", signedIn, reviewer, h.apiThresholds)
	api.Post("/proposals/:id/decision", signedIn, reviewer, h.apiProposalDecision)
	api.Post("/practices/:id/withdraw", signedIn, reviewer, h.apiWithdrawPractice)
	api.Post("/practices/:id/restore", signedIn, admin, h.apiRestorePractice)
}

type inboxPage struct {
	page
	Documents []inboxDocument
	Document  *kb.Document
	Proposals []proposalView
	Message   string
	Errors    map[string]string
	ErrorFor  string        // the proposal the errors belong to
	Routes    []kb.RouteRow // its routes as typed, drawn again beside the errors
	// At volume: the thresholds, the bulk form across documents, and
	// which page of a document's proposals this is.
	Thresholds         thresholds
	Across             acrossForm
	Page, Pages, Size  int
	PrevPage, NextPage int // 0 when there is none
	FirstNumber        int // the number of the page's first proposal
}

type inboxDocument struct {
	kb.Document
	Waiting int
	Bands   bands
}

// proposalView is a proposal with its fields as the form shows them.
type proposalView struct {
	kb.Proposal
	States, Districts, Years, Themes, Laws, Figures string
	PDF                                             string
	Percent                                         int
	RouteEditor                                     routeForm
	Withdrawn                                       bool // published, then withdrawn from the public record
}

func (h *handlers) inboxPage(c *fiber.Ctx) error {
	p := inboxPage{page: h.pageFor(c, "Import inbox")}
	p.Message = doneMessage(c, p.Lang)
	return h.renderInbox(c, p, c.Query("document"))
}

func (h *handlers) renderInbox(c *fiber.Ctx, p inboxPage, docID string) error {
	ctx := c.UserContext()
	th, errs := readThresholds(c)
	p.Thresholds = th
	if p.Errors == nil && len(errs) > 0 {
		p.Errors = errs
	}
	if docID == "" {
		docs, err := h.svc.Documents(ctx)
		if err != nil {
			return err
		}
		waiting, err := h.curation.Proposals(ctx, "", kb.ProposalProposed)
		if err != nil {
			return err
		}
		by := map[string]*bands{}
		count := map[string]int{}
		for _, pr := range waiting {
			if by[pr.DocumentID] == nil {
				by[pr.DocumentID] = &bands{}
			}
			th.band(pr.Confidence, by[pr.DocumentID])
			count[pr.DocumentID]++
		}
		for _, d := range docs {
			doc := inboxDocument{Document: d, Waiting: count[d.ID]}
			if b := by[d.ID]; b != nil {
				doc.Bands = *b
			}
			p.Documents = append(p.Documents, doc)
		}
		if p.Across.Action == "" {
			p.Across = acrossForm{Action: "drop", Min: "0", Max: strconv.FormatFloat(th.DropAt, 'f', -1, 64)}
		}
		return h.render(c, "inbox", p)
	}
	doc, err := h.svc.Document(ctx, docID)
	if err != nil {
		return err
	}
	ps, err := h.curation.Proposals(ctx, docID, "")
	if err != nil {
		return err
	}
	p.Document, p.Title = &doc, "Inbox: "+doc.Title
	ps, p.Page, p.Pages, p.Size = pageOf(c, ps, p.ErrorFor)
	p.FirstNumber = (p.Page-1)*p.Size + 1
	if p.Page > 1 {
		p.PrevPage = p.Page - 1
	}
	if p.Page < p.Pages {
		p.NextPage = p.Page + 1
	}
	for _, pr := range ps {
		v := viewProposal(doc, pr)
		if pr.ID == p.ErrorFor && p.Errors["routes"] != "" {
			v.RouteEditor = newRouteForm(v.RouteEditor.Prefix, p.Routes, p.Errors["routes"])
		}
		v.Withdrawn = pr.Status == kb.ProposalPublished && h.curation.Withdrawn(ctx, pr.ID)
		p.Proposals = append(p.Proposals, v)
	}
	return h.render(c, "inbox", p)
}

func viewProposal(doc kb.Document, p kb.Proposal) proposalView {
	return proposalView{Proposal: p, States: strings.Join(p.States, ", "), Districts: strings.Join(p.Districts, ", "),
		Years: kb.JoinInts(p.Years), Themes: strings.Join(p.Themes, ", "), Laws: strings.Join(p.Laws, ", "),
		Figures: kb.FormatFigures(p.Figures), Percent: int(p.Confidence*100 + 0.5),
		RouteEditor: newRouteForm("r-"+p.ID+"-", kb.RouteRows(p.Routes), ""),
		PDF:         fmt.Sprintf("/documents/%s.pdf#page=%d", url.PathEscape(doc.ID), p.PageStart)}
}

// formEdit reads the correctable fields a form sent; a field the form
// does not carry is left as it is.
func formEdit(c *fiber.Ctx) (kb.CaseEdit, error) {
	var e kb.CaseEdit
	args := c.Request().PostArgs()
	has := func(name string) bool { return args.Has(name) }
	str := func(name string) *string {
		if !has(name) {
			return nil
		}
		v := c.FormValue(name)
		return &v
	}
	list := func(name string) *[]string {
		if !has(name) {
			return nil
		}
		v := kb.SplitList(c.FormValue(name))
		return &v
	}
	e.Title, e.Summary, e.Text, e.Country = str("title"), str("summary"), str("text"), str("country")
	e.States, e.Districts, e.Themes, e.Laws = list("states"), list("districts"), list("themes"), list("laws")
	for name, dst := range map[string]**int{"page_start": &e.PageStart, "page_end": &e.PageEnd} {
		if has(name) {
			n, err := strconv.Atoi(strings.TrimSpace(c.FormValue(name)))
			if err != nil {
				return e, &kb.ValidationError{Fields: map[string]string{"pages": "Give pages as whole numbers."}}
			}
			*dst = &n
		}
	}
	if has("years") {
		ys, err := kb.ParseInts("years", c.FormValue("years"))
		if err != nil {
			return e, err
		}
		e.Years = &ys
	}
	if has("figures") {
		fs, err := kb.ParseFigures(c.FormValue("figures"))
		if err != nil {
			return e, err
		}
		e.Figures = &fs
	}
	if rows, ok := formRouteRows(c); ok {
		rs, err := kb.ReadRoutes(rows)
		if err != nil {
			return e, err
		}
		e.Routes = &rs
	}
	return e, nil
}

// actOnProposal saves, publishes, drops, reopens, merges or splits one
// proposal from the inbox form, and goes back to the document's inbox.
func (h *handlers) actOnProposal(c *fiber.Ctx) error {
	ctx, u := c.UserContext(), *current(c).user
	id := c.Params("id")
	rev, _ := strconv.Atoi(c.FormValue("rev"))
	pr, err := h.curation.Proposal(ctx, id)
	if err != nil {
		return err
	}
	action := kb.ProposalAction(c.FormValue("action"))
	done := url.Values{"title": {pr.Title}}
	switch action {
	case kb.ProposalMerge:
		_, err = h.curation.Merge(ctx, u, id, rev)
	case kb.ProposalSplit:
		page, _ := strconv.Atoi(c.FormValue("split_page"))
		_, _, err = h.curation.Split(ctx, u, id, page, rev)
		done.Set("page", strconv.Itoa(page))
	default:
		var edit kb.CaseEdit
		if edit, err = formEdit(c); err == nil {
			if action == "save" {
				action = kb.ProposalEditAction
			}
			_, _, err = h.curation.Decide(ctx, u, id, action, &edit, rev)
		}
	}
	var ve *kb.ValidationError
	if errors.As(err, &ve) {
		p := inboxPage{page: h.pageFor(c, "Import inbox"), Errors: ve.Fields, ErrorFor: id}
		if rows, ok := formRouteRows(c); ok {
			p.Routes = typedRoutes(rows)
		}
		c.Status(fiber.StatusUnprocessableEntity)
		return h.renderInbox(c, p, pr.DocumentID)
	}
	if err != nil {
		return err
	}
	return c.Redirect(doneLink(pr.DocumentID, string(action), done, "p-"+id), fiber.StatusSeeOther)
}

// bulkDecision publishes or drops every waiting proposal of a document
// within a confidence range, e.g. "publish all above 0.8".
func (h *handlers) bulkDecision(c *fiber.Ctx) error {
	docID := c.FormValue("document")
	threshold, err := strconv.ParseFloat(strings.TrimSpace(c.FormValue("threshold")), 64)
	if err != nil || threshold < 0 || threshold > 1 {
		return &kb.ValidationError{Fields: map[string]string{"threshold": "Give a confidence from 0 to 1, such as 0.8."}}
	}
	b := kb.BulkDecision{Documents: []string{docID}, Action: kb.ProposalAction(c.FormValue("action")), Min: threshold, Max: 1}
	if c.FormValue("range") == "below" {
		b.Min, b.Max = 0, threshold
	}
	n, err := h.curation.Bulk(c.UserContext(), *current(c).user, b)
	if err != nil {
		return err
	}
	return c.Redirect(doneLink(docID, "bulk_"+string(b.Action), url.Values{"n": {strconv.Itoa(n.Total)}}, ""), fiber.StatusSeeOther)
}
