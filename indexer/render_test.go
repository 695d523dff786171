package indexer

import (
	"bufio"
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/go-pdf/fpdf"
)

// hugeScan is a PDF of one 200 x 200-inch page holding only an image,
// as the 17 KB attachment that made pdftoppm take 3 GB.
func hugeScan(t *testing.T) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 64, 64))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 7)
	}
	img.Set(0, 0, color.Gray{Y: 1})
	var jpg bytes.Buffer
	if err := jpeg.Encode(&jpg, img, nil); err != nil {
		t.Fatal(err)
	}
	pdf := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: 14400, Ht: 14400}})
	pdf.AddPage()
	pdf.RegisterImageOptionsReader("scan", fpdf.ImageOptions{ImageType: "JPG"}, &jpg)
	pdf.ImageOptions("scan", 0, 0, 14400, 14400, false, fpdf.ImageOptions{ImageType: "JPG"}, 0, "")
	var out bytes.Buffer
	if err := pdf.Output(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// TestHugePageRendersWithinPixels: a 200 x 200-inch scanned page is
// rendered for OCR within maxRenderPixels, at the resolution that fits,
// while an A4 page keeps 150 dpi. (At 150 dpi it was 900 million pixels.)
func TestHugePageRendersWithinPixels(t *testing.T) {
	if got := renderDPI(8.27 * 11.69); got != ocrDPI {
		t.Errorf("an A4 page renders at %d dpi, want %d", got, ocrDPI)
	}
	data := hugeScan(t)
	rp, err := readDocument("huge.pdf", data, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if len(rp.scanned) != 1 || rp.areas[1] < 39999 {
		t.Fatalf("scanned pages %v with areas %v, want page 1 of 40,000 square inches", rp.scanned, rp.areas)
	}
	dpi := renderDPI(rp.areas[1])
	if px := float64(dpi*200) * float64(dpi*200); px > maxRenderPixels || dpi < 10 {
		t.Errorf("%d dpi: %.0f pixels, want within %d and readable", dpi, px, maxRenderPixels)
	}
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip("pdftoppm is not installed")
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "huge.pdf")
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}
	stem := filepath.Join(dir, "p1")
	if err := renderPage(file, stem, 1, dpi); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(stem + ".pgm")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var w, h int
	if _, err := fmt.Fscanf(bufio.NewReader(f), "P5\n%d %d\n", &w, &h); err != nil {
		t.Fatalf("reading the rendered page's header: %v", err)
	}
	if w*h > maxRenderPixels || w < 1000 {
		t.Errorf("rendered %d x %d pixels, want within %d", w, h, maxRenderPixels)
	}
	t.Logf("a 200 x 200-inch page rendered at %d dpi: %d x %d pixels", dpi, w, h)
}

// TestOCRProgramsKeepToTheirShare: an OCR program given a share of the
// worker's address space fails a render beyond it rather than growing
// (two pdftoppm took 3 GB each under a 4 GB worker, its limit being per
// process), and the same render without the limit succeeds.
func TestOCRProgramsKeepToTheirShare(t *testing.T) {
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip("pdftoppm is not installed")
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "huge.pdf")
	if err := os.WriteFile(file, hugeScan(t), 0o600); err != nil {
		t.Fatal(err)
	}
	render := func(share uint64) error {
		cmd := exec.Command("pdftoppm", "-r", "40", "-gray", "-singlefile", file, filepath.Join(dir, "p"))
		if err := cmd.Start(); err != nil {
			return err
		}
		if err := limitMemory(cmd.Process.Pid, share); err != nil {
			_ = cmd.Process.Kill()
			return err
		}
		return cmd.Wait()
	}
	if err := render(8 << 20); err == nil {
		t.Error("a render of 64 million pixels within 8 MiB of address space succeeded: the limit was not applied")
	}
	if err := render(0); err != nil {
		t.Errorf("the same render without a limit: %v", err)
	}
	if got := programShare(3); got != 0 {
		t.Logf("this test runs under an address-space limit: a program's share is %d MiB", got>>20)
	}
}
