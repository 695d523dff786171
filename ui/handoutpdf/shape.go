package handoutpdf

import (
	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// Shaped text is measured in thousandths of an em, the unit of PDF glyph
// widths and TJ adjustments, so a word shaped once serves every size.
const emUnits = 1000

// glyph is one shaped glyph: its advance and its offset from the pen.
type glyph struct {
	id      font.GID
	advance float64
	dx, dy  float64
}

// cluster is the smallest run of glyphs that stands for a run of
// characters: one letter, or a Devanagari syllable (consonants, virama,
// matras) that the shaper reorders and joins as a whole.
type cluster struct {
	glyphs []glyph
	text   string
	// actual is set when the glyphs, read one by one through ToUnicode, do
	// not give back text: the page then says the text with ActualText.
	actual bool
}

func (c cluster) width() float64 {
	w := 0.0
	for _, g := range c.glyphs {
		w += g.advance
	}
	return w
}

// word is a run of text without spaces, shaped.
type word struct {
	clusters []cluster
	width    float64
}

// oneFace is a shaping.Fontmap with a single face: the embedded font
// covers every script the handouts use.
type oneFace struct{ face *font.Face }

func (o oneFace) ResolveFace(rune) *font.Face { return o.face }

// shaper shapes words with HarfBuzz's rules (go-text/typesetting's port):
// Devanagari's reordered i-matra, reph, conjuncts and mark positions come
// from the font's GSUB and GPOS tables.
type shaper struct {
	font  *fontUse
	hb    shaping.HarfbuzzShaper
	seg   shaping.Segmenter
	words map[string]word
}

// shape is the shaped word, from the cache when it was shaped before: a
// handout repeats its words (labels, states, "police") many times.
func (s *shaper) shape(text string) word {
	if w, ok := s.words[text]; ok {
		return w
	}
	key := text
	text = s.font.drawable(text)
	runes := []rune(text)
	in := shaping.Input{Text: runes, RunEnd: len(runes), Direction: di.DirectionLTR, Face: s.font.face, Size: fixed.I(emUnits)}
	var w word
	// The segmenter splits the word by script, so a Devanagari run gets
	// the Indic shaper and "AHTU/थाना" shapes each part by its own rules.
	for _, run := range s.seg.Split(in, oneFace{s.font.face}) {
		out := s.hb.Shape(run)
		w.clusters = append(w.clusters, s.clusters(out.Glyphs, runes)...)
	}
	for _, c := range w.clusters {
		w.width += c.width()
	}
	s.words[key] = w
	return w
}

// clusters groups shaped glyphs by the characters they came from.
func (s *shaper) clusters(gs []shaping.Glyph, runes []rune) []cluster {
	var out []cluster
	for i := 0; i < len(gs); {
		j := i
		for j < len(gs) && gs[j].TextIndex() == gs[i].TextIndex() {
			j++
		}
		from := gs[i].TextIndex()
		to := min(from+gs[i].RunesCount(), len(runes))
		c := cluster{text: string(runes[from:to])}
		for _, g := range gs[i:j] {
			c.glyphs = append(c.glyphs, glyph{id: g.GlyphID, advance: units(g.XAdvance), dx: units(g.XOffset), dy: units(g.YOffset)})
			s.font.use(g.GlyphID)
		}
		// A cluster of several glyphs gets ActualText even when each glyph
		// maps to one of its characters: poppler puts a zero-width matra
		// after the next glyph with an advance, reading "दुःख" as "दःु ख".
		c.actual = !s.font.mapCluster(c.glyphs, runes[from:to]) || len(c.glyphs) > 1
		out = append(out, c)
		i = j
	}
	return out
}

func units(v fixed.Int26_6) float64 { return float64(v) / 64 }

// space is the font's space as a one-glyph word; lines put a real space
// glyph between words so text extraction finds the word boundaries.
func (s *shaper) space() cluster {
	sp := s.shape(" ")
	if len(sp.clusters) == 0 {
		return cluster{text: " "}
	}
	return sp.clusters[0]
}
