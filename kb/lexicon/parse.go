package lexicon

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// kinds are the kinds of concept, in the order the data file lists them.
var kinds = []string{"exploitation", "victim", "offender", "place", "police", "law", "agency", "general"}

// Kinds returns the kinds of concept: "exploitation", "victim",
// "offender", "place", "police", "law", "agency" and "general".
func Kinds() []string { return slices.Clone(kinds) }

// ParseError is a malformed line of a lexicon.
type ParseError struct {
	Line int // from 1
	Msg  string
}

func (e *ParseError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// maxErrors is how many problems Parse reports before it stops looking:
// enough to fix a batch of entries at once.
const maxErrors = 20

// parser holds what the lines read so far have set.
type parser struct {
	sources  map[string]string // key → text
	kind     string
	concepts []Concept
	lines    []int // of each concept
	errs     []error
}

// Parse reads a lexicon in the format the package documentation gives
// and checks it: every entry complete, each term in its script, sources
// defined, related concepts known, and no term in two concepts that are
// not marked related. Its error names the line of each problem.
func Parse(r io.Reader) ([]Concept, error) {
	p := &parser{sources: map[string]string{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	for n := 1; sc.Scan() && len(p.errs) < maxErrors; n++ {
		p.line(n, strings.TrimSpace(sc.Text()))
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading the lexicon: %w", err)
	}
	if len(p.errs) == 0 {
		p.resolve()
	}
	if len(p.errs) > 0 {
		return nil, errors.Join(p.errs...)
	}
	return p.concepts, nil
}

func (p *parser) fail(line int, format string, args ...any) {
	p.errs = append(p.errs, &ParseError{Line: line, Msg: fmt.Sprintf(format, args...)})
}

// line reads one line: a comment, a source, a kind or an entry.
func (p *parser) line(n int, s string) {
	switch {
	case s == "" || strings.HasPrefix(s, "#"):
	case strings.HasPrefix(s, "@"):
		key, text, ok := strings.Cut(s[1:], "=")
		key, text = strings.TrimSpace(key), strings.TrimSpace(text)
		if !ok || key == "" || text == "" || strings.ContainsAny(key, " ;|") {
			p.fail(n, "a source is @key = text, got %q", s)
		} else if _, dup := p.sources[key]; dup {
			p.fail(n, "source @%s defined twice", key)
		} else {
			p.sources[key] = text
		}
	case strings.HasPrefix(s, "["):
		kind := strings.TrimSuffix(strings.TrimPrefix(s, "["), "]")
		if !strings.HasSuffix(s, "]") || !slices.Contains(kinds, kind) {
			p.fail(n, "a kind is one of [%s], got %q", strings.Join(kinds, "], ["), s)
			return
		}
		p.kind = kind
	default:
		if c, ok := p.entry(n, s); ok {
			p.concepts = append(p.concepts, c)
			p.lines = append(p.lines, n)
		}
	}
}

// entry reads a concept's line: labelled parts separated by "|".
func (p *parser) entry(n int, s string) (Concept, bool) {
	c := Concept{Kind: p.kind}
	if c.Kind == "" {
		p.fail(n, "an entry before any [kind] line")
		return c, false
	}
	seen := map[string]bool{}
	for _, part := range strings.Split(s, "|") {
		label, value, ok := strings.Cut(part, ":")
		label = strings.TrimSpace(label)
		if !ok || seen[label] {
			p.fail(n, "part %q: want one each of en:, hi:, ro:, src: and optionally see:", strings.TrimSpace(part))
			return c, false
		}
		seen[label] = true
		terms, bad := splitTerms(value)
		if bad != "" {
			p.fail(n, "%s: %s", label, bad)
			return c, false
		}
		if !p.setPart(n, &c, label, terms) {
			return c, false
		}
	}
	for _, label := range []string{"en", "hi", "ro", "src"} {
		if !seen[label] {
			p.fail(n, "entry without %s:", label)
			return c, false
		}
	}
	return c, true
}

// splitTerms splits a part's value at ";", and says what is wrong with it.
func splitTerms(value string) (terms []string, bad string) {
	for _, t := range strings.Split(value, ";") {
		t = strings.Join(strings.Fields(t), " ")
		switch {
		case t == "":
			return nil, "an empty term"
		case slices.Contains(terms, t):
			return nil, fmt.Sprintf("%q listed twice", t)
		}
		terms = append(terms, t)
	}
	return terms, ""
}
