package kb

import (
	"fmt"
	"strings"
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
