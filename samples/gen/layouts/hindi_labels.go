package layouts

import (
	"bytes"
	"html/template"
	"strings"
)

// A Hindi compendium numbered in Devanagari digits: each case is headed
// "सर्वोत्तम प्रथा १:" (best practice 1), its period and the cover's year
// are written "२०१९ से २०२१", and a preface is set like a case heading.
// The label is no part of a case's title.

func init() {
	register("chromium-hindi-devanagari-digits", "chromium", hindiDigits)
}

const hindiDigitsHTML = `<!doctype html>
<html lang="hi"><head><meta charset="utf-8"><title>{{.Title}}</title>
<style>
@page { size: A4; margin: 18mm; }
body { font-family: "Lohit Devanagari", sans-serif; font-size: 11pt; line-height: 1.5; }
.cover { padding-top: 60mm; page-break-after: always; }
.cover h1 { font-size: 24pt; }
h2 { font-size: 15pt; page-break-before: always; margin: 0 0 4mm; }
h3 { font-size: 12pt; margin: 3mm 0 1mm; }
p { margin: 0 0 2mm; }
</style></head><body>
<div class="cover"><h1>{{.Title}}</h1><p>{{.Sub}}</p><p>राष्ट्रीय अपराध अभिलेख ब्यूरो, {{.Year}}</p></div>
<h2>प्रस्तावना</h2>
<p>इस संग्रह में राज्यों की पुलिस द्वारा भेजी गई सर्वोत्तम प्रथाएँ हैं। हर प्रथा में समस्या, की गई कार्रवाई, परिणाम और सीख दी गई है, ताकि प्रशिक्षक और अधिकारी इन्हें अपने ज़िलों में अपना सकें।</p>
{{range .Cases}}<h2>{{.Title}}</h2>
<p>{{.Place}}, {{.Period}}</p>
<h3>समस्या</h3><p>{{.Problem}}</p>
<h3>की गई कार्रवाई</h3><p>{{.Action}}</p>
<h3>परिणाम</h3><p>{{.Results}}</p>
<h3>सीख</h3><p>{{.Lessons}}</p>
{{end}}</body></html>`

// devanagariDigits writes ASCII digits as Devanagari ones: "2019" -> "२०१९".
func devanagariDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return '०' + r - '0'
		}
		return r
	}, s)
}

func hindiDigits(dir string) (Layout, error) {
	l := Layout{Compendium: true, Title: "मानव तस्करी की रोकथाम में पुलिस की सर्वोत्तम प्रथाएँ", Year: 2024, Script: "Devanagari"}
	var cases []hindiPractice
	for _, p := range hindiPractices {
		title := unlabelled(p.Title)
		number := strings.TrimPrefix(strings.SplitN(p.Title, ":", 2)[0], "उत्तम पहल ")
		p.Title = "सर्वोत्तम प्रथा " + devanagariDigits(number) + ": " + title
		p.Period = devanagariDigits(p.Period)
		p.Results = devanagariDigits(p.Results)
		cases = append(cases, p)
		l.Cases = append(l.Cases, Case{Title: title, Years: p.Years})
	}
	l.Words = practiceWords(cases)
	var b bytes.Buffer
	err := template.Must(template.New("").Parse(hindiDigitsHTML)).Execute(&b, map[string]any{
		"Title": l.Title, "Sub": "राज्यों के पुलिस बलों के अनुभव", "Year": devanagariDigits("2024"), "Cases": cases,
	})
	if err != nil {
		return l, err
	}
	l.Avoid = []int{2}
	if l.File, err = chromiumPDF(dir, "hindi-devanagari-digits", b.String()); err != nil {
		return l, err
	}
	return l, locate(l.File, l.Cases, 2)
}
