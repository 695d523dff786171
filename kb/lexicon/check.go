package lexicon

import (
	"slices"
	"strings"
)

// setPart checks a part's terms against its label and sets them.
func (p *parser) setPart(n int, c *Concept, label string, terms []string) bool {
	check := func(ok func(string) bool, what string) bool {
		for _, t := range terms {
			if !ok(t) {
				p.fail(n, "%s: %q is not %s", label, t, what)
				return false
			}
		}
		return true
	}
	switch label {
	case "en":
		c.English = terms
		return check(isASCIITerm, "ASCII")
	case "hi":
		c.Hindi = terms
		return check(isDevanagariTerm, "Devanagari")
	case "ro":
		c.Roman = terms
		return check(isASCIITerm, "ASCII")
	case "see":
		c.Related = terms
		return true
	case "src":
		var texts []string
		for _, key := range terms {
			text, ok := p.sources[key]
			if !ok {
				p.fail(n, "src: no source @%s defined above", key)
				return false
			}
			texts = append(texts, text)
		}
		c.Source = strings.Join(texts, "; ")
		return true
	}
	p.fail(n, "unknown label %q: want en, hi, ro, src or see", label)
	return false
}

// resolve checks what needs the whole file: that related concepts exist,
// named by their preferred English term, and that no term is in two
// concepts unless they are related. It names related concepts by their
// preferred term and makes the relation go both ways.
func (p *parser) resolve() {
	byName := map[string]int{}
	for i, c := range p.concepts {
		k := englishKey(c.English[0])
		if j, dup := byName[k]; dup {
			p.fail(p.lines[i], "%q is already the preferred term of line %d", c.English[0], p.lines[j])
		}
		byName[k] = i
	}
	related := map[[2]int]bool{}
	names := make([][]string, len(p.concepts)) // related, in the file's order
	for i, c := range p.concepts {
		for _, name := range c.Related {
			j, ok := byName[englishKey(name)]
			if !ok || j == i {
				p.fail(p.lines[i], "see: %q is not the preferred English term of another entry", name)
				continue
			}
			related[[2]int{i, j}], related[[2]int{j, i}] = true, true
			names[i] = appendNew(names[i], p.concepts[j].English[0])
			names[j] = appendNew(names[j], c.English[0])
		}
	}
	for i := range p.concepts {
		p.concepts[i].Related = names[i]
	}
	p.checkShared(related)
}

// checkShared fails each term, by its key, found in two concepts that are
// not related: a term must not mean two things. An English term is also
// checked folded as romanised Hindi, since Lookup tries both.
func (p *parser) checkShared(related map[[2]int]bool) {
	owner := map[string]int{}
	clash := func(i int, k string) {
		if j, seen := owner[k]; seen && j != i && !related[[2]int{i, j}] {
			p.fail(p.lines[i], "term %q is also in %q (line %d): merge them or mark them related with see:",
				k[2:], p.concepts[j].English[0], p.lines[j])
		}
	}
	for i, c := range p.concepts {
		for _, k := range termKeys(c) {
			clash(i, k)
			if _, seen := owner[k]; !seen {
				owner[k] = i
			}
		}
	}
	for i, c := range p.concepts {
		for _, t := range c.English {
			clash(i, "r:"+FoldRoman(t))
		}
	}
}

// termKeys are a concept's terms as Lookup finds them: English by
// englishKey, Hindi by foldHindi, romanised by FoldRoman, each with a
// prefix naming its script.
func termKeys(c Concept) []string {
	var keys []string
	for _, t := range c.English {
		keys = appendNew(keys, "e:"+englishKey(t))
	}
	for _, t := range c.Hindi {
		keys = appendNew(keys, "h:"+foldHindi(t))
	}
	for _, t := range c.Roman {
		keys = appendNew(keys, "r:"+FoldRoman(t))
	}
	return keys
}

// englishKey is an English term as Lookup compares it: lower-case, with
// hyphens as spaces and without full stops ("F.I.R.", "charge-sheet").
func englishKey(t string) string {
	t = englishMarks.Replace(strings.ToLower(t))
	return strings.Join(strings.Fields(t), " ")
}

var englishMarks = strings.NewReplacer("-", " ", ".", "")

// appendNew appends the values not already in list.
func appendNew(list []string, values ...string) []string {
	for _, v := range values {
		if !slices.Contains(list, v) {
			list = append(list, v)
		}
	}
	return list
}
