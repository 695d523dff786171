package indexer

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestPlacesInPublishedReports: the places the reader finds in published
// reports nobody on this project made (kept beside the repository,
// skipped when absent; most are American, one a UN global report) are
// real mentions: at least 95% of what is found, each finding judged by
// hand in testdata/report_places.json by the text found in each report
// (a name is judged once per report: "Saudi Arabia" is the country,
// "ASR" an acronym, "Ritu" a given name). A finding not judged counts as
// wrong, so a new one must be looked at.
func TestPlacesInPublishedReports(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 16 reports: about a minute")
	}
	dir := filepath.Join("..", "..", "shared", "pdfs", "anti-trafficking")
	files, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	if len(files) == 0 {
		t.Skipf("no published reports in %s", dir)
	}
	js, err := os.ReadFile(filepath.Join("testdata", "report_places.json"))
	if err != nil {
		t.Fatal(err)
	}
	var judged map[string]map[string]bool // file -> text found -> a real mention
	if err := json.Unmarshal(js, &judged); err != nil {
		t.Fatal(err)
	}
	found, real := 0, 0
	var wrong []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(f)
		doc, err := Extract(name, data, DefaultLimits)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, loc := range sentenceRE.FindAllStringIndex(doc.Text(), -1) {
			s := doc.Text()[loc[0]:loc[1]]
			for _, n := range placesIn(s) {
				found++
				text := s[n.start:n.end]
				if judged[name][text] {
					real++
				} else {
					wrong = append(wrong, name+": "+text+" in “"+strings.TrimSpace(s)+"”")
				}
			}
		}
	}
	sort.Strings(wrong)
	precision := 1.0
	if found > 0 {
		precision = float64(real) / float64(found)
	}
	t.Logf("%d places found in %d reports, %d real mentions: precision %.3f", found, len(files), real, precision)
	if precision < 0.95 {
		t.Errorf("precision %.3f, want at least 0.95; not real mentions (or not judged):\n%s", precision, strings.Join(wrong, "\n"))
	}
}
