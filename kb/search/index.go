package search

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/compendium-kb/compendium/kb"
)

const versionKey = "compendium:version"

// Index implements kb.Index on a Bleve index in a folder.
type Index struct {
	idx   bleve.Index
	adv   index.Index // the same index, for readers of one snapshot
	views views
	// lengths keeps the fields' average lengths and the number of
	// practices they were measured on.
	lengths struct {
		mu   sync.Mutex
		docs uint64
		avg  map[string]float64
	}
	query queryBuilder
	cache *resultCache
	// keepFrom, when not zero, is the document frequency from which a
	// view keeps a term (impacts.go), for tests that rank both ways.
	keepFrom uint64
}

// DefaultCacheSize is how many recent searches the index remembers.
const DefaultCacheSize = 1000

// SetCacheSize changes how many recent searches are remembered; 0 turns
// the cache off (benchmarks of cold searches do).
func (x *Index) SetCacheSize(n int) { x.cache = newResultCache(n) }

// CacheStats returns the cache's hits and misses since it was set up.
func (x *Index) CacheStats() (hits, misses uint64) {
	return x.cache.hits.Load(), x.cache.misses.Load()
}

func wrap(idx bleve.Index) (*Index, error) {
	adv, err := idx.Advanced()
	if err != nil {
		_ = idx.Close()
		return nil, err
	}
	x := &Index{idx: idx, adv: adv, cache: newResultCache(DefaultCacheSize)}
	m := idx.Mapping()
	x.query = queryBuilder{syn: defaultSynonyms, added: &addedSynonyms{}, analyzers: map[string]analysis.Analyzer{}}
	for field, analyzer := range map[string]string{
		"title": textAnalyzer, "summary": textAnalyzer, "text": textAnalyzer,
		"title_raw": rawAnalyzer, "text_raw": rawAnalyzer, "title_pairs": pairsAnalyzer, "text_pairs": pairsAnalyzer,
	} {
		x.query.analyzers[field] = m.AnalyzerNamed(analyzer)
	}
	return x, nil
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
		if err == nil && string(v) == indexVersion() {
			x, err := wrap(idx)
			return x, false, err
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
	if err := idx.SetInternal([]byte(versionKey), []byte(indexVersion())); err != nil {
		_ = idx.Close()
		return nil, false, err
	}
	x, err := wrap(idx)
	return x, true, err
}

// Close closes the index.
func (x *Index) Close() error {
	x.closeViews()
	return x.idx.Close()
}

// Count returns how many practices are indexed.
func (x *Index) Count() (uint64, error) { return x.idx.DocCount() }

// Put indexes practices in one batch.
func (x *Index) Put(_ context.Context, ps []kb.Practice) error {
	defer x.changed()
	b, err := x.batch(ps)
	if err != nil {
		return err
	}
	return x.idx.Batch(b)
}

// changed forgets what was worked out from the index as it was: the
// cached answers, and the current view, so that its snapshot's files can
// go once the searches using it end.
func (x *Index) changed() {
	x.cache.invalidate()
	x.closeViews()
}

// Delete removes practices from the index.
func (x *Index) Delete(_ context.Context, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	defer x.changed()
	b := x.idx.NewBatch()
	for _, id := range ids {
		b.Delete(id)
	}
	return x.idx.Batch(b)
}
