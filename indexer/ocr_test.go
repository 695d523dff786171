package indexer

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// ocrSample is the sample turned into a scan: one is enough to measure
// OCR, and each page costs seconds.
const ocrSample = "border-casebook"

// TestOCRScannedSample renders a born-digital sample to an image-only PDF
// (skewed and speckled where ImageMagick is installed), reads it back by
// OCR and scores it against the sample's truth and its text layer.
func TestOCRScannedSample(t *testing.T) {
	if testing.Short() {
		t.Skip("OCR takes seconds a page")
	}
	for _, prog := range []string{"gs", "pdftoppm", "tesseract"} {
		if _, err := exec.LookPath(prog); err != nil {
			t.Skipf("%s is not installed: %v", prog, err)
		}
	}
	src := filepath.Join("..", "samples", ocrSample+".pdf")
	born, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	scan := makeScan(t, src)
	bornDoc, err := Extract(ocrSample+".pdf", born, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	doc, err := Extract("scan.pdf", scan, DefaultLimits)
	if err != nil {
		t.Fatalf("the scan was not read: %v", err)
	}
	perPage := time.Since(start) / time.Duration(max(doc.Pages, 1))
	var want struct {
		Practices []ExpectedCase `json:"practices"`
	}
	js, err := os.ReadFile(filepath.Join("..", "samples", ocrSample+".json"))
	if err != nil || json.Unmarshal(js, &want) != nil {
		t.Fatalf("reading the sample's truth: %v", err)
	}
	s := ScoreCases(want.Practices, doc.Practices)
	words := WordF1(doc.Text(), bornDoc.Text())
	t.Logf("scan of %s: %d pages, %s per page; cases %d/%d, F1 %.3f, pages %.3f; word F1 %.3f",
		ocrSample, doc.Pages, perPage.Round(time.Millisecond), s.Matched, s.Expected, s.F1(), s.PageAccuracy(), words)
	if s.F1() < 0.9 {
		t.Errorf("case F1 %.3f < 0.9; missed %q, extra %q", s.F1(), s.Misses, s.Extra)
	}
	if words < 0.95 {
		t.Errorf("word F1 against the text layer %.3f < 0.95", words)
	}
	for _, c := range doc.Practices {
		if !c.OCR || c.OCRConfidence <= 0 || c.OCRConfidence > 1 {
			t.Errorf("%q: OCR %v, confidence %.3f; want it marked as read by OCR with a confidence in (0, 1]", c.Title, c.OCR, c.OCRConfidence)
		}
		if !containsString(c.Reasons, ocrReason) {
			t.Errorf("%q: reasons %q lack %q", c.Title, c.Reasons, ocrReason)
		}
	}
}

// makeScan renders src to an image-only PDF at 150 dpi, the way a
// scanner would deliver it; gsArgs choose pages ("-dLastPage=2").
func makeScan(t *testing.T, src string, gsArgs ...string) []byte {
	t.Helper()
	dir := t.TempDir()
	out := filepath.Join(dir, "scan.pdf")
	if _, err := exec.LookPath("convert"); err != nil {
		run(t, "gs", append(append([]string{"-q", "-dBATCH", "-dNOPAUSE", "-dSAFER", "-sDEVICE=pdfimage24", "-r150"}, gsArgs...), "-sOutputFile="+out, src)...)
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	// A real scan is a little crooked and speckled. ImageMagick may not
	// write PDFs (its security policy), so it writes JPEGs that become
	// the pages of a PDF made here.
	run(t, "gs", append(append([]string{"-q", "-dBATCH", "-dNOPAUSE", "-dSAFER", "-sDEVICE=png16m", "-r150"}, gsArgs...), "-sOutputFile="+filepath.Join(dir, "p%02d.png"), src)...)
	pages, _ := filepath.Glob(filepath.Join(dir, "p*.png"))
	var jpegs [][]byte
	for _, png := range pages {
		jpg := strings.TrimSuffix(png, ".png") + ".jpg"
		run(t, "convert", png, "-background", "white", "-rotate", "0.6", "-attenuate", "0.3", "+noise", "Gaussian", "-quality", "85", jpg)
		data, err := os.ReadFile(jpg)
		if err != nil {
			t.Fatal(err)
		}
		jpegs = append(jpegs, data)
	}
	return imagePDF(t, jpegs, 150)
}

// imagePDF makes a PDF with one JPEG filling each page at the given dpi.
func imagePDF(t *testing.T, jpegs [][]byte, dpi float64) []byte {
	t.Helper()
	var b bytes.Buffer
	var offsets []int
	obj := func(body string, stream []byte) {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s", len(offsets), body)
		if stream != nil {
			b.WriteString("\nstream\n")
			b.Write(stream)
			b.WriteString("\nendstream")
		}
		b.WriteString("\nendobj\n")
	}
	b.WriteString("%PDF-1.4\n")
	n := len(jpegs)
	kids := make([]string, n)
	for i := range jpegs {
		kids[i] = fmt.Sprintf("%d 0 R", 3+3*i)
	}
	obj("<< /Type /Catalog /Pages 2 0 R >>", nil)
	obj(fmt.Sprintf("<< /Type /Pages /Count %d /Kids [%s] >>", n, strings.Join(kids, " ")), nil)
	for i, data := range jpegs {
		cfg, err := jpeg.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		w, h := float64(cfg.Width)*72/dpi, float64(cfg.Height)*72/dpi
		obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im %d 0 R >> >> /Contents %d 0 R >>", w, h, 5+3*i, 4+3*i), nil)
		content := fmt.Sprintf("q %.2f 0 0 %.2f 0 0 cm /Im Do Q", w, h)
		obj(fmt.Sprintf("<< /Length %d >>", len(content)), []byte(content))
		obj(fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>", cfg.Width, cfg.Height, len(data)), data)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, o := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return b.Bytes()
}

func run(t *testing.T, name string, args ...string) {
	t.Helper()
	if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s: %v: %s", name, err, strings.TrimSpace(string(out)))
	}
}

func containsString(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}
