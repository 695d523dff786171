package kb

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Query is a search as a user asks it. Filters of one kind are ORed
// (Goa or Kerala); filters of different kinds are ANDed.
type Query struct {
	Text         string
	States       []string
	Themes       []string
	Exploitation []string
	Documents    []string
	Years        []string // "2007" or a range "2000-2009"
	// Places on the practices' routes, by role, and routes as
	// "Source → Destination" (routes.go).
	Sources, Transit, Destinations, Routes []string
	// Districts, laws and agencies, as the practices record them: the
	// words of a query that name one offer it as a filter.
	Districts, Laws, Agencies []string
	Evidence                  []string // evidence labels: "shown_to_work", "promising"…
	// AddedSince, a day as "2006-01-02", keeps the practices added to the
	// knowledge base on or after it (what a follow's notices look at).
	AddedSince string
	Sort       string // "" (relevance), "newest" or "oldest"
	Page       int    // from 1
	Size       int
}

// Sort orders.
const (
	SortRelevance = ""
	SortNewest    = "newest"
	SortOldest    = "oldest"
)

// Filters returns the query's filters by facet name, for links that add
// or remove one.
func (q Query) Filters() map[string][]string {
	return map[string][]string{"state": q.States, "theme": q.Themes, "exploitation": q.Exploitation, "document": q.Documents, "year": q.Years,
		"source": q.Sources, "transit": q.Transit, "destination": q.Destinations, "route": q.Routes, "evidence": q.Evidence,
		"district": q.Districts, "law": q.Laws, "agency": q.Agencies}
}

// MaxPageSize bounds what one request can ask for.
const MaxPageSize = 100

// Normalize fills defaults and checks bounds.
func (q Query) Normalize() (Query, error) {
	q.Text = strings.TrimSpace(q.Text)
	if len(q.Text) > 500 {
		return q, fmt.Errorf("%w: the query is longer than 500 characters", ErrBadRequest)
	}
	if q.Page == 0 {
		q.Page = 1
	}
	if q.Size == 0 {
		q.Size = 10
	}
	if q.Page < 1 || q.Page > 1000 {
		return q, fmt.Errorf("%w: page must be between 1 and 1000", ErrBadRequest)
	}
	if q.Size < 1 || q.Size > MaxPageSize {
		return q, fmt.Errorf("%w: size must be between 1 and %d", ErrBadRequest, MaxPageSize)
	}
	if q.Page*q.Size > 10000 {
		return q, fmt.Errorf("%w: results are listed up to the 10,000th", ErrBadRequest)
	}
	if q.AddedSince != "" {
		if _, err := time.Parse(time.DateOnly, q.AddedSince); err != nil {
			return q, fmt.Errorf("%w: added since must be a day as 2006-01-02", ErrBadRequest)
		}
	}
	switch q.Sort {
	case SortRelevance, SortNewest, SortOldest:
	case "relevance":
		q.Sort = SortRelevance
	default:
		return q, fmt.Errorf("%w: sort must be relevance, newest or oldest", ErrBadRequest)
	}
	for _, y := range q.Years {
		if _, _, ok := ParseYears(y); !ok {
			return q, fmt.Errorf("%w: year %q must be like 2007 or 2000-2009", ErrBadRequest, y)
		}
	}
	return q, nil
}

// IndexHit is a match as the index knows it.
type IndexHit struct {
	ID      string
	Score   float64
	Snippet string // HTML: text escaped, matches in <mark>
	// Card is the practice as the index keeps it for lists: everything
	// but its text. Nil when the index has none.
	Card *Practice
	// Partial marks a hit that matches only some of the query's words:
	// it follows every hit that matches them all and is not counted in
	// the total.
	Partial bool
}

// FacetValue is one value of a facet and how many hits have it.
type FacetValue struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// IndexResults is what the index answers.
type IndexResults struct {
	// Total counts the practices that match every word of the query
	// that is not frequent in the knowledge base (and every filter):
	// the one set that facets, statistics, exports and feeds count.
	Total  int
	Hits   []IndexHit
	Facets map[string][]FacetValue
	Matching
}

// Matching says how the words of a query were matched, for the page to
// explain its results.
type Matching struct {
	// EveryWord counts, of the total, the practices that match every
	// word, the frequent ones too.
	EveryWord int
	// More counts the practices that match some of the words but not
	// all that the total needs; they follow the counted hits, ranked by
	// how many words they match.
	More int
	// Partial says that no practice matched every needed word: all the
	// hits are partial matches.
	Partial bool
	// Frequent lists the words left out of the total because most
	// practices contain them.
	Frequent []string
	// Named lists the places, themes, forms of exploitation, laws and
	// agencies the query names, each also matched in its field: the page
	// offers them as filters.
	Named []NamedField
	// NearThemes offers themes close to a query that no practice
	// answers.
	NearThemes []string
	DidYouMean string // a query that finds clearly more, when this one finds little
}

