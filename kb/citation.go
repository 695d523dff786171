package kb

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Citation formats.
const (
	FormatAPA      = "apa"
	FormatChicago  = "chicago" // notes and bibliography: the note, then the entry
	FormatMLA      = "mla"
	FormatBibTeX   = "bibtex"
	FormatRIS      = "ris"
	FormatCSLJSON  = "csl-json"
	FormatChicagoN = "chicago-note"
	FormatChicagoB = "chicago-bibliography"
)

// ContentType is what each format is served as.
var ContentType = map[string]string{
	FormatAPA: "text/plain; charset=utf-8", FormatChicago: "text/plain; charset=utf-8", FormatMLA: "text/plain; charset=utf-8",
	FormatChicagoN: "text/plain; charset=utf-8", FormatChicagoB: "text/plain; charset=utf-8",
	FormatBibTeX: "application/x-bibtex; charset=utf-8", FormatRIS: "application/x-research-info-systems; charset=utf-8",
	FormatCSLJSON: "application/vnd.citationstyles.csl+json; charset=utf-8",
}

// Cite is what a citation needs: the practice and its permanent address.
type Cite struct {
	Practice Practice
	URL      string    // permanent, absolute, naming the version
	Accessed time.Time // for styles that give the date of access
}

func (c Cite) fromSubmission() bool { return c.Practice.Provenance.File == "" }

func (c Cite) year() string {
	p := c.Practice
	switch {
	case c.fromSubmission() && !p.ApprovedAt.IsZero():
		return strconv.Itoa(p.ApprovedAt.Year())
	case p.Provenance.Year > 0:
		return strconv.Itoa(p.Provenance.Year)
	}
	return "n.d."
}

// author is who answers for the text: the submitting unit, or the
// compendium's publisher when the PDF names one.
func (c Cite) author() string {
	if c.fromSubmission() {
		return c.Practice.Unit
	}
	return c.Practice.Provenance.Publisher
}

func (c Cite) container() string {
	if c.fromSubmission() {
		return "Compendium of good practices against human trafficking"
	}
	return c.Practice.Provenance.DocumentTitle
}

func (c Cite) pages(prefix bool) string {
	p := c.Practice.Provenance
	if c.fromSubmission() || p.PageStart == 0 {
		return ""
	}
	if prefix {
		return p.Pages()
	}
	if p.PageEnd > p.PageStart {
		return fmt.Sprintf("%d–%d", p.PageStart, p.PageEnd)
	}
	return strconv.Itoa(p.PageStart)
}

// note is what a citation's note field says: the version cited, the
// evidence label, the routes.
func (c Cite) note() string {
	return joinNote(c.version(), c.evidenceNote(), routesNote(c.Practice.Routes))
}

func routesNote(routes []Route) string {
	if rs := RoutesText(routes); rs != "" {
		return "Routes: " + rs
	}
	return ""
}

func (c Cite) version() string {
	if c.Practice.Version > 1 {
		return fmt.Sprintf("Version %d", c.Practice.Version)
	}
	return ""
}

// evidenceNote is the practice's evidence label for a citation's note:
// a reader of the citation learns how far the practice was tested.
func (c Cite) evidenceNote() string {
	if e := c.Practice.Evidence; e != nil && e.Label != "" {
		return "Evidence: " + e.Label.Text() + " (" + e.Label.Meaning() + ")"
	}
	return ""
}

func joinNote(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, ". ")
}

// Format renders the citation in a format, or fails for an unknown one.
func (c Cite) Format(format string) (string, error) {
	switch format {
	case FormatAPA:
		return c.APA(), nil
	case FormatChicago:
		return c.ChicagoNote() + "\n\n" + c.ChicagoBibliography(), nil
	case FormatChicagoN:
		return c.ChicagoNote(), nil
	case FormatChicagoB:
		return c.ChicagoBibliography(), nil
	case FormatMLA:
		return c.MLA(), nil
	case FormatBibTeX:
		return BibTeX([]Cite{c}), nil
	case FormatRIS:
		return RIS([]Cite{c}), nil
	case FormatCSLJSON:
		return CSLJSON([]Cite{c})
	}
	return "", fmt.Errorf("%w: format must be apa, chicago, mla, bibtex, ris or csl-json", ErrBadRequest)
}

