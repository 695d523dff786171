package handoutpdf

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"unicode/utf16"
)

// Style is how a run of text looks.
type Style int

// The styles. The handout embeds one font: bold is that font filled and
// stroked with a thin line, italic the same font slanted, which keeps the
// file to one font program.
const (
	Regular Style = iota
	Bold
	Italic
)

// lineWriter writes one line of shaped words into a page's content
// stream, in a text object of its own. Positions are kept in thousandths
// of an em from the line's start: pen is where the shaper put the next
// glyph's origin, at where the PDF's text position is, so the two can be
// reconciled with TJ adjustments (kerning, marks with offsets).
type lineWriter struct {
	b       *bytes.Buffer
	font    *fontUse
	space   cluster
	size    float64
	mode    string // the style's text rendering mode
	pen, at float64
	rise    float64
	inArray bool
}

// writeLine shows words at (x, y) in points from the page's bottom left,
// with a space glyph between words.
func writeLine(b *bytes.Buffer, f *fontUse, space cluster, words []word, x, y, size float64, st Style) {
	l := lineWriter{b: b, font: f, space: space, size: size, mode: "0 Tr"}
	if st == Bold {
		l.mode = fmt.Sprintf("%.2f w 2 Tr", size*0.03)
	}
	shear := 0.0
	if st == Italic {
		shear = 0.2
	}
	fmt.Fprintf(b, "BT /F1 %.2f Tf %s 1 0 %.2f 1 %.2f %.2f Tm\n", size, l.mode, shear, x, y)
	for i, w := range words {
		if i > 0 {
			l.cluster(space)
		}
		for _, c := range w.clusters {
			l.cluster(c)
		}
	}
	l.closeArray()
	if l.rise != 0 {
		b.WriteString("0 Ts\n")
	}
	b.WriteString("ET\n")
}

// cluster shows a cluster's glyphs; when they do not read back as its
// text, inside a span whose ActualText is the text, which is how
// LibreOffice and Chromium make Devanagari extractable.
func (l *lineWriter) cluster(c cluster) {
	if c.actual {
		l.closeArray()
		fmt.Fprintf(l.b, "/Span <</ActualText <%s>>> BDC\n", utf16Hex(c.text))
	}
	for _, g := range c.glyphs {
		l.glyph(g)
	}
	if c.actual {
		l.reachAdvance()
		l.closeArray()
		l.b.WriteString("EMC\n")
	}
}

// reachAdvance makes a span end where its cluster ends. Poppler gives the
// span's text the width from its first glyph's start to its last glyph's
// end; when the last is a matra drawn back over its consonant (कु, के)
// that falls short, and the gap to the next letter reads as a space: "कुछ"
// came back as "कु छ". An invisible space glyph (render mode 3) ending at
// the cluster's advance closes the span there.
func (l *lineWriter) reachAdvance() {
	if l.at >= l.pen-1 || len(l.space.glyphs) == 0 {
		return
	}
	sp := l.space.glyphs[0].id
	l.closeArray()
	l.b.WriteString("3 Tr\n")
	l.glyph(glyph{id: sp, dx: -l.font.use(sp)})
	l.closeArray()
	l.b.WriteString(l.mode + "\n")
}

func (l *lineWriter) glyph(g glyph) {
	if g.dy != l.rise {
		l.closeArray()
		fmt.Fprintf(l.b, "%.2f Ts\n", g.dy*l.size/emUnits)
		l.rise = g.dy
	}
	l.moveTo(l.pen + g.dx)
	const hex = "0123456789ABCDEF"
	l.b.Write([]byte{'<', hex[g.id>>12&15], hex[g.id>>8&15], hex[g.id>>4&15], hex[g.id&15], '>'})
	l.at += l.font.use(g.id)
	l.pen += g.advance
}

// moveTo moves the text position to x with a TJ number, which moves the
// next glyph left by that many thousandths of an em.
func (l *lineWriter) moveTo(x float64) {
	if !l.inArray {
		l.b.WriteByte('[')
		l.inArray = true
	}
	if d := x - l.at; math.Abs(d) >= 0.05 {
		l.b.Write(strconv.AppendFloat(l.b.AvailableBuffer(), -d, 'f', 1, 64))
		l.at = x
	}
}

func (l *lineWriter) closeArray() {
	if l.inArray {
		l.b.WriteString("] TJ\n")
		l.inArray = false
	}
}

// utf16Hex is s as a PDF text string in UTF-16BE with its byte order mark,
// in hex.
func utf16Hex(s string) string {
	var b bytes.Buffer
	b.WriteString("FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	return b.String()
}
