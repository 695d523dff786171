package indexer

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// hindiPlaces are the states' and neighbouring countries' names as Hindi
// texts write them, with the common variant spellings (झारखंड and
// झारखण्ड, ओडिशा and the old उड़ीसा).
var hindiPlaces = map[string][]string{
	"Andhra Pradesh": {"आंध्र प्रदेश", "आन्ध्र प्रदेश"}, "Arunachal Pradesh": {"अरुणाचल प्रदेश"},
	"Assam": {"असम"}, "Bihar": {"बिहार"}, "Chhattisgarh": {"छत्तीसगढ़", "छत्तीसगढ"},
	"Goa": {"गोवा"}, "Gujarat": {"गुजरात"}, "Haryana": {"हरियाणा"}, "Himachal Pradesh": {"हिमाचल प्रदेश"},
	"Jharkhand": {"झारखंड", "झारखण्ड"}, "Karnataka": {"कर्नाटक"}, "Kerala": {"केरल"},
	"Madhya Pradesh": {"मध्य प्रदेश", "मध्यप्रदेश"}, "Maharashtra": {"महाराष्ट्र", "मुंबई"},
	"Manipur": {"मणिपुर"}, "Meghalaya": {"मेघालय"}, "Mizoram": {"मिज़ोरम", "मिजोरम"},
	"Nagaland": {"नागालैंड"}, "Odisha": {"ओडिशा", "उड़ीसा", "ओड़िशा"}, "Punjab": {"पंजाब"},
	"Rajasthan": {"राजस्थान"}, "Sikkim": {"सिक्किम"}, "Tamil Nadu": {"तमिलनाडु", "तमिल नाडु", "चेन्नई"},
	"Telangana": {"तेलंगाना"}, "Tripura": {"त्रिपुरा"}, "Uttar Pradesh": {"उत्तर प्रदेश"},
	"Uttarakhand": {"उत्तराखंड", "उत्तराखण्ड"}, "West Bengal": {"पश्चिम बंगाल", "कोलकाता"},
	"Andaman and Nicobar Islands": {"अंडमान और निकोबार"}, "Chandigarh": {"चंडीगढ़"},
	"Delhi": {"दिल्ली", "नई दिल्ली"}, "Jammu and Kashmir": {"जम्मू और कश्मीर", "जम्मू-कश्मीर"},
	"Ladakh": {"लद्दाख"}, "Lakshadweep": {"लक्षद्वीप"}, "Puducherry": {"पुडुचेरी"},
	"Nepal": {"नेपाल"}, "Bangladesh": {"बांग्लादेश", "बांगलादेश"}, "Myanmar": {"म्यांमार"},
	"Bhutan": {"भूटान"}, "Sri Lanka": {"श्रीलंका", "श्री लंका"},
}

// placeFinder finds names from a list in text, whole words only, in any
// script: a name must not run on into a letter, digit or combining mark
// (a \b in Go's regexp knows only ASCII letters, so it fails beside
// Devanagari). It looks names up by their first word instead of running
// one alternation of every name over the text, which is several times
// faster on long reports.
type placeFinder map[string][]string // first word to spellings, longest first

func newPlaceFinder(spellings []string) placeFinder {
	pf := placeFinder{}
	for _, s := range spellings {
		s = strings.ToLower(s)
		first := s[:wordEnd(s, 0)]
		if first == "" {
			continue
		}
		pf[first] = append(pf[first], s)
	}
	for _, list := range pf {
		sort.Slice(list, func(i, j int) bool { return len(list[i]) > len(list[j]) })
	}
	return pf
}

// each calls fn with each name found in s, lower-cased, in order.
func (pf placeFinder) each(s string, fn func(spelling string)) {
	lower := strings.ToLower(s)
	for i := 0; i < len(lower); {
		r, n := utf8.DecodeRuneInString(lower[i:])
		if !isWordRune(r) {
			i += n
			continue
		}
		end := wordEnd(lower, i)
		found := ""
		for _, c := range pf[lower[i:end]] {
			if strings.HasPrefix(lower[i:], c) && wordEnd(lower, i+len(c)) == i+len(c) {
				found = c
				break
			}
		}
		if found != "" {
			fn(found)
			end = i + len(found)
		}
		i = end
	}
}

// wordEnd is where the word that starts at i ends.
func wordEnd(s string, i int) int {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			break
		}
		i += n
	}
	return i
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
}
