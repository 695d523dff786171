package indexer

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestPublishedReports reads published reports and case-study collections
// that nobody on this project made (kept beside the repository, skipped
// when absent): names as case titles, no confident proposals on reports,
// no year from a statute, a section number or the future.
func TestPublishedReports(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "pdfs", "anti-trafficking")
	files, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	if len(files) == 0 {
		t.Skipf("no published reports in %s", dir)
	}
	pages, confident := 0, 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(f)
		doc, err := Extract(name, data, DefaultLimits)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		for _, p := range doc.Practices {
			for _, y := range p.Years {
				if y < 1950 || y > thisYear() {
					t.Errorf("%s: %q has the year %d", name, p.Title, y)
				}
			}
		}
		switch {
		case name == "CaseStudies-voi.pdf":
			checkNamedCases(t, doc)
		case strings.Contains(name, "Case-Study"):
		default:
			pages += doc.Pages
			for _, p := range doc.Practices {
				if p.Confidence > 0.8 {
					confident++
					t.Logf("%s: %q above 0.8 (%.2f) %v", name, p.Title, p.Confidence, p.Reasons)
				}
			}
		}
	}
	t.Logf("reports: %d proposals above 0.8 over %d pages", confident, pages)
	if confident*10 > pages {
		t.Errorf("%d proposals above 0.8 over %d report pages, want at most one per ten pages", confident, pages)
	}
}

// checkNamedCases: each case opens with a pseudonym in large capitals
// ("ADELE") over a one-sentence subtitle, under a large running head.
func checkNamedCases(t *testing.T, doc *Document) {
	t.Helper()
	var titles []string
	for _, p := range doc.Practices {
		titles = append(titles, p.Title)
		if p.Section != "" {
			t.Errorf("%q has the section %q; the document has none", p.Title, p.Section)
		}
	}
	want := []string{"Adele", "Brittany", "Cecilia", "Dawn", "Emma", "Faith"}
	if !slices.Equal(titles, want) {
		t.Errorf("case titles %q, want %q", titles, want)
	}
	if len(doc.Practices) > 0 && !strings.HasPrefix(doc.Practices[0].Summary, "Trafficking victimization as a minor was not considered") {
		t.Errorf("Adele's summary %q, want the subtitle under her name", doc.Practices[0].Summary)
	}
	if doc.Title == "CASE STUDIES" {
		t.Errorf("document title %q is the cover's label in capitals", doc.Title)
	}
}
