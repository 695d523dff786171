package ui

import (
	"bytes"
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

type searchPage struct {
	page
	Results     kb.Results
	Facets      []facetView
	Active      []activeFilter
	Prev, Next  string
	DidYouMean  *activeFilter
	Sorts       []sortOption
	First, Last int
	Pages       int    // how many pages of results there are
	PastEnd     string // the last page's address, when this page is past it
	// The same search exported, and counted on the statistics page.
	ExportCSV, ExportXLSX, StatsLink string
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
		Exploitation: multi("exploitation"), Documents: multi("document"), Years: multi("year"), Evidence: multi("evidence"),
		Sources: multi("source"), Transit: multi("transit"), Destinations: multi("destination"), Routes: multi("route"),
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
	h.searched(c, q, res.Total)
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
		fv := facetFor(messages.text(pg.Lang, "facet_"+f.param), f.param, res.Facets[f.param], q, filters[f.param])
		for i := range fv.Values {
			switch f.param {
			case "state", "theme", "exploitation", "source", "transit", "destination":
				if l := messages.value(pg.Lang, fv.Values[i].Value); l != fv.Values[i].Value {
					fv.Values[i].Label = l
				}
			case "document":
				fv.Values[i].Label = titles[fv.Values[i].Value]
			case "evidence":
				fv.Values[i].Label = messages.value(pg.Lang, kb.EvidenceLabel(fv.Values[i].Value).Text())
			}
		}
		p.Facets = append(p.Facets, fv)
		for _, v := range filters[f.param] {
			name := messages.value(pg.Lang, v)
			if f.param == "document" && titles[v] != "" {
				name = titles[v] // people know a document by its title, not its slug
			}
			p.Active = append(p.Active, activeFilter{Label: fv.Label + ": " + name, Remove: searchLink(q, f.param, v, false)})
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
	for _, o := range []struct{ value, label string }{{"", "sort_relevance"}, {kb.SortNewest, "sort_newest"}, {kb.SortOldest, "sort_oldest"}} {
		p.Sorts = append(p.Sorts, sortOption{Value: o.value, Label: messages.text(pg.Lang, o.label), Selected: q.Sort == o.value})
	}
	p.ExportCSV, p.ExportXLSX, p.StatsLink = exportLink(q, "csv"), exportLink(q, "xlsx"), "/stats?"+encode(q).Encode()
	p.First = (q.Page-1)*q.Size + 1
	p.Last = min(q.Page*q.Size, res.Total)
	p.Pages = (res.Total + q.Size - 1) / q.Size
	if res.Total > 0 && q.Page > p.Pages {
		// A page past the end (an old link, a hand-edited address): say so,
		// and lead back to the last page that has results.
		p.PastEnd, p.Prev = pageLink(q, p.Pages), ""
	}
	return h.render(c, "search", p)
}

// facetLabels are the facets the search page shows, in order.
var facetLabels = []struct{ label, param string }{
	{"State", "state"}, {"Theme", "theme"}, {"Form of exploitation", "exploitation"},
	{"Years", "year"}, {"Source document", "document"}, {"Evidence", "evidence"},
	{"Source area", "source"}, {"Transit", "transit"}, {"Destination", "destination"}, {"Route", "route"},
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
	ResultsLink                       string // the search this page was opened from, if any
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
	h.opened(c)
	cite := h.cite(c, p)
	pp := practicePage{page: h.pageFor(c, p.Title), Practice: p, Blocks: blocks(p), Latest: latest,
		APA: cite.APA(), ChicagoNote: cite.ChicagoNote(), ChicagoBib: cite.ChicagoBibliography(), MLA: cite.MLA()}
	pp.Meta, pp.JSONLD = citationMeta(c, p, cite)
	pp.ResultsLink = resultsLink(c)
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
