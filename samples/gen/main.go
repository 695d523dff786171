// Command gen writes the sample compendia in samples/ and, beside each PDF,
// the JSON list of its case studies that the tests score extraction
// against. Run it from the repository root: go run ./samples/gen
package main

import (
	"encoding/json"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
)

// expected is what a sample's JSON file holds.
type expected struct {
	File      string         `json:"file"`
	Title     string         `json:"title"`
	Publisher string         `json:"publisher"`
	Year      int            `json:"year"`
	Practices []expectedCase `json:"practices"`
}

type expectedCase struct {
	Title     string   `json:"title"`
	Section   string   `json:"section"`
	States    []string `json:"states"`
	PageStart int      `json:"page_start"`
	PageEnd   int      `json:"page_end"`
}

func main() {
	out := "samples"
	if len(os.Args) > 1 {
		out = os.Args[1]
	}
	for _, s := range []struct {
		name  string
		build func(toc []int) (*fpdf.Fpdf, expected)
	}{
		{"law-enforcement-compendium", buildNumbered},
		{"state-casebook", buildCasebook},
	} {
		// Two passes: the first learns on which page each case starts, so
		// that the second can print a true table of contents.
		_, first := s.build(nil)
		var starts []int
		for _, p := range first.Practices {
			starts = append(starts, p.PageStart)
		}
		pdf, exp := s.build(starts)
		exp.File = s.name + ".pdf"
		pdf.SetCreationDate(fixedDate)
		pdf.SetModificationDate(fixedDate)
		if err := pdf.OutputFileAndClose(filepath.Join(out, exp.File)); err != nil {
			log.Fatal(err)
		}
		js, _ := json.MarshalIndent(exp, "", "  ")
		if err := os.WriteFile(filepath.Join(out, s.name+".json"), append(js, '\n'), 0o644); err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s: %d case studies\n", exp.File, len(exp.Practices))
	}
	for _, build := range []func(string) (expected, error){buildDigest, buildBorderCasebook} {
		exp, err := build(out)
		if err != nil {
			// These need chromium, groff and pdftotext; the committed PDFs
			// stay as they are when a tool is missing.
			fmt.Fprintf(os.Stderr, "skipped: %v\n", err)
			continue
		}
		js, _ := json.MarshalIndent(exp, "", "  ")
		if err := os.WriteFile(filepath.Join(out, strings.TrimSuffix(exp.File, ".pdf")+".json"), append(js, '\n'), 0o644); err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s: %d case studies\n", exp.File, len(exp.Practices))
	}
}

func roman(n int) string {
	return []string{"", "I", "II", "III", "IV", "V", "VI"}[n]
}

// para writes a paragraph; fpdf wraps it to the page width.
func para(pdf *fpdf.Fpdf, size, lineH float64, text string) {
	pdf.SetFont("", "", size)
	pdf.MultiCell(0, lineH, text, "", "J", false)
	pdf.Ln(1.5)
}

func heading(pdf *fpdf.Fpdf, style string, size float64, text string) {
	if pdf.GetY() > 250 {
		pdf.AddPage()
	}
	pdf.Ln(2)
	pdf.SetFont("", style, size)
	pdf.MultiCell(0, size*0.5, text, "", "L", false)
	pdf.Ln(1)
}

