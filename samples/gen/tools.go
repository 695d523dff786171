package main

import (
	"bytes"
	"fmt"
	"html/template"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Samples made by other people's tools: Chromium printing a web page, and
// groff typesetting ms macros. Their page ranges are found afterwards by
// asking pdftotext, page by page, where each title stands.

const digestHTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Title}}</title>
<style>
@page { size: A4; margin: 18mm 16mm; }
body { font-family: "DejaVu Serif", serif; font-size: 10.5pt; line-height: 1.35; }
.cover { text-align: center; padding-top: 70mm; page-break-after: always; }
.cover h1 { font-size: 26pt; }
.intro { page-break-after: always; }
h2.section { font-family: "DejaVu Sans", sans-serif; font-size: 17pt; margin: 0 0 6mm; }
.case { page-break-before: always; }
h3 { font-family: "DejaVu Sans", sans-serif; font-size: 13.5pt; margin: 0 0 3mm; }
.where { font-style: italic; margin: 0 0 4mm; }
.cols { column-count: 2; column-gap: 9mm; }
h4 { font-family: "DejaVu Sans", sans-serif; font-size: 10.5pt; margin: 2mm 0 1mm; }
p { margin: 0 0 2mm; text-align: justify; }
</style></head><body>
<div class="cover"><h1>{{.Title}}</h1><p>Good practices collected for police training academies</p></div>
<div class="intro"><h2>Introduction</h2>
<p>This digest brings together practices from state police forces that trainers can use in sessions on investigation, victim care and prevention. Each practice gives the problem, the action taken, the results and the lessons for other units.</p></div>
{{range $s := .Sections}}{{range $i, $p := $s.Practices}}
<div class="case">
{{if eq $i 0}}<h2 class="section">{{$s.Title}}</h2>{{end}}
<h3>Best Practice No. {{$p.Number}} – {{$p.Title}}</h3>
<p class="where">{{$p.District}} district, {{$p.Station}}, {{$p.Period}}</p>
<div class="cols">
<h4>Problem</h4><p>{{$p.Problem}}</p>
<h4>Action</h4><p>{{$p.Action}}</p>
<h4>Results</h4><p>{{$p.Results}}</p>
<h4>Lessons for replication</h4><p>{{$p.Lessons}}</p>
</div></div>
{{end}}{{end}}
</body></html>`

type numbered struct {
	practice
	Number int
}

// buildDigest prints the training digest with Chromium.
func buildDigest(out string) (expected, error) {
	const title = "Training Digest of Good Practices against Human Trafficking"
	exp := expected{File: "training-digest.pdf", Title: title, Publisher: "Sample edition for the Compendium knowledge base", Year: 2020}
	type sec struct {
		Title     string
		Practices []numbered
	}
	var secs []sec
	n := 0
	for _, s := range trainingDigest {
		var ps []numbered
		for _, p := range s.Practices {
			n++
			ps = append(ps, numbered{p, n})
		}
		secs = append(secs, sec{s.Title, ps})
	}
	var html bytes.Buffer
	t := template.Must(template.New("digest").Parse(digestHTML))
	if err := t.Execute(&html, map[string]any{"Title": title, "Sections": secs}); err != nil {
		return exp, err
	}
	dir, err := os.MkdirTemp("", "digest")
	if err != nil {
		return exp, err
	}
	defer os.RemoveAll(dir)
	src := filepath.Join(dir, "digest.html")
	if err := os.WriteFile(src, html.Bytes(), 0o600); err != nil {
		return exp, err
	}
	pdf := filepath.Join(out, exp.File)
	cmd := exec.Command("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--no-pdf-header-footer",
		"--print-to-pdf="+pdf, "file://"+src)
	if msg, err := cmd.CombinedOutput(); err != nil {
		return exp, fmt.Errorf("chromium: %v: %s", err, msg)
	}
	for _, s := range trainingDigest {
		for _, p := range s.Practices {
			exp.Practices = append(exp.Practices, expectedCase{Title: p.Title, Section: s.Title, States: p.States})
		}
	}
	return exp, locatePages(pdf, &exp)
}

// buildBorderCasebook typesets the border casebook with groff's ms macros:
// unnumbered bold case titles, italic sub-headings, cases running on.
func buildBorderCasebook(out string) (expected, error) {
	const title = "Casebook on Border and Transit Interventions"
	exp := expected{File: "border-casebook.pdf", Title: title, Publisher: "Sample edition for the Compendium knowledge base", Year: 2021}
	var ms strings.Builder
	ms.WriteString(".nr PS 10\n.nr VS 12\n.ds CH\n.ds CF \\- % \\-\n.ds LH " + title + "\n")
	ms.WriteString(".TL\n" + title + "\n.AU\nSample edition\n.AB no\n")
	ms.WriteString("Practices at borders, railway junctions and highways, where trafficking can be stopped in transit.\n.AE\n.bp\n")
	for _, p := range borderCasebook {
		ms.WriteString(".SH\n\\s+3" + p.Title + "\\s0\n")
		ms.WriteString(".LP\n\\fI" + p.District + " district, " + p.Station + ", " + p.Period + ".\\fP\n")
		for _, part := range [][2]string{{"The problem", p.Problem}, {"What was done", p.Action}, {"Outcome", p.Results}, {"What others can learn", p.Lessons}} {
			ms.WriteString(".LP\n\\fI" + part[0] + "\\fP\n.PP\n" + part[1] + "\n")
		}
		exp.Practices = append(exp.Practices, expectedCase{Title: p.Title, States: p.States})
	}
	cmd := exec.Command("groff", "-ms", "-Tpdf", "-P-pa4")
	cmd.Stdin = strings.NewReader(ms.String())
	pdfBytes, err := cmd.Output()
	if err != nil {
		return exp, fmt.Errorf("groff: %v", err)
	}
	pdf := filepath.Join(out, exp.File)
	if err := os.WriteFile(pdf, pdfBytes, 0o644); err != nil {
		return exp, err
	}
	return exp, locatePages(pdf, &exp)
}

// locatePages finds each case's first page as the page where its title
// stands (a title may wrap: its first words are enough), and its last page
// as the page before the next case starts, or the last page.
func locatePages(pdf string, exp *expected) error {
	pages, err := pdftotextPages(pdf)
	if err != nil {
		return err
	}
	for i := range exp.Practices {
		words := strings.Fields(exp.Practices[i].Title)
		probe := strings.Join(words[:min(5, len(words))], " ")
		from := 1
		if i > 0 {
			from = exp.Practices[i-1].PageStart
		}
		for pg := from; pg <= len(pages); pg++ {
			if strings.Contains(strings.Join(strings.Fields(pages[pg-1]), " "), probe) {
				exp.Practices[i].PageStart = pg
				break
			}
		}
		if exp.Practices[i].PageStart == 0 {
			return fmt.Errorf("%s: title %q not found", pdf, probe)
		}
	}
	for i := range exp.Practices {
		exp.Practices[i].PageEnd = len(pages)
		if i+1 < len(exp.Practices) {
			next := exp.Practices[i+1]
			exp.Practices[i].PageEnd = next.PageStart
			if startsPage(pages[next.PageStart-1], next.Title) {
				exp.Practices[i].PageEnd = next.PageStart - 1
			}
		}
	}
	return nil
}

// startsPage reports whether the title is the first text of the page,
// section headings and running heads aside.
func startsPage(page, title string) bool {
	head := strings.Join(strings.Fields(page), " ")
	i := strings.Index(head, strings.Join(strings.Fields(title)[:3], " "))
	return i >= 0 && i < 160
}

func pdftotextPages(pdf string) ([]string, error) {
	out, err := exec.Command("pdftotext", "-layout", pdf, "-").Output()
	if err != nil {
		return nil, fmt.Errorf("pdftotext (poppler-utils) is needed to place the cases: %v", err)
	}
	pages := strings.Split(string(out), "\f")
	if len(pages) > 0 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	return pages, nil
}
