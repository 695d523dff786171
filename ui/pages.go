package ui

import (
	"fmt"
	"html/template"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/compendium-kb/compendium/kb"
)

type searchPage struct {
	page
	Results     kb.Results
	Facets      []facetView
	Active      []activeFilter
	Prev, Next  string
	DidYouMean  *activeFilter
	Sorts       []sortOption
	First, Last int
}

type facetView struct {
	Label, Param string
	Values       []facetLink
}

type facetLink struct {
	kb.FacetValue
	Label  string // shown instead of the value when set
	Link   string
	Active bool
}

type activeFilter struct {
	Label, Remove string
}

// queryFromRequest reads q, the filters (state, theme, exploitation,
// document, year; each may repeat), sort, page and size, the same for the
// page and the API.
func queryFromRequest(c *fiber.Ctx) (kb.Query, error) {
	args := c.Context().QueryArgs()
	multi := func(name string) []string {
		var out []string
		for _, v := range args.PeekMulti(name) {
			if s := strings.TrimSpace(string(v)); s != "" && len(out) < 20 {
				out = append(out, s)
			}
		}
		return out
	}
	q := kb.Query{
		Text: string(args.Peek("q")), States: multi("state"), Themes: multi("theme"),
		Exploitation: multi("exploitation"), Documents: multi("document"), Years: multi("year"),
		Sort: string(args.Peek("sort")),
	}
	for name, dst := range map[string]*int{"page": &q.Page, "size": &q.Size} {
		if v := string(args.Peek(name)); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				return q, fmt.Errorf("%w: %s must be a whole number from 1", kb.ErrBadRequest, name)
			}
			*dst = n
		}
	}
	return q.Normalize()
}

func (h *handlers) searchPage(c *fiber.Ctx) error {
	q, err := queryFromRequest(c)
	if err != nil {
		return err
	}
	res, err := h.svc.Search(c.UserContext(), q)
	if err != nil {
		return err
	}
	pg := h.pageFor(c, "Search")
	pg.Query, pg.SearchPage = q.Text, true
	p := searchPage{page: pg, Results: res}
	if q.Text != "" {
		p.Title = q.Text
	}
	filters := q.Filters()
	titles, err := h.svc.DocumentTitles(c.UserContext())
	if err != nil {
		return err
	}
	for _, f := range facetLabels {
		fv := facetFor(f.label, f.param, res.Facets[f.param], q, filters[f.param])
		if f.param == "document" {
			for i := range fv.Values {
				fv.Values[i].Label = titles[fv.Values[i].Value]
			}
		}
		p.Facets = append(p.Facets, fv)
		for _, v := range filters[f.param] {
			p.Active = append(p.Active, activeFilter{Label: f.label + ": " + v, Remove: searchLink(q, f.param, v, false)})
		}
	}
	if q.Page > 1 {
		p.Prev = pageLink(q, q.Page-1)
	}
	if q.Page*q.Size < res.Total {
		p.Next = pageLink(q, q.Page+1)
	}
	if res.DidYouMean != "" {
		alt := q
		alt.Text = res.DidYouMean
		p.DidYouMean = &activeFilter{Label: res.DidYouMean, Remove: "/?" + encode(alt).Encode()}
	}
	for _, o := range []struct{ value, label string }{{"", "Relevance"}, {kb.SortNewest, "Newest"}, {kb.SortOldest, "Oldest"}} {
		p.Sorts = append(p.Sorts, sortOption{Value: o.value, Label: o.label, Selected: q.Sort == o.value})
	}
	p.First = (q.Page-1)*q.Size + 1
	p.Last = min(q.Page*q.Size, res.Total)
	return h.render(c, "search", p)
}

// facetLabels are the facets the search page shows, in order.
var facetLabels = []struct{ label, param string }{
	{"State", "state"}, {"Theme", "theme"}, {"Form of exploitation", "exploitation"},
	{"Years", "year"}, {"Source document", "document"},
}

type sortOption struct {
	Value, Label string
	Selected     bool
}

func facetFor(label, param string, values []kb.FacetValue, q kb.Query, active []string) facetView {
	on := map[string]bool{}
	for _, a := range active {
		on[a] = true
	}
	fv := facetView{Label: label, Param: param}
	for _, v := range values {
		fv.Values = append(fv.Values, facetLink{FacetValue: v, Active: on[v.Value], Link: searchLink(q, param, v.Value, !on[v.Value])})
	}
	return fv
}

