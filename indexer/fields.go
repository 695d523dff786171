package indexer

import (
	"regexp"
	"slices"
	"strings"
)

// Fields are the facts read from a case study's text.
type Fields struct {
	// Country is the country the case is about (CountryOf), or "" when
	// its text does not say; Extract gives such a case its document's.
	Country      string   `json:"country,omitempty"`
	States       []string `json:"states"`
	Countries    []string `json:"countries,omitempty"`
	Source       []string `json:"source_states,omitempty"`
	Destination  []string `json:"destination_states,omitempty"`
	Districts    []string `json:"districts,omitempty"`
	Years        []int    `json:"years,omitempty"`
	Themes       []string `json:"themes"`
	Exploitation []string `json:"exploitation,omitempty"`
	Laws         []string `json:"laws,omitempty"`
	Agencies     []string `json:"agencies,omitempty"`
	Figures      []Figure `json:"figures,omitempty"`
}

// Themes and forms of exploitation, each with the words that signal it.
var themeWords = []struct{ name, pattern string }{
	{"prevention and awareness", `prevent|awareness|sensiti[sz]|campaign|vigilance committee|safe migration|helpline|help desk|registration of|regulat`},
	{"rescue", `rescu|raid`},
	{"post-rescue care and rehabilitation", `rehabilitat|shelter home|post-rescue|counsell|aftercare`},
	{"repatriation and reintegration", `repatriat|reintegrat|restored to (?:their|the) famil|reunit`},
	{"investigation", `investigat|FIR|charge[- ]?sheet|evidence|call detail|\btrac(?:ed|ing)\b`},
	{"prosecution and conviction", `prosecut|convict|sentenc|trial|public prosecutor`},
	{"victim and witness protection", `witness protection|victim protection|compensation|in[- ]camera|victim[- ]friendly`},
	{"inter-state and cross-border coordination", `inter-state|interstate|cross-border|border|other states?`},
	{"partnership with NGOs and communities", `\bNGOs?\b|civil society|community|panchayat|partnership`},
	{"capacity building and training", `training|trained|capacity building|workshop|training of trainers|\bTOT\b`},
	{"technology and data", `database|software|online|technology|mobile app|data analysis|cyber|CCTNS|social media`},
}

// Each form is tagged when the text shows it: the work victims were put
// to, the way they were held, in English or Hindi. Online recruitment is
// recruiting online, not a case traced through social media accounts.
var exploitationWords = []struct{ name, pattern string }{
	// Not the Immoral Traffic (Prevention) Act: a law cited is no sign
	// of the exploitation, and police cite it for domestic servitude too.
	{"commercial sexual exploitation", `commercial sexual|sexual exploitation|sexually exploited|sex work|sex trade|sex trafficking|for sex\b|sexual services|brothel|prostitut|red[- ]light|\bCSE\b|dance bars?|\bspas?\b|massage parlou?r|वेश्यावृत्ति|देह व्यापार|यौन शोषण|कोठ[ाे]`},
	{"forced and bonded labour", `bonded|forced labou?r|brick kilns?|debt bondage|held in debt|owed[^.]{0,40}advances?|withh[eo]ld(?:ing)? (?:their )?wages|confin\w* (?:the )?workers|बंधुआ|ईंट[- ]भट्ठ|जबरन मज़दूरी`},
	{"child labour", `child labou?r|working children|child workers?|children\b[^.]{0,80}\bto work\b|(?:boys|children)\b[^.]{0,60}\b(?:factor(?:y|ies)|workshops?|zari|embroidery|textile units?|circus)|बाल श्रम|बाल मज़दूर`},
	{"domestic servitude", `domestic (?:work|servitude|help|servant|labou?r)|placement agenc|housemaid|\bmaids?\b|(?:taken|sent|placed) (?:to|in) homes\b|घरेलू (?:काम|नौकर)`},
	{"forced marriage", `forced marriage|bride|child marriage|bought marriage|sold into marriage|जबरन विवाह|बाल विवाह|दुल्हन`},
	{"begging", `begging|beggar|\bto beg\b|भीख`},
	{"organ removal", `organ (?:trade|removal|trafficking|brokers?)|kidney`},
	{"cyber-enabled recruitment", `online recruit|recruited online|recruit\w* (?:through|on|via) (?:social media|facebook|whatsapp|instagram|the internet)|(?:social media|facebook|whatsapp|instagram|messaging groups?)[^.]{0,40}\brecruit|fake (?:online )?job offers?`},
}

