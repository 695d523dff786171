package layouts

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
)

// Compendia printed from a browser that try the edges of cases: a
// contents list in two columns naming each "Best Practice 1: Title
// (State)", a case whose table runs over two pages under a cover dated
// "2004-2021", and annexures and abbreviations after the last case.

func init() {
	register("chromium-two-column-contents", "chromium", func(dir string) (Layout, error) { return edges(dir, edgeContents) })
	register("chromium-table-over-two-pages", "chromium", func(dir string) (Layout, error) { return edges(dir, edgeTable) })
	register("chromium-annexure-after-last-case", "chromium", func(dir string) (Layout, error) { return edges(dir, edgeAnnexure) })
}

type edge int

const (
	edgeContents edge = iota
	edgeTable
	edgeAnnexure
)

const edgesHTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Title}}</title>
<style>
@page { size: A4; margin: 16mm 15mm; }
body { font-family: "Liberation Serif", serif; font-size: 10.5pt; line-height: 1.35; }
.cover { padding-top: 60mm; page-break-after: always; text-align: center; }
.cover h1 { font-size: 24pt; }
.contents { page-break-after: always; column-count: 2; column-gap: 10mm; font-size: 10pt; }
.contents p { margin: 0 0 3mm; }
h2 { font-size: 14pt; page-break-before: always; margin: 0 0 3mm; font-family: "Liberation Sans", sans-serif; }
h3 { font-size: 11pt; margin: 3mm 0 1mm; font-family: "Liberation Sans", sans-serif; }
h4 { font-size: 10.5pt; margin: 2mm 0 1mm; }
p { margin: 0 0 2mm; text-align: justify; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0; }
td, th { border: 1px solid #444; padding: 1mm 2mm; font-size: 10pt; }
</style></head><body>
<div class="cover"><h1>{{.Title}}</h1><p>Bureau of Police Research and Development</p><p>Ministry of Home Affairs</p><p>{{.Date}}</p></div>
{{if .Contents}}<div class="contents"><h3>Best Practices in this Volume</h3>
{{range .Cases}}<p>{{.Label}}: {{.Title}} ({{.State}}) {{.Page}}</p>
{{end}}<p>Annexure: Contacts of the Nodal Officers {{.AnnexPage}}</p></div>{{end}}
{{range .Cases}}<h2>{{if .Label}}{{.Label}}: {{end}}{{.Title}}</h2>
<p><i>{{.District}} district, {{.State}}, {{.Period}}</i></p>
<h3>Problem</h3><p>{{.Problem}}</p>
<h3>Response</h3><p>{{.Action}}</p>
{{if .Rows}}<table><thead><tr><th>Month</th><th>Station</th><th>Rescued</th><th>Arrested</th></tr></thead><tbody>
{{range .Rows}}<tr><td>{{index . 0}}</td><td>{{index . 1}}</td><td>{{index . 2}}</td><td>{{index . 3}}</td></tr>
{{end}}</tbody></table>{{end}}
<h3>Results</h3><p>{{.Results}}</p>
<h3>Lessons</h3><p>{{.Lessons}}</p>
{{end}}
{{if .Annexure}}<h2>Annexure I: Contacts of the Nodal Officers of the Anti Human Trafficking Units in the States</h2>
<table><thead><tr><th>State</th><th>Nodal officer</th><th>Telephone</th></tr></thead><tbody>
{{range .Cases}}<tr><td>{{.State}}</td><td>Superintendent of Police, CID, {{.State}}</td><td>0{{.Page}}1-2345{{.Page}}78</td></tr>
{{end}}</tbody></table>
<h2>Abbreviations Used in this Compendium</h2>
<p>AHTU: Anti Human Trafficking Unit</p><p>CWC: Child Welfare Committee</p><p>FIR: First Information Report</p><p>NGO: Non-Governmental Organisation</p><p>SP: Superintendent of Police</p>{{end}}
</body></html>`

type edgeCase struct {
	practice
	Label, Period string
	Page          int
	Rows          [][4]string
}

func edges(dir string, e edge) (Layout, error) {
	l := Layout{Compendium: true, Title: "Compendium of Best Practices of the Anti Human Trafficking Units", Year: 2023}
	date, name, first := "2023", "two-column-contents", 2
	switch e {
	case edgeTable:
		l.Title, l.Year, date, name, first = "Police Practices against Trafficking of Women and Children", 2021, "2004-2021", "table-over-two-pages", 1
	case edgeAnnexure:
		l.Title, l.Year, date, name, first = "Best Practices in Rescue and Rehabilitation: Field Experience of the States", 2019, "March 2019", "annexure-after-last-case", 1
	}
	var cases []edgeCase
	for i, pr := range practices(5+int(e)*6, 5) {
		c := edgeCase{practice: pr, Period: pr.period(), Page: first + 1 + i}
		if e != edgeTable {
			c.Label = fmt.Sprintf("Best Practice %d", i+1)
		}
		if e == edgeTable && i == 1 {
			c.Rows = rescueRows(pr)
		}
		cases = append(cases, c)
		l.Cases = append(l.Cases, Case{Title: pr.Title, Years: pr.years()})
	}
	var b bytes.Buffer
	err := template.Must(template.New("").Parse(edgesHTML)).Execute(&b, map[string]any{
		"Title": l.Title, "Date": date, "Cases": cases, "Contents": e == edgeContents,
		"Annexure": e == edgeAnnexure, "AnnexPage": first + 2 + len(cases),
	})
	if err != nil {
		return l, err
	}
	if e == edgeContents {
		l.Avoid = []int{2}
	}
	if l.File, err = chromiumPDF(dir, name, b.String()); err != nil {
		return l, err
	}
	if err := locate(l.File, l.Cases, first); err != nil {
		return l, err
	}
	if e == edgeAnnexure {
		return l, endBefore(l.File, l.Cases, "Annexure I")
	}
	return l, nil
}

// rescueRows is a table of rescues by month and station over the
// practice's period, long enough to run onto the next pages.
func rescueRows(pr practice) [][4]string {
	months := []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	stations := []string{"Central", "Railway", "Bus Stand"}
	var rows [][4]string
	for y := pr.From; y <= pr.To; y++ {
		for m, month := range months {
			for s, st := range stations {
				i := m*3 + s
				rows = append(rows, [4]string{fmt.Sprintf("%s %d", month, y), pr.District + " " + st, fmt.Sprint(3 + (i*7)%11), fmt.Sprint(i % 3)})
			}
		}
	}
	return rows
}

// endBefore ends the last case on the page before the one that opens with
// the back matter's heading.
func endBefore(pdf string, cases []Case, heading string) error {
	pages, err := pdftotextPages(pdf)
	if err != nil {
		return err
	}
	last := &cases[len(cases)-1]
	for pg := last.PageStart + 1; pg <= len(pages); pg++ {
		if strings.HasPrefix(flat(pages[pg-1]), heading) {
			last.PageEnd = pg - 1
			return nil
		}
	}
	return fmt.Errorf("%s: %q not found after the last case", pdf, heading)
}