// searchLink is the address of the same search with one filter added or
// removed, back on the first page.
func searchLink(q kb.Query, param, value string, add bool) string {
	v := encode(q)
	v.Del("page")
	vals := v[param]
	v.Del(param)
	for _, x := range vals {
		if x != value {
			v.Add(param, x)
		}
	}
	if add {
		v.Add(param, value)
	}
	return "/?" + v.Encode()
}

func pageLink(q kb.Query, n int) string {
	v := encode(q)
	v.Set("page", strconv.Itoa(n))
	return "/?" + v.Encode()
}

func encode(q kb.Query) url.Values {
	v := url.Values{}
	if q.Text != "" {
		v.Set("q", q.Text)
	}
	for param, values := range q.Filters() {
		for _, x := range values {
			v.Add(param, x)
		}
	}
	if q.Sort != "" {
		v.Set("sort", q.Sort)
	}
	if q.Size != 10 {
		v.Set("size", strconv.Itoa(q.Size))
	}
	return v
}

type practicePage struct {
	page
	Practice                          kb.Practice
	Similar                           []kb.Hit
	Blocks                            []block
	Figures                           []figure
	APA, ChicagoNote, ChicagoBib, MLA string
	Meta                              []metaTag
	JSONLD                            template.JS
	Latest                            int   // the current version
	Earlier                           []int // earlier versions, readable
	Packs                             []kb.Pack
}

type figure struct {
	Label string
	Value int
}

func (h *handlers) practicePage(c *fiber.Ctx) error {
	p, err := h.svc.Practice(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	latest := p.Version
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
	cite := h.cite(c, p)
	pp := practicePage{page: h.pageFor(c, p.Title), Practice: p, Blocks: blocks(p.Text), Latest: latest,
		APA: cite.APA(), ChicagoNote: cite.ChicagoNote(), ChicagoBib: cite.ChicagoBibliography(), MLA: cite.MLA()}
	pp.Meta, pp.JSONLD = citationMeta(c, p, cite)
	for v := 1; v < latest; v++ {
		pp.Earlier = append(pp.Earlier, v)
	}
	if pp.Similar, err = h.svc.Similar(c.UserContext(), p.ID, 5); err != nil {
		h.log.Warn("similar practices", "id", p.ID, "err", err) // the page is useful without them
	}
	for _, f := range p.Figures {
		pp.Figures = append(pp.Figures, figure{Label: f.Label(), Value: f.Count})
	}
	if u := current(c).user; u != nil && h.packs != nil {
		pp.Packs, _ = h.packs.List(c.UserContext(), *u)
	}
	return h.render(c, "practice", pp)
}

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
	return h.render(c, "documents", documentsPage{page: h.pageFor(c, "Source documents"), Documents: docs})
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
	r, size, err := h.svc.OpenFile(c.UserContext(), doc.SHA256)
	if err != nil {
		return err
	}
	defer r.Close()
	data, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("reading %s: %w", doc.File, err)
	}
	c.Set("Content-Type", "application/pdf")
	c.Set("Content-Disposition", fmt.Sprintf("inline; filename=%q", doc.File))
	c.Set("Content-Length", strconv.FormatInt(size, 10))
	c.Set("ETag", `"`+doc.SHA256+`"`)
	c.Set("Cache-Control", "public, max-age=3600")
	if string(c.Request().Header.Peek("If-None-Match")) == `"`+doc.SHA256+`"` {
		return c.SendStatus(fiber.StatusNotModified)
	}
	return c.Send(data)
}

// block is a paragraph of a practice's text, or a sub-heading: a short
// line with no sentence end, as compendia set "Background" or "Lessons".
type block struct {
	Text    string
	Heading bool
}

func blocks(text string) []block {
	var out []block
	for _, para := range strings.Split(text, "\n\n") {
		para = strings.TrimSpace(para)
		if para == "" {
			continue
		}
		words := len(strings.Fields(para))
		heading := words <= 8 && !strings.ContainsAny(para[len(para)-1:], ".:;,") && !strings.HasPrefix(para, "- ") && !strings.HasPrefix(para, "• ")
		out = append(out, block{Text: para, Heading: heading})
	}
	return out
}
