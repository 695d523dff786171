// Package handoutpdf writes the training handout as a PDF whose text is
// shaped (Devanagari conjuncts, matras and reph drawn right) and reads
// back in logical order with pdftotext, copy and paste or a screen reader.
//
// go-pdf/fpdf cannot shape Devanagari. Renderers that shape (tdewolff/canvas
// through go-text/typesetting) lose the text: glyphs that stand for several
// characters get no ToUnicode entry, so "उत्तम" reads back as "उ म". This
// package shapes with go-text/typesetting's HarfBuzz port and writes what
// LibreOffice and Chromium write: one embedded TrueType font as a
// CIDFontType2 addressed by glyph id, a ToUnicode map giving each glyph the
// text it stands for, and an ActualText span around each cluster whose
// glyphs do not read back as its text one by one.
package handoutpdf

import (
	"bytes"
	"strings"
	"time"
)

// Page geometry in points: A4 with 20 mm margins.
const (
	mm         = 72 / 25.4
	pageWidth  = 595.28
	pageHeight = 841.89
	margin     = 20 * mm
)

// Document is a PDF of A4 pages with text flowed down them, a new page
// starting when the text reaches the bottom margin. Lengths given to its
// methods are in millimetres and font sizes in points, as in fpdf.
type Document struct {
	Title, Creator string
	// Footer, when set, is the text centred at the foot of page n (from 1).
	Footer func(n int) string
	// Made is the creation date written in the document information.
	Made time.Time

	font   *fontUse
	shaper *shaper
	pages  []*bytes.Buffer
	y      float64 // points from the top of the current page
	done   []byte  // the file, once made
}

// New is an empty document.
func New(title string) (*Document, error) {
	f, err := newFontUse()
	if err != nil {
		return nil, err
	}
	return &Document{Title: title, Made: time.Now(), font: f,
		shaper: &shaper{font: f, words: map[string]word{}}}, nil
}

// AddPage starts a page, its text at the top margin.
func (d *Document) AddPage() {
	d.pages = append(d.pages, &bytes.Buffer{})
	d.y = margin
}

// Pages is the number of pages so far.
func (d *Document) Pages() int { return len(d.pages) }

// SetY moves down to y millimetres from the top of the page.
func (d *Document) SetY(y float64) { d.y = y * mm }

// Space leaves h millimetres blank.
func (d *Document) Space(h float64) { d.y += h * mm }

// Text flows s across the page between the margins, lineHeight
// millimetres apart; a line break in s starts a new line.
func (d *Document) Text(st Style, size, lineHeight float64, s string) {
	lh := lineHeight * mm
	for _, line := range d.lines(s, size, pageWidth-2*margin) {
		d.room(lh)
		writeLine(d.page(), d.font, d.shaper.space(), line, margin, d.baseline(lh, size), size, st)
		d.y += lh
	}
}

// Row is a line of a facts table: label in bold in a column labelWidth
// millimetres wide, value flowed in the rest.
func (d *Document) Row(labelWidth, size, lineHeight float64, label, value string) {
	lh, lw := lineHeight*mm, labelWidth*mm
	labels := d.lines(label, size, lw-2*mm)
	values := d.lines(value, size, pageWidth-2*margin-lw)
	for i := 0; i < max(len(labels), len(values)); i++ {
		d.room(lh)
		base := d.baseline(lh, size)
		if i < len(labels) {
			writeLine(d.page(), d.font, d.shaper.space(), labels[i], margin, base, size, Bold)
		}
		if i < len(values) {
			writeLine(d.page(), d.font, d.shaper.space(), values[i], margin+lw, base, size, Regular)
		}
		d.y += lh
	}
}

// room starts a new page unless a line h points high fits above the
// bottom margin.
func (d *Document) room(h float64) {
	if len(d.pages) == 0 || d.y+h > pageHeight-margin {
		d.AddPage()
	}
}

func (d *Document) page() *bytes.Buffer {
	if len(d.pages) == 0 {
		d.AddPage()
	}
	return d.pages[len(d.pages)-1]
}

// baseline is where a line of text sits in a line lh points high at the
// current position, from the bottom of the page as PDF counts: centred the
// way fpdf's cells centre it.
func (d *Document) baseline(lh, size float64) float64 {
	return pageHeight - (d.y + lh/2 + 0.3*size)
}

// lines breaks s into lines no wider than width points: at spaces, and
// inside a word only when the word alone is wider than the line (a long
// address in a citation).
func (d *Document) lines(s string, size, width float64) [][]word {
	limit := width / size * emUnits
	gap := d.shaper.space().width()
	var lines [][]word
	for _, para := range strings.Split(s, "\n") {
		var line []word
		used := 0.0
		for _, t := range strings.Fields(para) {
			for _, w := range splitWord(d.shaper.shape(t), limit) {
				if len(line) > 0 && used+gap+w.width > limit {
					lines = append(lines, line)
					line, used = nil, 0
				}
				if len(line) > 0 {
					used += gap
				}
				line = append(line, w)
				used += w.width
			}
		}
		lines = append(lines, line)
	}
	return lines
}

// splitWord cuts a word wider than limit between clusters, never inside one.
func splitWord(w word, limit float64) []word {
	if w.width <= limit {
		return []word{w}
	}
	var out []word
	var cur word
	for _, c := range w.clusters {
		cw := c.width()
		if len(cur.clusters) > 0 && cur.width+cw > limit {
			out = append(out, cur)
			cur = word{}
		}
		cur.clusters = append(cur.clusters, c)
		cur.width += cw
	}
	return append(out, cur)
}

// footers writes each page's footer on one line, centred 10 mm above the
// page's bottom edge, in smaller type when a long title needs it.
func (d *Document) footers() {
	if d.Footer == nil {
		return
	}
	space := d.shaper.space()
	for i, p := range d.pages {
		var line []word
		width := 0.0
		for j, t := range strings.Fields(d.Footer(i + 1)) {
			w := d.shaper.shape(t)
			if j > 0 {
				width += space.width()
			}
			line = append(line, w)
			width += w.width
		}
		size := 8.0
		if room := pageWidth - 2*margin; width*size/emUnits > room {
			size = max(4, room*emUnits/width)
		}
		x := (pageWidth - width*size/emUnits) / 2
		writeLine(p, d.font, space, line, x, 10*mm, size, Regular)
	}
}
