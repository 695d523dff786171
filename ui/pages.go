package ui

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/adaptor"

	"github.com/compendium-kb/compendium/kb"
)

type practicePage struct {
	page
	Practice                          kb.Practice
	Similar                           []kb.Hit
	Blocks                            []block
	Figures                           []figure
	APA, ChicagoNote, ChicagoBib, MLA string
	Saved                             bool   // the reader saved it
	ShortLink, Summary                string // for sharing in a chat (share.go)
	Meta                              []metaTag
	JSONLD                            template.JS
	Latest                            int   // the current version
	Earlier                           []int // earlier versions, readable
	Packs                             []kb.Pack
	AddedTo                           *kb.Pack // the pack the practice was just added to, from this page
	ResultsLink                       string   // the search this page was opened from, if any
}

type figure struct {
	Label string
	Value int
}

func (h *handlers) practicePage(c *fiber.Ctx) error {
	p, err := h.svc.Practice(c.UserContext(), c.Params("id"))
	if err != nil {
		return h.gone(c, c.Params("id"), err)
	}
	latest, newest := p.Version, p
	if v := c.QueryInt("v", 0); v > 0 && v != p.Version {
		if p, err = h.svc.PracticeVersion(c.UserContext(), p.ID, v); err != nil {
			return err
		}
	}
	if c.Params("slug") != p.Slug {
		target := PracticeURL(p)
		if c.QueryInt("v", 0) > 0 {
			target += "?v=" + strconv.Itoa(p.Version)
		}
		return c.Redirect(target, fiber.StatusMovedPermanently)
	}
	h.opened(c)
	cite := h.cite(c, p)
	pp := practicePage{page: h.pageFor(c, p.Title), Practice: p, Blocks: blocks(p), Latest: latest,
		APA: cite.APA(), ChicagoNote: cite.ChicagoNote(), ChicagoBib: cite.ChicagoBibliography(), MLA: cite.MLA()}
	pp.Meta, pp.JSONLD = citationMeta(c, p, cite)
	pp.ShortLink = c.BaseURL() + "/p/" + p.ID
	pp.Summary = practiceSummary(pp.Lang, p, pp.APA, pp.ShortLink)
	pp.ResultsLink = resultsLink(c)
	for v := 1; v < latest; v++ {
		pp.Earlier = append(pp.Earlier, v)
	}
	switch pp.Similar, err = h.svc.SimilarTo(c.UserContext(), newest, 5, similarWait); {
	case errors.Is(err, kb.ErrOverloaded):
		// The page is useful without them: it is not held in their queue.
	case err != nil:
		h.log.Warn("similar practices", "id", p.ID, "err", err)
	}
	for _, f := range p.Figures {
		pp.Figures = append(pp.Figures, figure{Label: f.Label(), Value: f.Count})
	}
	if u := current(c).user; u != nil && h.library != nil {
		if pp.Saved, err = h.library.IsSaved(c.UserContext(), *u, p.ID); err != nil {
			return err
		}
	}
	if u := current(c).user; u != nil && h.packs != nil {
		pp.Packs, _ = h.packs.List(c.UserContext(), *u)
		for i := range pp.Packs {
			if pp.Packs[i].ID == c.Query("added") {
				pp.AddedTo = &pp.Packs[i]
			}
		}
	}
	return h.render(c, "practice", pp)
}

// similarWait is how long a practice page waits for a place to find
// similar practices (kb/similar.go) before it is sent without them: with
// a page's p99 aimed at a second under load, half of it at most.
const similarWait = 500 * time.Millisecond

// cite is the citation of a practice at the version shown, with its
// permanent address on this site.
func (h *handlers) cite(c *fiber.Ctx, p kb.Practice) kb.Cite {
	return kb.Cite{Practice: p, URL: c.BaseURL() + PracticeURL(p) + "?v=" + strconv.Itoa(max(p.Version, 1)), Accessed: time.Now()}
}

type documentsPage struct {
	page
	Documents []kb.Document
}

func (h *handlers) documentsPage(c *fiber.Ctx) error {
	docs, err := h.svc.Documents(c.UserContext())
	if err != nil {
		return err
	}
	public := []kb.Document{}
	for _, d := range docs {
		if isPublic(d) {
			public = append(public, d)
		}
	}
	return h.render(c, "documents", documentsPage{page: h.pageFor(c, "Source documents"), Documents: public})
}

