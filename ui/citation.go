package ui

import (
	"encoding/json"
	"html/template"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/compendium-kb/compendium/kb"
)

// metaTag is one <meta name content> of the practice page.
type metaTag struct{ Name, Content string }

// citationMeta gives reference managers (Zotero and others read the
// Highwire citation_* tags) and search engines (schema.org JSON-LD) what
// they need to cite the practice without a custom translator.
func citationMeta(c *fiber.Ctx, p kb.Practice, cite kb.Cite) ([]metaTag, template.JS) {
	var tags []metaTag
	add := func(name, content string) {
		if content != "" {
			tags = append(tags, metaTag{name, content})
		}
	}
	add("citation_title", p.Title)
	if p.Provenance.File != "" {
		add("citation_author", p.Provenance.Publisher)
		add("citation_inbook_title", p.Provenance.DocumentTitle)
		add("citation_publisher", p.Provenance.Publisher)
		if p.Provenance.Year > 0 {
			add("citation_publication_date", strconv.Itoa(p.Provenance.Year))
		}
		add("citation_pdf_url", c.BaseURL()+"/documents/"+p.Provenance.DocumentID+".pdf")
		add("citation_firstpage", strconv.Itoa(p.Provenance.PageStart))
		add("citation_lastpage", strconv.Itoa(max(p.Provenance.PageEnd, p.Provenance.PageStart)))
	} else {
		add("citation_author", p.Unit)
		add("citation_publication_date", p.ApprovedAt.Format("2006/01/02"))
	}
	add("citation_public_url", cite.URL)
	ld := map[string]any{
		"@context": "https://schema.org", "@type": "Chapter", "name": p.Title, "url": cite.URL,
		"version": strconv.Itoa(max(p.Version, 1)), "about": "Good practice against human trafficking",
	}
	if p.Provenance.File != "" {
		ld["isPartOf"] = map[string]any{"@type": "Book", "name": p.Provenance.DocumentTitle, "publisher": p.Provenance.Publisher}
		ld["pageStart"], ld["pageEnd"] = p.Provenance.PageStart, max(p.Provenance.PageEnd, p.Provenance.PageStart)
		if p.Provenance.Year > 0 {
			ld["datePublished"] = strconv.Itoa(p.Provenance.Year)
		}
	} else {
		ld["@type"] = "CreativeWork"
		ld["author"] = map[string]any{"@type": "Organization", "name": p.Unit}
		ld["datePublished"] = p.ApprovedAt.Format("2006-01-02")
	}
	js, _ := json.Marshal(ld)
	// json.Marshal escapes <, > and &, so the data cannot close the script.
	return tags, template.JS(js)
}

// apiCitation serves a practice's citation in a format, with its type.
func (h *handlers) apiCitation(c *fiber.Ctx) error {
	p, err := h.svc.Practice(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	if v := c.QueryInt("v", 0); v > 0 && v != p.Version {
		if p, err = h.svc.PracticeVersion(c.UserContext(), p.ID, v); err != nil {
			return err
		}
	}
	format := c.Query("format", kb.FormatAPA)
	text, err := h.cite(c, p).Format(format)
	if err != nil {
		return err
	}
	c.Set("Content-Type", kb.ContentType[format])
	if c.Query("download") != "" {
		ext := map[string]string{kb.FormatBibTeX: "bib", kb.FormatRIS: "ris", kb.FormatCSLJSON: "json"}[format]
		if ext == "" {
			ext = "txt"
		}
		c.Set("Content-Disposition", `attachment; filename="`+p.ID+"."+ext+`"`)
	}
	return c.SendString(text)
}
