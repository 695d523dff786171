package indexer

import (
	"regexp"
	"strings"
)

// Case labels as compendia in the languages the reader supports write
// them. A Hindi compendium heads its cases "उत्तम पहल १:" (good practice
// 1), "सर्वोत्तम प्रथा", "केस अध्ययन", "प्रकरण" or "उदाहरण"; Marathi ones
// "उत्तम कार्यपद्धती" or "यशोगाथा"; Bengali ones "উত্তম উদ্যোগ ১" or "কেস
// স্টাডি". Numbers come in the script's own digits as often as in ASCII.
var indicLabelRE = regexp.MustCompile(`^(?:` +
	// Devanagari: Hindi and Marathi.
	`(?:उत्तम|सर्वोत्तम|श्रेष्ठ|अच्छी|सर्वश्रेष्ठ)\s+(?:पहल|प्रथा|प्रथाएँ|पद्धति|पद्धत|कार्यपद्धती|कार्यप्रणाली|अभ्यास|उपक्रम)|` +
	`केस\s+(?:अध्ययन|स्टडी)|प्रकरण\s+अध्ययन|मामला\s+अध्ययन|प्रकरण|उदाहरण|यशोगाथा|` +
	// Bengali.
	`(?:উত্তম|সেরা|শ্রেষ্ঠ)\s+(?:উদ্যোগ|অনুশীলন|পদ্ধতি)|কেস\s+স্টাডি|দৃষ্টান্ত|উদাহরণ` +
	`)\s*(?:क्रमांक|क्रम\s+संख्या|संख्या|क्र\.|सं\.|নং|সংখ্যা)?\s*[-–—:]?\s*(\p{Nd}{1,3})\s*[:.\-–—)।]?\s*(.*)$`)

// caseLabel reads a case label ("Case Study 3: Title", "उत्तम पहल १:
// शीर्षक"): the whole match, the number in ASCII digits and what follows
// it; nil when t does not start with a label.
func caseLabel(t string) []string {
	if m := caseLabelRE.FindStringSubmatch(t); m != nil {
		return m
	}
	m := indicLabelRE.FindStringSubmatch(t)
	if m == nil {
		return nil
	}
	m[1] = asciiDigits(m[1])
	return m
}

// isCaseLabel reports whether t starts with a case label.
func isCaseLabel(t string) bool { return caseLabel(t) != nil }

// asciiDigits writes the digits of every Indic script (each script's
// block has them at the same offsets, from U+0966 in Devanagari) as
// ASCII digits, so that "२०२१" reads as 2021.
func asciiDigits(s string) string {
	if !strings.ContainsFunc(s, indicDigit) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if indicDigit(r) {
			return '0' + (r-0x0900)%0x80 - 0x66
		}
		return r
	}, s)
}

func indicDigit(r rune) bool {
	if r < 0x0900 || r > 0x0DFF {
		return false
	}
	o := (r - 0x0900) % 0x80
	return o >= 0x66 && o <= 0x6F
}