// documentPDF serves a source compendium from the database.
func (h *handlers) documentPDF(c *fiber.Ctx) error {
	name := c.Params("file")
	if !strings.HasSuffix(name, ".pdf") {
		return fiber.ErrNotFound
	}
	doc, err := h.svc.Document(c.UserContext(), strings.TrimSuffix(name, ".pdf"))
	if err != nil {
		return err
	}
	if u := current(c).user; !isPublic(doc) && (u == nil || !u.Role.CanReview()) {
		return fiber.ErrNotFound // only reviewers see what is not published
	}
	r, _, err := h.svc.OpenFile(c.UserContext(), doc.SHA256)
	if err != nil {
		return err
	}
	defer r.Close()
	data, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("reading %s: %w", doc.File, err)
	}
	return servePDF(c, doc.File, doc.SHA256, doc.ImportedAt, data, cachePDF(isPublic(doc)))
}

// servePDF answers with a PDF, or the byte ranges of it that were asked
// for: browsers' PDF viewers ask for the first pages before the whole
// file. net/http's ServeContent does ranges, If-Range and If-None-Match
// (against the ETag set by the caller) the way browsers expect.
func servePDF(c *fiber.Ctx, file, sha string, modified time.Time, data []byte, cacheControl string) error {
	return adaptor.HTTPHandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Type", "application/pdf")
		hd.Set("Content-Disposition", fmt.Sprintf("inline; filename=%q", file))
		hd.Set("Cache-Control", cacheControl)
		hd.Set("ETag", `"`+sha+`"`)
		http.ServeContent(w, r, "", modified, bytes.NewReader(data))
	})(c)
}

// block is a paragraph of a practice's text, or a sub-heading: a short
// line with no sentence end, as compendia set "Background" or "Lessons".
type block struct {
	Text    string
	Heading bool
}

func blocks(p kb.Practice) []block {
	var out []block
	for _, para := range strings.Split(p.Text, "\n\n") {
		para = strings.TrimSpace(para)
		if para == "" {
			continue
		}
		out = append(out, block{Text: para, Heading: isHeading(p, para)})
	}
	return out
}

// isHeading tells a heading from a paragraph. A submitted practice's
// headings are its form's sections; everything else there is an answer,
// however short. In a compendium's text a heading is a short line that
// does not end like a sentence, is not a list item, and is not a
// "Label: value" line such as "State: Bihar".
func isHeading(p kb.Practice, para string) bool {
	if p.Origin == kb.OriginSubmission {
		return kb.IsSubmissionHeading(para)
	}
	if len(strings.Fields(para)) > 8 || strings.ContainsAny(para[len(para)-1:], ".:;,") ||
		strings.HasPrefix(para, "- ") || strings.HasPrefix(para, "• ") {
		return false
	}
	if i := strings.Index(para, ":"); i >= 0 && strings.TrimSpace(para[i+1:]) != "" {
		return false
	}
	return true
}

// metaLineIn is metaLine with the states named in lang.
func metaLineIn(lang string, p kb.Practice) string {
	states := make([]string, len(p.States))
	for i, s := range p.States {
		states[i] = messages.value(lang, s)
	}
	p.States = states
	return metaLine(p)
}

// metaLine is a result's states and years, with nothing where nothing is
// known (no separator before a missing part).
func metaLine(p kb.Practice) string {
	var parts []string
	if len(p.States) > 0 {
		parts = append(parts, strings.Join(p.States, ", "))
	}
	if len(p.Years) > 0 {
		years := make([]string, len(p.Years))
		for i, y := range p.Years {
			years[i] = strconv.Itoa(y)
		}
		parts = append(parts, strings.Join(years, ", "))
	}
	return strings.Join(parts, " · ")
}

// resultsLink is the search results page the reader came from, with its
// query and filters, so that "Back to results" returns to it. Only a
// search on this site counts; its query is parsed and encoded again, so
// nothing from the Referer reaches the page unescaped.
func resultsLink(c *fiber.Ctx) string {
	ref, err := url.Parse(c.Get(fiber.HeaderReferer))
	if err != nil || ref.Host != c.Hostname() || ref.Path != "/" || ref.RawQuery == "" {
		return ""
	}
	v, err := url.ParseQuery(ref.RawQuery)
	if err != nil || len(v) == 0 {
		return ""
	}
	return "/?" + v.Encode()
}
