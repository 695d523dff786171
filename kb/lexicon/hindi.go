package lexicon

import (
	"strings"
	"unicode"
)

// foldHindi folds the spelling variants of written Hindi that the
// lexicon's entries list one by one, so that a lookup of one finds the
// entry of another: with or without the nukta ("मज़दूर", "मजदूर"), the
// chandrabindu or the anusvara ("गाँव", "गांव"), and a nasal consonant
// with virama or the anusvara before a stop ("झारखण्ड", "झारखंड";
// "सम्बन्ध", "संबंध"). Zero-width joiners go, ASCII letters are
// lower-cased and words are separated by one space.
func foldHindi(s string) string {
	rs := []rune(s)
	out := make([]rune, 0, len(rs))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == nukta, r == '\u200c', r == '\u200d':
			continue
		case r >= '\u0958' && r <= '\u095f':
			r = nuktaBase[r-'\u0958']
		case r == chandrabindu:
			r = anusvara
		case isNasal(r) && i+2 < len(rs) && rs[i+1] == virama && isStop(rs[i+2]):
			r = anusvara
			i++ // the virama
		case r == '-' || unicode.IsSpace(r):
			r = ' '
		default:
			r = unicode.ToLower(r)
		}
		out = append(out, r)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

const (
	chandrabindu = '\u0901'
	anusvara     = '\u0902'
	nukta        = '\u093c'
	virama       = '\u094d'
)

// nuktaBase maps the precomposed letters with nukta, U+0958 to U+095F,
// to the letters without it.
var nuktaBase = [...]rune{'क', 'ख', 'ग', 'ज', 'ड', 'ढ', 'फ', 'य'}

// isNasal reports the nasal consonants that may stand for an anusvara.
func isNasal(r rune) bool { return r == 'ङ' || r == 'ञ' || r == 'ण' || r == 'न' || r == 'म' }

// isStop reports the consonants from क to म: before these, and only these,
// a nasal with virama is written as an anusvara ("अन्य" stays).
func isStop(r rune) bool { return r >= 'क' && r <= 'म' }

// isDevanagariTerm reports whether a term is written in Devanagari: it
// has Devanagari letters and no Latin ones (digits and punctuation may
// stand in either script, as in "धारा 370").
func isDevanagariTerm(t string) bool {
	deva := false
	for _, r := range t {
		switch {
		case unicode.Is(unicode.Devanagari, r):
			deva = true
		case unicode.IsLetter(r):
			return false
		}
	}
	return deva
}

// hasDevanagari reports whether s has a Devanagari character.
func hasDevanagari(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Devanagari, r) {
			return true
		}
	}
	return false
}

// isASCIITerm reports whether a term is ASCII with at least one letter or
// digit, as romanised and English terms are.
func isASCIITerm(t string) bool {
	alnum := false
	for _, r := range t {
		if r > unicode.MaxASCII {
			return false
		}
		alnum = alnum || unicode.IsLetter(r) || unicode.IsDigit(r)
	}
	return alnum
}
