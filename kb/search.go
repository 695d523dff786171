package kb

import (
	"context"
	"fmt"
	"strings"
)

// Query is a search as a user asks it.
type Query struct {
	Text   string
	States []string
	Themes []string
	Page   int // from 1
	Size   int
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
	return q, nil
}

// IndexHit is a match as the index knows it.
type IndexHit struct {
	ID      string
	Score   float64
	Snippet string // HTML: text escaped, matches in <mark>
}

// FacetValue is one value of a facet and how many hits have it.
type FacetValue struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// IndexResults is what the index answers.
type IndexResults struct {
	Total  int
	Hits   []IndexHit
	Facets map[string][]FacetValue
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
}

// Search asks the index and loads the hits' practices from the store, the
// source of truth. A hit the store no longer has is left out.
func (s *Service) Search(ctx context.Context, q Query) (Results, error) {
	q, err := q.Normalize()
	if err != nil {
		return Results{}, err
	}
	ir, err := s.Index.Search(ctx, q)
	if err != nil {
		return Results{}, fmt.Errorf("searching: %w", err)
	}
	ids := make([]string, len(ir.Hits))
	for i, h := range ir.Hits {
		ids[i] = h.ID
	}
	ps, err := s.Store.Practices(ctx, ids)
	if err != nil {
		return Results{}, fmt.Errorf("loading hits: %w", err)
	}
	byID := make(map[string]Practice, len(ps))
	for _, p := range ps {
		byID[p.ID] = p
	}
	res := Results{Query: q, Total: ir.Total, Facets: ir.Facets}
	for _, h := range ir.Hits {
		if p, ok := byID[h.ID]; ok {
			res.Hits = append(res.Hits, Hit{IndexHit: h, Practice: p})
		}
	}
	return res, nil
}
