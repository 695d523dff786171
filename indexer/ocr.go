package indexer

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"
)

// DefaultOCRLang is what scans are read as unless an import says
// otherwise: English and Hindi, the languages of most compendia.
const DefaultOCRLang = "eng+hin"

// ocrDPI is the resolution pages are rendered at for OCR: Tesseract reads
// body text best when its x-height is 20 pixels or more, which 150 dpi
// gives for 10-point type, at a quarter of the pixels of 300 dpi.
const ocrDPI = 150

// maxRenderPixels caps a rendered page by pixels, not inches: a 17 KB
// PDF with one 200 x 200-inch page rendered at 150 dpi is 900 million
// pixels, and two such attachments took two pdftoppm of 3 GB each. The
// cap is an A3 page at 150 dpi (8.7 million); a larger page is rendered
// at the resolution that fills it.
const maxRenderPixels = 1754 * 2480 * 2

// renderDPI is the resolution for a page of the given area in square
// inches.
func renderDPI(area float64) int {
	if area <= 0 {
		return ocrDPI
	}
	return max(min(ocrDPI, int(math.Sqrt(maxRenderPixels/area))), 1)
}

// ocrLangPattern is what a language choice may look like: Tesseract's
// model names joined by "+". Anything else could be taken for an option.
var ocrLangPattern = regexp.MustCompile(`^[a-z][a-z_]{1,30}(\+[a-z][a-z_]{1,30}){0,7}$`)

// ValidOCRLang reports whether lang names Tesseract languages ("eng",
// "eng+hin"); the empty string means the default.
func ValidOCRLang(lang string) bool { return lang == "" || ocrLangPattern.MatchString(lang) }

// ocrPage is one page read by OCR.
type ocrPage struct {
	lines   []Line
	confSum float64 // sum of the word confidences, each 0..1
	words   int
	err     error
}

// ocrAvailable reports whether the programs OCR needs are installed.
func ocrAvailable() bool {
	for _, prog := range []string{"pdftoppm", "tesseract"} {
		if _, err := exec.LookPath(prog); err != nil {
			return false
		}
	}
	return true
}

// readScans reads the given pages of the PDF by OCR, as many at once as
// there are cores, each when its turn comes (pageTurn). Tesseract and pdftoppm run as programs rather than
// through a cgo binding: the build stays pure Go, and the programs are
// children of the extraction worker, under its memory limit, and die with
// it when it is stopped for taking too long.
func readScans(data []byte, pages []int, areas map[int]float64, lang string) (map[int]*ocrPage, error) {
	if lang == "" {
		lang = DefaultOCRLang
	}
	if !ValidOCRLang(lang) {
		return nil, fmt.Errorf("OCR language %q is not a list of Tesseract languages such as eng+hin", lang)
	}
	dir, err := os.MkdirTemp("", "compendium-ocr-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	pdf := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(pdf, data, 0o600); err != nil {
		return nil, err
	}
	out := make(map[int]*ocrPage, len(pages))
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, ocrAtOnce())
	for _, n := range pages {
		wg.Add(1)
		sem <- struct{}{}
		pageTurn() // in a worker, the page waits for its owner's turn
		go func(n int) {
			defer func() { <-sem; wg.Done() }()
			p := ocrOnePage(pdf, dir, n, renderDPI(areas[n]), lang)
			mu.Lock()
			out[n] = p
			mu.Unlock()
			pageDone()
		}(n)
	}
	wg.Wait()
	return out, nil
}

// ocrOnePage renders page n and reads it.
func ocrOnePage(pdf, dir string, n, dpi int, lang string) *ocrPage {
	stem := filepath.Join(dir, "p"+strconv.Itoa(n))
	if err := renderPage(pdf, stem, n, dpi); err != nil {
		return &ocrPage{err: fmt.Errorf("rendering: %w", err)}
	}
	defer os.Remove(stem + ".pgm")
	tsv, err := toolOutput("tesseract", stem+".pgm", "-", "-l", lang, "tsv")
	if err != nil {
		return &ocrPage{err: fmt.Errorf("OCR: %w", err)}
	}
	p, err := parseTSV(tsv)
	if err != nil {
		return &ocrPage{err: fmt.Errorf("OCR output: %w", err)}
	}
	return p
}

