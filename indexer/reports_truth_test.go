package indexer

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// The thresholds an import and the inbox apply to the reader's confidence:
// a proposal at or above publishAt is published, one at or below dropAt
// is dropped; those between wait for a person.
const (
	publishAt = 0.8
	dropAt    = 0.3
)

// reportsTruth is testdata/reports-truth.json: the true case studies of
// the published reports kept beside the repository, keyed by file, first
// page and title so that the labels outlive changes to the reader. Every
// other proposal counts as not a case. Documents marked held_out were set
// aside before any weight was tuned on this set.
type reportsTruth struct {
	Documents []struct {
		File    string `json:"file"`
		HeldOut bool   `json:"held_out"`
		Cases   []struct {
			Page  int    `json:"page"`
			Title string `json:"title"`
		} `json:"cases"`
	} `json:"documents"`
}

// truthTally gathers scored proposals, with the true cases the reader
// missed scored 0 so that a miss costs as much as a junk proposal above it.
type truthTally struct {
	xs                              []scored
	published, publishedTrue        int
	kept, keptJunk, trueDropped     int
	cases, missed, empty, proposals int
	lines                           []string
}

func (tt *truthTally) add(file string, truth []struct {
	Page  int    `json:"page"`
	Title string `json:"title"`
}, found []CaseStudy) {
	used := make([]bool, len(truth))
	tt.cases += len(truth)
	for _, p := range found {
		tt.proposals++
		hit := -1
		for i, c := range truth {
			if !used[i] && c.Page == p.PageStart && (foldWords(c.Title) == foldWords(p.Title) || titleSimilarity(c.Title, p.Title) >= 0.6) {
				hit = i
				break
			}
		}
		if hit >= 0 {
			used[hit] = true
		}
		tt.score(file, p, hit >= 0)
	}
	for i, c := range truth {
		if !used[i] {
			tt.missed++
			tt.xs = append(tt.xs, scored{0, true})
			tt.lines = append(tt.lines, fmt.Sprintf("%s: missed %q (p. %d)", file, c.Title, c.Page))
		}
	}
}

func (tt *truthTally) score(file string, p CaseStudy, truth bool) {
	tt.xs = append(tt.xs, scored{p.Confidence, truth})
	if len(p.Text) == 0 {
		tt.empty++
	}
	if p.Confidence >= publishAt {
		tt.published++
		if truth {
			tt.publishedTrue++
		}
	}
	if p.Confidence > dropAt {
		tt.kept++
		if !truth {
			tt.keptJunk++
			tt.lines = append(tt.lines, fmt.Sprintf("%s: junk kept %q (p. %d, %.2f)", file, p.Title, p.PageStart, p.Confidence))
		}
	} else if truth {
		tt.trueDropped++
		tt.lines = append(tt.lines, fmt.Sprintf("%s: case dropped %q (p. %d, %.2f)", file, p.Title, p.PageStart, p.Confidence))
	}
}

// TestReportsTruth holds the reader's confidence on the published reports
// to the labelled set: how well it separates true cases from the rest
// (ROC AUC), what the publish threshold publishes and what the drop
// threshold keeps. It prints the figures for the whole set and for the
// held-out documents.
func TestReportsTruth(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "pdfs", "anti-trafficking")
	if files, _ := filepath.Glob(filepath.Join(dir, "*.pdf")); len(files) == 0 {
		t.Skipf("no published reports in %s", dir)
	}
	raw, err := os.ReadFile(filepath.Join("testdata", "reports-truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	var truth reportsTruth
	if err := json.Unmarshal(raw, &truth); err != nil {
		t.Fatal(err)
	}
	var all, held truthTally
	for _, d := range truth.Documents {
		data, err := os.ReadFile(filepath.Join(dir, d.File))
		if err != nil {
			t.Errorf("labelled file: %v", err)
			continue
		}
		doc, err := Extract(d.File, data, DefaultLimits)
		if err != nil {
			t.Errorf("%s: %v", d.File, err)
			continue
		}
		all.add(d.File, d.Cases, doc.Practices)
		if d.HeldOut {
			held.add(d.File, d.Cases, doc.Practices)
		}
	}
	report := func(name string, tt truthTally) {
		t.Logf("%s: %d proposals, %d true cases (%d missed); ROC AUC %.3f; published %d (%d true); kept over %.1f: %d (%d not cases); true cases at or under %.1f: %d; without text: %d",
			name, tt.proposals, tt.cases, tt.missed, rocAUC(tt.xs), tt.published, tt.publishedTrue, dropAt, tt.kept, tt.keptJunk, dropAt, tt.trueDropped, tt.empty)
	}
	report("all", all)
	report("held out", held)
	for _, l := range all.lines {
		t.Log(l)
	}
	if auc := rocAUC(all.xs); auc < 0.98 {
		t.Errorf("ROC AUC %.3f < 0.98", auc)
	}
	if all.published != all.publishedTrue {
		t.Errorf("the publish threshold publishes %d proposals that are not cases", all.published-all.publishedTrue)
	}
	if all.keptJunk > 20 {
		t.Errorf("%d proposals that are not cases over the drop threshold, want at most 20", all.keptJunk)
	}
	if all.empty > 0 {
		t.Errorf("%d proposals without text", all.empty)
	}
}