// NamedField is a field value that the words of a query name: "झारखंड"
// names the state Jharkhand.
type NamedField struct {
	Facet string `json:"facet"` // "state", "district", "theme", "exploitation", "law", "agency"
	Value string `json:"value"` // as the facet keeps it
	Text  string `json:"text"`  // the words that named it
}

// Hit is a search hit with its practice loaded from the store.
type Hit struct {
	IndexHit
	Practice Practice
}

// Results is a page of search results.
type Results struct {
	Query  Query
	Total  int
	Hits   []Hit
	Facets map[string][]FacetValue
	Matching
}

// Search asks the index and pairs its hits with their practices (see
// withPractices).
func (s *Service) Search(ctx context.Context, q Query) (Results, error) {
	q, err := q.Normalize()
	if err != nil {
		return Results{}, err
	}
	ir, err := s.Index.Search(ctx, q)
	if err != nil {
		return Results{}, fmt.Errorf("searching: %w", err)
	}
	hits, err := s.withPractices(ctx, ir.Hits)
	if err != nil {
		return Results{}, fmt.Errorf("loading hits: %w", err)
	}
	facets := hideFacetCounts(ctx, ir.Facets) // access.go
	return Results{Query: q, Total: ir.Total, Facets: facets, Matching: ir.Matching, Hits: hits}, nil
}

// withPractices pairs index hits with their practices: the index's cards
// when it has them all, as lists need no more, else read from the store.
// A hit whose practice no longer exists is left out.
func (s *Service) withPractices(ctx context.Context, ihs []IndexHit) ([]Hit, error) {
	out := make([]Hit, 0, len(ihs))
	for _, h := range ihs {
		if h.Card == nil {
			break
		}
		out = append(out, Hit{IndexHit: h, Practice: *h.Card})
	}
	if len(out) == len(ihs) {
		return out, nil
	}
	ids := make([]string, len(ihs))
	for i, h := range ihs {
		ids[i] = h.ID
	}
	ps, err := s.Store.Practices(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]Practice, len(ps))
	for _, p := range ps {
		byID[p.ID] = p
	}
	out = out[:0]
	for _, h := range ihs {
		if p, ok := byID[h.ID]; ok {
			out = append(out, Hit{IndexHit: h, Practice: p})
		}
	}
	return out, nil
}

// ParseYears reads "2007" or "2000-2009" into an inclusive range.
func ParseYears(s string) (from, to int, ok bool) {
	a, b, isRange := strings.Cut(strings.TrimSpace(s), "-")
	from, err := strconv.Atoi(strings.TrimSpace(a))
	if err != nil || from < 1800 || from > 2200 {
		return 0, 0, false
	}
	if !isRange {
		return from, from, true
	}
	to, err = strconv.Atoi(strings.TrimSpace(b))
	if err != nil || to < from || to > 2200 {
		return 0, 0, false
	}
	return from, to, true
}

// Suggestion completes what a user is typing.
type Suggestion struct {
	Text string `json:"text"`
	Kind string `json:"kind"` // "title" or "term"
	URL  string `json:"url,omitempty"`
}

// Suggest returns completions for a prefix: practice titles, then
// frequent words.
func (s *Service) Suggest(ctx context.Context, prefix string, n int) ([]Suggestion, error) {
	prefix = strings.TrimSpace(prefix)
	if prefix == "" || len(prefix) > 100 {
		return []Suggestion{}, nil
	}
	if n <= 0 || n > 20 {
		n = 8
	}
	return s.Index.Suggest(ctx, prefix, n)
}

// Similar returns practices like the given one, from its most telling
// terms, its states and its themes.
func (s *Service) Similar(ctx context.Context, id string, n int) ([]Hit, error) {
	p, err := s.Store.Practice(ctx, id)
	if err != nil {
		return nil, err
	}
	return s.SimilarTo(ctx, p, n, 0)
}

// SimilarTo is Similar for a practice already read, as its page has: the
// page need not read it from the database twice. It waits for a place in
// the similar-practices pool (similar.go) as long as ctx allows, or at
// most wait when wait > 0, and then answers ErrOverloaded.
func (s *Service) SimilarTo(ctx context.Context, p Practice, n int, wait time.Duration) ([]Hit, error) {
	if n <= 0 || n > 20 {
		n = 5
	}
	leave, err := s.similarPlace(ctx, wait)
	if err != nil {
		return nil, err
	}
	defer leave()
	ihs, err := s.Index.Similar(ctx, p, n)
	if err != nil {
		return nil, fmt.Errorf("finding similar practices: %w", err)
	}
	return s.withPractices(ctx, ihs)
}
