package layouts

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
)

// Compendia written with fpdf, each in a house style that has misled
// readers: a preface set like a case heading, contents without page
// numbers, a pseudonym in capitals over a one-sentence subtitle, titles
// typed in capitals at body size, a running header in capitals.

func init() {
	register("fpdf-numbered-with-contents", "", numberedWithContents)
	register("fpdf-labels-on-letter", "", labelsOnLetter)
	register("fpdf-contents-without-pages", "", contentsWithoutPages)
	register("fpdf-pseudonyms", "", pseudonyms)
	register("fpdf-typewritten-capitals", "", typewrittenCapitals)
	register("fpdf-two-level-numbers", "", twoLevelNumbers)
}

// created is the creation date every generated PDF carries: later than
// any cover's year, so a reader that takes the year from it is caught.
var created = time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)

type pen struct {
	*fpdf.Fpdf
	font string
}

func newPen(size, font string) *pen {
	p := &pen{fpdf.New("P", "mm", size, ""), font}
	p.SetMargins(20, 20, 20)
	p.SetAutoPageBreak(true, 20)
	p.SetCreationDate(created)
	p.SetModificationDate(created)
	return p
}

func (p *pen) heading(style string, size float64, text string) {
	p.Ln(2)
	p.SetFont(p.font, style, size)
	p.MultiCell(0, size*0.5, text, "", "L", false)
	p.Ln(2)
}

func (p *pen) para(text string) {
	p.SetFont(p.font, "", 10.5)
	p.MultiCell(0, 5.2, text, "", "J", false)
	p.Ln(2.5)
}

// parts writes a practice's four parts under sub-headings.
func (p *pen) parts(pr practice, names [4]string) {
	for i, text := range []string{pr.Problem, pr.Action, pr.Results, pr.Lessons} {
		p.heading("B", 11, names[i])
		p.para(text)
	}
}

func (p *pen) cover(title, sub string, year int) {
	p.AddPage()
	p.SetY(80)
	p.SetFont(p.font, "B", 24)
	p.MultiCell(0, 11, title, "", "C", false)
	p.Ln(8)
	p.SetFont(p.font, "", 13)
	p.MultiCell(0, 7, sub, "", "C", false)
	p.Ln(30)
	p.MultiCell(0, 7, fmt.Sprint(year), "", "C", false)
}

func (p *pen) bytes() ([]byte, error) {
	var b bytes.Buffer
	err := p.Output(&b)
	return b.Bytes(), err
}

func (p *pen) save(dir, name string, l *Layout) error {
	data, err := p.bytes()
	if err != nil {
		return err
	}
	l.File, err = write(dir, name+".pdf", data)
	return err
}

// caseOfUndated is a case whose period is not printed: its years are
// the ones its story names.
func caseOfUndated(pr practice, section string, start, end int) Case {
	c := caseOf(pr, section, start, end)
	c.Years = pr.mentioned()
	return c
}

func caseOf(pr practice, section string, start, end int) Case {
	return Case{Title: pr.Title, Section: section, PageStart: start, PageEnd: end, Years: pr.years()}
}

// numberedWithContents: numbered cases under two parts, a true contents
// page (two passes), and a preface set exactly like a case heading.
func numberedWithContents(dir string) (Layout, error) {
	var starts []int
	var l Layout
	for pass := 0; pass < 2; pass++ {
		l = Layout{Compendium: true, Title: "Compendium of Good Practices on Anti Human Trafficking", Year: 2019}
		p := newPen("A4", "Helvetica")
		p.SetTitle(l.Title, true)
		p.SetFooterFunc(func() {
			p.SetY(-14)
			p.SetFont("Helvetica", "", 9)
			p.CellFormat(0, 5, fmt.Sprint(p.PageNo()), "", 0, "C", false, 0, "")
		})
		p.cover(l.Title, "Bureau of Police Research, a compendium for training", l.Year)
		p.AddPage()
		p.heading("B", 14, "Contents")
		prs := practices(0, 6)
		for i, pr := range prs {
			page := 0
			if starts != nil {
				page = starts[i]
			}
			p.SetFont("Helvetica", "", 10)
			p.CellFormat(150, 6, fmt.Sprintf("%d. %s", i+1, pr.Title), "", 0, "L", false, 0, "")
			p.CellFormat(0, 6, fmt.Sprint(page), "", 1, "R", false, 0, "")
		}
		l.Avoid = []int{2}
		p.AddPage()
		p.heading("B", 13, "Preface")
		p.para("This compendium records initiatives of state police against human trafficking so that other forces can learn from them. The cases were sent by the states in 2018 and reviewed by a committee of senior officers before they were included here.")
		p.para("Each case describes the problem, the action taken, the results and the lessons. Figures are as the states reported them.")
		l.Avoid = append(l.Avoid, 3)
		starts = starts[:0]
		for i, pr := range prs {
			section := "Part I: Rescue and Investigation"
			if i >= 3 {
				section = "Part II: Prosecution and Victim Care"
			}
			if i == 0 || i == 3 {
				p.AddPage()
				p.heading("B", 17, section)
			} else if p.GetY() > 180 {
				p.AddPage()
			}
			start := p.PageNo()
			p.heading("B", 13, fmt.Sprintf("%d. %s", i+1, pr.Title))
			p.SetFont("Helvetica", "", 10)
			p.MultiCell(0, 5, fmt.Sprintf("State: %s    District: %s    Period: %s", pr.State, pr.District, pr.period()), "", "L", false)
			p.parts(pr, [4]string{"Background", "Action taken", "Results", "Lessons learnt"})
			starts = append(starts, start)
			l.Cases = append(l.Cases, caseOf(pr, section, start, p.PageNo()))
		}
		if pass == 1 {
			return l, p.save(dir, "numbered-with-contents", &l)
		}
	}
	return l, nil
}