// India's laws on trafficking. named finds a law by its own name, which
// tags a case wherever it is; cited finds the short forms and section
// numbers that stand for it only in an Indian text: "section 370" of an
// American code, the United States' Office of Juvenile Justice, or an
// "IT Act" abroad are not these laws.
var lawPatterns = []struct{ name, named, cited string }{
	{"Immoral Traffic (Prevention) Act, 1956", `Immoral Traffic|अनैतिक (?:देह )?व्यापार`, `ITPA|ITP Act|PITA`},
	{"IPC 370", `(?:Indian Penal Code|IPC)[^.]{0,40}\b370\b|370\s*(?:of the )?(?:IPC|Indian Penal Code)|भारतीय दंड संहिता[^।]{0,20}370`, `(?:section|sec\.?|s\.)\s*370\b`},
	{"IPC 370A", `370\s*A\b`, ``},
	{"BNS 143", `BNS\s*143|143\s*(?:of the )?BNS|Bharatiya Nyaya Sanhita`, ``},
	{"Juvenile Justice Act", `Juvenile Justice \(Care|Juvenile Justice Act|किशोर न्याय`, `JJ Act`},
	{"POCSO Act, 2012", `POCSO|Protection of Children from Sexual Offences|पॉक्सो`, ``},
	{"Bonded Labour System (Abolition) Act, 1976", `Bonded Labou?r System|Bonded Labou?r \(?Abolition|बंधुआ मज़दूरी प्रथा`, ``},
	{"Child and Adolescent Labour Act, 1986", `Child Labou?r \(Prohibition|Child and Adolescent Labou?r`, ``},
	{"Prohibition of Child Marriage Act, 2006", `Prohibition of Child Marriage|Child Marriage Restraint`, ``},
	{"Information Technology Act, 2000", `Information Technology Act, 2000|Information Technology \(Amendment\)`, `IT Act|Information Technology Act`},
}

var agencyPattern = regexp.MustCompile(`\b(AHTUs?|IAHTU|CWC|SJPU|DLSA|NCRB|MHA|MWCD|BPR&D|CID|CBI|NIA|RPF|GRP|SSB|BSF|Childline|UNODC|NHRC|NCW|NCPCR)\b|\b((?:[A-Z][a-z]+\s){1,4}(?:Foundation|Trust|Society|Sanstha|Sangh|Mission|Samiti|Kendra|Network|Forum))\b`)

var (
	themeRE        = compileAll(themeWords)
	exploitationRE = compileAll(exploitationWords)
	namedLawRE     = compileLaws(func(l lawPattern) string { return l.named })
	citedLawRE     = compileLaws(func(l lawPattern) string { return l.cited })
	yearRE         = regexp.MustCompile(`\b(19[5-9]\d|20\d\d)\b`)
	districtRE     = regexp.MustCompile(`\b([A-Z][a-z]+(?: [A-Z][a-z]+)?) district\b|\bdistricts? of ([A-Z][a-z]+(?: [A-Z][a-z]+)?)`)
	labelRE        = regexp.MustCompile(`(?i)^\s*(state|states|state\(s\)|district|districts|source|destination|source state|destination state|police stations?|unit|year|period|agency|agencies|partners?)\s*[:\-–]\s*(.+)$`)
	sourceRE       = regexp.MustCompile(`(?i)\bfrom\s+([A-Z][A-Za-z&]+(?:\s[A-Z][A-Za-z&]+){0,4})\b[^.]{0,60}?\bto\s+([A-Z][A-Za-z&]+(?:\s[A-Z][A-Za-z&]+){0,4})`)
)

type namedRE struct {
	name string
	alts []patternAlt
}

// patternAlt is one alternative of a pattern. Each is matched on its own
// so that Go's matcher can skip to its literal prefix with a fast string
// search; one (?i) alternation of many words has no such prefix and runs
// the slow matcher over every byte of a long report.
type patternAlt struct {
	re    *regexp.Regexp
	lower bool // matched against the lower-cased text
}

// matches counts up to n places where x matches text; lower is text
// lower-cased. A place matched by two alternatives counts once.
func (x namedRE) matches(text, lower string, n int) int {
	var starts []int
	for _, a := range x.alts {
		src := text
		if a.lower {
			src = lower
		}
		for _, loc := range a.re.FindAllStringIndex(src, n) {
			if !slices.Contains(starts, loc[0]) {
				starts = append(starts, loc[0])
			}
		}
		if len(starts) >= n {
			return n
		}
	}
	return len(starts)
}

// compileAll compiles each pattern's alternatives: an acronym in capitals
// (FIR, ITPA) matches as written, so "first" is not an FIR; anything else
// matches the lower-cased text, which finds what (?i) would, faster.
func compileAll(list []struct{ name, pattern string }) []namedRE {
	out := make([]namedRE, len(list))
	for i, x := range list {
		out[i].name = x.name
		for _, alt := range splitAlternatives(x.pattern) {
			if strings.ToUpper(alt) == alt {
				out[i].alts = append(out[i].alts, patternAlt{regexp.MustCompile(alt), false})
			} else {
				out[i].alts = append(out[i].alts, patternAlt{regexp.MustCompile(strings.ToLower(alt)), true})
			}
		}
	}
	return out
}

// splitAlternatives splits a pattern at its top-level "|", outside
// groups, classes and escapes.
func splitAlternatives(p string) []string {
	var out []string
	depth, class, start := 0, false, 0
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case c == '\\':
			i++
		case class:
			class = c != ']'
		case c == '[':
			class = true
		case c == '(':
			depth++
		case c == ')':
			depth--
		case c == '|' && depth == 0:
			out = append(out, p[start:i])
			start = i + 1
		}
	}
	return append(out, p[start:])
}

