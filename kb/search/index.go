package search

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/blevesearch/bleve/v2"
	bq "github.com/blevesearch/bleve/v2/search/query"

	"github.com/compendium-kb/compendium/kb"
)

const versionKey = "compendium:version"

// Index implements kb.Index on a Bleve index in a folder.
type Index struct {
	idx bleve.Index
}

// Open opens the index in dir, creating it when missing and recreating it
// when it was built by another version. fresh reports that it is new and
// must be filled from the database.
func Open(dir string) (ix *Index, fresh bool, err error) {
	if _, err := os.Stat(filepath.Join(dir, "index_meta.json")); err == nil {
		idx, err := bleve.OpenUsing(dir, map[string]interface{}{"bolt_timeout": "2s"})
		if err != nil {
			if strings.Contains(err.Error(), "timeout") {
				return nil, false, fmt.Errorf("index %s is open in another process: %w", dir, kb.ErrBusy)
			}
			// A damaged index is derived data: rebuild it.
			if rmErr := os.RemoveAll(dir); rmErr != nil {
				return nil, false, fmt.Errorf("opening index %s: %v; removing it: %w", dir, err, rmErr)
			}
			return create(dir)
		}
		v, err := idx.GetInternal([]byte(versionKey))
		if err == nil && string(v) == Version {
			return &Index{idx: idx}, false, nil
		}
		_ = idx.Close()
		if err := os.RemoveAll(dir); err != nil {
			return nil, false, fmt.Errorf("removing outdated index %s: %w", dir, err)
		}
	}
	return create(dir)
}

func create(dir string) (*Index, bool, error) {
	if err := os.MkdirAll(filepath.Dir(dir), 0o700); err != nil {
		return nil, false, err
	}
	_ = os.RemoveAll(dir)
	idx, err := bleve.New(dir, buildMapping())
	if err != nil {
		return nil, false, fmt.Errorf("creating index %s: %w", dir, err)
	}
	if err := idx.SetInternal([]byte(versionKey), []byte(Version)); err != nil {
		_ = idx.Close()
		return nil, false, err
	}
	return &Index{idx: idx}, true, nil
}

// Close closes the index.
func (x *Index) Close() error { return x.idx.Close() }

// Count returns how many practices are indexed.
func (x *Index) Count() (uint64, error) { return x.idx.DocCount() }

// Put indexes practices in one batch.
func (x *Index) Put(_ context.Context, ps []kb.Practice) error {
	b := x.idx.NewBatch()
	for _, p := range ps {
		if err := b.Index(p.ID, toDoc(p)); err != nil {
			return fmt.Errorf("indexing %s: %w", p.ID, err)
		}
	}
	return x.idx.Batch(b)
}

// Delete removes practices from the index.
func (x *Index) Delete(_ context.Context, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	b := x.idx.NewBatch()
	for _, id := range ids {
		b.Delete(id)
	}
	return x.idx.Batch(b)
}

func toDoc(p kb.Practice) doc {
	years := make([]float64, len(p.Years))
	for i, y := range p.Years {
		years[i] = float64(y)
	}
	return doc{
		Title: p.Title, Summary: p.Summary, Text: p.Text, Section: p.Section,
		States: p.States, Themes: p.Themes, Exploitation: p.Exploitation, Laws: p.Laws,
		Agencies: p.Agencies, Document: p.Provenance.DocumentID, Years: years,
	}
}

// Search runs a query with its filters, facets and highlighted snippets.
func (x *Index) Search(ctx context.Context, q kb.Query) (kb.IndexResults, error) {
	req := bleve.NewSearchRequestOptions(buildQuery(q), q.Size, (q.Page-1)*q.Size, false)
	req.Fields = nil
	if q.Text != "" {
		req.Highlight = bleve.NewHighlightWithStyle("html")
		req.Highlight.AddField("text")
		req.Highlight.AddField("title")
	}
	req.AddFacet("state", bleve.NewFacetRequest("states", 40))
	req.AddFacet("theme", bleve.NewFacetRequest("themes", 20))
	res, err := x.idx.SearchInContext(ctx, req)
	if err != nil {
		return kb.IndexResults{}, err
	}
	out := kb.IndexResults{Total: int(res.Total), Facets: map[string][]kb.FacetValue{}}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, kb.IndexHit{ID: h.ID, Score: h.Score, Snippet: snippet(h.Fragments["text"])})
	}
	for name, f := range res.Facets {
		vals := []kb.FacetValue{}
		if f.Terms != nil {
			for _, t := range f.Terms.Terms() {
				vals = append(vals, kb.FacetValue{Value: t.Term, Count: t.Count})
			}
		}
		out.Facets[name] = vals
	}
	return out, nil
}

// snippet tidies the best fragment: the highlighter cuts at character
// counts, so a cut word at either end is dropped.
func snippet(frags []string) string {
	if len(frags) == 0 {
		return ""
	}
	words := strings.Fields(frags[0])
	if len(words) > 2 && strings.HasPrefix(words[0], "…") && !strings.Contains(words[0], "<mark>") {
		words[1] = "…" + words[1]
		words = words[1:]
	}
	if n := len(words); n > 2 && strings.HasSuffix(words[n-1], "…") && !strings.Contains(words[n-1], "</mark>") {
		words[n-2] += "…"
		words = words[:n-1]
	}
	return strings.Join(words, " ")
}

// buildQuery ranks matches in the title above the summary above the body,
// rewards phrases, and applies the filters. User syntax ("quotes",
// -word, field:value) goes through Bleve's query string when it parses;
// text that does not parse falls back to plain words.
func buildQuery(q kb.Query) bq.Query {
	var must []bq.Query
	if q.Text != "" {
		must = append(must, parseText(q.Text))
	}
	for _, s := range q.States {
		must = append(must, term("states", s))
	}
	for _, t := range q.Themes {
		must = append(must, term("themes", t))
	}
	if len(must) == 0 {
		return bleve.NewMatchAllQuery()
	}
	return bleve.NewConjunctionQuery(must...)
}

func term(field, value string) bq.Query {
	t := bleve.NewTermQuery(value)
	t.SetField(field)
	return t
}

func wordsQuery(text string) bq.Query {
	return bleve.NewDisjunctionQuery(
		matchIn("title", text, 3, false), matchIn("summary", text, 1.5, false), matchIn("text", text, 1, false),
		matchIn("title", text, 4, true), matchIn("text", text, 2, true),
		phraseIn("title", text, 6), phraseIn("text", text, 3),
	)
}