// labelsOnLetter: "Case Study N:" over the title, US Letter, Times, a
// running header in capitals, each case on a new page.
func labelsOnLetter(dir string) (Layout, error) {
	l := Layout{Compendium: true, Title: "State Casebook: Police Practice against Human Trafficking", Year: 2012}
	p := newPen("Letter", "Times")
	p.SetTitle("casebook-final.docx", true)
	p.SetHeaderFuncMode(func() {
		p.SetFont("Times", "", 8)
		p.SetY(8)
		p.CellFormat(0, 5, "STATE NODAL CELL FOR ANTI HUMAN TRAFFICKING", "", 0, "C", false, 0, "")
		p.SetY(20)
	}, true)
	p.AddPage()
	p.SetY(70)
	p.SetFont("Times", "B", 24)
	p.MultiCell(0, 11, "State Casebook:", "", "C", false)
	p.MultiCell(0, 11, "Police Practice against Human Trafficking", "", "C", false)
	p.Ln(10)
	p.SetFont("Times", "", 13)
	p.MultiCell(0, 7, "Published by the State Nodal Cell, March 2012", "", "C", false)
	p.AddPage()
	p.heading("B", 16, "Foreword")
	p.para("This casebook collects practices that state police forces can adopt. It was prepared in 2011 for trainers at police academies and for officers of the Anti Human Trafficking Units.")
	l.Avoid = []int{2}
	for i, pr := range practices(6, 5) {
		p.AddPage()
		start := p.PageNo()
		p.heading("B", 13, fmt.Sprintf("Case Study %d:", i+1))
		p.heading("B", 15, pr.Title)
		p.SetFont("Times", "I", 11)
		p.MultiCell(0, 6, fmt.Sprintf("%s district, %s, %s.", pr.District, pr.State, pr.period()), "", "L", false)
		p.parts(pr, [4]string{"The problem", "What was done", "Outcome", "What others can learn"})
		l.Cases = append(l.Cases, caseOf(pr, "", start, p.PageNo()))
	}
	return l, p.save(dir, "labels-on-letter", &l)
}

// contentsWithoutPages: the contents list each case as "Title (State)"
// with no page number; the case titles are bold at body size.
func contentsWithoutPages(dir string) (Layout, error) {
	l := Layout{Compendium: true, Title: "Good Practices of District Police in Eastern India", Year: 2016}
	p := newPen("A4", "Helvetica")
	p.cover(l.Title, "A compendium of practices against human trafficking", l.Year)
	p.AddPage()
	p.heading("B", 14, "Contents")
	prs := practices(12, 5)
	for _, pr := range prs {
		p.SetFont("Helvetica", "B", 11)
		p.MultiCell(0, 6, fmt.Sprintf("%s (%s)", pr.Title, pr.State), "", "L", false)
		p.Ln(1)
	}
	l.Avoid = []int{2}
	for _, pr := range prs {
		p.AddPage()
		start := p.PageNo()
		p.heading("B", 14, pr.Title)
		p.parts(pr, [4]string{"Context", "Intervention", "Impact", "Replicability"})
		l.Cases = append(l.Cases, caseOfUndated(pr, "", start, p.PageNo()))
	}
	return l, p.save(dir, "contents-without-pages", &l)
}

var pseudonymNames = []string{"ADELE", "BINA", "CHANDA", "DEVIKA", "ESHA"}

