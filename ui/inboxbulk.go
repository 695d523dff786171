package ui

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/compendium-kb/compendium/kb"
)

// The inbox at real volume: each document's waiting proposals summed up
// by what the two thresholds would do with them, a bulk decision across
// the documents ticked with a preview of how many it takes in each, and a
// document's proposals a page at a time (one codebook's inbox held 1,120
// form fields on one page 42,941 px tall).

// inboxPageSize is how many proposals a document's inbox shows at once.
const inboxPageSize = 50

// thresholds are the two the inbox applies: kb's, or what the reviewer
// typed into the inbox (kept in the address, not stored).
type thresholds struct{ PublishAt, DropAt float64 }

// bands counts a document's waiting proposals by threshold: to publish
// (at or above PublishAt), to check (between), to drop (at or below DropAt).
type bands struct{ Publish, Check, Drop int }

// acrossForm is the bulk decision across documents as the form holds it.
type acrossForm struct {
	Documents []string
	Action    string
	Min, Max  string
	Preview   *kb.BulkCount
}

// Ticked reports whether the form has the document ticked.
func (f acrossForm) Ticked(id string) bool {
	for _, d := range f.Documents {
		if d == id {
			return true
		}
	}
	return false
}

// readThresholds reads ?publish_at= and ?drop_at=, kb's when absent.
func readThresholds(c *fiber.Ctx) (thresholds, map[string]string) {
	t := thresholds{kb.PublishAt, kb.DropAt}
	errs := map[string]string{}
	for name, dst := range map[string]*float64{"publish_at": &t.PublishAt, "drop_at": &t.DropAt} {
		if v := strings.TrimSpace(c.Query(name)); v != "" {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil || f < 0 || f > 1 {
				errs[name] = "Give a confidence from 0 to 1, such as 0.8."
				continue
			}
			*dst = f
		}
	}
	if t.DropAt >= t.PublishAt {
		errs["drop_at"] = "The drop threshold must be under the publish threshold."
		t = thresholds{kb.PublishAt, kb.DropAt}
	}
	return t, errs
}

func (t thresholds) band(confidence float64, b *bands) {
	switch {
	case confidence >= t.PublishAt:
		b.Publish++
	case confidence <= t.DropAt:
		b.Drop++
	default:
		b.Check++
	}
}

// readAcross reads the bulk form: documents ticked, action, range.
func readAcross(c *fiber.Ctx) (acrossForm, kb.BulkDecision, error) {
	f := acrossForm{Action: c.FormValue("action"), Min: strings.TrimSpace(c.FormValue("min")), Max: strings.TrimSpace(c.FormValue("max"))}
	for _, d := range c.Request().PostArgs().PeekMulti("documents") {
		f.Documents = append(f.Documents, string(d))
	}
	b := kb.BulkDecision{Documents: f.Documents, Action: kb.ProposalAction(f.Action)}
	var err1, err2 error
	b.Min, err1 = strconv.ParseFloat(f.Min, 64)
	b.Max, err2 = strconv.ParseFloat(f.Max, 64)
	if err1 != nil || err2 != nil {
		return f, b, &kb.ValidationError{Fields: map[string]string{"threshold": "Give a confidence from 0 to 1, such as 0.8."}}
	}
	return f, b, nil
}

// bulkAcross previews or applies a bulk decision across documents.
func (h *handlers) bulkAcross(c *fiber.Ctx) error {
	f, b, err := readAcross(c)
	if err == nil && c.FormValue("step") == "preview" {
		var n kb.BulkCount
		if n, err = h.curation.PreviewBulk(c.UserContext(), b); err == nil {
			f.Preview = &n
			p := inboxPage{page: h.pageFor(c, "Import inbox"), Across: f}
			return h.renderInbox(c, p, "")
		}
	}
	if err == nil {
		var n kb.BulkCount
		if n, err = h.curation.Bulk(c.UserContext(), *current(c).user, b); err == nil {
			return c.Redirect(doneLink("", "bulk_"+f.Action, url.Values{"n": {strconv.Itoa(n.Total)}}, ""), fiber.StatusSeeOther)
		}
	}
	if ve, ok := err.(*kb.ValidationError); ok {
		p := inboxPage{page: h.pageFor(c, "Import inbox"), Across: f, Errors: ve.Fields}
		c.Status(fiber.StatusUnprocessableEntity)
		return h.renderInbox(c, p, "")
	}
	return err
}

// pageOf cuts a document's proposals to the inbox page asked for, or to
// the page holding focus (a proposal whose form came back with errors).
func pageOf(c *fiber.Ctx, ps []kb.Proposal, focus string) (page []kb.Proposal, n, pages, size int) {
	size = inboxPageSize
	if v, err := strconv.Atoi(c.Query("size")); err == nil && v >= 5 && v <= 200 {
		size = v // ?size=, 5 to 200
	}
	pages = max(1, (len(ps)+size-1)/size)
	n, err := strconv.Atoi(c.Query("page"))
	if err != nil || n < 1 {
		n = 1
	}
	for i, p := range ps {
		if focus != "" && p.ID == focus {
			n = i/size + 1
		}
	}
	n = min(n, pages)
	return ps[min((n-1)*size, len(ps)):min(n*size, len(ps))], n, pages, size
}