// renderPage writes page n at dpi as stem.pgm. Grey PGM rather than PNG:
// Tesseract reads grey anyway, and compressing a speckled scan to PNG
// took pdftoppm 30 times longer than writing it raw.
func renderPage(pdf, stem string, n, dpi int) error {
	page := strconv.Itoa(n)
	return runTool("pdftoppm", "-r", strconv.Itoa(dpi), "-gray", "-f", page, "-l", page, "-singlefile", pdf, stem)
}

func runTool(name string, args ...string) error {
	_, err := toolOutput(name, args...)
	return err
}

// toolOutput runs a program and returns its standard output; its error
// carries the last line the program wrote to standard error.
func toolOutput(name string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(context.Background(), name, args...)
	// Pages are read in parallel already; Tesseract's own threads would
	// only compete with each other for the same cores.
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	dieWithParent(cmd)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Start()
	if err == nil {
		// Each program gets its share of the worker's address space
		// (programShare), so a worker and its programs together keep to
		// the worker's limit; a rlimit is per process, and two pdftoppm
		// once took 3 GB each under a 4 GB worker.
		if lerr := limitMemory(cmd.Process.Pid, programShare(ocrAtOnce())); lerr != nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
			return nil, fmt.Errorf("%s: limiting its memory: %w", name, lerr)
		}
		err = cmd.Wait()
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %v: %s", name, err, lastLine(stderr.String()))
	}
	return stdout.Bytes(), nil
}

// tsvWord is one row of Tesseract's TSV output at word level, in pixels.
type tsvWord struct {
	line                     [3]int // block, paragraph, line
	left, top, width, height float64
	conf                     float64
	text                     string
}

// parseTSV turns Tesseract's word boxes into lines the way born-digital
// glyphs are: every word becomes a placed run whose size is its line's
// height, so that the segmenter tells headings by relative size and
// finds numbering and labels exactly as for a text layer.
func parseTSV(tsv []byte) (*ocrPage, error) {
	r := csv.NewReader(bytes.NewReader(tsv))
	r.Comma, r.LazyQuotes, r.FieldsPerRecord = '\t', true, -1
	r.ReuseRecord = false
	var words []tsvWord
	pageH := 0.0
	for first := true; ; first = false {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		if first || len(rec) < 12 {
			continue // the header, or a short row
		}
		f := make([]float64, 11)
		for i := range f {
			f[i], _ = strconv.ParseFloat(rec[i], 64)
		}
		switch int(f[0]) {
		case 1:
			pageH = f[9]
		case 5:
			if text := strings.TrimSpace(rec[11]); text != "" && f[10] >= 0 {
				words = append(words, tsvWord{[3]int{int(f[2]), int(f[3]), int(f[4])}, f[6], f[7], f[8], f[9], f[10] / 100, text})
			}
		}
	}
	return placeWords(words, pageH), nil
}

// placeWords lays out OCR words with layoutPage. A word's box runs from
// its tallest letter to its lowest, so box heights vary with the letters;
// the size of a line's type is measured instead on its words with a
// capital, a digit or an ascender and no descender, whose boxes run from
// the ascender line to the baseline: about 0.7 of the font size.
func placeWords(words []tsvWord, pageH float64) *ocrPage {
	const pt = 72.0 / ocrDPI
	p := &ocrPage{}
	var gs []placed
	for i := 0; i < len(words); {
		j := i
		for j < len(words) && words[j].line == words[i].line {
			j++
		}
		line := words[i:j]
		size, baseline := lineMetrics(line)
		for _, w := range line {
			gs = append(gs, placed{text: w.text, x: w.left * pt, y: (pageH - baseline) * pt, w: w.width * pt, size: size * pt, seq: len(gs)})
			p.confSum += w.conf
			p.words++
		}
		i = j
	}
	p.lines = layoutPage(gs, pageH*pt)
	return p
}

// lineMetrics estimates the font size and the baseline of a line of
// words, in pixels.
func lineMetrics(line []tsvWord) (size, baseline float64) {
	var asc, bottoms, all []float64
	for _, w := range line {
		all = append(all, w.height)
		if strings.ContainsAny(w.text, descenders) {
			continue
		}
		bottoms = append(bottoms, w.top+w.height)
		if strings.IndexFunc(w.text, isTall) >= 0 {
			asc = append(asc, w.height)
		}
	}
	size = median(all) / 0.9 // ascender to descender, or less
	if len(asc) > 0 {
		size = median(asc) / 0.7
	}
	if len(bottoms) > 0 {
		baseline = median(bottoms)
	} else {
		baseline = line[0].top + line[0].height - 0.2*size
	}
	return size, baseline
}

