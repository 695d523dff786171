package indexer

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/compendium-kb/compendium/samples/gen/layouts"
)

// The layout corpus is built once per test run, in a temporary folder, by
// the tools that people make compendia with; tests share it.
var corpus struct {
	once    sync.Once
	dir     string
	built   []layouts.Layout
	skipped []string
	err     error
}

// removeCorpus is called by TestMain once the tests are done.
func removeCorpus() {
	if corpus.dir != "" {
		os.RemoveAll(corpus.dir)
	}
}

// layoutCorpus returns the generated layouts, reporting those skipped for
// a missing tool.
func layoutCorpus(t *testing.T) []layouts.Layout {
	t.Helper()
	corpus.once.Do(func() {
		corpus.dir, corpus.err = os.MkdirTemp("", "layouts")
		if corpus.err == nil {
			corpus.built, corpus.skipped, corpus.err = layouts.Build(corpus.dir)
		}
	})
	if corpus.err != nil {
		t.Fatalf("building the layout corpus: %v", corpus.err)
	}
	for _, s := range corpus.skipped {
		t.Logf("skipped layout %s", s)
	}
	return corpus.built
}

// extractLayout reads one generated layout.
func extractLayout(t *testing.T, l layouts.Layout) *Document {
	t.Helper()
	data, err := os.ReadFile(l.File)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Extract(filepath.Base(l.File), data, DefaultLimits)
	if err != nil {
		t.Fatalf("%s: %v", l.Name, err)
	}
	return doc
}

// matched marks the found cases that match an expected title, as
// ScoreCases pairs them.
func matched(want []string, found []CaseStudy) []bool {
	used := make([]bool, len(found))
	for _, w := range want {
		best, bestSim := -1, 0.6
		for i, f := range found {
			if sim := titleSimilarity(w, f.Title); !used[i] && sim >= bestSim {
				best, bestSim = i, sim
			}
		}
		if best >= 0 {
			used[best] = true
		}
	}
	return used
}
