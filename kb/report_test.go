package kb_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/go-pdf/fpdf"

	"github.com/compendium-kb/compendium/kb"
)

// reportPDF makes a report that is not a compendium: an "about" page, a
// codebook, a table of figures by state, as real reports have.
func reportPDF(t *testing.T, title string) []byte {
	t.Helper()
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetTitle(title, false)
	pages := []struct{ head, body string }{
		{"About the COPS Office", "The Office of Community Oriented Policing Services is the component of the Department responsible for advancing community policing."},
		{"Data Codebook", "Variable 1. Case identifier. Variable 2. Year of arrest. Variable 3. Number of victims identified."},
		{"Table 3. Victims by State", "New York 89 6.3%\nTennessee 57 4%\nTexas 112 7.9%\nTotal Unique Victims 2049 2227"},
		{"APRIL 201 7", "Findings are preliminary and subject to revision."},
	}
	for _, p := range pages {
		pdf.AddPage()
		pdf.SetFont("Helvetica", "B", 16)
		pdf.MultiCell(0, 9, p.head, "", "L", false)
		pdf.SetFont("Helvetica", "", 11)
		pdf.MultiCell(0, 6, p.body, "", "L", false)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var allReports = flag.Bool("reports", false, "import every real report in ../shared/pdfs/anti-trafficking (about 35 s), not only the three smallest")

// realReports lists the real reports to import: the three smallest, or
// all of them with -reports.
func realReports(dir string) []string {
	files, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	size := func(f string) int64 {
		info, err := os.Stat(f)
		if err != nil {
			return 0
		}
		return info.Size()
	}
	sort.Slice(files, func(i, j int) bool { return size(files[i]) < size(files[j]) })
	if !*allReports && len(files) > 3 {
		files = files[:3]
	}
	return files
}

// TestReportsStayPrivateUntilDecided imports report-like PDFs (generated,
// and the folder of real reports when present): whatever the indexer
// reads from them, nothing is stored as a practice or found by search
// until a reviewer decides.
func TestReportsStayPrivateUntilDecided(t *testing.T) {
	ctx := context.Background()
	cur, svc := newCuration(t)
	files := map[string][]byte{"hotline-report.pdf": reportPDF(t, "Hotline Trends Report"), "codebook.pdf": reportPDF(t, "Data Codebook 2013")}
	dir := filepath.Join("..", "..", "shared", "pdfs", "anti-trafficking")
	if real := realReports(dir); len(real) > 0 && !testing.Short() {
		for _, f := range real {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			files[filepath.Base(f)] = data
		}
	} else {
		t.Logf("real reports: none read (%s absent, or -short)", dir)
	}
	proposals := 0
	for name, data := range files {
		res, err := cur.Import(ctx, admin.Actor(), name, data, kb.ImportOptions{})
		if err != nil {
			t.Logf("%s: not imported: %v", name, err) // no case studies at all is fine
			continue
		}
		if res.Added != 0 || len(res.Document.Practices) != 0 {
			t.Errorf("%s: %d case studies published by the import itself", name, res.Added)
		}
		proposals += res.Proposed
	}
	if proposals == 0 {
		t.Fatal("no file gave any proposal; the test would show nothing")
	}
	if n, _ := svc.Store.CountPractices(ctx); n != 0 {
		t.Errorf("%d practices stored from %d proposals before any decision", n, proposals)
	}
	for _, q := range []string{"", "Tennessee", "Total Unique Victims", "About the COPS Office", "Data Codebook"} {
		if res, err := svc.Search(ctx, kb.Query{Text: q}); err != nil || res.Total != 0 {
			t.Errorf("search %q: %d hits (%v) before any decision, want none", q, res.Total, err)
		}
	}
	t.Logf("%d files, %d proposals waiting, none public", len(files), proposals)
}