// ReadFields reads the facts of a case study from its title and lines.
// Labelled fields ("State: Goa") win over what the prose suggests.
func ReadFields(title string, content []at) Fields {
	var f Fields
	var prose strings.Builder
	prose.WriteString(title + "\n")
	labelled := map[string][]string{}
	for _, l := range content {
		if m := labelRE.FindStringSubmatch(l.Text); m != nil {
			key := strings.ToLower(m[1])
			labelled[key] = append(labelled[key], m[2])
		} else if len(l.Cells) == 2 {
			// A row of a two-column table of fields: "State" | "Goa".
			if m := labelRE.FindStringSubmatch(l.Cells[0] + ": " + l.Cells[1]); m != nil {
				key := strings.ToLower(m[1])
				labelled[key] = append(labelled[key], m[2])
			}
		}
		prose.WriteString(l.Text + "\n")
	}
	text := prose.String()
	for key, vals := range labelled {
		joined := strings.Join(vals, ", ")
		switch {
		case strings.HasPrefix(key, "state"):
			f.States = appendPlaces(f.States, joined)
		case strings.HasPrefix(key, "district"):
			for _, d := range regexp.MustCompile(`\s*[,;&/]\s*|\s+and\s+`).Split(joined, -1) {
				if d = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(d), " district")); d != "" {
					f.Districts = addUnique(f.Districts, districtName(d))
				}
			}
		case key == "source" || key == "source state":
			f.Source = appendPlaces(f.Source, joined)
		case key == "destination" || key == "destination state":
			f.Destination = appendPlaces(f.Destination, joined)
		}
	}
	if len(f.States) == 0 {
		f.States = appendStatesOfPlaces(appendPlaces(f.States, text), text)
	}
	f.States = append(f.States, f.Source...)
	f.States = append(f.States, f.Destination...)
	f.States, f.Countries = splitCountries(unique(f.States))
	for _, m := range sourceRE.FindAllStringSubmatch(text, -1) {
		src, dst := appendPlaces(nil, m[1]), appendPlaces(nil, m[2])
		if len(src) > 0 && len(dst) > 0 {
			f.Source = unique(append(f.Source, src...))
			f.Destination = unique(append(f.Destination, dst...))
		}
	}
	for _, m := range districtRE.FindAllStringSubmatch(text, -1) {
		d := trimLeadingWord(m[1] + m[2])
		if d != "" && StateOf(d) == "" && !strings.EqualFold(d, "the") {
			f.Districts = addUnique(f.Districts, districtName(d))
		}
	}
	f.Districts = appendDistricts(f.Districts, text)
	f.Years = readYears(text)
	f.Themes = themesOf(text)
	f.Exploitation = matchAll(exploitationRE, lawNameRE.ReplaceAllString(text, " "), 1)
	f.Country = CountryOf(text)
	f.Laws = lawsOf(text, f.Country)
	f.Agencies = agenciesOf(title, text)
	f.Figures = readFigures(text)
	if f.States == nil {
		f.States = []string{}
	}
	if f.Themes == nil {
		f.Themes = []string{}
	}
	return f
}

// matchAll returns the names whose pattern matches at least min times.
func matchAll(list []namedRE, text string, min int) []string {
	var out []string
	lower := strings.ToLower(text)
	for _, x := range list {
		if x.matches(text, lower, min) >= min {
			out = append(out, x.name)
		}
	}
	return out
}

// themesOf returns the themes the text names at least twice or, when it
// names none twice, those it names once: a short case names its themes
// once, and no theme at all would hide it from every theme filter.
func themesOf(text string) []string {
	var twice, once []string
	lower := strings.ToLower(text)
	for _, x := range themeRE {
		switch x.matches(text, lower, 2) {
		case 2:
			twice = append(twice, x.name)
		case 1:
			once = append(once, x.name)
		}
	}
	if len(twice) > 0 {
		return twice
	}
	return once
}

func addUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

func unique(list []string) []string {
	var out []string
	for _, s := range list {
		out = addUnique(out, s)
	}
	return out
}

func splitCountries(places []string) (states, abroad []string) {
	for _, p := range places {
		if isCountry(p) {
			abroad = append(abroad, p)
		} else {
			states = append(states, p)
		}
	}
	return states, abroad
}

// trimLeadingWord drops a capitalised function word that the district
// pattern took for part of a name ("In Anantapur").
func trimLeadingWord(s string) string {
	first, rest, ok := strings.Cut(s, " ")
	if !ok {
		return s
	}
	switch first {
	case "In", "The", "At", "From", "Of", "For", "And", "To", "By", "On", "With", "Across", "Each", "Every":
		return rest
	}
	return s
}

// ReadFieldsFromText reads fields from plain text, one line per line.
func ReadFieldsFromText(title, text string) Fields {
	var content []at
	for i, l := range strings.Split(text, "\n") {
		content = append(content, at{page: 1, Line: Line{Text: l, Y: float64(i)}})
	}
	return ReadFields(title, content)
}

// Exploitations are the forms of exploitation the reader tags, by name.
func Exploitations() []string {
	out := make([]string, len(exploitationWords))
	for i, x := range exploitationWords {
		out[i] = x.name
	}
	return out
}
