package ui

import (
	"regexp"
	"strings"
)

// The domain writes its problems in English, some with names in them
// ("Jharkhnd" is not a state or union territory of India. Did you mean
// Jharkhand?). A sentence of a fixed text is translated as it stands
// (value); one with names is matched here against the shapes the domain
// writes, and said again in the reader's language by the message of the
// same shape, with its names filled in: typed names as typed, known
// places and labels in the reader's language.

// sentenceShape is one shape of sentence and the message that says it.
type sentenceShape struct {
	re *regexp.Regexp
	id string
}

var sentenceShapes = []sentenceShape{
	{regexp.MustCompile(`^"(?P<Name>.+)" is not a state or union territory of India\.(?: Did you mean (?P<Near>.+)\?)?$`), "problem_not_a_state"},
	{regexp.MustCompile(`^"(?P<Name>.+)" is not a place we know\. Did you mean (?P<Near>.+)\?$`), "problem_not_a_place"},
	{regexp.MustCompile(`^route (?P<N>\d+): (?P<Role>source|transit|destination) “(?P<Name>.+)” is not a known state, country, district or city(?: \(did you mean (?P<Near>.+)\?\))?$`), "problem_route_place"},
	{regexp.MustCompile(`^confidence: from (?P<Min>[0-9.]+) to (?P<Max>[0-9.]+)$`), "audit_bulk_range"},
	{regexp.MustCompile(`^(?P<Label>.+): give a whole number from 0 to (?P<Max>\d+), e\.g\. 41, or leave it empty\.$`), "problem_whole_number"},
}

// sentenceIn says a domain sentence with names in lang; ok is false for
// a sentence of no known shape. Problems joined by "; " (a route
// editor's) are said one by one.
func (c *catalogue) sentenceIn(lang, s string) (string, bool) {
	if lang == "en" || !strings.ContainsAny(s, `"“:`) {
		return s, false
	}
	if parts := strings.Split(strings.TrimSuffix(s, "."), "; "); len(parts) > 1 || strings.HasPrefix(s, "route ") {
		said := false
		for i, p := range parts {
			if t, ok := c.shapeIn(lang, p); ok {
				parts[i], said = t, true
			}
		}
		if !said {
			return s, false
		}
		return strings.Join(parts, "; ") + c.text(lang, "sentence_end"), true
	}
	return c.shapeIn(lang, s)
}

// shapeIn says one sentence of a known shape in lang.
func (c *catalogue) shapeIn(lang, s string) (string, bool) {
	for _, sh := range sentenceShapes {
		m := sh.re.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		var args []any
		for i, name := range sh.re.SubexpNames() {
			switch {
			case name == "":
			case name == "Near" && m[i] == "":
				args = append(args, "Near", "")
			case name == "Near":
				args = append(args, "Near", c.nearIn(lang, m[i]))
			case name == "Label":
				args = append(args, name, c.value(lang, m[i]))
			case name == "Role":
				args = append(args, name, c.text(lang, "route_edit_"+m[i]))
			default:
				args = append(args, name, m[i])
			}
		}
		return c.text(lang, sh.id, args...), true
	}
	return s, false
}

// nearIn says the names a "did you mean" offers ("A, B or C") in lang,
// each in the reader's script with its English name, which the field
// accepts as well: "झारखंड (Jharkhand)".
func (c *catalogue) nearIn(lang, list string) string {
	var names []string
	for _, part := range strings.Split(list, ", ") {
		names = append(names, strings.Split(part, " or ")...)
	}
	for i, n := range names {
		if local := c.value(lang, n); local != n {
			names[i] = local + " (" + n + ")"
		}
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " " + c.text(lang, "or") + " " + names[len(names)-1]
}
