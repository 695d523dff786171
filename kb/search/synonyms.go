package search

import (
	_ "embed"
	"strings"
)

//go:embed synonyms.txt
var synonymList string

// synonyms maps each term (lower case, words separated by one space) to
// the other terms of its groups.
type synonyms struct {
	alts    map[string][]string
	longest int // words in the longest term
}

func parseSynonyms(list string) *synonyms {
	s := &synonyms{alts: map[string][]string{}}
	for _, line := range strings.Split(list, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var group []string
		for _, t := range strings.Split(line, ",") {
			if t = normalizeTerm(t); t != "" {
				group = append(group, t)
				s.longest = max(s.longest, len(strings.Fields(t)))
			}
		}
		for _, t := range group {
			for _, o := range group {
				if o != t && !contains(s.alts[t], o) {
					s.alts[t] = append(s.alts[t], o)
				}
			}
		}
	}
	return s
}

var defaultSynonyms = parseSynonyms(synonymList)

func normalizeTerm(t string) string {
	return strings.Join(strings.Fields(strings.ToLower(strings.NewReplacer("(", " ", ")", " ").Replace(t))), " ")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// unit is one thing the user asked for: a word, or a run of words that
// the synonym list knows as one term ("child welfare committee").
type unit struct {
	text string
	alts []string
}

// units groups words into units, longest known terms first.
func (s *synonyms) units(words []string) []unit {
	var out []unit
	for i := 0; i < len(words); {
		matched := false
		for n := min(s.longest, len(words)-i); n >= 1; n-- {
			term := normalizeTerm(strings.Join(words[i:i+n], " "))
			if alts, ok := s.alts[term]; ok {
				out = append(out, unit{text: strings.Join(words[i:i+n], " "), alts: alts})
				i += n
				matched = true
				break
			}
		}
		if !matched {
			out = append(out, unit{text: words[i]})
			i++
		}
	}
	return out
}