// pseudonyms: each case opens with a pseudonym in large capitals and a
// one-sentence subtitle; a running header in capitals on every page.
func pseudonyms(dir string) (Layout, error) {
	l := Layout{Compendium: true, Title: "Survivor Stories: Case Studies for Criminal Justice Practitioners", Year: 2020}
	p := newPen("A4", "Helvetica")
	p.SetHeaderFuncMode(func() {
		if p.PageNo() == 1 {
			return
		}
		p.SetFont("Helvetica", "B", 8)
		p.SetY(8)
		p.CellFormat(0, 5, "CRIMINAL JUSTICE STAKEHOLDER TOOL", "", 0, "L", false, 0, "")
		p.SetY(20)
	}, true)
	p.AddPage()
	p.SetFont("Helvetica", "", 12)
	p.MultiCell(0, 6, "CASE STUDIES", "", "L", false)
	p.SetY(70)
	p.SetFont("Helvetica", "B", 26)
	p.MultiCell(0, 12, "Survivor Stories:", "", "L", false)
	p.MultiCell(0, 12, "Case Studies for Criminal Justice Practitioners", "", "L", false)
	p.SetFont("Helvetica", "", 12)
	p.Ln(6)
	p.MultiCell(0, 6, "2020", "", "L", false)
	for i, pr := range practices(18, len(pseudonymNames)) {
		p.AddPage()
		start := p.PageNo()
		p.SetFont("Helvetica", "B", 22)
		p.MultiCell(0, 11, pseudonymNames[i], "", "L", false)
		p.SetFont("Helvetica", "I", 12)
		p.MultiCell(0, 6, fmt.Sprintf("A survivor from %s district who was taken to %s and found her way to the police.", pr.District, strings.ToLower(pr.State)), "", "L", false)
		p.Ln(4)
		p.parts(pr, [4]string{"Her story", "Response", "Outcome", "Learning points"})
		c := caseOfUndated(pr, "", start, p.PageNo())
		c.Title = strings.ToUpper(pseudonymNames[i][:1]) + strings.ToLower(pseudonymNames[i][1:])
		l.Cases = append(l.Cases, c)
	}
	return l, p.save(dir, "pseudonyms", &l)
}

// typewrittenCapitals: Courier throughout, "CASE STUDY - N" and the title
// in capitals at body size, cases running on.
func typewrittenCapitals(dir string) (Layout, error) {
	l := Layout{Compendium: true, Title: "Report on Good Practices of the Anti Human Trafficking Units", Year: 2010}
	p := newPen("A4", "Courier")
	p.AddPage()
	p.SetFont("Courier", "", 14)
	p.MultiCell(0, 7, strings.ToUpper(l.Title), "", "C", false)
	p.SetFont("Courier", "", 11)
	p.MultiCell(0, 6, "OCTOBER 2010", "", "C", false)
	for i, pr := range practices(23, 4) {
		if i == 0 || p.GetY() > 170 {
			p.AddPage()
		}
		start := p.PageNo()
		p.Ln(4)
		p.SetFont("Courier", "", 10.5)
		p.MultiCell(0, 5.2, fmt.Sprintf("CASE STUDY - %d", i+1), "", "L", false)
		p.MultiCell(0, 5.2, strings.ToUpper(pr.Title), "", "L", false)
		p.Ln(3)
		for _, t := range []string{pr.Problem, pr.Action, pr.Results, pr.Lessons} {
			p.para(t)
		}
		c := caseOfUndated(pr, "", start, p.PageNo())
		c.Title = strings.ToUpper(pr.Title)
		l.Cases = append(l.Cases, c)
	}
	return l, p.save(dir, "typewritten-capitals", &l)
}

// twoLevelNumbers: "1. Section" over "1.1 Case title", sub-headings
// numbered too ("1.1.1 Background" would be a third level; here they are
// bold words).
func twoLevelNumbers(dir string) (Layout, error) {
	l := Layout{Compendium: true, Title: "Compendium of the State Anti Human Trafficking Units", Year: 2015}
	p := newPen("A4", "Helvetica")
	p.SetTitle(l.Title, true)
	p.cover(l.Title, "Practices of the units, 2012-2014", l.Year)
	sections := []string{"1. Rescue and investigation", "2. Victim care and prosecution"}
	for i, pr := range practices(27, 5) {
		s, n := 0, i+1
		if i >= 3 {
			s, n = 1, i-2
		}
		if n == 1 {
			p.AddPage()
			p.heading("B", 16, sections[s])
		} else if p.GetY() > 190 {
			p.AddPage()
		}
		start := p.PageNo()
		p.heading("B", 13, fmt.Sprintf("%d.%d %s", s+1, n, pr.Title))
		p.parts(pr, [4]string{"Background", "Action", "Results", "Lessons"})
		l.Cases = append(l.Cases, caseOfUndated(pr, sections[s], start, p.PageNo()))
	}
	return l, p.save(dir, "two-level-numbers", &l)
}
