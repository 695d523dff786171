// Package indexer turns the bytes of a compendium PDF into pages of text
// and the case studies they hold. It knows nothing of storage or HTTP.
package indexer

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"

	"github.com/ledongthuc/pdf"
)

// Document is what extraction makes of one PDF.
type Document struct {
	File      string      `json:"file"`
	SHA256    string      `json:"sha256"`
	Title     string      `json:"title"`
	Author    string      `json:"author,omitempty"` // the PDF's own metadata
	Year      int         `json:"year,omitempty"`   // of publication, from the metadata
	Pages     int         `json:"pages"`
	Country   string      `json:"country,omitempty"` // what it is about, from its places and institutions (CountryOf)
	PageTexts []Page      `json:"page_texts,omitempty"`
	Practices []CaseStudy `json:"practices"`
}

// Page is one page's lines in reading order, furniture removed.
type Page struct {
	Number int    `json:"number"`
	Lines  []Line `json:"lines"`
}

// Text returns the page's lines joined by newlines.
func (p Page) Text() string { return joinLines(p.Lines) }

// Text returns the document's text with pages separated by form feeds.
func (d *Document) Text() string {
	var b strings.Builder
	for i, p := range d.PageTexts {
		if i > 0 {
			b.WriteByte('\f')
		}
		b.WriteString(p.Text())
		b.WriteByte('\n')
	}
	return b.String()
}

// Limits bound the work spent on one file.
type Limits struct {
	MaxPages int
	// OCRLang is the Tesseract languages image-only pages are read as
	// ("eng+hin"); "" means DefaultOCRLang.
	OCRLang string
}

// DefaultLimits suit compendia: hundreds of pages, not tens of thousands.
var DefaultLimits = Limits{MaxPages: 5000}

// Extract reads a PDF from memory. name is used in errors only. It
// recovers from panics in the PDF library and classifies every failure;
// it does not protect against endless loops (see Isolated).
func Extract(name string, data []byte, lim Limits) (doc *Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, &Error{File: name, Class: ClassDamaged, Err: fmt.Errorf("parser panic: %v", r)}
		}
	}()
	sum := sha256.Sum256(data)
	doc = &Document{File: name, SHA256: hex.EncodeToString(sum[:])}
	pages, err := readDocument(name, data, lim)
	if retry := ClassOf(err); retry == ClassDamaged || retry == ClassUnsupported || retry == ClassEncrypted || err == nil && !hasText(pages) {
		// Damaged, encrypted, or no text where a damaged stream may hide
		// it: rebuild the file from its objects and try once more.
		fixed, rerr := repair(data)
		switch {
		case rerr == nil:
			if again, aerr := readDocument(name, fixed, lim); aerr == nil && hasText(again) {
				pages, err = again, nil
			}
		case errors.Is(rerr, errNeedsPassword):
			err = &Error{File: name, Class: ClassEncrypted, Err: errors.New("encrypted with a password; an open copy is needed")}
		}
	}
	if err != nil {
		return nil, err
	}
	doc.Pages = len(pages.texts)
	scans, oerr := ocrScans(data, &pages, lim.OCRLang)
	if !hasText(pages) {
		if oerr != nil {
			return nil, &Error{File: name, Class: ClassNoText, Err: fmt.Errorf("pages are images only and OCR failed: %w", oerr)}
		}
		if pages.images > 0 {
			return nil, &Error{File: name, Class: ClassNoText, Err: errors.New("pages are images only (scanned?); run OCR first")}
		}
		return nil, &Error{File: name, Class: ClassNoText, Err: errors.New("no text on any page")}
	}
	doc.PageTexts = pages.texts
	removeFurniture(doc.PageTexts)
	doc.Title = documentTitle(infoText(pages.reader.Trailer().Key("Info").Key("Title")), doc.PageTexts)
	info := pages.reader.Trailer().Key("Info")
	doc.Author = strings.TrimSpace(infoText(info.Key("Author")))
	// The year a person would cite is the one the cover states; the
	// file's creation date is often a later reprint or conversion.
	doc.Year = coverYear(doc.PageTexts)
	if doc.Year == 0 {
		doc.Year = pdfYear(infoText(info.Key("CreationDate")))
	}
	doc.Practices = Segment(doc.PageTexts)
	markOCR(doc.Practices, scans)
	doc.Country = CountryOf(doc.Text())
	for i := range doc.Practices {
		if len(doc.Practices[i].Years) == 0 && doc.Year > 0 {
			doc.Practices[i].Years = []int{doc.Year} // the compendium's year, for want of any other
		}
		if cs := &doc.Practices[i]; cs.Country == "" {
			// A case that does not say where it is, in an American
			// report, keeps only the Indian laws it names outright.
			cs.Country = doc.Country
			cs.Laws = LawsFor(cs.Title+"\n"+cs.Text, cs.Laws, cs.Country)
		}
	}
	return doc, nil
}

