package kb

import (
	"context"
	"fmt"
	"slices"
)

// StatsGroups are the ways statistics group practices, as
// GET /api/v1/stats?group= names them.
var StatsGroups = []string{"state", "year", "theme", "exploitation", "evidence", "document", "source", "transit", "destination", "route"}

// Measure is a figure practices report that statistics total.
type Measure struct {
	Name, Label string
}

// Measures are the figures totalled, in the order shown.
var Measures = []Measure{
	{"rescued", "People rescued"}, {"minors", "Minors among them"}, {"arrested", "Arrests"},
	{"firs", "FIRs registered"}, {"convicted", "Convictions"},
}

// FigureCounts is what a practice reports for each measure: the one place
// that reads Practice.Figures, so that a change of how figures are kept
// changes only this.
func (p Practice) FigureCounts() map[string]int {
	out := map[string]int{}
	for _, f := range p.Figures {
		name := f.Measure
		if f.Measure == "rescued" && f.Of == "minors" {
			name = "minors"
		}
		// A case that states a total and its parts ("212 workers including
		// 61 minors") counts the total: the largest figure of a measure.
		if !slices.ContainsFunc(Measures, func(m Measure) bool { return m.Name == name }) || f.Count < 0 {
			continue
		}
		if n, ok := out[name]; !ok || f.Count > n {
			out[name] = f.Count
		}
	}
	return out
}

// WithFigureCounts returns the practice reporting counts by measure name:
// with FigureCounts, the only code that knows how Figures are kept.
func (p Practice) WithFigureCounts(counts map[string]int) Practice {
	p.Figures = nil
	for _, m := range Measures {
		n, ok := counts[m.Name]
		switch {
		case !ok:
		case m.Name == "minors":
			p.Figures = append(p.Figures, Figure{Measure: "rescued", Count: n, Of: "minors"})
		default:
			p.Figures = append(p.Figures, Figure{Measure: m.Name, Count: n})
		}
	}
	return p
}

// FigureTotal is a measure's total over some practices, and how many of
// them report it: most practices report no figures at all.
type FigureTotal struct {
	Measure   string `json:"measure"`
	Total     int    `json:"total"`
	Practices int    `json:"practices"`
}

// StatsGroup is one value of a grouping and how many practices have it.
type StatsGroup struct {
	Key     string        `json:"key"`
	Count   int           `json:"count"`
	Figures []FigureTotal `json:"figures,omitempty"`
}

// Stats counts a search's practices by one grouping.
type Stats struct {
	Group   string        `json:"group"`
	Total   int           `json:"total"`
	Groups  []StatsGroup  `json:"groups"`
	Figures []FigureTotal `json:"figures,omitempty"` // over all the practices
}

// Stats counts the practices a search finds by group. Each group is
// counted as the search's facet is (without the filter of its own kind),
// so the numbers agree with the facets beside the results. With figures,
// each group also carries the totals of the figures its practices report.
func (s *Service) Stats(ctx context.Context, q Query, group string, figures bool) (Stats, error) {
	q.Page, q.Size = 1, 1
	q, err := q.Normalize()
	if err != nil {
		return Stats{}, err
	}
	if !slices.Contains(StatsGroups, group) {
		return Stats{}, fmt.Errorf("%w: group must be one of %v", ErrBadRequest, StatsGroups)
	}
	st, err := s.Index.Stats(ctx, q, group, figures)
	if err != nil {
		return Stats{}, fmt.Errorf("counting: %w", err)
	}
	return st, nil
}

// Export calls fn with every practice a search finds (without its text),
// newest first, reading them from the index in batches: an export of the
// whole knowledge base holds one batch in memory, not all of it.
func (s *Service) Export(ctx context.Context, q Query, fn func(Practice) error) error {
	q.Page, q.Size = 1, 1
	q, err := q.Normalize()
	if err != nil {
		return err
	}
	return s.Index.Each(ctx, q, fn)
}
