package indexer

import (
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// CaseStudy is one practice found in a compendium, with the pages it spans.
type CaseStudy struct {
	Number    string `json:"number,omitempty"`
	Title     string `json:"title"`
	Section   string `json:"section"`
	PageStart int    `json:"page_start"`
	PageEnd   int    `json:"page_end"`
	Text      string `json:"text"`
	Summary   string `json:"summary,omitempty"`
	Fields           // states, themes and the rest, read from the text
	// Confidence (0..1) is how sure the reader is that this is a case
	// study, and Reasons say why in a reviewer's words.
	Confidence float64  `json:"confidence"`
	Reasons    []string `json:"reasons,omitempty"`
	// OCR is set when some of the case's pages were scanned images read by
	// OCR; OCRConfidence is then the mean word confidence (0..1) there.
	OCR           bool    `json:"ocr,omitempty"`
	OCRConfidence float64 `json:"ocr_confidence,omitempty"`
}

// at is a line with its page.
type at struct {
	page int
	Line
}

type headingKind int

const (
	kindBody    headingKind = iota
	kindCase                // a case study starts here
	kindSection             // a section of the compendium starts here
	kindOther               // front or back matter: preface, contents, annexures…
	kindRunning             // a running head set large, not caught as furniture
)

var (
	caseLabelRE = regexp.MustCompile(`(?i)^(?:case\s+study|best\s+practice|good\s+practice|practice|case)\s*[-–—:]?\s*(?:no\.?|number|#)?\s*(\d{1,3}|[ivxlc]{1,6})\b\s*[:.\-–—)]?\s*(.*)$`)
	numberedRE  = regexp.MustCompile(`^(\d{1,3})\s*[.)]\s+(\S.*)$`)
	numbered2RE = regexp.MustCompile(`^(\d{1,2}\.\d{1,2})\.?\s+(\S.*)$`)
	sectionRE   = regexp.MustCompile(`(?i)^(?:section|part|chapter)\s+([ivxlc]{1,6}|\d{1,2}|[a-h]|one|two|three|four|five|six|seven|eight|nine|ten)\b\s*[:.\-–—]?\s*(.*)$`)
	otherRE     = regexp.MustCompile(`(?i)^(?:\d{1,2}[.)]?\s*)?(?:table\s+of\s+contents|contents|preface|foreword|acknowledge?ments?|disclaimer|introduction|abbreviations|acronyms|list\s+of\s+(?:abbreviations|acronyms|tables|figures)|glossary|annex(?:ure)?s?|appendi(?:x|ces)|bibliography|references|executive\s+summary|message|about\s+(?:this|the)\s+(?:compendium|report|book)|index|conclusions?|the\s+way\s+forward)\b\s*([-:–—].*|[ivxlc\d]{0,4}[:.]?.*)?$`)
	// backMatterRE starts the headings after the last case, however long
	// ("Annexure I: Contacts of the Nodal Officers of the Anti Human
	// Trafficking Units in the States").
	backMatterRE = regexp.MustCompile(`(?i)^(?:annex(?:ure)?s?|appendi(?:x|ces)|abbreviations|acronyms|list\s+of\s+(?:abbreviations|acronyms)|glossary|bibliography)\b`)
	tocLineRE    = regexp.MustCompile(`(?:\.{3,}|…|\s)\s*\d{1,4}\s*$`)
)

// Segment finds the case studies in a document's pages.
func Segment(pages []Page) []CaseStudy {
	var lines []at
	for _, p := range pages {
		if isContentsPage(p) {
			continue
		}
		for _, l := range p.Lines {
			lines = append(lines, at{page: p.Number, Line: l})
		}
	}
	if len(lines) == 0 {
		return nil
	}
	body := bodySize(lines)
	kinds, how := classify(lines, body)
	toc := readContents(pages)
	titles := markFromContents(lines, kinds, toc)
	if titles != nil {
		how = foundByContents
	}
	cases, heads := cut(lines, kinds, body, titles)
	weighEvidence(cases, evidence{pages: pages, lines: lines, heads: heads, body: body, how: how, toc: toc})
	return cases
}

// isContentsPage spots a table of contents: a "Contents" heading, or
// most lines in entries that end in a page number. An entry may wrap
// over up to three lines, as titles do in a contents set in two columns.
func isContentsPage(p Page) bool {
	covered, entries, pending := 0, 0, 0
	for i, l := range p.Lines {
		t := strings.ToLower(strings.TrimSpace(l.Text))
		if i < 4 && (t == "contents" || t == "table of contents" || t == "content" || t == "index") {
			return true
		}
		// A contents line is a title and its page; a row of three cells
		// or more ending in a figure is a table's ("March 2020 | Goa | 8").
		if tocLineRE.MatchString(l.Text) && len(l.Text) > 8 && len(l.Cells) < 3 {
			covered += pending + 1
			entries++
			pending = 0
			continue
		}
		if pending++; pending > 2 {
			pending = 0 // a paragraph, not a wrapped title
		}
	}
	return len(p.Lines) >= 5 && entries >= 3 && covered*10 >= len(p.Lines)*6
}

// bodySize is the font size that most characters are set in.
func bodySize(lines []at) float64 {
	hist := map[int]int{}
	for _, l := range lines {
		hist[int(math.Round(l.Size*2))] += len(l.Text)
	}
	best, n := 0, -1
	for k, v := range hist {
		if v > n || (v == n && k < best) {
			best, n = k, v
		}
	}
	return float64(best) / 2
}

func headingStyle(l at, body float64) bool {
	words := len(strings.Fields(l.Text))
	if words == 0 || words > 30 {
		return false
	}
	// Typewritten compendia set titles in capitals at the body size.
	caps := words >= 2 && words <= 20 && isUpper(l.Text) && l.Size >= body*0.95
	return l.Size >= body*1.12 || (l.Bold && l.Size >= body*0.95) || caps
}

// foundBy names the evidence that told the case headings apart.
type foundBy int

const (
	foundByLabel    foundBy = iota // "Case Study 3", "Best Practice No. 2"
	foundByNumber                  // "3. Title", "1.2 Title" in sequence
	foundByContents                // the contents list them
	foundByStyle                   // one heading style, used for nothing else
)

func classify(lines []at, body float64) ([]headingKind, foundBy) {
	kinds := make([]headingKind, len(lines))
	labelled := 0
	for i, l := range lines {
		t := strings.TrimSpace(l.Text)
		styled := headingStyle(l, body)
		switch {
		case sectionRE.MatchString(t) && (styled || isUpper(t)):
			kinds[i] = kindSection
		case styled && otherRE.MatchString(t) && (len(strings.Fields(t)) <= 6 || backMatterRE.MatchString(t)):
			kinds[i] = kindOther
		case isCaseLabel(t) && (styled || startsBlock(lines, i) || labelAlone(t)):
			kinds[i] = kindCase
			labelled++
		}
	}
	if labelled >= 2 {
		markLargerSections(lines, kinds, body)
		return kinds, foundByLabel
	}
	if twoLevel(lines, kinds, body) {
		return kinds, foundByNumber
	}
	numbered := 0
	for i, l := range lines {
		if kinds[i] == kindBody && headingStyle(l, body) && numberedRE.MatchString(strings.TrimSpace(l.Text)) && !strings.HasPrefix(numberedRE.FindStringSubmatch(l.Text)[2], ".") {
			kinds[i] = kindCase
			numbered++
		}
	}
	if numbered >= 2 {
		kinds = keepIncreasing(lines, kinds)
		markLargerSections(lines, kinds, body)
		return kinds, foundByNumber
	}
	for i := range kinds {
		if kinds[i] == kindCase {
			kinds[i] = kindBody
		}
	}
	markStyledCases(lines, kinds, body)
	sectionsAsCases(kinds)
	return kinds, foundByStyle
}

// twoLevel handles "1. Section" over "1.1 Case title": when at least two
// headings are numbered in two levels and read as titles (four words or
// more on average; "1.1 Background" is a sub-heading), they are the cases
// and the one-level numbered headings their sections.
func twoLevel(lines []at, kinds []headingKind, body float64) bool {
	var idx []int
	words := 0
	for i, l := range lines {
		t := strings.TrimSpace(l.Text)
		if kinds[i] == kindBody && headingStyle(l, body) && numbered2RE.MatchString(t) {
			idx = append(idx, i)
			words += len(strings.Fields(numbered2RE.FindStringSubmatch(t)[2]))
		}
	}
	if len(idx) < 2 || words < 4*len(idx) {
		return false
	}
	for _, i := range idx {
		kinds[i] = kindCase
	}
	for i, l := range lines {
		if kinds[i] == kindBody && headingStyle(l, body) && numberedRE.MatchString(strings.TrimSpace(l.Text)) {
			kinds[i] = kindSection
		}
	}
	return true
}

// sectionsAsCases reads a compendium whose only headings are chapters
// ("Chapter 3: Village Vigilance…") as one case per chapter.
func sectionsAsCases(kinds []headingKind) {
	sections := 0
	for _, k := range kinds {
		switch k {
		case kindCase:
			return
		case kindSection:
			sections++
		}
	}
	if sections < 2 {
		return
	}
	for i, k := range kinds {
		if k == kindSection {
			kinds[i] = kindCase
		}
	}
}

// keepIncreasing drops numbered "headings" that break the sequence, such
// as a bold numbered list inside a case.
func keepIncreasing(lines []at, kinds []headingKind) []headingKind {
	last := 0
	for i, l := range lines {
		switch kinds[i] {
		case kindSection:
			continue
		case kindCase:
			m := numberedRE.FindStringSubmatch(strings.TrimSpace(l.Text))
			n, _ := strconv.Atoi(m[1])
			if n <= last && n != 1 {
				kinds[i] = kindBody
				continue
			}
			last = n
		}
	}
	return kinds
}

// markStyledCases handles compendia whose case titles carry no number: the
// heading style used most often for multi-word titles marks a case.
func markStyledCases(lines []at, kinds []headingKind, body float64) {
	type style struct {
		size int
		bold bool
	}
	type stat struct{ count, words int }
	styleOf := func(l at) style { return style{int(math.Round(l.Size)), l.Bold} }
	first := func(i int) bool { // the first line of a heading, not its continuation
		return kinds[i] == kindBody && headingStyle(lines[i], body) && !(i > 0 && continues(lines[i-1], lines[i]) && sameStyle(lines[i-1], lines[i]))
	}
	// Case titles differ from each other; sub-headings come back in every
	// case ("Background", "What others can learn"), so a heading whose text
	// repeats is never a case title.
	// A heading repeated at the top of the next page is the case's own
	// running head ("ADELE" over both its pages), not a repeat.
	seen, onPage, runningHead := map[string]int{}, map[string]int{}, map[int]bool{}
	for i := range lines {
		if first(i) {
			k := foldWords(lines[i].Text)
			topOfPage := i == 0 || lines[i-1].page != lines[i].page
			if p, ok := onPage[k]; !ok || p != lines[i].page-1 || !topOfPage {
				seen[k]++
			} else {
				runningHead[i] = true
			}
			onPage[k] = lines[i].page
		}
	}
	// A heading that reads as a sentence ("A survivor who was taken to
	// Delhi and found her way to the police.") is a subtitle, not a title.
	candidate := func(i int) bool {
		if !first(i) || seen[foldWords(lines[i].Text)] != 1 {
			return false
		}
		t, _ := headingText(lines, kinds, i, body)
		return !(strings.HasSuffix(t, ".") && len(strings.Fields(t)) >= 6)
	}
	// A name in large capitals ("ADELE") opens a case as a title does.
	names, all := map[style]int{}, map[style]int{}
	for i, l := range lines {
		if candidate(i) && l.Size >= body*1.3 {
			all[styleOf(l)]++
			if isUpper(l.Text) && len(strings.Fields(l.Text)) <= 2 {
				names[styleOf(l)]++
			}
		}
	}
	nameLike := func(st style) bool { return names[st]*4 >= all[st]*3 }
	stats := map[style]*stat{}
	for i, l := range lines {
		if !candidate(i) {
			continue
		}
		s := stats[styleOf(l)]
		if s == nil {
			s = &stat{}
			stats[styleOf(l)] = s
		}
		s.count++
		s.words += len(strings.Fields(l.Text))
	}
	var styles []style
	for k, s := range stats {
		if s.count >= 2 && (float64(s.words)/float64(s.count) >= 3 || nameLike(k)) {
			styles = append(styles, k)
		}
	}
	if len(styles) == 0 {
		return
	}
	sort.Slice(styles, func(i, j int) bool {
		a, b := stats[styles[i]], stats[styles[j]]
		if a.count != b.count {
			return a.count > b.count
		}
		return styles[i].size > styles[j].size
	})
	caseStyle := styles[0]
	for i, l := range lines {
		if !first(i) {
			continue
		}
		s := styleOf(l)
		switch {
		case s == caseStyle && candidate(i) && !runningHead[i]:
			kinds[i] = kindCase
		case s.size > caseStyle.size && len(strings.Fields(l.Text)) >= 2 && l.page > lines[0].page && seen[foldWords(l.Text)] <= 1:
			kinds[i] = kindSection
		}
	}
}

// markLargerSections marks unnumbered headings set larger than the case
// titles as sections ("Investigation and evidence" above "Best Practice
// No. 1"). The first page is left alone: its large type is the title.
func markLargerSections(lines []at, kinds []headingKind, body float64) {
	var sizes []float64
	for i, l := range lines {
		if kinds[i] == kindCase {
			sizes = append(sizes, l.Size)
		}
	}
	if len(sizes) == 0 {
		return
	}
	sort.Float64s(sizes)
	caseSize := sizes[len(sizes)/2]
	// A section heading stands once; large type that comes back on page
	// after page is a running head.
	repeats := map[string]int{}
	for _, l := range lines {
		if l.Size >= caseSize+0.9 {
			repeats[foldWords(l.Text)]++
		}
	}
	for i, l := range lines {
		if kinds[i] != kindBody || !headingStyle(l, body) || l.page == lines[0].page || l.Size < caseSize+0.9 {
			continue
		}
		if i > 0 && continues(lines[i-1], l) && sameStyle(lines[i-1], l) {
			continue // the second line of a title
		}
		if i > 0 && kinds[i-1] == kindCase && lines[i-1].page == l.page {
			continue // the title under a "Case Study 3:" label
		}
		switch {
		case repeats[foldWords(l.Text)] >= 3:
			kinds[i] = kindRunning
		case len(strings.Fields(l.Text)) >= 2 || isUpper(l.Text):
			kinds[i] = kindSection
		}
	}
}

// continues reports whether b is the next line of the same paragraph or
// heading as a: same page, same style, close below.
func continues(a, b at) bool {
	return a.page == b.page && math.Abs(a.Size-b.Size) < 0.6 && a.Bold == b.Bold &&
		b.Y > a.Y && b.Y-a.Y < 1.9*a.Size
}

// labelAlone reports a label standing alone on its line ("Case 4:"),
// which opens a case even in body type and without a gap above it, as
// in the Polaris FIU's case sheets.
func labelAlone(t string) bool {
	m := caseLabel(t)
	return m != nil && strings.TrimSpace(m[2]) == "" && strings.HasSuffix(t, ":")
}

func startsBlock(lines []at, i int) bool {
	if i == 0 || lines[i-1].page != lines[i].page {
		return true
	}
	return lines[i].Y-lines[i-1].Y > 1.6*lines[i].Size
}

func isUpper(s string) bool {
	return strings.ToUpper(s) == s && strings.ToLower(s) != s
}

// cut walks the classified lines and makes a case study of each run that
// starts at a case heading.
func cut(lines []at, kinds []headingKind, body float64, tocTitles map[int]string) (out []CaseStudy, heads []int) {
	section := ""
	for i := 0; i < len(lines); {
		switch kinds[i] {
		case kindSection:
			var title string
			title, i = headingText(lines, kinds, i, body)
			section = sectionName(title)
			continue
		case kindOther:
			i++
			for i < len(lines) && kinds[i] == kindBody {
				i++
			}
			continue
		case kindBody, kindRunning:
			i++
			continue
		}
		start := lines[i].page
		title, next := headingText(lines, kinds, i, body)
		if t, ok := tocTitles[i]; ok {
			// The contents give the whole title; skip the lines it wraps on.
			title, next = t, i+1
			for next < len(lines) && kinds[next] == kindBody && strings.Contains(foldWords(t), foldWords(lines[next].Text)) && next-i < 4 {
				next++
			}
		}
		number, title := splitNumber(title)
		title, named := nameTitle(title)
		j := next
		var content []at
		for ; j < len(lines) && (kinds[j] == kindBody || kinds[j] == kindRunning); j++ {
			if kinds[j] == kindBody {
				content = append(content, lines[j])
			}
		}
		cs := CaseStudy{Number: number, Title: title, Section: section, PageStart: start, PageEnd: start}
		if len(content) > 0 {
			cs.PageEnd = content[len(content)-1].page
		}
		cs.Text = caseText(content)
		if strings.TrimSpace(cs.Text) == "" {
			// A heading with nothing under it is a contents line or a
			// label, never a case.
			i = j
			continue
		}
		cs.Fields = ReadFields(title, content)
		cs.Summary = summary(cs.Text)
		if first, _, _ := strings.Cut(cs.Text, "\n\n"); named && strings.HasSuffix(first, ".") && len(strings.Fields(first)) <= 45 {
			cs.Summary = first // the one-sentence subtitle under a name
		}
		out = append(out, cs)
		heads = append(heads, i)
		i = j
	}
	return out, heads
}

// headingText joins a heading with the lines that continue it, and
// returns the index after it. A label alone ("Case Study 3:") takes the
// next line as its title.
func headingText(lines []at, kinds []headingKind, i int, body float64) (string, int) {
	text := strings.TrimSpace(lines[i].Text)
	j := i + 1
	labelOnly := false
	if m := caseLabel(text); m != nil && strings.TrimSpace(m[2]) == "" {
		labelOnly = true
	}
	if m := sectionRE.FindStringSubmatch(text); m != nil && strings.TrimSpace(m[2]) == "" {
		labelOnly = true
	}
	ref := i // the line whose style a continuation must share
	for j < len(lines) && kinds[j] == kindBody && len(text) < 300 {
		l := lines[j]
		if labelOnly && l.page == lines[i].page {
			if !headingStyle(l, body) && len(strings.Fields(l.Text)) > 8 {
				break // the case opens with prose: the label is its only title
			}
			text += ": " + strings.TrimSpace(l.Text)
			labelOnly = false
			ref = j
			j++
			continue
		}
		if !continues(lines[j-1], l) || !headingStyle(l, body) || !sameStyle(lines[ref], l) {
			break
		}
		text = joinTitle(text, strings.TrimSpace(l.Text), false)
		j++
	}
	return strings.TrimSpace(text), j
}

func sameStyle(a, b at) bool {
	return math.Abs(a.Size-b.Size) < 0.6 && a.Bold == b.Bold
}

func sectionName(t string) string {
	t = strings.Join(strings.Fields(t), " ")
	return strings.TrimRight(t, " :.-–—")
}

// splitNumber separates "Case Study 3: Title" or "3. Title" into the
// number and the title.
func splitNumber(t string) (string, string) {
	if m := caseLabel(t); m != nil {
		if strings.TrimSpace(m[2]) == "" {
			return m[1], cleanTitle(t) // an untitled case is called by its label
		}
		return m[1], cleanTitle(m[2])
	}
	if m := numbered2RE.FindStringSubmatch(t); m != nil {
		return m[1], cleanTitle(m[2])
	}
	if m := numberedRE.FindStringSubmatch(t); m != nil {
		return m[1], cleanTitle(m[2])
	}
	if m := sectionRE.FindStringSubmatch(t); m != nil && strings.TrimSpace(m[2]) != "" {
		return m[1], cleanTitle(m[2])
	}
	return "", cleanTitle(t)
}

// nameTitle writes a case named after a person ("ADELE", in quotes or
// not) as a person would: "Adele".
func nameTitle(t string) (string, bool) {
	bare := strings.Trim(t, "\"“”'‘’ ")
	if n := len(strings.Fields(bare)); n == 0 || n > 2 || !isUpper(bare) || len(bare) < 3 {
		return t, false
	}
	return properCase(bare), true
}

func cleanTitle(t string) string {
	t = strings.Join(strings.Fields(t), " ")
	return strings.TrimLeft(strings.TrimRight(t, " :-–—"), " :.-–—")
}

// caseText joins a case's lines into paragraphs separated by blank
// lines: a paragraph ends at a wider gap, a change of style or a new page
// that starts with a heading.
func caseText(content []at) string {
	var paras []string
	var cur []Line
	flush := func() {
		if len(cur) > 0 {
			paras = append(paras, strings.Join(strings.Split(joinLines(cur), "\n"), " "))
			cur = cur[:0]
		}
	}
	for i, c := range content {
		if i > 0 && paragraphBreak(content[i-1], c) {
			flush()
		}
		cur = append(cur, c.Line)
	}
	flush()
	return strings.Join(paras, "\n\n")
}

func paragraphBreak(a, b at) bool {
	if a.Bold != b.Bold || math.Abs(a.Size-b.Size) > 0.6 {
		return true
	}
	if a.page != b.page {
		return b.Bold
	}
	if labelRE.MatchString(b.Text) || labelRE.MatchString(a.Text) {
		return true
	}
	gap := b.Y - a.Y
	return gap > 1.55*a.Size || gap < 0 || strings.HasPrefix(b.Text, "- ") || strings.HasPrefix(b.Text, "• ")
}

// summary is the opening of the text for result lists: the first
// paragraphs that read as prose (sub-headings and short label lines are
// passed over), cut at a sentence end near 300 characters.
func summary(text string) string {
	var b strings.Builder
	for _, para := range strings.Split(text, "\n\n") {
		if len(strings.Fields(para)) < 12 {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(para)
		if b.Len() > 300 {
			break
		}
	}
	flat := strings.Join(strings.Fields(b.String()), " ")
	if flat == "" {
		flat = strings.Join(strings.Fields(text), " ")
	}
	if len(flat) <= 300 {
		return flat
	}
	cut := strings.LastIndex(flat[:300], ". ")
	if cut < 120 {
		cut = strings.LastIndex(flat[:300], " ")
		return flat[:cut] + "…"
	}
	return flat[:cut+1]
}
