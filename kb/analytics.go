package kb

import (
	"context"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"
)

// Search analytics count what people search for without storing who:
// the query as normalised text, its filters, its number of results and
// the day; no user, address or time of day. They show what the knowledge
// base lacks: searches with no results, and results nobody opened.

// Settings are an admin's choices for statistics and analytics. The zero
// value is the default: statistics open to everyone, analytics on,
// kept 180 days.
type Settings struct {
	StatsSignedInOnly bool `json:"stats_signed_in_only" bson:"stats_signed_in_only"`
	AnalyticsOff      bool `json:"analytics_off" bson:"analytics_off"`
	RetentionDays     int  `json:"retention_days" bson:"retention_days"` // 0: DefaultRetentionDays
}

// DefaultRetentionDays is how long search counts are kept unless an
// admin chooses otherwise.
const DefaultRetentionDays = 180

// StatsPublic reports whether people who are not signed in may read the
// statistics.
func (s Settings) StatsPublic() bool { return !s.StatsSignedInOnly }

// Retention is how many days search counts are kept.
func (s Settings) Retention() int {
	if s.RetentionDays <= 0 {
		return DefaultRetentionDays
	}
	return s.RetentionDays
}

// SearchCount is how often one search was made on one day, how many
// results it had and how often one of them was opened. Counts are
// written as new records (insert only, which is atomic on every store)
// and summed when read.
type SearchCount struct {
	ID       string `json:"-" bson:"_id"`
	Day      string `json:"day" bson:"day"` // 2006-01-02, UTC
	Query    string `json:"query" bson:"query"`
	Filters  string `json:"filters,omitempty" bson:"filters,omitempty"` // url-encoded, sorted
	Results  int    `json:"results" bson:"results"`
	Searches int    `json:"searches" bson:"searches"`
	Opened   int    `json:"opened" bson:"opened"`
}

// SynonymGroup is a list of words an admin says mean the same; searches
// for one find the others, from the next search on.
type SynonymGroup struct {
	ID      string    `json:"id" bson:"_id"`
	Terms   []string  `json:"terms" bson:"terms"`
	AddedBy string    `json:"added_by" bson:"added_by"`
	AddedAt time.Time `json:"added_at" bson:"added_at"`
}

// InsightsStore keeps settings, search counts and added synonyms.
type InsightsStore interface {
	Settings(ctx context.Context) (Settings, error) // the zero value when none were saved
	SaveSettings(ctx context.Context, s Settings) error
	AddSearchCounts(ctx context.Context, counts []SearchCount) error
	SearchCounts(ctx context.Context, sinceDay string) ([]SearchCount, error)
	DeleteSearchCounts(ctx context.Context, beforeDay string) error
	Synonyms(ctx context.Context) ([]SynonymGroup, error)
	SaveSynonyms(ctx context.Context, g SynonymGroup) error
	DeleteSynonyms(ctx context.Context, id string) error
}

// SynonymIndex takes the synonyms an admin added, matched at query time
// so that they take effect without rebuilding the index.
type SynonymIndex interface {
	SetAddedSynonyms(groups [][]string)
}

// Insights records searches and reports on them.
type Insights struct {
	Store InsightsStore
	Index SynonymIndex
	Now   func() time.Time

	mu       sync.Mutex
	settings *Settings              // read once, then kept as saved
	pending  map[string]SearchCount // by day and search, until flushed
}

// NewInsights wires insights with the machine's clock.
func NewInsights(store InsightsStore, index SynonymIndex) *Insights {
	return &Insights{Store: store, Index: index, Now: time.Now, pending: map[string]SearchCount{}}
}

// Settings returns the admin's settings.
func (in *Insights) Settings(ctx context.Context) (Settings, error) {
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.settings != nil {
		return *in.settings, nil
	}
	s, err := in.Store.Settings(ctx)
	if err != nil {
		return Settings{}, fmt.Errorf("reading settings: %w", err)
	}
	in.settings = &s
	return s, nil
}

// SaveSettings changes the settings; an admin only. Turning analytics
// off drops what was not yet written.
func (in *Insights) SaveSettings(ctx context.Context, u User, s Settings) error {
	if u.Role != RoleAdmin {
		return ErrForbidden
	}
	if s.RetentionDays < 0 || s.RetentionDays > 3650 {
		return &ValidationError{Fields: map[string]string{"retention_days": "Keep search counts between 1 and 3,650 days."}}
	}
	if err := in.Store.SaveSettings(ctx, s); err != nil {
		return err
	}
	in.mu.Lock()
	in.settings = &s
	if s.AnalyticsOff {
		in.pending = map[string]SearchCount{}
	}
	in.mu.Unlock()
	return in.prune(ctx, s)
}

// searchKey normalises a search: lower-case words, filters sorted.
func searchKey(q Query) (text, filters string) {
	text = strings.ToLower(strings.Join(strings.Fields(q.Text), " "))
	if len(text) > 200 {
		text = text[:200]
	}
	v := url.Values{}
	for name, vals := range q.Filters() {
		for _, x := range vals {
			v.Add(name, x)
		}
	}
	for _, vals := range v {
		sort.Strings(vals)
	}
	return text, v.Encode() // Encode sorts by name
}

// Searched counts a search and its number of results, unless analytics
// are off. Only first pages count: turning a page is not a new search.
func (in *Insights) Searched(ctx context.Context, q Query, results int) {
	if q.Page > 1 || (strings.TrimSpace(q.Text) == "" && len(searchKeyFilters(q)) == 0) {
		return
	}
	in.add(ctx, q, func(c *SearchCount) { c.Searches++; c.Results = results })
}

// Opened counts that a result of a search was opened.
func (in *Insights) Opened(ctx context.Context, q Query) {
	in.add(ctx, q, func(c *SearchCount) { c.Opened++ })
}

func searchKeyFilters(q Query) string { _, f := searchKey(q); return f }

func (in *Insights) add(ctx context.Context, q Query, change func(*SearchCount)) {
	s, err := in.Settings(ctx)
	if err != nil || s.AnalyticsOff {
		return
	}
	text, filters := searchKey(q)
	day := in.Now().UTC().Format(time.DateOnly)
	key := day + "\x00" + text + "\x00" + filters
	in.mu.Lock()
	defer in.mu.Unlock()
	c, ok := in.pending[key]
	if !ok {
		c = SearchCount{Day: day, Query: text, Filters: filters, Results: -1}
	}
	change(&c)
	in.pending[key] = c
}

// Flush writes the counts gathered since the last flush, and drops
// counts older than the retention. The server calls it every minute and
// when it stops.
func (in *Insights) Flush(ctx context.Context) error {
	in.mu.Lock()
	batch := make([]SearchCount, 0, len(in.pending))
	for _, c := range in.pending {
		c.ID = c.Day + "-" + RandomToken()[:16]
		batch = append(batch, c)
	}
	in.pending = map[string]SearchCount{}
	in.mu.Unlock()
	if len(batch) > 0 {
		if err := in.Store.AddSearchCounts(ctx, batch); err != nil {
			return fmt.Errorf("writing search counts: %w", err)
		}
	}
	s, err := in.Settings(ctx)
	if err != nil {
		return err
	}
	return in.prune(ctx, s)
}

func (in *Insights) prune(ctx context.Context, s Settings) error {
	cutoff := in.Now().UTC().AddDate(0, 0, -s.Retention()).Format(time.DateOnly)
	return in.Store.DeleteSearchCounts(ctx, cutoff)
}