// readPages is a document read page by page, before furniture is removed.
type readPages struct {
	reader         *pdf.Reader
	texts          []Page
	glyphs, images int
	scanned        []int // numbers of pages with images and no text
	// areas are the scanned pages' sizes in square inches, by number,
	// which the resolution they are rendered at depends on.
	areas map[int]float64
}

func hasText(p readPages) bool { return p.glyphs > 0 }

func readDocument(name string, data []byte, lim Limits) (readPages, error) {
	var rp readPages
	if xrefLoops(data) {
		return rp, &Error{File: name, Class: ClassDamaged, Err: errors.New("the cross-reference chain loops")}
	}
	r, err := open(data)
	if err != nil {
		return rp, classifyOpen(name, data, err)
	}
	rp.reader = r
	pages, err := pageList(r, lim.MaxPages)
	if err != nil {
		return rp, &Error{File: name, Class: ClassDamaged, Err: err}
	}
	if len(pages) == 0 {
		return rp, &Error{File: name, Class: ClassDamaged, Err: errors.New("the document has no pages")}
	}
	fonts := map[string]*font{}
	for i, p := range pages {
		lines, g, im, perr := readOnePage(p, fonts)
		if perr != nil {
			return rp, &Error{File: name, Page: i + 1, Class: ClassDamaged, Err: perr}
		}
		rp.glyphs += g
		rp.images += im
		if g == 0 && im > 0 {
			rp.scanned = append(rp.scanned, i+1)
			if rp.areas == nil {
				rp.areas = map[int]float64{}
			}
			_, _, w, h := pageBox(p)
			rp.areas[i+1] = w / 72 * h / 72
		}
		rp.texts = append(rp.texts, Page{Number: i + 1, Lines: lines})
	}
	return rp, nil
}

func readOnePage(p pdf.Value, fonts map[string]*font) (lines []Line, glyphs, images int, err error) {
	defer func() {
		if r := recover(); r != nil {
			if re, ok := r.(runtime.Error); ok {
				err = fmt.Errorf("internal error: %v", re)
				return
			}
			err = fmt.Errorf("unreadable page: %v", r)
		}
	}()
	base, height := pageGeometry(p)
	gs, im := readPage(p, fonts, base)
	return layoutPage(gs, height), len(gs), im, nil
}

// pageGeometry returns the matrix from user space to the page as shown
// (crop box at the origin, /Rotate applied) and the shown height.
func pageGeometry(p pdf.Value) (matrix, float64) {
	llx, lly, w, h := pageBox(p)
	m := matrix{1, 0, 0, 1, -llx, -lly}
	switch ((inherited(p, "Rotate").Int64()%360 + 360) % 360) / 90 {
	case 1:
		return m.mul(matrix{0, -1, 1, 0, 0, w}), w
	case 2:
		return m.mul(matrix{-1, 0, 0, -1, w, h}), h
	case 3:
		return m.mul(matrix{0, 1, -1, 0, h, 0}), w
	}
	return m, h
}

