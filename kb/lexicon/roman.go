package lexicon

import "strings"

// FoldRoman folds the spelling variants of romanised Hindi to one key,
// word by word, so that the ways officers type one Hindi word agree:
// "bachche", "bacche", "bachhe" and "bache" are all "bache"; "mazdoor",
// "majdoor", "mazdur" and "majdur" are all "majdur"; "gaayab" is "gayab".
//
// The key is lower-case ASCII letters and digits, words separated by one
// space (any other character separates words). Within a word, in order:
//
//   - q is k, z is j, w is v, ph is f: the nukta sounds (क़, ज़, फ़) are
//     typed either way, and व is typed as w or v;
//   - chh, cch and chch are ch: छ and च्च are typed all three ways;
//   - ee is i and oo is u (ई, ऊ), then a doubled letter is one letter
//     (aa, ii, uu, tt, ss: the long vowel or the geminate);
//   - a final y after a consonant is i ("taskary" is "taskari");
//   - a final h after e or o is dropped ("yeh", "woh"): it spells the
//     vowel, not a ह. After a, a final h is a real ह ("vivah", "rah",
//     "maah") and stays.
//
// A word without a vowel is an abbreviation and is kept as typed
// ("ssp" and "sp", "bnss" and "bns" are different things).
//
// What it does not fold, because the letters tell words apart: a final
// vowel ("bal" बाल and "bali" बलि, "ladka" and "ladki", "thana" and
// "than"), aspiration ("sath" साथ and "sat" सात, "kh" and "k"), s and sh,
// d and r (ड़ is typed both ways: the lexicon lists both spellings).
//
// Folding long vowels and geminates together costs a few real pairs,
// which a typist cannot tell apart anyway: "kaam" (काम, work) and "kam"
// (कम, less) are one key, as are "patta" (पत्ता) and "pata" (पता). Officers
// type "kam" for work as often as "kaam", so the lexicon treats both as
// work and lists no कम.
func FoldRoman(s string) string {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !('a' <= r && r <= 'z' || '0' <= r && r <= '9')
	})
	for i, w := range words {
		words[i] = foldRomanWord(w)
	}
	return strings.Join(words, " ")
}

// romanSounds are the replacements made before doubled letters collapse,
// in order: "chh" must become "ch" before "hh" could, and "ee" must
// become "i" before it could become "e".
var romanSounds = strings.NewReplacer(
	"q", "k", "z", "j", "w", "v", "ph", "f",
	"chch", "ch", "cch", "ch", "chh", "ch",
	"ee", "i", "oo", "u",
)

// foldRomanWord folds one lower-case word of letters and digits. A word
// without a vowel is an abbreviation ("ssp", "bnss", "cctv") and stays as
// it is: folding its doubled letters would make "ssp" the "sp" it is not.
func foldRomanWord(w string) string {
	if strings.IndexAny(w, "aeiou") < 0 {
		return w
	}
	w = romanSounds.Replace(w)
	b := make([]byte, 0, len(w))
	for i := 0; i < len(w); i++ {
		if i > 0 && w[i] == w[i-1] && !isDigit(w[i]) {
			continue
		}
		b = append(b, w[i])
	}
	if n := len(b); n >= 2 {
		switch last, prev := b[n-1], b[n-2]; {
		case last == 'y' && !isVowel(prev):
			b[n-1] = 'i'
		case last == 'h' && (prev == 'e' || prev == 'o'):
			b = b[:n-1]
		}
	}
	return string(b)
}

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
