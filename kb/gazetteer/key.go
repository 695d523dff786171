package gazetteer

import (
	"strings"
	"unicode"
)

// key is what names are compared by: lower case, letters, digits and
// marks only ("Tamil Nadu", "tamilnadu" and "TAMIL-NADU" are one), and in
// Devanagari the spellings Hindi writes for one name made one: the nukta
// left out (छत्तीसगढ़, छत्तीसगढ), a class nasal before its stop as anusvara
// (झारखण्ड, झारखंड), chandrabindu as anusvara (गाँव, गांव).
func key(s string) string {
	var b strings.Builder
	rs := []rune(strings.ToLower(s))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == nukta:
			continue
		case r >= '\u0958' && r <= '\u095f':
			r = nuktaBase[r-'\u0958']
		case r == chandrabindu:
			r = anusvara
		case isNasal(r) && i+2 < len(rs) && rs[i+1] == virama && nasalOf(rs[i+2]) == r:
			r = anusvara
			i++ // the virama
		case !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.In(r, unicode.Mn, unicode.Mc)):
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

const (
	anusvara     = 'ं'
	chandrabindu = 'ँ'
	virama       = '्'
	nukta        = '़'
)

// nuktaBase are the letters क़ ख़ ग़ ज़ ड़ ढ़ फ़ य़ (U+0958 to U+095F) without their nukta.
var nuktaBase = []rune{'क', 'ख', 'ग', 'ज', 'ड', 'ढ', 'फ', 'य'}

func isNasal(r rune) bool { return r == 'ङ' || r == 'ञ' || r == 'ण' || r == 'न' || r == 'म' }

// nasalOf is the nasal of a stop's class: ण for ट ठ ड ढ; 0 for a letter
// that is no stop.
func nasalOf(r rune) rune {
	switch {
	case r >= 'क' && r <= 'घ':
		return 'ङ'
	case r >= 'च' && r <= 'झ':
		return 'ञ'
	case r >= 'ट' && r <= 'ढ':
		return 'ण'
	case r >= 'त' && r <= 'ध':
		return 'न'
	case r >= 'प' && r <= 'भ':
		return 'म'
	}
	return 0
}
