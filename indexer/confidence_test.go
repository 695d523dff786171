package indexer

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// scored is one proposal with whether it is a true case study.
type scored struct {
	confidence float64
	truth      bool
}

// rocAUC is the chance that a true case scores above a false one (ties
// count half).
func rocAUC(xs []scored) float64 {
	sort.Slice(xs, func(i, j int) bool { return xs[i].confidence < xs[j].confidence })
	var pos, neg, rankSum float64
	for i := 0; i < len(xs); {
		j := i
		for j < len(xs) && xs[j].confidence == xs[i].confidence {
			j++
		}
		mid := float64(i+j+1) / 2 // average rank, 1-based
		for k := i; k < j; k++ {
			if xs[k].truth {
				pos++
				rankSum += mid
			}
		}
		i = j
	}
	neg = float64(len(xs)) - pos
	if pos == 0 || neg == 0 {
		return 0
	}
	return (rankSum - pos*(pos+1)/2) / (pos * neg)
}

func TestROCAUC(t *testing.T) {
	perfect := []scored{{0.1, false}, {0.2, false}, {0.8, true}, {0.9, true}}
	inverse := []scored{{0.9, false}, {0.8, false}, {0.2, true}, {0.1, true}}
	ties := []scored{{0.5, false}, {0.5, true}}
	for _, c := range []struct {
		xs   []scored
		want float64
	}{{perfect, 1}, {inverse, 0}, {ties, 0.5}} {
		if got := rocAUC(c.xs); got != c.want {
			t.Errorf("rocAUC = %.2f, want %.2f", got, c.want)
		}
	}
}

// TestConfidenceSeparates measures how well confidence tells true case
// studies from everything else the reader proposes, over the samples and
// the layout corpus (compendia, and reports that are not compendia).
func TestConfidenceSeparates(t *testing.T) {
	var xs []scored
	add := func(want []string, found []CaseStudy) {
		for i, ok := range matched(want, found) {
			xs = append(xs, scored{found[i].Confidence, ok})
		}
	}
	files, _ := filepath.Glob(filepath.Join("..", "samples", "*.pdf"))
	for _, file := range files {
		var truth struct {
			Practices []ExpectedCase `json:"practices"`
		}
		js, err := os.ReadFile(strings.TrimSuffix(file, ".pdf") + ".json")
		if err != nil || json.Unmarshal(js, &truth) != nil {
			t.Fatalf("%s: no readable truth: %v", file, err)
		}
		data, _ := os.ReadFile(file)
		doc, err := Extract(filepath.Base(file), data, DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, p := range truth.Practices {
			want = append(want, p.Title)
		}
		add(want, doc.Practices)
	}
	reports := 0
	for _, l := range layoutCorpus(t) {
		doc := extractLayout(t, l)
		var want []string
		for _, c := range l.Cases {
			want = append(want, c.Title)
		}
		if !l.Compendium {
			reports++
		}
		add(want, doc.Practices)
	}
	if reports == 0 {
		t.Fatal("the layout corpus holds no report-like document to test against")
	}
	pos := 0
	for _, x := range xs {
		if x.truth {
			pos++
		}
	}
	auc := rocAUC(xs)
	t.Logf("confidence ROC AUC %.3f over %d proposals (%d true case studies, %d others)", auc, len(xs), pos, len(xs)-pos)
	if auc < 0.9 {
		t.Errorf("confidence ROC AUC %.3f < 0.9", auc)
	}
}