// APA is APA 7: a chapter in a report, or a web page by a unit.
func (c Cite) APA() string {
	var b strings.Builder
	// With no author, APA moves the title to the author's place.
	if a := c.author(); a != "" {
		fmt.Fprintf(&b, "%s. (%s). %s", strings.TrimSuffix(a, "."), c.year(), sentence(c.Practice.Title))
	} else {
		fmt.Fprintf(&b, "%s. (%s)", sentence(c.Practice.Title), c.year())
	}
	if v := c.version(); v != "" {
		fmt.Fprintf(&b, " [%s]", v)
	}
	if c.fromSubmission() {
		fmt.Fprintf(&b, ". %s. %s", c.container(), c.URL)
		return b.String()
	}
	fmt.Fprintf(&b, ". In %s", c.container())
	if pg := c.pages(true); pg != "" {
		fmt.Fprintf(&b, " (%s)", pg)
	}
	b.WriteString(".")
	if a := c.author(); a != "" && c.Practice.Provenance.Publisher != a {
		fmt.Fprintf(&b, " %s.", c.Practice.Provenance.Publisher)
	}
	fmt.Fprintf(&b, " %s", c.URL)
	return b.String()
}

// ChicagoNote is the Chicago notes-and-bibliography footnote.
func (c Cite) ChicagoNote() string {
	var b strings.Builder
	if a := c.author(); a != "" && c.fromSubmission() {
		fmt.Fprintf(&b, "%s, ", a)
	}
	fmt.Fprintf(&b, "“%s,” in %s", c.Practice.Title, c.container())
	var pub []string
	if !c.fromSubmission() && c.Practice.Provenance.Publisher != "" {
		pub = append(pub, c.Practice.Provenance.Publisher)
	}
	pub = append(pub, c.year())
	fmt.Fprintf(&b, " (%s)", strings.Join(pub, ", "))
	if pg := c.pages(false); pg != "" {
		fmt.Fprintf(&b, ", %s", pg)
	}
	if v := c.version(); v != "" {
		fmt.Fprintf(&b, ", %s", strings.ToLower(v))
	}
	fmt.Fprintf(&b, ", %s.", c.URL)
	return b.String()
}

// ChicagoBibliography is the Chicago bibliography entry.
func (c Cite) ChicagoBibliography() string {
	var b strings.Builder
	if a := c.author(); a != "" && c.fromSubmission() {
		fmt.Fprintf(&b, "%s. ", a)
	}
	fmt.Fprintf(&b, "“%s.” In %s", c.Practice.Title, c.container())
	if pg := c.pages(false); pg != "" {
		fmt.Fprintf(&b, ", %s", pg)
	}
	b.WriteString(".")
	if !c.fromSubmission() && c.Practice.Provenance.Publisher != "" {
		fmt.Fprintf(&b, " %s,", c.Practice.Provenance.Publisher)
	}
	fmt.Fprintf(&b, " %s.", c.year())
	if v := c.version(); v != "" {
		fmt.Fprintf(&b, " %s.", v)
	}
	fmt.Fprintf(&b, " %s.", c.URL)
	return b.String()
}

// MLA is MLA 9.
func (c Cite) MLA() string {
	var b strings.Builder
	if a := c.author(); a != "" && c.fromSubmission() {
		fmt.Fprintf(&b, "%s. ", a)
	}
	fmt.Fprintf(&b, "“%s.” %s", c.Practice.Title, c.container())
	if v := c.version(); v != "" {
		fmt.Fprintf(&b, ", %s", strings.ToLower(v))
	}
	if !c.fromSubmission() && c.Practice.Provenance.Publisher != "" {
		fmt.Fprintf(&b, ", %s", c.Practice.Provenance.Publisher)
	}
	fmt.Fprintf(&b, ", %s", c.year())
	if pg := c.pages(true); pg != "" {
		fmt.Fprintf(&b, ", %s", pg)
	}
	fmt.Fprintf(&b, ". %s.", c.URL)
	if !c.Accessed.IsZero() {
		fmt.Fprintf(&b, " Accessed %s.", c.Accessed.Format("2 Jan. 2006"))
	}
	return b.String()
}

// sentence ends a title with a full stop unless it ends in punctuation.
func sentence(s string) string { return strings.TrimRight(s, ".") }

// BibTeX writes entries: @incollection for a case in a compendium, @misc
// for an approved submission.
func BibTeX(cs []Cite) string {
	var b strings.Builder
	for i, c := range cs {
		if i > 0 {
			b.WriteString("\n")
		}
		p := c.Practice
		typ := "incollection"
		if c.fromSubmission() {
			typ = "misc"
		}
		fmt.Fprintf(&b, "@%s{%s,\n", typ, bibKey(p))
		field := func(k, v string) {
			if v != "" {
				fmt.Fprintf(&b, "  %s = {%s},\n", k, bibEscape(v))
			}
		}
		if a := c.author(); a != "" {
			field("author", "{"+a+"}") // a body, not a person: keep it whole
		}
		field("title", p.Title)
		if c.fromSubmission() {
			field("howpublished", c.container())
			field("note", strings.TrimSpace("Approved "+p.ApprovedAt.Format("2 January 2006")+". "+c.note()))
		} else {
			field("booktitle", c.container())
			field("publisher", p.Provenance.Publisher)
			field("pages", strings.ReplaceAll(c.pages(false), "–", "--"))
			field("note", c.note())
		}
		if y := c.year(); y != "n.d." {
			field("year", y)
		}
		field("url", c.URL)
		b.WriteString("}\n")
	}
	return b.String()
}

