package indexer

import (
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// evidence is what the segmenter saw while it cut the cases: the lines,
// the heading line of each case, and how the case headings were told apart.
type evidence struct {
	pages []Page
	lines []at
	heads []int // index in lines of each case's heading
	body  float64
	how   foundBy
	toc   []tocEntry
	// report is set when the document reads like a report: its contents
	// and numbering then list sections, not cases.
	report bool
}

// reason is one piece of evidence for or against a proposal, in words a
// reviewer understands, with its weight in log-odds.
type reason struct {
	weight float64
	text   string
}

var (
	compendiumWordsRE = regexp.MustCompile(`(?i)\b(compendium|case\s*stud(?:y|ies)|best\s+practices?|good\s+practices?|casebook|practices)\b`)
	reportWordsRE     = regexp.MustCompile(`(?i)\b(report|codebook|survey|analysis|data|statistics|findings|methodology|research|guide|toolkit|indicators|handbook|trends|resource)\b`)
	// The same words in Hindi and Bengali; RE2's \b knows only ASCII
	// letters, so these stand without it. A Hindi compendium read as a
	// report put its true cases at 0.08.
	indicCompendiumRE = regexp.MustCompile(`संग्रह|संकलन|सर्वोत्तम|उत्तम\s+पहल|केस\s+अध्ययन|प्रकरण|সংকলন|উত্তম\s+উদ্যোগ|কেস\s+স্টাডি`)
	indicReportRE     = regexp.MustCompile(`रिपोर्ट|प्रतिवेदन|सर्वेक्षण|आँकड़े|विश्लेषण|প্রতিবেদন|সমীক্ষা|পরিসংখ্যান`)
	practicePartsRE   = regexp.MustCompile(`(?i)^(समस्या|पृष्ठभूमि|की\s+गई\s+कार्रवाई|कार्रवाई|परिणाम|सीख|সমস্যা|গৃহীত\s+পদক্ষেপ|ফলাফল|শিক্ষা|background|the problem|problem|context|challenges?|action taken|what was done|intervention|response|approach|outcomes?|results?|impact|lessons(?: learn[te]d)?|what others can learn|replicab|sustainab)`)
	frontMatterRE     = regexp.MustCompile(`(?i)^(about\b|acknowledg|methodolog|key findings|findings|recommendations|summary|overview|table\b|figure\b|chart\b|key terms|definitions|resources|references|notes\b|endnotes|what is|how to|introduction|preface|foreword|contents|glossary|appendix|annex)`)
	figureTokenRE     = regexp.MustCompile(`^[\d.,%$()\-–]+$`)
	// agencyRE finds a police agency named as the one acting ("The Dallas
	// Police Department created…", "the AHTU of Ganjam"): a programme a
	// guide describes, not the guide's own advice.
	agencyRE = regexp.MustCompile(`\b(?:[A-Z][\w()]*\s+){1,5}(?:Police(?:\s+(?:Department|Service|Station|Force))?|Sheriff'?s?\s+Office|Department\s+of\s+Public\s+Safety|Task\s+Force|Crime\s+Branch|Constabulary)\b|\b(?:AHTUs?|Anti[- ]Human\s+Trafficking\s+Units?)\s+(?:of|in|at)\s+[A-Z]`)
)

// weighEvidence sets each case's confidence and reasons. The weights are
// log-odds tuned on the samples and on generated reports that are not
// compendia (TestConfidenceSeparates measures how well they separate).
func weighEvidence(cases []CaseStudy, ev evidence) {
	doc := documentReason(ev.pages)
	ev.report = doc.weight < -1
	starts := map[int]int{}
	labelled := 0
	for i, c := range cases {
		starts[c.PageStart]++
		if isLabelled(ev, i) {
			labelled++
		}
	}
	for i := range cases {
		rs := []reason{doc}
		rs = append(rs, headingReasons(cases, i, ev)...)
		rs = append(rs, titleReasons(cases[i].Title, ev.lines[ev.heads[i]].Text)...)
		rs = append(rs, textReasons(cases[i].Text)...)
		switch {
		case labelled >= 2 && !isLabelled(ev, i):
			// Where the document labels its cases ("Case Study 2:"), a
			// heading without the label is one of its report's sections.
			rs = append(rs, reason{-1.5, "not labelled, where the document labels its cases"})
		case starts[cases[i].PageStart] >= 3 && len(strings.Fields(cases[i].Text)) < 120 && !isLabelled(ev, i):
			rs = append(rs, reason{-1.2, "one of many headings on one page"})
		}
		logit := -0.2
		for _, r := range rs {
			logit += r.weight
		}
		cases[i].Confidence = math.Round(100/(1+math.Exp(-logit))) / 100
		sort.SliceStable(rs, func(a, b int) bool { return math.Abs(rs[a].weight) > math.Abs(rs[b].weight) })
		cases[i].Reasons = nil
		for _, r := range rs {
			if r.text != "" {
				cases[i].Reasons = append(cases[i].Reasons, r.text)
			}
		}
	}
}

// documentReason reads the cover and the first pages: a compendium says
// it collects practices or case studies; a report speaks of data,
// findings and guidance.
func documentReason(pages []Page) reason {
	var head strings.Builder
	for _, p := range pages[:min(3, len(pages))] {
		head.WriteString(p.Text() + "\n")
	}
	text := head.String()
	practice := len(compendiumWordsRE.FindAllString(text, -1)) + len(indicCompendiumRE.FindAllString(text, -1))
	report := len(reportWordsRE.FindAllString(text, -1)) + len(indicReportRE.FindAllString(text, -1))
	switch {
	case practice > 0 && practice*2 >= report:
		return reason{1.0, "document reads like a compendium"}
	case practice > 0:
		return reason{-0.4, ""}
	}
	return reason{-1.6, "document reads like a report, not a compendium"}
}

// isLabelled reports whether case i's heading carries a case label
// ("Case Study 3", "Best Practice No. 2"), however the cases were found.
func isLabelled(ev evidence, i int) bool {
	return isCaseLabel(strings.TrimSpace(ev.lines[ev.heads[i]].Text))
}

// headingReasons weighs how the case's heading was found and how it looks.
func headingReasons(cases []CaseStudy, i int, ev evidence) []reason {
	var rs []reason
	c := cases[i]
	switch {
	case ev.how == foundByLabel || isLabelled(ev, i):
		rs = append(rs, reason{2.0, "labelled as a case study"})
	case ev.how == foundByNumber:
		if inSequence(cases, i) && !ev.report {
			rs = append(rs, reason{1.2, "numbered like its neighbours"})
		}
	case ev.how == foundByStyle:
		rs = append(rs, reason{0.3, "set like the other case titles"})
	}
	switch {
	case ev.report:
		// A report's contents and numbering list its sections: over the
		// published reports, every section of a guide or study was listed,
		// which lifted 41 of them over the drop threshold.
	case listed(c.Title, ev.toc):
		rs = append(rs, reason{1.2, "listed in the contents"})
	case len(ev.toc) >= 2:
		rs = append(rs, reason{-0.8, "not in the contents"})
	}
	h := ev.lines[ev.heads[i]]
	switch {
	case h.Size >= ev.body*1.12:
		rs = append(rs, reason{0.6, "heading in larger type"})
	case h.Bold:
		rs = append(rs, reason{0.3, "heading in bold"})
	case isUpper(h.Text):
		rs = append(rs, reason{0.1, "heading in capitals"})
	default:
		rs = append(rs, reason{-0.5, "heading in body type"})
	}
	return rs
}

// inSequence reports whether a case's number follows its neighbour's.
func inSequence(cases []CaseStudy, i int) bool {
	next := func(a, b string) bool { return a != "" && b != "" && numberAfter(a) == b }
	return i > 0 && next(cases[i-1].Number, cases[i].Number) ||
		i+1 < len(cases) && next(cases[i].Number, cases[i+1].Number)
}

// numberAfter gives the number that follows n: "3" -> "4", "1.2" -> "1.3".
func numberAfter(n string) string {
	head, last := "", n
	if k := strings.LastIndex(n, "."); k >= 0 {
		head, last = n[:k+1], n[k+1:]
	}
	v := 0
	for _, r := range last {
		if r < '0' || r > '9' {
			return ""
		}
		v = v*10 + int(r-'0')
	}
	return head + strconv.Itoa(v+1)
}

func listed(title string, toc []tocEntry) bool {
	for _, e := range toc {
		if titleSimilarity(title, e.title) >= 0.6 {
			return true
		}
	}
	return false
}

// titleReasons weighs the title's shape: a title names, a sentence says.
// heading is the line the title was read from.
func titleReasons(title, heading string) []reason {
	ws := strings.Fields(title)
	if len(ws) == 0 {
		return []reason{{-2, "no title"}}
	}
	if m := caseLabel(title); m != nil && strings.TrimSpace(m[2]) == "" {
		// Called by its label alone ("Case 4"): a reviewer must name it.
		return []reason{{-0.8, "no title of its own, only its label"}}
	}
	var rs []reason
	figures := 0
	for _, w := range ws {
		if figureTokenRE.MatchString(w) {
			figures++
		}
	}
	first := []rune(title)[0]
	switch {
	case figures*10 >= len(ws)*3:
		rs = append(rs, reason{-2.5, "mostly figures"})
	case strings.HasSuffix(title, ".") || len(ws) > 20 || unicode.IsLower(first):
		rs = append(rs, reason{-1.8, "a sentence, not a title"})
	case frontMatterRE.MatchString(title):
		rs = append(rs, reason{-2.0, "front or back matter, not a practice"})
	case len(ws) == 1 && isUpper(strings.TrimSpace(heading)) && len(title) >= 3:
		// A name in capitals ("ADELE") titles a survivor's case.
	case len(ws) == 1:
		rs = append(rs, reason{-0.4, "a single word"})
	}
	return rs
}

// textReasons weighs what stands under the heading.
func textReasons(text string) []reason {
	ws := strings.Fields(text)
	var rs []reason
	switch {
	case len(ws) < 60:
		rs = append(rs, reason{-1.5, "hardly any text under it"})
	case len(ws) < 150:
		rs = append(rs, reason{-0.4, "little text under it"})
	}
	figures := 0
	for _, w := range ws {
		if figureTokenRE.MatchString(w) {
			figures++
		}
	}
	if len(ws) > 0 && figures*5 >= len(ws) {
		rs = append(rs, reason{-1.5, "its text is mostly figures"})
	}
	parts := 0
	for _, para := range strings.Split(text, "\n\n") {
		if len(strings.Fields(para)) <= 6 && practicePartsRE.MatchString(strings.TrimSpace(para)) {
			parts++
		}
	}
	if parts >= 2 {
		rs = append(rs, reason{0.6, "has the parts of a practice (problem, action, results)"})
	}
	if len(ws) > 0 && agencyRE.MatchString(strings.Join(ws[:min(60, len(ws))], " ")) {
		rs = append(rs, reason{1.8, "opens with a police agency at work"})
	}
	return rs
}
