package main

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/compendium-kb/compendium/samples/evaluation"
)

// TestBenchRelevance runs the bench on the real corpus: every judged file
// gets its table, with held-out rows where the file has held-out queries,
// each broad query its total; -v adds only the misses, each with its
// figures and top titles.
func TestBenchRelevance(t *testing.T) {
	out, errOut, err := runCmd(t, "bench", "relevance", "-v")
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	if !strings.Contains(out, "evaluation corpus: 82 practices") {
		t.Errorf("the corpus is not the samples, the Hindi samples and the 42 layout practices:\n%s", out)
	}
	for _, file := range evaluation.Files {
		queries, err := evaluation.Judged(file)
		if err != nil {
			t.Fatal(err)
		}
		if head := fmt.Sprintf("%s: %d queries", file, len(queries)); !strings.Contains(out, head) {
			t.Errorf("no %q in the output", head)
		}
		for _, q := range queries {
			if q.Broad && !strings.Contains(out, fmt.Sprintf("broad %q", q.Query)) {
				t.Errorf("broad query %q has no line with its total", q.Query)
			}
		}
	}
	if !strings.Contains(out, "held-out  all      all") {
		t.Errorf("no held-out summary row:\n%s", out)
	}
	plain, _, err := runCmd(t, "bench", "relevance")
	if err != nil {
		t.Fatal(err)
	}
	var rest []string
	for _, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, "miss  ") {
			rest = append(rest, line)
		} else if !strings.Contains(line, "recall@10") || !strings.Contains(line, " top ") {
			t.Errorf("a miss without its figures and top titles: %s", line)
		}
	}
	// The two runs build the corpus apart, and where practices tie
	// exactly (the layout corpus's generated texts) which one fills the
	// last place of a page depends on how Bleve merged its segments: the
	// lines are compared with their figures masked.
	if masked := maskFigures(strings.Join(rest, "\n")); masked != maskFigures(plain) {
		t.Errorf("-v changed more than adding misses:\nwithout -v:\n%s\nwith -v:\n%s", plain, out)
	}
}

var figure = regexp.MustCompile(`\b[01]\.\d{3}\b`)

// maskFigures hides the three-decimal figures of the bench's tables.
func maskFigures(s string) string { return figure.ReplaceAllString(s, "0.___") }