func bibKey(p Practice) string {
	words := strings.Fields(Slugify(p.Title, 40))
	key := "practice"
	if len(words) > 0 {
		key = strings.Split(words[0], "-")[0]
	}
	return key + "-" + p.ID
}

// bibEscape keeps text literal in BibTeX. Braces pass: callers use them
// to group.
func bibEscape(s string) string {
	return strings.NewReplacer(`\`, `\textbackslash{}`, "&", `\&`, "%", `\%`, "$", `\$`, "#", `\#`, "_", `\_`).Replace(s)
}

// RIS writes entries: CHAP for a case in a compendium, GEN for an
// approved submission.
func RIS(cs []Cite) string {
	var b strings.Builder
	for _, c := range cs {
		p := c.Practice
		line := func(tag, v string) {
			if v = strings.TrimSpace(strings.ReplaceAll(v, "\n", " ")); v != "" {
				fmt.Fprintf(&b, "%s  - %s\r\n", tag, v)
			}
		}
		if c.fromSubmission() {
			line("TY", "GEN")
		} else {
			line("TY", "CHAP")
		}
		if a := c.author(); a != "" {
			line("AU", a)
		}
		line("TI", p.Title)
		line("T2", c.container())
		if !c.fromSubmission() {
			line("PB", p.Provenance.Publisher)
			if p.Provenance.PageStart > 0 {
				line("SP", strconv.Itoa(p.Provenance.PageStart))
				if p.Provenance.PageEnd > p.Provenance.PageStart {
					line("EP", strconv.Itoa(p.Provenance.PageEnd))
				}
			}
		}
		if y := c.year(); y != "n.d." {
			line("PY", y)
		}
		line("ET", c.version())
		line("N1", c.evidenceNote())
		line("UR", c.URL)
		line("ID", p.ID)
		b.WriteString("ER  - \r\n")
	}
	return b.String()
}

type cslDate struct {
	DateParts [][]int `json:"date-parts"`
}

type cslItem struct {
	ID        string    `json:"id"`
	Type      string    `json:"type"`
	Title     string    `json:"title"`
	Container string    `json:"container-title,omitempty"`
	Publisher string    `json:"publisher,omitempty"`
	Author    []cslName `json:"author,omitempty"`
	Issued    *cslDate  `json:"issued,omitempty"`
	Page      string    `json:"page,omitempty"`
	Version   string    `json:"version,omitempty"`
	URL       string    `json:"URL,omitempty"`
	Accessed  *cslDate  `json:"accessed,omitempty"`
	Note      string    `json:"note,omitempty"`
}

type cslName struct {
	Literal string `json:"literal"`
}

// CSLJSON writes entries as CSL-JSON, the format of citeproc and Zotero.
func CSLJSON(cs []Cite) (string, error) {
	items := make([]cslItem, 0, len(cs))
	for _, c := range cs {
		p := c.Practice
		it := cslItem{ID: p.ID, Type: "chapter", Title: p.Title, Container: c.container(), URL: c.URL}
		if c.fromSubmission() {
			it.Type = "webpage"
		} else {
			it.Publisher = p.Provenance.Publisher
			it.Page = strings.ReplaceAll(c.pages(false), "–", "-")
		}
		if a := c.author(); a != "" {
			it.Author = []cslName{{Literal: a}}
		}
		if y, err := strconv.Atoi(c.year()); err == nil {
			it.Issued = &cslDate{DateParts: [][]int{{y}}}
		}
		if p.Version > 0 {
			it.Version = strconv.Itoa(p.Version)
		}
		it.Note = joinNote(c.evidenceNote(), routesNote(p.Routes))
		if !c.Accessed.IsZero() {
			it.Accessed = &cslDate{DateParts: [][]int{{c.Accessed.Year(), int(c.Accessed.Month()), c.Accessed.Day()}}}
		}
		items = append(items, it)
	}
	js, err := json.MarshalIndent(items, "", "  ")
	return string(js) + "\n", err
}