// buildNumbered lays out a compendium the way the 2007 MHA-UNODC one is:
// numbered sections, numbered case studies running on, labelled fields,
// a running header and page numbers.
func buildNumbered(toc []int) (*fpdf.Fpdf, expected) {
	const title = "Compendium on Best Practices on Anti Human Trafficking by Law Enforcement Agencies"
	exp := expected{Title: title, Publisher: "Sample edition for the Compendium knowledge base", Year: 2008}
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetTitle(title, true)
	pdf.SetAuthor("Compendium knowledge base samples", true)
	pdf.SetMargins(22, 22, 22)
	pdf.SetAutoPageBreak(true, 22)
	pdf.SetHeaderFuncMode(func() {
		pdf.SetFont("Helvetica", "I", 8)
		pdf.SetY(10)
		pdf.CellFormat(0, 5, "Best Practices by Law Enforcement Agencies", "", 0, "R", false, 0, "")
		pdf.SetY(22)
	}, true)
	pdf.SetFooterFunc(func() {
		pdf.SetY(-14)
		pdf.SetFont("Helvetica", "", 9)
		pdf.CellFormat(0, 5, fmt.Sprint(pdf.PageNo()), "", 0, "C", false, 0, "")
	})
	pdf.SetFont("Helvetica", "", 11)

	pdf.AddPage()
	pdf.SetY(80)
	pdf.SetFont("Helvetica", "B", 22)
	pdf.MultiCell(0, 11, title, "", "C", false)
	pdf.Ln(10)
	pdf.SetFont("Helvetica", "", 12)
	pdf.MultiCell(0, 6, "A sample edition prepared for testing the Compendium knowledge base. The cases are illustrative and written for this edition.", "", "C", false)

	pdf.AddPage()
	heading(pdf, "B", 15, "Preface")
	para(pdf, 10.5, 5.2, "Good initiatives by state police against human trafficking often remain undocumented. This compendium records a selection of them so that other police forces can learn from and replicate them. Each case describes the problem, the action taken, the results and the lessons.")
	para(pdf, 10.5, 5.2, "The cases are grouped in two sections: rescue and investigation, and prosecution and victim care. They draw on the experience of Anti Human Trafficking Units set up under the project of the Ministry of Home Affairs and UNODC.")
	heading(pdf, "B", 15, "Acknowledgements")
	para(pdf, 10.5, 5.2, "We thank the police officers, prosecutors and NGO partners whose work is described here, and the trainers who used earlier drafts in their courses.")

	pdf.AddPage()
	heading(pdf, "B", 15, "Contents")
	n := 0
	for si, s := range lawEnforcementCompendium {
		pdf.SetFont("Helvetica", "B", 10)
		pdf.CellFormat(0, 6, fmt.Sprintf("SECTION %s: %s", roman(si+1), s.Title), "", 1, "L", false, 0, "")
		pdf.SetFont("Helvetica", "", 10)
		for _, p := range s.Practices {
			page := 0
			if toc != nil {
				page = toc[n]
			}
			n++
			label := fmt.Sprintf("%d. %s", n, p.Title)
			if len(label) > 80 {
				label = label[:77] + "..."
			}
			pdf.CellFormat(150, 6, label, "", 0, "L", false, 0, "")
			pdf.CellFormat(0, 6, fmt.Sprint(page), "", 1, "R", false, 0, "")
		}
	}

	n = 0
	for si, s := range lawEnforcementCompendium {
		pdf.AddPage()
		secTitle := fmt.Sprintf("SECTION %s: %s", roman(si+1), s.Title)
		pdf.SetFont("Helvetica", "B", 16)
		pdf.MultiCell(0, 8, secTitle, "", "L", false)
		pdf.Ln(4)
		for pi, p := range s.Practices {
			n++
			if pi > 0 && pdf.GetY() > 200 {
				pdf.AddPage()
			}
			start := pdf.PageNo()
			pdf.Ln(3)
			pdf.SetFont("Helvetica", "B", 13)
			pdf.MultiCell(0, 6.5, fmt.Sprintf("%d. %s", n, p.Title), "", "L", false)
			pdf.Ln(2)
			pdf.SetFont("Helvetica", "", 10)
			for _, kv := range [][2]string{{"State", strings.Join(p.States, ", ")}, {"District", p.District}, {"Police Station", p.Station}, {"Period", p.Period}} {
				pdf.SetFont("Helvetica", "B", 10)
				pdf.CellFormat(32, 5.2, kv[0]+":", "", 0, "L", false, 0, "")
				pdf.SetFont("Helvetica", "", 10)
				pdf.MultiCell(0, 5.2, kv[1], "", "L", false)
			}
			pdf.Ln(2)
			heading(pdf, "B", 11, "Background")
			para(pdf, 10.5, 5.2, p.Problem)
			heading(pdf, "B", 11, "Action taken")
			para(pdf, 10.5, 5.2, p.Action)
			if len(p.Highlight) > 0 {
				heading(pdf, "B", 11, "Highlights of the operation")
				for _, h := range p.Highlight {
					para(pdf, 10.5, 5.2, "- "+h)
				}
			}
			heading(pdf, "B", 11, "Results")
			para(pdf, 10.5, 5.2, p.Results)
			heading(pdf, "B", 11, "Lessons and learning")
			para(pdf, 10.5, 5.2, p.Lessons)
			exp.Practices = append(exp.Practices, expectedCase{Title: p.Title, Section: secTitle, States: p.States, PageStart: start, PageEnd: pdf.PageNo()})
		}
	}
	pdf.AddPage()
	heading(pdf, "B", 15, "Annexure: Laws used in the cases")
	para(pdf, 10.5, 5.2, "Immoral Traffic (Prevention) Act, 1956; Indian Penal Code sections 370 and 370A; Juvenile Justice (Care and Protection of Children) Act; Bonded Labour System (Abolition) Act, 1976; Protection of Children from Sexual Offences Act, 2012.")
	return pdf, exp
}

