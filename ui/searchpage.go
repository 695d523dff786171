package ui

import (
	"fmt"
	"net/url"
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
	DidYouMean *activeFilter
	Sorts      []sortOption
	SortLabel  string // the order chosen, named in the sort control's summary
	Pages      int    // how many pages of results there are
	PastEnd    string // the last page's address, when this page is past it
	// The same search exported, and counted on the statistics page.
	ExportCSV, ExportXLSX, StatsLink string
	// Feed is the search as an Atom feed; Params its words and filters,
	// for the form that follows it. Followable: it has either.
	Feed, Params string
	Followable   bool
	matching
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
	return queryFrom(func(name string) []string {
		var out []string
		for _, v := range args.PeekMulti(name) {
			out = append(out, string(v))
		}
		return out
	})
}

// queryFromParams reads a search's address after "?" as
// queryFromRequest reads a request's.
func queryFromParams(params string) (kb.Query, error) {
	v, err := url.ParseQuery(params)
	if err != nil {
		return kb.Query{}, fmt.Errorf("%w: not a search's address", kb.ErrBadRequest)
	}
	return queryFrom(func(name string) []string { return v[name] })
}

// queryFrom builds a query from the values of each parameter.
func queryFrom(values func(name string) []string) (kb.Query, error) {
	multi := func(name string) []string {
		var out []string
		for _, v := range values(name) {
			if s := strings.TrimSpace(v); s != "" && len(out) < 20 {
				out = append(out, s)
			}
		}
		return out
	}
	one := func(name string) string {
		if vs := values(name); len(vs) > 0 {
			return vs[0]
		}
		return ""
	}
	q := kb.Query{
		Text: one("q"), States: multi("state"), Themes: multi("theme"),
		Exploitation: multi("exploitation"), Documents: multi("document"), Years: multi("year"), Evidence: multi("evidence"),
		Sources: multi("source"), Transit: multi("transit"), Destinations: multi("destination"), Routes: multi("route"),
		Districts: multi("district"), Laws: multi("law"), Agencies: multi("agency"),
		Sort: one("sort"),
	}
	for name, dst := range map[string]*int{"page": &q.Page, "size": &q.Size} {
		if v := one(name); v != "" {
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
	titles, err := h.svc.DocumentTitles(c.UserContext())
	if err != nil {
		return err
	}
	pg := h.pageFor(c, "Search")
	pg.Query, pg.SearchPage = q.Text, true
	if q.Text != "" {
		pg.Title = q.Text
	}
	return h.render(c, "search", newSearchPage(pg, q, res, titles))
}

// newSearchPage lays out a page of results for the reader's language:
// facets and active filters, paging, sort and exports, and what the
// words matched (matching.go).
func newSearchPage(pg page, q kb.Query, res kb.Results, titles map[string]string) searchPage {
	p := searchPage{page: pg, Results: res, Feed: feedPath(q), Params: searchParams(q).Encode()}
	p.Followable = p.Params != ""
	filters := q.Filters()
	for _, f := range facetLabels {
		fv := facetFor(messages.text(pg.Lang, "facet_"+f.param), f.param, res.Facets[f.param], q, filters[f.param])
		for i := range fv.Values {
			fv.Values[i].Label = facetValueLabel(pg.Lang, f.param, fv.Values[i].Value, titles)
		}
		p.Facets = append(p.Facets, fv)
		for _, v := range filters[f.param] {
			name := facetValueLabel(pg.Lang, f.param, v, titles)
			if name == "" {
				name = v
			}
			p.Active = append(p.Active, activeFilter{Label: fv.Label + ": " + name, Remove: searchLink(q, f.param, v, false)})
		}
	}
	if res.DidYouMean != "" {
		alt := q
		alt.Text = res.DidYouMean
		p.DidYouMean = &activeFilter{Label: res.DidYouMean, Remove: "/?" + encode(alt).Encode()}
	}
	for _, o := range []struct{ value, label string }{{"", "sort_relevance"}, {kb.SortNewest, "sort_newest"}, {kb.SortOldest, "sort_oldest"}} {
		p.Sorts = append(p.Sorts, sortOption{Value: o.value, Label: messages.text(pg.Lang, o.label), Selected: q.Sort == o.value})
		if q.Sort == o.value {
			p.SortLabel = messages.text(pg.Lang, o.label)
		}
	}
	p.ExportCSV, p.ExportXLSX, p.StatsLink = exportLink(q, "csv"), exportLink(q, "xlsx"), "/stats?"+encode(q).Encode()
	p.setPaging(q, res)
	p.matching = explainMatching(pg.Lang, q, res)
	return p
}

// setPaging sets the links between pages. Pages run through the counted hits
// and then the partial matches, so there are Total+More results to page
// through.
func (p *searchPage) setPaging(q kb.Query, res kb.Results) {
	listed := res.Total + res.More
	p.Pages = (listed + q.Size - 1) / q.Size
	if q.Page > 1 {
		p.Prev = pageLink(q, q.Page-1)
	}
	if q.Page*q.Size < listed {
		p.Next = pageLink(q, q.Page+1)
	}
	if listed > 0 && q.Page > p.Pages {
		// A page past the end (an old link, a hand-edited address): say so,
		// and lead back to the last page that has results.
		p.PastEnd, p.Prev = pageLink(q, p.Pages), ""
	}
}

// facetValueLabel names a facet's value for the reader: a field value in
// their language, a document by its title, an evidence label in words;
// "" where the value itself is the name.
func facetValueLabel(lang, param, value string, titles map[string]string) string {
	switch param {
	case "state", "theme", "exploitation", "source", "transit", "destination":
		if l := messages.value(lang, value); l != value {
			return l
		}
	case "document":
		return titles[value] // people know a document by its title, not its slug
	case "evidence":
		return messages.value(lang, kb.EvidenceLabel(value).Text())
	}
	return ""
}

// facetLabels are the facets the search page shows, in order.
var facetLabels = []struct{ label, param string }{
	{"State", "state"}, {"Theme", "theme"}, {"Form of exploitation", "exploitation"},
	{"Years", "year"}, {"Source document", "document"}, {"Evidence", "evidence"},
	{"Source area", "source"}, {"Transit", "transit"}, {"Destination", "destination"}, {"Route", "route"},
	// Filters without counts (kb/search's filterOnly): a chip or a link sets them.
	{"District", "district"}, {"Law", "law"}, {"Agency", "agency"},
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
