package indexer

import (
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// A document's title is what a person would cite: the metadata title when
// it is a title and stands on the cover, otherwise the cover's largest
// text, its lines joined as they read.

var (
	// metadata titles that name a file or a template, not the document
	junkTitleRE = regexp.MustCompile(`(?i)untitled|microsoft\s+(word|powerpoint)|\.(docx?|pdf|indd|odt|rtf|pptx?)\b|^document\d*$|^slide\s*\d|^draft\b`)
	// cover labels that say what kind of document it is, not which
	genericTitleRE = regexp.MustCompile(`(?i)^(case\s+stud(y|ies)|report|annual\s+report|contents|guide|handbook|toolkit|compendium|casebook)$`)
)

func documentTitle(meta string, pages []Page) string {
	meta = strings.Join(strings.Fields(meta), " ")
	cover := coverTitle(pages)
	// The cover wins over metadata it spells out in full ("Response
	// Guide" on a cover that reads "… Response Guide for School …").
	if sensibleTitle(meta, pages) && !(len(cover) > len(meta) && containsWords(cover, meta)) {
		return meta
	}
	return cover
}

// sensibleTitle: a metadata title of a few words, not a file name, most
// of whose words stand on the first pages.
func sensibleTitle(t string, pages []Page) bool {
	ws := words(t)
	if len(ws) < 2 || len(ws) > 30 || junkTitleRE.MatchString(t) {
		return false
	}
	cover := map[string]bool{}
	for _, p := range pages[:min(2, len(pages))] {
		for _, w := range words(p.Text()) {
			cover[w] = true
		}
	}
	on := 0
	for _, w := range ws {
		if cover[w] {
			on++
		}
	}
	return on*10 >= len(ws)*7
}

func containsWords(s, sub string) bool {
	have := map[string]bool{}
	for _, w := range words(s) {
		have[w] = true
	}
	for _, w := range words(sub) {
		if !have[w] {
			return false
		}
	}
	return true
}

// coverTitle reads the title off the first page that has one: the block
// of display type (much larger than the body, or bold at the top of a
// plain cover) around its largest line, lines joined as a person reads
// them. Wrapped lines join with a space; a change of type size starts a
// new part, joined with a colon unless a separator or a joining word
// ("and", "of") is already there.
func coverTitle(pages []Page) string {
	var all []at
	for _, p := range pages {
		for _, l := range p.Lines {
			all = append(all, at{page: p.Number, Line: l})
		}
	}
	body := bodySize(all)
	for _, p := range pages[:min(3, len(pages))] {
		block := titleBlock(p.Lines, body)
		if len(block) == 0 {
			continue
		}
		title := ""
		for k, l := range block {
			newPart := k > 0 && (math.Abs(l.Size-block[k-1].Size) > 0.5 || l.Y-block[k-1].Y > 2*l.Size)
			title = joinTitle(title, strings.TrimSpace(l.Text), newPart)
		}
		if isUpper(title) {
			title = properCase(title)
		}
		return title
	}
	return ""
}

// titleBlock returns the lines of a page's title, or nil when no line
// stands out from the body.
func titleBlock(lines []Line, body float64) []Line {
	top := -1
	for i, l := range lines {
		if hasLetters(l.Text) && !yearOnlyRE.MatchString(l.Text) && (top < 0 || l.Size > lines[top].Size+0.5) {
			top = i
		}
	}
	if top < 0 {
		return nil
	}
	display := func(l Line) bool { return l.Size >= body*1.3 && hasLetters(l.Text) }
	if !display(lines[top]) {
		// A plain cover: the bold lines that open it.
		top = slices.IndexFunc(lines, func(l Line) bool { return l.Bold && hasLetters(l.Text) })
		if top < 0 || top > 3 {
			return nil
		}
		display = func(l Line) bool { return l.Bold && math.Abs(l.Size-lines[top].Size) < 0.6 }
	}
	near := func(a, b Line) bool { // b follows a in the same block
		space := b.Y - a.Y - 0.75*b.Size // from a's baseline to the top of b
		return b.Y > a.Y && (space < 1.6*math.Min(a.Size, b.Size) || joiningWordRE.MatchString(b.Text) && space < 1.5*a.Size)
	}
	from, to := top, top
	for from > 0 && display(lines[from-1]) && near(lines[from-1], lines[from]) {
		from--
	}
	for to+1 < len(lines) && display(lines[to+1]) && near(lines[to], lines[to+1]) && to-from < 12 {
		to++
	}
	if to+1 < len(lines) && strings.HasSuffix(strings.TrimSpace(lines[to].Text), ":") {
		to++ // "Practices that Work:" goes on in its subtitle
	}
	return lines[from : to+1]
}

var (
	yearOnlyRE    = regexp.MustCompile(`^\s*(?:[A-Za-z]+\s+)?(?:19|20)\d\d\s*$`)
	joiningWordRE = regexp.MustCompile(`(?i)^\s*(and|of|for|in|on|the|to|with|&)\b`)
)

// joinTitle adds a line to a title, mending a word hyphenated at the
// break.
func joinTitle(title, line string, newPart bool) string {
	switch {
	case title == "":
		return line
	case strings.HasSuffix(title, "-") && !strings.HasSuffix(title, " -"):
		return title + line
	case newPart && !strings.ContainsAny(title[len(title)-1:], ":;,.–—-|") && !joiningWordRE.MatchString(line):
		return title + ": " + line
	}
	return title + " " + line
}

func hasLetters(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}

// properCase writes a title set in capitals as a person would type it:
// "CASE STUDIES" -> "Case Studies", "ADELE" -> "Adele".
func properCase(s string) string {
	ws := strings.Fields(strings.ToLower(s))
	for i, w := range ws {
		if i > 0 && smallWords[w] {
			continue
		}
		r := []rune(w)
		for k, c := range r {
			if unicode.IsLetter(c) {
				r[k] = unicode.ToUpper(c)
				break
			}
		}
		ws[i] = string(r)
	}
	return strings.Join(ws, " ")
}

var smallWords = wordSet("a an and as at by for from in of on or the to with")
