package kb

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// SubmissionSections are the parts of a submission that make a published
// practice's text, in order, each under its heading. Pages know a
// heading from an answer by this list, not by how short a line is: an
// answer such as "IJM, District Revenue Office" is short too.
var SubmissionSections = []struct {
	Heading string
	Answer  func(SubmissionFields) string
}{
	{"Problem", func(f SubmissionFields) string { return f.Problem }},
	{"What was done", func(f SubmissionFields) string { return f.Action }},
	{"Results", func(f SubmissionFields) string { return f.Results }},
	{"Resources used", func(f SubmissionFields) string { return f.Resources }},
	{"Lessons and replication", func(f SubmissionFields) string { return f.Lessons }},
	{"Evidence of effect", func(f SubmissionFields) string { return f.Evidence }},
	{"Laws used", func(f SubmissionFields) string { return f.Laws }},
	{"Partners", func(f SubmissionFields) string { return f.Partners }},
}

// SubmissionText is the text of the practice a submission publishes: each
// answered section's heading, then its answer, separated by blank lines.
func SubmissionText(f SubmissionFields) string {
	var text strings.Builder
	for _, s := range SubmissionSections {
		if body := strings.TrimSpace(s.Answer(f)); body != "" {
			fmt.Fprintf(&text, "%s\n\n%s\n\n", s.Heading, body)
		}
	}
	return strings.TrimSpace(text.String())
}

// IsSubmissionHeading reports whether a paragraph of a submitted
// practice's text is one of its section headings.
func IsSubmissionHeading(para string) bool {
	for _, s := range SubmissionSections {
		if para == s.Heading {
			return true
		}
	}
	return false
}

// RequiredForReview are the fields a submission needs before it goes to
// review (a draft may be saved without them), as the form marks them.
var RequiredForReview = map[string]bool{"title": true, "states": true, "problem": true, "action": true, "results": true, "lessons": true}

var periodYearRE = regexp.MustCompile(`\b(19[5-9]\d|20\d\d)(?:\s*(?:-|–|—|to|till|until)\s*(\d{4}|\d{2})\b)?`)

// PeriodYears are the years a period names, ranges spread out: "2023-2024"
// gives 2023 and 2024, "2019–21" 2019 to 2021, "March 2022" 2022. Years
// after now are not a practice's (a typo, or a plan); a range is capped at
// thirty years.
func PeriodYears(period string, now time.Time) []int {
	seen := map[int]bool{}
	var out []int
	add := func(y int) {
		if y >= 1950 && y <= now.Year() && !seen[y] {
			seen[y] = true
			out = append(out, y)
		}
	}
	for _, m := range periodYearRE.FindAllStringSubmatch(period, -1) {
		from, _ := strconv.Atoi(m[1])
		to := from
		if m[2] != "" {
			to, _ = strconv.Atoi(m[2])
			if len(m[2]) == 2 {
				to += from / 100 * 100
			}
		}
		if to < from || to-from > 30 {
			to = from
		}
		for y := from; y <= to; y++ {
			add(y)
		}
	}
	sort.Ints(out)
	return out
}

// submissionYears are a submitted practice's years: those of the period
// the officer gave, or failing that the years its text mentions.
func submissionYears(f SubmissionFields, fromText []int, now time.Time) []int {
	if years := PeriodYears(f.Period, now); len(years) > 0 {
		return years
	}
	return fromText
}
