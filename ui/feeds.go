package ui

import (
	"encoding/xml"
	"net/url"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/compendium-kb/compendium/kb"
)

// A search or a filter as an Atom feed (RFC 4287): the practices it
// finds, the latest published first. Anyone may read it, as anyone may
// search; a feed reader keeps no session, so its address carries the
// search and nothing else.

const atomNS = "http://www.w3.org/2005/Atom"

// feedSize is how many practices a feed lists.
const feedSize = 30

type atomFeed struct {
	XMLName  xml.Name    `xml:"feed"`
	NS       string      `xml:"xmlns,attr"`
	ID       string      `xml:"id"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle,omitempty"`
	Updated  string      `xml:"updated"`
	Links    []atomLink  `xml:"link"`
	Author   atomPerson  `xml:"author"`
	Entries  []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	ID         string         `xml:"id"`
	Title      string         `xml:"title"`
	Updated    string         `xml:"updated"`
	Published  string         `xml:"published,omitempty"`
	Links      []atomLink     `xml:"link"`
	Summary    string         `xml:"summary,omitempty"`
	Categories []atomCategory `xml:"category"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

// searchParams is what a search finds, as an address's parameters:
// its words and filters, not its order or page size.
func searchParams(q kb.Query) url.Values {
	v := encode(q)
	v.Del("sort")
	v.Del("size")
	return v
}

// feedPath is the address of a search's feed on this site.
func feedPath(q kb.Query) string { return "/feeds/search.atom?" + searchParams(q).Encode() }

// searchFeed answers a search as an Atom feed.
func (h *handlers) searchFeed(c *fiber.Ctx) error {
	q, err := queryFromRequest(c)
	if err != nil {
		return err
	}
	ps, err := h.svc.Latest(c.UserContext(), q, feedSize)
	if err != nil {
		return err
	}
	base := c.BaseURL()
	f := atomFeed{NS: atomNS, ID: base + feedPath(q), Title: feedTitle(q), Author: atomPerson{Name: "Compendium"},
		Links: []atomLink{{Rel: "self", Type: "application/atom+xml", Href: base + feedPath(q)}, {Rel: "alternate", Type: "text/html", Href: base + "/?" + searchParams(q).Encode()}}}
	updated := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC) // an empty feed's: nothing has changed in it
	for _, p := range ps {
		f.Entries = append(f.Entries, feedEntry(base, p))
		if t := changed(p); t.After(updated) {
			updated = t
		}
	}
	f.Updated = updated.Format(time.RFC3339)
	out, err := xml.MarshalIndent(f, "", " ")
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "application/atom+xml; charset=utf-8")
	return c.Send(append([]byte(xml.Header), out...))
}

// feedEntry is a practice in a feed; its id is its permanent address.
func feedEntry(base string, p kb.Practice) atomEntry {
	e := atomEntry{ID: base + "/practices/" + p.ID, Title: p.Title, Updated: changed(p).Format(time.RFC3339),
		Published: p.CreatedAt.UTC().Format(time.RFC3339), Summary: p.Summary,
		Links: []atomLink{{Rel: "alternate", Type: "text/html", Href: base + PracticeURL(p)}}}
	for _, s := range p.States {
		e.Categories = append(e.Categories, atomCategory{Term: s})
	}
	for _, t := range p.Themes {
		e.Categories = append(e.Categories, atomCategory{Term: t})
	}
	return e
}

// feedTitle says what a feed follows: its words and filters.
func feedTitle(q kb.Query) string {
	return "Compendium: " + queryLabel(q)
}

// queryLabel is a search in words: "trafficking · state: Jharkhand".
func queryLabel(q kb.Query) string {
	var parts []string
	if q.Text != "" {
		parts = append(parts, "“"+q.Text+"”")
	}
	for _, name := range []string{"state", "theme", "exploitation", "district", "law", "agency", "source", "transit", "destination", "route", "year", "document", "evidence"} {
		if vs := q.Filters()[name]; len(vs) > 0 {
			parts = append(parts, name+": "+strings.Join(vs, ", "))
		}
	}
	if len(parts) == 0 {
		return "all practices"
	}
	return strings.Join(parts, " · ")
}

// changed is when a practice last changed: published, or corrected since.
func changed(p kb.Practice) time.Time {
	if p.UpdatedAt.After(p.CreatedAt) {
		return p.UpdatedAt.UTC()
	}
	return p.CreatedAt.UTC()
}
