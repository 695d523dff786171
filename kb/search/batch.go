package search

import (
	"fmt"
	"runtime"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"

	"github.com/compendium-kb/compendium/kb"
)

// batch makes a batch that indexes ps. Each practice's indexed document
// (its listed terms found, its card written, its fields mapped) is made
// on every processor: made one after the other they took 12% of an
// import's processor time on one core while Bleve's analysis waited.
func (x *Index) batch(ps []kb.Practice) (*bleve.Batch, error) {
	docs := make([]*document.Document, len(ps))
	errs := make([]error, len(ps))
	m := x.idx.Mapping()
	workers := min(runtime.GOMAXPROCS(0), len(ps)/64+1)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(ps); i += workers {
				d := document.NewDocument(ps[i].ID)
				if err := m.MapDocument(d, toDoc(ps[i])); err != nil {
					errs[i] = fmt.Errorf("indexing %s: %w", ps[i].ID, err)
					continue
				}
				docs[i] = d
			}
		}()
	}
	wg.Wait()
	b := x.idx.NewBatch()
	for i, d := range docs {
		if errs[i] != nil {
			return nil, errs[i]
		}
		if err := b.IndexAdvanced(d); err != nil {
			return nil, fmt.Errorf("indexing %s: %w", ps[i].ID, err)
		}
	}
	return b, nil
}
