package ui

import (
	"html"

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
	// Partial marks a hit that matches only some of the query's words:
	// it follows every counted hit and is not in the total.
	Partial bool `json:"partial"`
}

// apiResults is a page of search results as the API answers it; the
// README's API section documents each field.
type apiResults struct {
	Total      int                        `json:"total"`
	EveryWord  int                        `json:"every_word"` // of the total, those with every word, frequent ones too
	More       int                        `json:"more"`       // partial matches, listed after the total
	Page       int                        `json:"page"`
	Size       int                        `json:"size"`
	Sort       string                     `json:"sort"`
	Hits       []apiHit                   `json:"hits"`
	Facets     map[string][]apiFacetValue `json:"facets"`
	Frequent   []string                   `json:"frequent"`    // words that rank and do not filter
	Named      []kb.NamedField            `json:"named"`       // fields the words name, to offer as filters
	NearThemes []string                   `json:"near_themes"` // themes to try when no practice answers
	DidYouMean string                     `json:"did_you_mean,omitempty"`
	Partial    bool                       `json:"partial,omitempty"` // no practice has the needed words: every hit is partial
}

func (h *handlers) apiSearch(c *fiber.Ctx) error {
	q, err := queryFromRequest(c)
	if err != nil {
		return err
	}
	if f := c.Query("format"); f != "" && f != "json" {
		return h.export(c, q, f)
	}
	res, err := h.svc.Search(c.UserContext(), q)
	if err != nil {
		return err
	}
	h.searched(c, q, res.Total)
	sortName := q.Sort
	if sortName == "" {
		sortName = "relevance"
	}
	out := apiResults{Total: res.Total, EveryWord: res.EveryWord, More: res.More, Page: q.Page, Size: q.Size, Sort: sortName,
		Hits: toAPIHits(res.Hits), Facets: toAPIFacets(res.Facets), Frequent: orEmpty(res.Frequent), Named: orEmpty(res.Named),
		NearThemes: orEmpty(res.NearThemes), DidYouMean: res.DidYouMean, Partial: res.Partial}
	return c.JSON(out)
}

// orEmpty is s, or an empty list for none: the API writes [] rather
// than null, so clients can loop without a check.
func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func toAPIHits(hits []kb.Hit) []apiHit {
	out := []apiHit{}
	for _, hit := range hits {
		p := hit.Practice
		snippet := hit.Snippet
		if snippet == "" {
			snippet = html.EscapeString(p.Summary)
		}
		out = append(out, apiHit{
			ID: p.ID, Title: p.Title, States: p.States, Themes: p.Themes, Snippet: snippet, Score: hit.Score,
			URL:     PracticeURL(p),
			Source:  apiSource{Document: p.Provenance.DocumentTitle, PageStart: p.Provenance.PageStart, PageEnd: p.Provenance.PageEnd},
			Partial: hit.Partial,
		})
	}
	return out
}

func (h *handlers) apiSuggest(c *fiber.Ctx) error {
	sugs, err := h.svc.Suggest(c.UserContext(), c.Query("q"), 8)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"suggestions": sugs})
}

func (h *handlers) apiSimilar(c *fiber.Ctx) error {
	hits, err := h.svc.Similar(c.UserContext(), c.Params("id"), 5)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"hits": toAPIHits(hits)})
}

// apiSimilarTitle lists published practices like a title being typed in
// the submission form. It is not a search a person made, so the search
// counts do not see it: as searches, each pause in typing counted a
// half-typed title, and the nodal cell read them as searches that found
// nothing.
func (h *handlers) apiSimilarTitle(c *fiber.Ctx) error {
	hits := h.similarTo(c, kb.SubmissionFields{Title: c.Query("title")})
	return c.JSON(fiber.Map{"hits": toAPIHits(hits)})
}

type apiPractice struct {
	kb.Practice
	URL    string `json:"url"`
	PDFURL string `json:"pdf_url,omitempty"`
}

func (h *handlers) apiPractice(c *fiber.Ctx) error {
	p, err := h.svc.Practice(c.UserContext(), c.Params("id"))
	if err != nil {
		return h.gone(c, c.Params("id"), err)
	}
	return c.JSON(apiPractice{Practice: p, URL: PracticeURL(p), PDFURL: PDFURL(p)})
}
