package indexer

import (
	"regexp"
	"strconv"
	"strings"
)

// Figure is a count a case study states, with what it counts and the
// sentence it comes from: "212 workers including 61 minors were rescued"
// gives rescued 212 workers and rescued 61 minors.
type Figure struct {
	Measure  string `json:"measure"` // rescued, arrested, firs, chargesheeted, convicted
	Count    int    `json:"count"`
	Of       string `json:"of,omitempty"` // workers, minors, girls, traffickers…
	Sentence string `json:"sentence,omitempty"`
}

var (
	sentenceEndRE = regexp.MustCompile(`[.;!?]\s+|\n\n`)
	// A count and the noun after it: "212 workers", "61 minors", "5 of
	// them minors", "12 were" (the noun is the one before).
	countRE   = regexp.MustCompile(`\b(\d{1,3}(?:,\d{3})+|\d{1,5})\b(\s+of\s+them)?(?:\s+(?:more|other|young|adult|bonded|migrant|tribal|suspected|alleged))?\s+([A-Za-z][A-Za-z-]*)(?:\s+([A-Za-z][A-Za-z-]*))?`)
	measureRE = regexp.MustCompile(`(?i)\b(rescued|freed|released|liberated|arrested|apprehended|nabbed|held|convicted|sentenced|charge[- ]?sheeted|registered|lodged|booked)\b`)
)

// victimNouns are rescued, perpetratorNouns arrested and convicted:
// a count is joined to the nearest measure that fits what it counts.
var (
	victimNouns      = wordSet("victims workers labourers minors children girls boys women persons people survivors families men adolescents youths domestic fishermen donors")
	perpetratorNouns = wordSet("traffickers agents accused persons people offenders recruiters brokers pimps owners employers touts suspects members men women")
	caseNouns        = wordSet("firs cases complaints")
	auxWords         = wordSet("were was are have had has of them")
)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// readFigures reads the figures of a text, sentence by sentence.
func readFigures(text string) []Figure {
	var out []Figure
	for _, s := range splitSentences(text) {
		out = append(out, sentenceFigures(s)...)
	}
	return out
}

func splitSentences(text string) []string {
	var out []string
	last := 0
	for _, m := range sentenceEndRE.FindAllStringIndex(text, -1) {
		out = append(out, strings.TrimSpace(text[last:m[1]]))
		last = m[1]
	}
	if rest := strings.TrimSpace(text[last:]); rest != "" {
		out = append(out, rest)
	}
	return out
}

type countAt struct {
	n          int
	noun       string
	start, end int
	ofThem     bool
}

// sentenceFigures joins each count to a measure word of its sentence:
// the first one after it that fits what it counts ("61 minors … rescued"),
// or the one before it for "5 of them minors" and "rescued 28 victims".
func sentenceFigures(s string) []Figure {
	measures := measureRE.FindAllStringSubmatchIndex(s, -1)
	if len(measures) == 0 {
		return nil
	}
	var counts []countAt
	for _, m := range countRE.FindAllStringSubmatchIndex(s, -1) {
		n, err := strconv.Atoi(strings.ReplaceAll(s[m[2]:m[3]], ",", ""))
		noun, end := strings.ToLower(s[m[6]:m[7]]), m[7]
		if m[8] >= 0 && !knownNoun(noun) && knownNoun(strings.ToLower(s[m[8]:m[9]])) {
			noun, end = strings.ToLower(s[m[8]:m[9]]), m[9] // "5 placement agents"
		}
		if err != nil || isYearLike(n, noun) {
			continue
		}
		c := countAt{n: n, noun: noun, start: m[0], end: end, ofThem: m[4] >= 0}
		if auxWords[noun] && len(counts) > 0 {
			c.noun = counts[len(counts)-1].noun // "and 12 were convicted"
		}
		counts = append(counts, c)
	}
	var out []Figure
	sentence := strings.Join(strings.Fields(s), " ")
	for i, c := range counts {
		next := len(s)
		if i+1 < len(counts) {
			next = counts[i+1].start
		}
		measure := pickMeasure(s, measures, c, next)
		if measure == "" {
			continue
		}
		f := Figure{Measure: measure, Count: c.n, Of: c.noun, Sentence: sentence}
		if measure == "firs" {
			f.Of = ""
		}
		out = appendFigure(out, f)
	}
	return out
}

// A measure after the next count belongs to the next clause when a comma
// parts them: in "31 girls were stopped before leaving, 12 were rescued"
// the 31 were not rescued. next is where the next count starts.
func pickMeasure(s string, measures [][]int, c countAt, next int) string {
	var before, after string
	nextClause := strings.Contains(s[c.end:next], ",")
	for _, m := range measures {
		name := measureName(s[m[2]:m[3]], c.noun)
		if name == "" {
			continue
		}
		if m[0] >= c.end && after == "" && !(nextClause && m[0] >= next) {
			after = name
		}
		if m[1] <= c.start {
			before = name
		}
	}
	if c.ofThem && before != "" {
		return before
	}
	if after != "" {
		return after
	}
	return before
}

// measureName names what a measure word counts, or "" when it does not
// fit the noun (traffickers are not rescued, victims not arrested).
func measureName(word, noun string) string {
	w := strings.ToLower(strings.ReplaceAll(strings.ReplaceAll(word, "-", ""), " ", ""))
	switch w {
	case "rescued", "freed", "released", "liberated":
		if victimNouns[noun] {
			return "rescued"
		}
	case "arrested", "apprehended", "nabbed", "held":
		if perpetratorNouns[noun] {
			return "arrested"
		}
	case "convicted", "sentenced":
		if perpetratorNouns[noun] {
			return "convicted"
		}
	case "chargesheeted":
		if perpetratorNouns[noun] || caseNouns[noun] {
			return "chargesheeted"
		}
	case "registered", "lodged", "booked":
		if caseNouns[noun] {
			return "firs"
		}
	}
	return ""
}

// knownNoun reports whether a word names what a figure counts.
func knownNoun(w string) bool { return victimNouns[w] || perpetratorNouns[w] || caseNouns[w] }

// isYearLike: "in 2008 police…" counts nothing.
func isYearLike(n int, noun string) bool {
	return n >= 1900 && n <= 2100 && !victimNouns[noun] && !perpetratorNouns[noun] && !caseNouns[noun]
}

func appendFigure(list []Figure, f Figure) []Figure {
	for _, x := range list {
		if x.Measure == f.Measure && x.Count == f.Count && x.Of == f.Of {
			return list
		}
	}
	return append(list, f)
}
