package handoutpdf

import (
	"bytes"
	_ "embed"
	"encoding/binary"
	"fmt"
	"strings"
	"sync"

	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
)

// Lohit Devanagari (SIL Open Font License 1.1, font/LICENSE) covers
// Devanagari and Latin-1 with the punctuation citations use (dashes, curly
// quotes, the middle dot), so one embedded font serves Hindi and English.
//
//go:embed font/Lohit-Devanagari.ttf
var lohit []byte

// postScriptName is the font's name in the PDF.
const postScriptName = "Lohit-Devanagari"

// parsedFont is the font parsed once: a font.Font is read-only, while a
// font.Face keeps glyph caches and so belongs to one document.
var parsedFont = sync.OnceValues(func() (*font.Font, error) {
	ld, err := ot.NewLoader(bytes.NewReader(lohit))
	if err != nil {
		return nil, fmt.Errorf("reading the embedded font: %w", err)
	}
	return font.NewFont(ld)
})

// fontUse is the font as one document uses it: the glyphs it shows, their
// widths, and the text each stands for in the ToUnicode map.
type fontUse struct {
	face *font.Face
	// text is what each glyph reads as. An entry is set once and never
	// changed, so a decision taken on it while a page was written (whether a
	// cluster needs ActualText) stays true for the finished file.
	text  map[font.GID]string
	width map[font.GID]float64 // thousandths of an em, for /W
}

func newFontUse() (*fontUse, error) {
	f, err := parsedFont()
	if err != nil {
		return nil, err
	}
	return &fontUse{face: font.NewFace(f), text: map[font.GID]string{}, width: map[font.GID]float64{}}, nil
}

// use records a glyph as shown and returns its width in thousandths of an em.
func (f *fontUse) use(g font.GID) float64 {
	w, ok := f.width[g]
	if !ok {
		w = float64(f.face.HorizontalAdvance(g)) * 1000 / float64(f.face.Upem())
		f.width[g] = w
	}
	return w
}

// mapCluster gives the cluster's glyphs their text where they have none yet
// and says whether reading the glyphs one by one gives back the cluster's
// text. A glyph the font's cmap reaches from one of the cluster's characters
// reads as that character; when one glyph is left (a conjunct such as क्ष, a
// half form) it reads as the characters left over. The glyphs of "कि" come
// in visual order, ि before क: each maps to its character, yet together
// they read "िक", so the cluster needs ActualText.
func (f *fontUse) mapCluster(glyphs []glyph, text []rune) (oneToOne bool) {
	left := append([]rune(nil), text...)
	var unmapped []font.GID
	for _, g := range glyphs {
		if t, ok := f.text[g.id]; ok {
			left = without(left, []rune(t))
			continue
		}
		if i := f.nominalIn(g.id, left); i >= 0 {
			f.text[g.id] = string(left[i])
			left = append(left[:i], left[i+1:]...)
			continue
		}
		if g.id != 0 { // .notdef reads as nothing
			unmapped = append(unmapped, g.id)
		}
	}
	if len(unmapped) == 1 && len(left) > 0 {
		f.text[unmapped[0]] = string(left)
	}
	var read strings.Builder
	for _, g := range glyphs {
		read.WriteString(f.text[g.id])
	}
	return read.String() == string(text)
}

// nominalIn is the index in rs of the character whose cmap glyph is g, or -1.
func (f *fontUse) nominalIn(g font.GID, rs []rune) int {
	for i, r := range rs {
		if n, ok := f.face.NominalGlyph(r); ok && n == g {
			return i
		}
	}
	return -1
}

// without removes one occurrence of each of cut's characters from rs.
func without(rs, cut []rune) []rune {
	for _, c := range cut {
		for i, r := range rs {
			if r == c {
				rs = append(rs[:i], rs[i+1:]...)
				break
			}
		}
	}
	return rs
}

// fontTable is the named table of a TrueType file, or nil.
func fontTable(data []byte, tag string) []byte {
	if len(data) < 12 {
		return nil
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		if rec+16 > len(data) {
			return nil
		}
		if string(data[rec:rec+4]) == tag {
			off, size := binary.BigEndian.Uint32(data[rec+8:]), binary.BigEndian.Uint32(data[rec+12:])
			if uint64(off)+uint64(size) > uint64(len(data)) {
				return nil
			}
			return data[off : off+size]
		}
	}
	return nil
}

// bbox is the font's bounding box from its head table, in thousandths of an em.
func (f *fontUse) bbox() [4]float64 {
	head := fontTable(lohit, "head")
	if len(head) < 44 {
		return [4]float64{0, -400, 1000, 1000}
	}
	scale := 1000 / float64(f.face.Upem())
	var box [4]float64
	for i := range box {
		box[i] = float64(int16(binary.BigEndian.Uint16(head[36+2*i:]))) * scale
	}
	return box
}
