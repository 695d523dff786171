package ui

import (
	"encoding/json"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/compendium-kb/compendium/kb"
)

// The curation API: documents, proposals, decisions, withdrawal. Reviewer
// and admin tokens only (needRole on each route).

// apiDocument is a document in the list: counts, not ids.
type apiDocument struct {
	ID         string         `json:"id"`
	File       string         `json:"file"`
	Title      string         `json:"title"`
	Publisher  string         `json:"publisher,omitempty"`
	Year       int            `json:"year,omitempty"`
	Pages      int            `json:"pages"`
	Practices  int            `json:"practices"`
	Proposals  int            `json:"proposals"` // waiting for a decision
	ImportedAt any            `json:"imported_at"`
	Withdrawal *kb.Withdrawal `json:"withdrawal,omitempty"`
}

func (h *handlers) apiDocuments(c *fiber.Ctx) error {
	ctx := c.UserContext()
	docs, err := h.svc.Documents(ctx)
	if err != nil {
		return err
	}
	count, err := h.curation.Waiting(ctx)
	if err != nil {
		return err
	}
	out := []apiDocument{}
	for _, d := range docs {
		out = append(out, apiDocument{ID: d.ID, File: d.File, Title: d.Title, Publisher: d.Author, Year: d.Year, Pages: d.Pages,
			Practices: len(d.Practices), Proposals: count[d.ID], ImportedAt: d.ImportedAt, Withdrawal: d.Withdrawal})
	}
	return c.JSON(fiber.Map{"documents": out})
}

func (h *handlers) apiDocument(c *fiber.Ctx) error {
	ctx := c.UserContext()
	doc, err := h.svc.Document(ctx, c.Params("id"))
	if err != nil {
		return err
	}
	ps, err := h.curation.Service.Store.Practices(ctx, doc.Practices)
	if err != nil {
		return err
	}
	props, err := h.curation.Proposals(ctx, doc.ID, "")
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"document": doc, "practices": ps, "proposals": props})
}

func (h *handlers) apiProposals(c *fiber.Ctx) error {
	status := kb.ProposalStatus(c.Query("status"))
	switch status {
	case "", kb.ProposalProposed, kb.ProposalPublished, kb.ProposalDropped:
	default:
		return &kb.ValidationError{Fields: map[string]string{"status": "Choose proposed, published or dropped."}}
	}
	page, size, err := paging(c)
	if err != nil {
		return err
	}
	ps, err := h.curation.Proposals(c.UserContext(), c.Query("document"), status)
	if err != nil {
		return err
	}
	total := len(ps)
	from, to := min((page-1)*size, total), min(page*size, total)
	return c.JSON(fiber.Map{"proposals": ps[from:to], "page": page, "size": size, "total": total, "pages": (total + size - 1) / size})
}

// apiAudit is the audit trail, newest first, as /admin/audit shows it:
// ?document= keeps a document's entries (a bulk action across documents
// included), ?limit= takes 1 to 500 (100 when not given).
func (h *handlers) apiAudit(c *fiber.Ctx) error {
	limit := 100
	if v := c.Query("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 500 {
			return &kb.ValidationError{Fields: map[string]string{"limit": "Give a limit from 1 to 500."}}
		}
		limit = n
	}
	evs, err := h.curation.Audit.Events(c.UserContext(), kb.EventFilter{DocumentID: c.Query("document"), Limit: limit})
	if err != nil {
		return err
	}
	if evs == nil {
		evs = []kb.Event{}
	}
	return c.JSON(fiber.Map{"events": evs})
}

// paging reads ?page= (from 1) and ?size= (1 to 500, 50 when not given):
// the inbox of one codebook held 1,120 proposals.
func paging(c *fiber.Ctx) (page, size int, err error) {
	page, size = 1, 50
	bad := &kb.ValidationError{Fields: map[string]string{"page": "Give page from 1 and size from 1 to 500."}}
	if v := c.Query("page"); v != "" {
		if page, err = strconv.Atoi(v); err != nil || page < 1 {
			return 0, 0, bad
		}
	}
	if v := c.Query("size"); v != "" {
		if size, err = strconv.Atoi(v); err != nil || size < 1 || size > 500 {
			return 0, 0, bad
		}
	}
	return page, size, nil
}

