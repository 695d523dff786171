package indexer

import "unicode/utf8"

// Indic scripts write some vowel signs before the consonant they follow
// in speech: Devanagari's short i (ि in "कि") is typed after क but drawn
// to its left. A PDF whose producer gives no ActualText paints glyphs in
// drawing order, so the text reads "िक". The sign can only follow a
// consonant in logical text, so where one stands at the start of a word
// or after something that is not a consonant, it was drawn first and
// belongs after the consonant cluster that follows it. Where a consonant
// precedes it the order is already logical or cannot be told apart, and
// the text is left as it is.

// preBase are the vowel signs drawn before their consonant, by script.
var preBase = map[rune]bool{
	0x093F: true,                             // Devanagari i
	0x09BF: true, 0x09C7: true, 0x09C8: true, // Bengali i, e, ai
	0x0A3F: true,                             // Gurmukhi i
	0x0ABF: true,                             // Gujarati i
	0x0B47: true,                             // Oriya e
	0x0BC6: true, 0x0BC7: true, 0x0BC8: true, // Tamil e, ee, ai
	0x0D46: true, 0x0D47: true, 0x0D48: true, // Malayalam e, ee, ai
}

// Per script block (0x80 code points from U+0900), the consonants'
// range, the nukta and the virama; every script listed shares the
// Devanagari block layout.
func indicConsonant(r rune) bool {
	if r < 0x0900 || r > 0x0DFF {
		return false
	}
	o := (r - 0x0900) % 0x80
	return (o >= 0x15 && o <= 0x39) || (o >= 0x58 && o <= 0x5F) || o == 0x78 || o == 0x79 || o == 0x7A
}

func indicNukta(r rune) bool  { return r >= 0x0900 && r <= 0x0DFF && (r-0x0900)%0x80 == 0x3C }
func indicVirama(r rune) bool { return r >= 0x0900 && r <= 0x0DFF && (r-0x0900)%0x80 == 0x4D }

// reorderPreBase puts pre-base vowel signs drawn before their consonant
// cluster after it. Text without them comes back unchanged, quickly.
func reorderPreBase(s string) string {
	found := false
	for i := 0; i < len(s); i++ {
		if s[i] >= 0xE0 { // a three-byte rune: the Indic blocks are among them
			found = true
			break
		}
	}
	if !found || !utf8.ValidString(s) {
		return s
	}
	rs := []rune(s)
	changed := false
	for i := 0; i < len(rs); i++ {
		if !preBase[rs[i]] || (i > 0 && (indicConsonant(rs[i-1]) || indicNukta(rs[i-1]))) {
			continue
		}
		end := clusterEnd(rs, i+1)
		if end == i+1 {
			continue
		}
		sign := rs[i]
		copy(rs[i:end-1], rs[i+1:end])
		rs[end-1] = sign
		changed = true
		i = end - 1
	}
	if !changed {
		return s
	}
	return string(rs)
}

// clusterEnd is the index after the consonant cluster starting at i
// (consonant, nukta, then virama and consonant repeated), or i when no
// consonant starts there.
func clusterEnd(rs []rune, i int) int {
	j := i
	for j < len(rs) && indicConsonant(rs[j]) {
		j++
		if j < len(rs) && indicNukta(rs[j]) {
			j++
		}
		if j+1 < len(rs) && indicVirama(rs[j]) && indicConsonant(rs[j+1]) {
			j++
			continue
		}
		break
	}
	return j
}
