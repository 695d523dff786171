package handoutpdf

import "strings"

// stand-ins for characters the embedded font has no glyph for: Lohit
// Devanagari draws Latin, Devanagari and common punctuation, but no
// arrows, ticks or bullets, and a character without a glyph is printed
// as an empty box. These are written instead, in characters it has.
var standIns = map[rune]string{
	'→': "->", '←': "<-", '↔': "<->", '⇒': "=>", '⟶': "->", '➔': "->",
	'✓': "yes", '✔': "yes", '✗': "no", '✘': "no",
	'•': "-", '◦': "-", '▪': "-", '☐': "[ ]", '☑': "[x]",
	'≥': ">=", '≤': "<=", '≠': "!=", '×': "x", '…': "...",
	'\u00a0': " ", '\u2009': " ", '\u202f': " ",
}

// drawable is text with every character the font cannot draw replaced by
// its stand-in, or by "?" when it has none; characters that shaping
// joins (zero-width joiners, Devanagari signs) are left to the shaper.
func (f *fontUse) drawable(text string) string {
	if f.canDraw(text) {
		return text
	}
	var b strings.Builder
	for _, r := range text {
		switch {
		case f.hasGlyph(r) || r < ' ' || r == '\u200c' || r == '\u200d':
			b.WriteRune(r)
		case standIns[r] != "" && f.canDraw(standIns[r]):
			b.WriteString(standIns[r])
		default:
			b.WriteByte('?')
		}
	}
	return b.String()
}

func (f *fontUse) canDraw(text string) bool {
	for _, r := range text {
		if !f.hasGlyph(r) && r >= ' ' && r != '\u200c' && r != '\u200d' {
			return false
		}
	}
	return true
}

func (f *fontUse) hasGlyph(r rune) bool {
	g, ok := f.face.NominalGlyph(r)
	return ok && g != 0
}
