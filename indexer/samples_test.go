package indexer

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSamples scores extraction against every sample compendium and its
// JSON list of case studies, with the floors the product promises.
func TestSamples(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "samples", "*.pdf"))
	if err != nil || len(files) < 2 {
		t.Fatalf("want at least two sample PDFs in samples/, found %d (%v)", len(files), err)
	}
	total := 0
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			var want struct {
				Practices []ExpectedCase `json:"practices"`
			}
			js, err := os.ReadFile(strings.TrimSuffix(file, ".pdf") + ".json")
			if err != nil {
				t.Fatalf("every sample needs its JSON list of case studies: %v", err)
			}
			if err := json.Unmarshal(js, &want); err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Extract(filepath.Base(file), data, DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range doc.Practices {
				if len(p.Themes) == 0 {
					t.Errorf("%q has no theme, so every theme filter hides it", p.Title)
				}
			}
			s := ScoreCases(want.Practices, doc.Practices)
			total += s.Expected
			t.Logf("cases %d/%d found, F1 %.3f, pages %.3f, sections %.3f, states %.3f",
				s.Matched, s.Expected, s.F1(), s.PageAccuracy(), s.SectionAccuracy(), s.StateAccuracy())
			if s.F1() < 0.95 {
				t.Errorf("case-study F1 %.3f < 0.95; missed %q, extra %q", s.F1(), s.Misses, s.Extra)
			}
			if s.PageAccuracy() < 0.95 {
				t.Errorf("exact page ranges %.3f < 0.95; check %q", s.PageAccuracy(), s.Wrong)
			}
			if s.SectionAccuracy() < 0.9 || s.StateAccuracy() < 0.9 {
				t.Errorf("sections %.3f, states %.3f, want >= 0.9; check %q", s.SectionAccuracy(), s.StateAccuracy(), s.Wrong)
			}
		})
	}
	if total < 20 {
		t.Errorf("the samples hold %d case studies, want at least 20", total)
	}
}