// buildCasebook lays out a differently made casebook: US Letter, Times,
// "Case Study N:" labels with the title on the next line, each case on a
// new page, lettered parts, "Page N of M" footers and no labelled fields.
func buildCasebook(toc []int) (*fpdf.Fpdf, expected) {
	const title = "State Casebook on Anti Human Trafficking Practice"
	exp := expected{Title: title, Publisher: "Sample edition for the Compendium knowledge base", Year: 2024}
	pdf := fpdf.New("P", "pt", "Letter", "")
	pdf.SetTitle(title, true)
	pdf.SetMargins(72, 64, 72)
	pdf.SetAutoPageBreak(true, 64)
	pdf.AliasNbPages("{nb}")
	pdf.SetHeaderFuncMode(func() {
		pdf.SetFont("Times", "", 9)
		pdf.SetY(30)
		pdf.CellFormat(0, 10, title, "B", 0, "L", false, 0, "")
		pdf.SetY(64)
	}, true)
	pdf.SetFooterFunc(func() {
		pdf.SetY(-44)
		pdf.SetFont("Times", "", 9)
		pdf.CellFormat(0, 10, fmt.Sprintf("Page %d of {nb}", pdf.PageNo()), "", 0, "R", false, 0, "")
	})
	pdf.AddPage()
	pdf.SetY(200)
	pdf.SetFont("Times", "B", 26)
	pdf.MultiCell(0, 32, title, "", "C", false)
	pdf.SetFont("Times", "I", 13)
	pdf.MultiCell(0, 18, "Cases collected from state police for training and replication", "", "C", false)

	pdf.AddPage()
	pdf.SetFont("Times", "B", 18)
	pdf.MultiCell(0, 22, "Foreword", "", "L", false)
	body := func(t string) {
		pdf.SetFont("Times", "", 11.5)
		pdf.MultiCell(0, 15, t, "", "L", false)
		pdf.Ln(5)
	}
	body("This casebook collects practices from state police forces that others can adopt. It is meant for trainers at police academies and for officers in Anti Human Trafficking Units.")
	body("Each case study tells what the problem was, what was done, what came of it and what other units need to do the same.")

	n := 0
	for _, s := range stateCasebook {
		pdf.AddPage()
		pdf.SetFont("Times", "B", 20)
		pdf.MultiCell(0, 26, s.Title, "", "L", false)
		pdf.Ln(8)
		pdf.SetFont("Times", "I", 11.5)
		pdf.MultiCell(0, 15, "The cases in this part were reported by district police and reviewed by the state nodal cell.", "", "L", false)
		for _, p := range s.Practices {
			n++
			pdf.AddPage()
			start := pdf.PageNo()
			pdf.SetFont("Times", "B", 13)
			pdf.MultiCell(0, 16, fmt.Sprintf("Case Study %d:", n), "", "L", false)
			pdf.SetFont("Times", "B", 16)
			pdf.MultiCell(0, 20, p.Title, "", "L", false)
			pdf.Ln(6)
			pdf.SetFont("Times", "I", 11.5)
			pdf.MultiCell(0, 15, fmt.Sprintf("%s district, %s, %s.", p.District, p.Station, p.Period), "", "L", false)
			pdf.Ln(4)
			for _, part := range [][2]string{{"The problem", p.Problem}, {"What was done", p.Action}, {"Outcome", p.Results}, {"What others can learn", p.Lessons}} {
				pdf.SetFont("Times", "BI", 12)
				pdf.MultiCell(0, 16, part[0], "", "L", false)
				body(part[1])
			}
			exp.Practices = append(exp.Practices, expectedCase{Title: p.Title, Section: s.Title, States: p.States, PageStart: start, PageEnd: pdf.PageNo()})
		}
	}
	pdf.AddPage()
	pdf.SetFont("Times", "B", 18)
	pdf.MultiCell(0, 22, "Glossary", "", "L", false)
	body("AHTU: Anti Human Trafficking Unit. CWC: Child Welfare Committee. DLSA: District Legal Services Authority. RPF: Railway Protection Force.")
	_ = toc
	return pdf, exp
}

var fixedDate = time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)
