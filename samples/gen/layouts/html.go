package layouts

import (
	"bytes"
	"html/template"
)

// Compendia printed from a browser: one column with a preface set like a
// case heading, and two columns with cases running on and sub-headings
// ("Response") between them.

func init() {
	register("chromium-one-column", "chromium", func(dir string) (Layout, error) { return printed(dir, 1) })
	register("chromium-two-columns", "chromium", func(dir string) (Layout, error) { return printed(dir, 2) })
	register("report-chromium-guide", "chromium", printedGuide)
}

const printedHTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Meta}}</title>
<style>
@page { size: A4; margin: 16mm 15mm; }
body { font-family: "DejaVu Sans", sans-serif; font-size: 10pt; line-height: 1.35; }
.cover { padding-top: 60mm; page-break-after: always; }
.cover h1 { font-size: 26pt; margin: 0 0 3mm; }
.cover .sub { font-size: 15pt; margin: 0 0 20mm; }
.front { page-break-after: always; }
h1.section { font-size: 17pt; margin: 2mm 0 4mm; {{if eq .Cols 2}}column-span: all;{{else}}page-break-before: always;{{end}} }
h2 { font-size: 13pt; margin: 5mm 0 2mm; }
h3 { font-size: 10pt; margin: 2mm 0 1mm; }
p { margin: 0 0 2mm; text-align: justify; }
.body { {{if eq .Cols 2}}column-count: 2; column-gap: 8mm;{{end}} }
</style></head><body>
<div class="cover"><h1>{{.Title}}</h1><p class="sub">{{.Sub}}</p><p>{{.Year}}</p></div>
<div class="front"><h2>Preface</h2>
<p>This compendium was put together in {{.Prev}} from the practices that state police forces sent to the Bureau. Each practice tells the problem, the response, the results and the lessons, so that trainers and officers can use it in their own districts.</p>
<p>The practices were chosen by a committee of officers and are printed as the states wrote them, with small changes for length.</p></div>
<div class="body">
{{range .Sections}}<h1 class="section">{{.Title}}</h1>
{{range .Cases}}<h2>{{.Title}}</h2>
<p><i>{{.District}} district, {{.State}}, {{.Period}}</i></p>
<h3>Problem</h3><p>{{.Problem}}</p>
<h3>Response</h3><p>{{.Action}}</p>
<h3>Results</h3><p>{{.Results}}</p>
<h3>Lessons</h3><p>{{.Lessons}}</p>
{{end}}{{end}}</div>
</body></html>`

type printedCase struct {
	practice
	Period string
}

type printedSection struct {
	Title string
	Cases []printedCase
}

func printed(dir string, cols int) (Layout, error) {
	l := Layout{Compendium: true, Title: "Practices that Work: A Compendium of Police Action against Human Trafficking", Year: 2022 - cols}
	if cols == 2 {
		l.Title = "Practices that Work: A Second Compendium of Police Action against Human Trafficking"
	}
	var secs []printedSection
	for s, title := range []string{"Prevention and Rescue", "Investigation and Prosecution"} {
		var cs []printedCase
		for _, pr := range practices(3+cols*10+s*3, 3) {
			cs = append(cs, printedCase{pr, pr.period()})
			l.Cases = append(l.Cases, Case{Title: pr.Title, Section: title, Years: pr.years()})
		}
		secs = append(secs, printedSection{title, cs})
	}
	var b bytes.Buffer
	err := template.Must(template.New("").Parse(printedHTML)).Execute(&b, map[string]any{
		"Meta": "Microsoft Word - compendium_final_v3.docx", "Title": "Practices that Work:",
		"Sub": l.Title[len("Practices that Work: "):], "Year": l.Year, "Prev": l.Year - 1, "Cols": cols, "Sections": secs,
	})
	if err != nil {
		return l, err
	}
	l.Avoid = []int{2}
	name := map[int]string{1: "one-column", 2: "two-columns"}[cols]
	if l.File, err = chromiumPDF(dir, name, b.String()); err != nil {
		return l, err
	}
	return l, locate(l.File, l.Cases, 2)
}

const guideHTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Response Guide</title>
<style>@page { size: Letter; margin: 18mm; } body { font-family: "DejaVu Serif", serif; font-size: 11pt; }
h1 { font-size: 24pt; } h2 { font-size: 15pt; color: #225; } li { margin: 1mm 0; }</style></head><body>
<h1>Human Trafficking Response Guide for School Resource Officers</h1>
<p>Published 2022 by the National Center for School Safety.</p>
{{range .}}<h2>{{.}}</h2>
<p>School resource officers are often the first to see the signs. This part sets out what to look for and whom to call, with the steps the district agreed with child protection services.</p>
<ul><li>Changes in attendance, clothing or possessions that the student cannot explain.</li>
<li>An older boyfriend or a new friend who picks the student up from school.</li>
<li>Signs of physical abuse, or a tattoo the student will not talk about.</li></ul>
<p>Call 1-888-373-7888 or text 233733. In an emergency call 911.</p>
{{end}}</body></html>`

// printedGuide is a guide printed from a browser: question headings,
// lists and hotline numbers, no case.
func printedGuide(dir string) (Layout, error) {
	l := Layout{Title: "Human Trafficking Response Guide for School Resource Officers", Year: 2022}
	var b bytes.Buffer
	heads := []string{"Understanding Trafficking", "Indicators at School", "Responding to a Disclosure", "Working with Child Protection", "Interviewing a Student", "After the Report", "Prevention Education", "Resources and Hotlines"}
	if err := template.Must(template.New("").Parse(guideHTML)).Execute(&b, heads); err != nil {
		return l, err
	}
	var err error
	l.File, err = chromiumPDF(dir, "guide-printed", b.String())
	return l, err
}
