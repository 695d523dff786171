package kb

import (
	"context"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"time"
)

// SearchSummary is one search over the retention period.
type SearchSummary struct {
	Query    string `json:"query"`
	Filters  string `json:"filters,omitempty"`
	Searches int    `json:"searches"`
	Results  int    `json:"results"` // at the last count
	Opened   int    `json:"opened"`
	Link     string `json:"link"` // the search, to run it again
}

// SearchReport is what people searched for: the most frequent searches,
// those with no result, and those whose results nobody opened.
type SearchReport struct {
	Since     string          `json:"since"`
	Searches  int             `json:"searches"`
	Top       []SearchSummary `json:"top"`
	NoResults []SearchSummary `json:"no_results"`
	Unopened  []SearchSummary `json:"unopened"`
}

// Report sums the search counts kept, for those MayReadSearchAnalytics
// lets read it.
func (in *Insights) Report(ctx context.Context, u User, n int) (SearchReport, error) {
	if !MayReadSearchAnalytics(&u) {
		return SearchReport{}, ErrForbidden
	}
	if err := in.Flush(ctx); err != nil {
		return SearchReport{}, err
	}
	s, err := in.Settings(ctx)
	if err != nil {
		return SearchReport{}, err
	}
	since := in.Now().UTC().AddDate(0, 0, -s.Retention()).Format(time.DateOnly)
	counts, err := in.Store.SearchCounts(ctx, since)
	if err != nil {
		return SearchReport{}, fmt.Errorf("reading search counts: %w", err)
	}
	byKey := map[string]*SearchSummary{}
	latest := map[string]string{} // the day of the results count kept
	r := SearchReport{Since: since}
	for _, c := range counts {
		key := c.Query + "\x00" + c.Filters
		sum := byKey[key]
		if sum == nil {
			sum = &SearchSummary{Query: c.Query, Filters: c.Filters, Results: -1, Link: searchLink(c.Query, c.Filters)}
			byKey[key] = sum
		}
		sum.Searches += c.Searches
		sum.Opened += c.Opened
		r.Searches += c.Searches
		if c.Results >= 0 && c.Day >= latest[key] {
			sum.Results, latest[key] = c.Results, c.Day
		}
	}
	var all []SearchSummary
	for _, s := range byKey {
		if s.Searches > 0 {
			all = append(all, *s)
		}
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].Searches != all[j].Searches {
			return all[i].Searches > all[j].Searches
		}
		return all[i].Query+all[i].Filters < all[j].Query+all[j].Filters
	})
	for _, s := range all {
		if len(r.Top) < n {
			r.Top = append(r.Top, s)
		}
		if s.Results == 0 && len(r.NoResults) < n {
			r.NoResults = append(r.NoResults, s)
		}
		if s.Results > 0 && s.Opened == 0 && len(r.Unopened) < n {
			r.Unopened = append(r.Unopened, s)
		}
	}
	return r, nil
}

func searchLink(text, filters string) string {
	v, _ := url.ParseQuery(filters)
	if text != "" {
		v.Set("q", text)
	}
	return "/?" + v.Encode()
}

// LoadSynonyms hands the synonyms kept in the database to the index; the
// server calls it at start.
func (in *Insights) LoadSynonyms(ctx context.Context) error {
	gs, err := in.Store.Synonyms(ctx)
	if err != nil {
		return fmt.Errorf("reading synonyms: %w", err)
	}
	groups := make([][]string, len(gs))
	for i, g := range gs {
		groups[i] = g.Terms
	}
	if in.Index != nil {
		in.Index.SetAddedSynonyms(groups)
	}
	return nil
}

// Synonyms lists the synonym groups admins added.
func (in *Insights) Synonyms(ctx context.Context) ([]SynonymGroup, error) {
	return in.Store.Synonyms(ctx)
}

// AddSynonyms adds a group of words that mean the same ("sextortion,
// online blackmail"); an admin only. It takes effect at the next search.
func (in *Insights) AddSynonyms(ctx context.Context, u User, terms string) (SynonymGroup, error) {
	if u.Role != RoleAdmin {
		return SynonymGroup{}, ErrForbidden
	}
	var list []string
	for _, t := range strings.FieldsFunc(terms, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		if t = strings.ToLower(strings.Join(strings.Fields(t), " ")); t != "" && len(t) <= 80 {
			list = append(list, t)
		}
	}
	if len(list) < 2 || len(list) > 20 {
		return SynonymGroup{}, &ValidationError{Fields: map[string]string{"terms": "Give two to twenty words or phrases, separated by commas."}}
	}
	g := SynonymGroup{ID: "s" + RandomToken()[:15], Terms: list, AddedBy: u.Name, AddedAt: in.Now().UTC()}
	if err := in.Store.SaveSynonyms(ctx, g); err != nil {
		return SynonymGroup{}, err
	}
	return g, in.LoadSynonyms(ctx)
}

// DeleteSynonyms removes a group; an admin only.
func (in *Insights) DeleteSynonyms(ctx context.Context, u User, id string) error {
	if u.Role != RoleAdmin {
		return ErrForbidden
	}
	if err := in.Store.DeleteSynonyms(ctx, id); err != nil {
		return err
	}
	return in.LoadSynonyms(ctx)
}
