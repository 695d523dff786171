// Package scantest makes scanned (image-only) PDFs for tests, with
// Ghostscript.
package scantest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Tiny makes an image-only PDF of n tiny pages, each one line of type
// (text and the page's number) rendered by Ghostscript at 150 dpi: a
// page Tesseract reads in a fraction of a second. The test is skipped
// where Ghostscript is not installed.
func Tiny(t testing.TB, n int, text string) []byte {
	t.Helper()
	if _, err := exec.LookPath("gs"); err != nil {
		t.Skipf("gs is not installed: %v", err)
	}
	dir := t.TempDir()
	ps, out := filepath.Join(dir, "pages.ps"), filepath.Join(dir, "scan.pdf")
	prog := fmt.Sprintf("/Helvetica findfont 12 scalefont setfont\n1 1 %d { /n exch def 10 14 moveto (%s ) show n 4 string cvs show showpage } for\n", n, text)
	if err := os.WriteFile(ps, []byte(prog), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("gs", "-q", "-dBATCH", "-dNOPAUSE", "-dSAFER", "-sDEVICE=pdfimage8", "-r150",
		"-dDEVICEWIDTHPOINTS=260", "-dDEVICEHEIGHTPOINTS=36", "-dFIXEDMEDIA", "-sOutputFile="+out, ps)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("gs: %v: %s", err, msg)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
