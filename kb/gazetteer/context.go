package gazetteer

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// placeWords, beside a name, say it is a place: "Gaya district",
// "district of Mandi", "सागर जिले". They are keys, so that ज़िला with its
// nukta, composed or not, and जिला without are one.
var placeWords = keySet("district", "districts", "city", "town", "tehsil", "block", "village",
	"जिला", "जिले", "जनपद", "शहर", "कस्बा", "कस्बे")

func keySet(words ...string) map[string]bool {
	m := map[string]bool{}
	for _, w := range words {
		m[key(w)] = true
	}
	return m
}

func isPlaceWord(w string) bool { return placeWords[key(w)] }

// cueWords before a capitalised name say it is a place: "from Salem".
var cueWords = map[string]bool{
	"from": true, "to": true, "in": true, "at": true, "via": true, "into": true, "near": true, "towards": true, "through": true, "across": true,
}

// hasContext says whether the text around words i to j says they name a
// place, written with a capital if in Latin letters: a place word after
// the name or before it ("district of Gaya"), its state after a comma or
// bracket ("Una, Himachal Pradesh"), or a cue word before it ("to
// Salem"), so that "Salem witch trials" and "the mandi price" name no
// place and "Mandi district" does.
func (m *matcher) hasContext(t tokens, i, j int) bool {
	first, _ := utf8.DecodeRuneInString(t.text[t.spans[i][0]:])
	if unicode.IsLower(first) {
		return false // "to", "salon": a name in Latin letters is written with a capital
	}
	if j < len(t.spans) && isPlaceWord(t.word(j)) && isSpace(t.gap(j)) {
		return true
	}
	if i > 0 && isPlaceWord(t.word(i-1)) && isSpace(t.gap(i)) {
		return true
	}
	if i > 1 && t.word(i-1) == "of" && isPlaceWord(t.word(i-2)) {
		return true
	}
	if j < len(t.spans) && strings.ContainsAny(t.gap(j), ",(") && strings.Trim(t.gap(j), " ,(") == "" && m.stateAt(t, j) {
		return true
	}
	return unicode.IsUpper(first) && i > 0 && cueWords[t.word(i-1)] && isSpace(t.gap(i)) && !calendarWords[t.word(i)]
}

// calendarWords are capitalised in any sentence: "in March" names a
// month, not Afghanistan's town.
var calendarWords = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
}

// stateAt says whether a state, union territory or country is named from
// word i on.
func (m *matcher) stateAt(t tokens, i int) bool {
	for _, sp := range m.byFirst[t.word(i)] {
		if !t.matches(sp, i) {
			continue
		}
		for _, r := range sp.refs {
			if k := m.places[r.id].Kind; !r.context && (k == KindState || k == KindUT || k == KindCountry) {
				return true
			}
		}
	}
	return false
}

func isSpace(s string) bool { return strings.TrimSpace(s) == "" }
