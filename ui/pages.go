package ui

import (
	"fmt"
	"io"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/compendium-kb/compendium/kb"
)

type searchPage struct {
	page
	Results    kb.Results
	Facets     []facetView
	Active     []activeFilter
	Prev, Next string
}

type facetView struct {
	Label  string
	Values []facetLink
}

type facetLink struct {
	kb.FacetValue
	Link   string
	Active bool
}

type activeFilter struct {
	Label, Remove string
}

// queryFromRequest reads q, state, theme, page and size, the same for the
// page and the API.
func queryFromRequest(c *fiber.Ctx) (kb.Query, error) {
	args := c.Context().QueryArgs()
	q := kb.Query{Text: string(args.Peek("q"))}
	for _, v := range args.PeekMulti("state") {
		if s := strings.TrimSpace(string(v)); s != "" {
			q.States = append(q.States, s)
		}
	}
	for _, v := range args.PeekMulti("theme") {
		if s := strings.TrimSpace(string(v)); s != "" {
			q.Themes = append(q.Themes, s)
		}
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
	p := searchPage{page: page{Title: "Search", Query: q.Text}, Results: res}
	if q.Text != "" {
		p.Title = q.Text
	}
	p.Facets = []facetView{
		facetFor("State", "state", res.Facets["state"], q, q.States),
		facetFor("Theme", "theme", res.Facets["theme"], q, q.Themes),
	}
	for _, s := range q.States {
		p.Active = append(p.Active, activeFilter{Label: "State: " + s, Remove: searchLink(q, "state", s, false)})
	}
	for _, t := range q.Themes {
		p.Active = append(p.Active, activeFilter{Label: "Theme: " + t, Remove: searchLink(q, "theme", t, false)})
	}
	if q.Page > 1 {
		p.Prev = pageLink(q, q.Page-1)
	}
	if q.Page*q.Size < res.Total {
		p.Next = pageLink(q, q.Page+1)
	}
	return h.render(c, "search", p)
}

func facetFor(label, param string, values []kb.FacetValue, q kb.Query, active []string) facetView {
	on := map[string]bool{}
	for _, a := range active {
		on[a] = true
	}
	fv := facetView{Label: label}
	for _, v := range values {
		fv.Values = append(fv.Values, facetLink{FacetValue: v, Active: on[v.Value], Link: searchLink(q, param, v.Value, !on[v.Value])})
	}
	sort.SliceStable(fv.Values, func(i, j int) bool { return fv.Values[i].Count > fv.Values[j].Count })
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
	for _, s := range q.States {
		v.Add("state", s)
	}
	for _, t := range q.Themes {
		v.Add("theme", t)
	}
	if q.Size != 10 {
		v.Set("size", strconv.Itoa(q.Size))
	}
	return v
}

type practicePage struct {
	page
	Practice kb.Practice
	Blocks   []block
	Figures  []figure
	Citation string
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
	if c.Params("slug") != p.Slug {
		return c.Redirect(PracticeURL(p), fiber.StatusMovedPermanently)
	}
	pp := practicePage{page: page{Title: p.Title}, Practice: p, Citation: citation(p), Blocks: blocks(p.Text)}
	for _, k := range []string{"rescued", "minors", "arrested", "convicted"} {
		if n, ok := p.Figures[k]; ok {
			pp.Figures = append(pp.Figures, figure{Label: strings.ToUpper(k[:1]) + k[1:], Value: n})
		}
	}
	return h.render(c, "practice", pp)
}

// citation is a plain reference to the case in its compendium.
func citation(p kb.Practice) string {
	return fmt.Sprintf("“%s.” In %s, %s.", p.Title, p.Provenance.DocumentTitle, p.Provenance.Pages())
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
	return h.render(c, "documents", documentsPage{page: page{Title: "Source documents"}, Documents: docs})
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