// descenders are letters that reach below the baseline.
const descenders = "gjpqy,;()[]{}"

// isTall reports whether r reaches the ascender line.
func isTall(r rune) bool {
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("bdfhklt", r)
}

func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	for i := 1; i < len(s); i++ {
		for k := i; k > 0 && s[k] < s[k-1]; k-- {
			s[k], s[k-1] = s[k-1], s[k]
		}
	}
	if len(s) == 0 {
		return 0
	}
	return s[len(s)/2]
}

// ocrScans reads the image-only pages of rp by OCR where the programs are
// installed, putting the lines read in place of the empty pages. It
// returns the pages read, and the first page that could not be read.
func ocrScans(data []byte, rp *readPages, lang string) (map[int]*ocrPage, error) {
	if len(rp.scanned) == 0 || !ocrAvailable() {
		return nil, nil
	}
	got, err := readScans(data, rp.scanned, rp.areas, lang)
	if err != nil {
		return nil, err
	}
	var first error
	for _, n := range rp.scanned {
		p := got[n]
		if p.err != nil {
			if first == nil {
				first = fmt.Errorf("page %d: %w", n, p.err)
			}
			delete(got, n)
			continue
		}
		rp.texts[n-1].Lines = p.lines
		rp.glyphs += p.words
	}
	snapSizes(got)
	return got, first
}

// snapSizes sets the sizes of OCR lines that differ by pixel rounding to
// one value, as a typesetter's would be: the segmenter groups headings by
// size to 0.5 point, and a measured 13.0 and 13.7 are the same type. The
// commonest size (by characters) claims all sizes within a tenth of it,
// then the commonest of the rest, and so on.
func snapSizes(pages map[int]*ocrPage) {
	chars := map[float64]int{}
	for _, p := range pages {
		for _, l := range p.lines {
			chars[l.Size] += len(l.Text)
		}
	}
	snap := map[float64]float64{}
	for len(snap) < len(chars) {
		best, most := 0.0, -1
		for size, n := range chars {
			if _, done := snap[size]; !done && (n > most || n == most && size < best) {
				best, most = size, n
			}
		}
		to := math.Round(best*2) / 2
		for size := range chars {
			if _, done := snap[size]; !done && math.Abs(size-best) <= 0.1*best {
				snap[size] = to
			}
		}
	}
	for _, p := range pages {
		for i := range p.lines {
			p.lines[i].Size = snap[p.lines[i].Size]
		}
	}
}

// ocrReason is what a reviewer reads beside a case read by OCR.
const ocrReason = "read from a scan by OCR"

// markOCR flags the cases that lie on pages read by OCR, with the mean
// word confidence of those pages, and lowers their confidence by it: a
// misread word in a title or a state is likelier than in a text layer.
func markOCR(cases []CaseStudy, scans map[int]*ocrPage) {
	if len(scans) == 0 {
		return
	}
	for i := range cases {
		c := &cases[i]
		sum, n := 0.0, 0
		for pg := c.PageStart; pg <= c.PageEnd; pg++ {
			if p := scans[pg]; p != nil {
				sum += p.confSum
				n += p.words
			}
		}
		if n == 0 {
			continue
		}
		c.OCR, c.OCRConfidence = true, sum/float64(n)
		c.Confidence *= c.OCRConfidence
		c.Reasons = append(c.Reasons, ocrReason)
	}
}

type ocrLangKey struct{}

// WithOCRLang asks the extractors to read scanned pages of the files
// extracted with ctx in lang (Tesseract's names, "eng+hin"): the language
// is chosen per import, while the extractor is made once.
func WithOCRLang(ctx context.Context, lang string) context.Context {
	return context.WithValue(ctx, ocrLangKey{}, lang)
}

// OCRLangOf is the language WithOCRLang put in ctx, or else fallback.
func OCRLangOf(ctx context.Context, fallback string) string {
	if lang, ok := ctx.Value(ocrLangKey{}).(string); ok && lang != "" {
		return lang
	}
	return fallback
}
