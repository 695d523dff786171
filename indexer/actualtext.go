package indexer

import (
	"math"

	"github.com/ledongthuc/pdf"
)

// Marked content with /ActualText gives the text a run of glyphs stands
// for, in reading order. Producers that shape complex scripts (LibreOffice
// and Chromium on Devanagari) draw a cluster's glyphs in visual order (the
// short i-matra before its consonant, a reph after it, conjuncts as one
// ligature glyph whose ToUnicode entry is only whichever cluster used it
// first) and put the true text of the cluster in an ActualText span. The
// glyphs inside such a span are replaced by one glyph carrying that text,
// as pdftotext does: without it "किशोरियों" reads as "िकशो रय".

// markedContent is one open BMC/BDC ... EMC section of a content stream.
type markedContent struct {
	actual bool   // carries /ActualText
	text   string // the ActualText
	start  int    // index of the first glyph painted inside it
}

// beginMarked opens a marked-content section: args are the tag and, for
// BDC, an inline property dictionary or the name of one in the resources'
// /Properties. Nested ActualText inside ActualText is ignored: the outer
// text already stands for everything inside it.
func (pr *pageReader) beginMarked(op string, args []pdf.Value, res pdf.Value) {
	mc := markedContent{start: len(pr.glyphs)}
	if op == "BDC" && len(args) >= 2 && pr.actualOpen == 0 {
		props := args[1]
		if props.Kind() == pdf.Name {
			props = res.Key("Properties").Key(props.Name())
			if props.IsNull() {
				props = pr.pageRes.Key("Properties").Key(args[1].Name())
			}
		}
		if at := props.Key("ActualText"); at.Kind() == pdf.String {
			mc.actual, mc.text = true, infoText(at)
			pr.actualOpen++
		}
	}
	if len(pr.marks) < 256 {
		pr.marks = append(pr.marks, mc)
	}
}

// endMarked closes the innermost section; an ActualText section's glyphs
// become one glyph with the section's text, spanning them all.
func (pr *pageReader) endMarked() {
	if len(pr.marks) == 0 {
		return
	}
	mc := pr.marks[len(pr.marks)-1]
	pr.marks = pr.marks[:len(pr.marks)-1]
	if !mc.actual {
		return
	}
	pr.actualOpen--
	if mc.start > len(pr.glyphs) {
		return
	}
	inside := pr.glyphs[mc.start:]
	if len(inside) == 0 {
		return
	}
	g := inside[0]
	g.text = cleanGlyph(mc.text)
	if g.angle == 0 {
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, p := range inside {
			lo, hi = math.Min(lo, p.x), math.Max(hi, p.x+p.w)
		}
		g.x, g.w = lo, hi-lo
	} else {
		g.w = 0
		for _, p := range inside {
			g.w += p.w
		}
	}
	pr.glyphs = pr.glyphs[:mc.start]
	if g.text != "" {
		pr.glyphs = append(pr.glyphs, g)
	}
}
