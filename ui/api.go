package ui

import (
	"github.com/gofiber/fiber/v2"

	"github.com/compendium-kb/compendium/kb"
)

type apiSource struct {
	Document  string `json:"document"`
	PageStart int    `json:"page_start"`
	PageEnd   int    `json:"page_end"`
}

type apiHit struct {
	ID      string    `json:"id"`
	Title   string    `json:"title"`
	States  []string  `json:"states"`
	Themes  []string  `json:"themes"`
	Snippet string    `json:"snippet"`
	Score   float64   `json:"score"`
	URL     string    `json:"url"`
	Source  apiSource `json:"source"`
}

type apiResults struct {
	Total  int                        `json:"total"`
	Page   int                        `json:"page"`
	Size   int                        `json:"size"`
	Hits   []apiHit                   `json:"hits"`
	Facets map[string][]kb.FacetValue `json:"facets"`
}

func (h *handlers) apiSearch(c *fiber.Ctx) error {
	q, err := queryFromRequest(c)
	if err != nil {
		return err
	}
	res, err := h.svc.Search(c.UserContext(), q)
	if err != nil {
		return err
	}
	out := apiResults{Total: res.Total, Page: q.Page, Size: q.Size, Hits: []apiHit{}, Facets: res.Facets}
	for _, hit := range res.Hits {
		p := hit.Practice
		snippet := hit.Snippet
		if snippet == "" {
			snippet = p.Summary
		}
		out.Hits = append(out.Hits, apiHit{
			ID: p.ID, Title: p.Title, States: p.States, Themes: p.Themes, Snippet: snippet, Score: hit.Score,
			URL:    PracticeURL(p),
			Source: apiSource{Document: p.Provenance.DocumentTitle, PageStart: p.Provenance.PageStart, PageEnd: p.Provenance.PageEnd},
		})
	}
	return c.JSON(out)
}

type apiPractice struct {
	kb.Practice
	URL    string `json:"url"`
	PDFURL string `json:"pdf_url"`
}

func (h *handlers) apiPractice(c *fiber.Ctx) error {
	p, err := h.svc.Practice(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(apiPractice{Practice: p, URL: PracticeURL(p), PDFURL: PDFURL(p)})
}
