package main

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

const (
	anusvara     = 'ं'
	chandrabindu = 'ँ'
	virama       = '्'
	nukta        = '़'
)

// nasalOf is the nasal consonant of each class of stops: Hindi writes
// झारखंड and झारखण्ड, हिंदी and हिन्दी, for the same name.
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

// hindiVariants are the other common spellings of a Hindi name: the
// anusvara written as the class nasal and back (झारखंड, झारखण्ड), the
// nukta left out (छत्तीसगढ़, छत्तीसगढ) and chandrabindu as anusvara.
func hindiVariants(h string) []string {
	var out []string
	for _, v := range []string{toHalfNasal(h), toAnusvara(h), dropNukta(h), strings.ReplaceAll(h, string(chandrabindu), string(anusvara))} {
		if v != h {
			out = append(out, v)
		}
	}
	return out
}

func toHalfNasal(h string) string {
	rs := []rune(h)
	var out []rune
	for i, r := range rs {
		if r == anusvara && i+1 < len(rs) && nasalOf(rs[i+1]) != 0 {
			out = append(out, nasalOf(rs[i+1]), virama)
			continue
		}
		out = append(out, r)
	}
	return string(out)
}

func toAnusvara(h string) string {
	rs := []rune(h)
	var out []rune
	for i := 0; i < len(rs); i++ {
		if i+2 < len(rs) && rs[i+1] == virama && nasalOf(rs[i+2]) != 0 && nasalOf(rs[i+2]) == rs[i] {
			out = append(out, anusvara)
			i++ // the virama
			continue
		}
		out = append(out, rs[i])
	}
	return string(out)
}

// dropNukta writes क़ ख़ ग़ ज़ ड़ ढ़ फ़ य़ as their base letters, decomposed or not.
func dropNukta(h string) string {
	d := norm.NFD.String(h)
	return norm.NFC.String(strings.ReplaceAll(d, string(nukta), ""))
}

func isDevanagari(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Devanagari, r) {
			return true
		}
	}
	return false
}

// asciiName drops diacritics: GeoNames writes "Ṭikāpur", texts "Tikapur".
func asciiName(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		return s
	}
	return out
}

// titleCase writes an all-capitals or all-lower-case name as a name:
// "SOUTH ANDAMANS" is "South Andamans"; a mixed-case name is kept.
func titleCase(s string) string {
	if strings.ToUpper(s) != s && strings.ToLower(s) != s {
		return strings.Join(strings.Fields(s), " ")
	}
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		if i > 0 && (w == "and" || w == "of") {
			continue
		}
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		words[i] = string(r)
	}
	return strings.Join(words, " ")
}

// isCommon says whether a place's name is an ordinary English word, a
// district's or town's name of three letters or fewer, or listed as
// common in the overrides: such a name in running text needs context
// before it is taken for the place.
func isCommon(r *record, words, common map[string]bool) bool {
	if len([]rune(fold(r.Name))) <= 3 && (r.Kind == "district" || r.Kind == "city" || r.Kind == "province") {
		return true
	}
	return isCommonName(r.Name, words, common)
}

// isCommonName says whether one name is an ordinary word or listed as
// common. An acronym (UP, WB) is no word: the matcher takes it only in
// capitals.
func isCommonName(n string, words, common map[string]bool) bool {
	return common[fold(n)] || (!isDevanagari(n) && !isAcronym(n) && words[strings.ToLower(n)])
}

// commonAliases are a place's other names that are ordinary words:
// "Madras" is Chennai and a cloth, गया (Gaya) is "went", कोटा (Kota) a quota.
func commonAliases(r *record, words, common map[string]bool) []string {
	var out []string
	for _, a := range append(slices.Clone(r.Aliases), r.Hindi) {
		if isCommonName(a, words, common) {
			out = append(out, a)
		}
	}
	return out
}

// isAcronym: a name in capitals, "UP", "J&K", "NTR".
func isAcronym(s string) bool {
	return strings.ToUpper(s) == s && strings.ToLower(s) != s
}