// apiBulk decides, or with "preview" only counts, the proposals of the
// documents named within a confidence range:
// {"documents": [...], "decision": "drop", "min": 0, "max": 0.3, "preview": true}.
func (h *handlers) apiBulk(c *fiber.Ctx) error {
	var d struct {
		Documents []string `json:"documents"`
		Decision  string   `json:"decision"`
		Min       *float64 `json:"min"`
		Max       *float64 `json:"max"`
		Preview   bool     `json:"preview"`
	}
	if err := json.Unmarshal(c.Body(), &d); err != nil || d.Min == nil || d.Max == nil {
		return &kb.ValidationError{Fields: map[string]string{"body": `Send {"documents": […], "decision": "publish" | "drop", "min": 0, "max": 0.3, "preview": true}.`}}
	}
	b := kb.BulkDecision{Documents: d.Documents, Action: kb.ProposalAction(d.Decision), Min: *d.Min, Max: *d.Max}
	if d.Preview {
		n, err := h.curation.PreviewBulk(c.UserContext(), b)
		if err != nil {
			return err
		}
		return c.JSON(fiber.Map{"preview": true, "affected": n})
	}
	n, err := h.curation.Bulk(c.UserContext(), *current(c).user, b)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"preview": false, "decided": n})
}

// apiThresholds gives the confidence thresholds the inbox applies.
func (h *handlers) apiThresholds(c *fiber.Ctx) error {
	return c.JSON(fiber.Map{"publish_at": kb.PublishAt, "drop_at": kb.DropAt})
}

func (h *handlers) apiProposalDecision(c *fiber.Ctx) error {
	var d struct {
		Decision string       `json:"decision"`
		Fields   *kb.CaseEdit `json:"fields"`
		Rev      int          `json:"rev"`
	}
	if err := json.Unmarshal(c.Body(), &d); err != nil {
		return &kb.ValidationError{Fields: map[string]string{"body": `Send {"decision": "publish" | "drop", "fields": {…}}.`}}
	}
	a := kb.ProposalAction(d.Decision)
	if a != kb.ProposalPublish && a != kb.ProposalDrop && a != kb.ProposalEditAction && a != kb.ProposalReopen {
		return &kb.ValidationError{Fields: map[string]string{"decision": "Choose publish, drop, edit or reopen."}}
	}
	p, practice, err := h.curation.Decide(c.UserContext(), *current(c).user, c.Params("id"), a, d.Fields, d.Rev)
	if err != nil {
		return err
	}
	if practice != nil {
		return c.JSON(fiber.Map{"proposal": p, "practice": apiPractice{Practice: *practice, URL: PracticeURL(*practice), PDFURL: PDFURL(*practice)}})
	}
	return c.JSON(fiber.Map{"proposal": p})
}

// reason reads {"reason": "…"}.
func reason(c *fiber.Ctx) (string, error) {
	var r struct {
		Reason string `json:"reason"`
	}
	if len(c.Body()) == 0 {
		return "", nil
	}
	if err := json.Unmarshal(c.Body(), &r); err != nil {
		return "", &kb.ValidationError{Fields: map[string]string{"body": `Send {"reason": "…"}.`}}
	}
	return r.Reason, nil
}

func (h *handlers) apiWithdrawPractice(c *fiber.Ctx) error {
	why, err := reason(c)
	if err != nil {
		return err
	}
	t, err := h.curation.WithdrawPractice(c.UserContext(), *current(c).user, c.Params("id"), why)
	if err != nil {
		return err
	}
	return c.JSON(t)
}

func (h *handlers) apiRestorePractice(c *fiber.Ctx) error {
	p, err := h.curation.RestorePractice(c.UserContext(), *current(c).user, c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(apiPractice{Practice: p, URL: PracticeURL(p), PDFURL: PDFURL(p)})
}

func (h *handlers) apiWithdrawDocument(c *fiber.Ctx) error {
	why, err := reason(c)
	if err != nil {
		return err
	}
	d, err := h.curation.WithdrawDocument(c.UserContext(), *current(c).user, c.Params("id"), why)
	if err != nil {
		return err
	}
	return c.JSON(d)
}

func (h *handlers) apiRestoreDocument(c *fiber.Ctx) error {
	d, err := h.curation.RestoreDocument(c.UserContext(), *current(c).user, c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(d)
}