// pageBox returns the page's crop box (else media box): its lower left
// corner and its size in points, a letter page when it has none.
func pageBox(p pdf.Value) (llx, lly, w, h float64) {
	box := inherited(p, "CropBox")
	if box.Len() != 4 {
		box = inherited(p, "MediaBox")
	}
	llx, lly, urx, ury := 0.0, 0.0, 612.0, 792.0
	if box.Len() == 4 {
		llx, lly, urx, ury = box.Index(0).Float64(), box.Index(1).Float64(), box.Index(2).Float64(), box.Index(3).Float64()
		if urx < llx {
			llx, urx = urx, llx
		}
		if ury < lly {
			lly, ury = ury, lly
		}
	}
	w, h = urx-llx, ury-lly
	if w <= 0 || h <= 0 {
		w, h = 612, 792
	}
	return llx, lly, w, h
}

// inherited reads a page attribute that may sit on an ancestor.
func inherited(p pdf.Value, key string) pdf.Value {
	for v, depth := p, 0; v.Kind() == pdf.Dict && depth < 32; v, depth = v.Key("Parent"), depth+1 {
		if x := v.Key(key); !x.IsNull() {
			return x
		}
	}
	return pdf.Value{}
}

// open prepares the bytes for the library, which refuses some files that
// other readers take: a %PDF-2.0 header, bytes before the header, junk
// after the last %%EOF.
func open(data []byte) (*pdf.Reader, error) {
	start := bytes.Index(data[:min(len(data), 1024)], []byte("%PDF-"))
	if start < 0 {
		return nil, errNotPDF
	}
	// Bytes before the header (a byte-order mark, a tool's console
	// output) were added after the file was written: offsets count from
	// the header.
	fixed := data[start:]
	if end := bytes.LastIndex(fixed, []byte("%%EOF")); end > 0 && end+5 < len(fixed) && len(bytes.TrimSpace(fixed[end+5:])) > 0 {
		fixed = fixed[:end+5]
	}
	if !validHeaderVersion(fixed) {
		cp := append([]byte(nil), fixed...)
		copy(cp, "%PDF-1.7")
		if len(cp) > 8 && cp[8] != '\r' && cp[8] != '\n' {
			cp[8] = '\n'
		}
		fixed = cp
	}
	return pdf.NewReader(bytes.NewReader(fixed), int64(len(fixed)))
}

func validHeaderVersion(b []byte) bool {
	return len(b) > 8 && bytes.HasPrefix(b, []byte("%PDF-1.")) && b[7] >= '0' && b[7] <= '7' && (b[8] == '\r' || b[8] == '\n')
}

var errNotPDF = errors.New("not a PDF (no %PDF header)")

// pageList walks the page tree once (the library's Page(i) rescans it per
// call), with a depth limit and a visit budget against loops.
func pageList(r *pdf.Reader, maxPages int) ([]pdf.Value, error) {
	root := r.Trailer().Key("Root").Key("Pages")
	if root.Kind() != pdf.Dict {
		return nil, errors.New("no page tree")
	}
	var pages []pdf.Value
	visits := 0
	var walk func(v pdf.Value, depth int) error
	walk = func(v pdf.Value, depth int) error {
		visits++
		if depth > 64 || visits > 4*maxPages+1000 {
			return errors.New("page tree loops or is too deep")
		}
		kids := v.Key("Kids")
		if v.Key("Type").Name() == "Page" || (kids.Kind() != pdf.Array && v.Key("Contents").Kind() != pdf.Null) {
			if len(pages) >= maxPages {
				return fmt.Errorf("more than %d pages", maxPages)
			}
			pages = append(pages, v)
			return nil
		}
		for i := 0; i < kids.Len(); i++ {
			if err := walk(kids.Index(i), depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	return pages, walk(root, 0)
}

func infoText(v pdf.Value) string {
	s := v.RawString()
	if strings.HasPrefix(s, "\xfe\xff") {
		return utf16Text(s[2:])
	}
	return v.Text()
}

// pdfYear reads the year of a PDF date ("D:20070122…").
func pdfYear(s string) int {
	s = strings.TrimPrefix(strings.TrimSpace(s), "D:")
	if len(s) < 4 {
		return 0
	}
	y, err := strconv.Atoi(s[:4])
	if err != nil || y < 1990 || y > 2100 {
		return 0
	}
	return y
}
