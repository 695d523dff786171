package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/compendium-kb/compendium/indexer"
	"github.com/compendium-kb/compendium/kb"
	"github.com/compendium-kb/compendium/samples"
)

// BenchmarkHandoutPDF makes the PDF of a 20-case handout, ten English
// cases read from samples/law-enforcement-compendium.pdf and ten Hindi
// ones from samples/hindi-practices.json, and reports its size and pages:
//
//	go test ./ui -run '^$' -bench HandoutPDF -benchmem
func BenchmarkHandoutPDF(b *testing.B) {
	hp := benchHandout(b, 20)
	size, pages := 0, 0
	for b.Loop() {
		d, err := handoutDocument(hp)
		if err != nil {
			b.Fatal(err)
		}
		pdf, err := d.Bytes()
		if err != nil {
			b.Fatal(err)
		}
		size, pages = len(pdf), d.Pages()
	}
	b.ReportMetric(float64(size)/1024, "KB/handout")
	b.ReportMetric(float64(pages), "pages/handout")
}

func benchHandout(b *testing.B, n int) handoutPage {
	b.Helper()
	data, err := os.ReadFile(filepath.Join("..", "samples", "law-enforcement-compendium.pdf"))
	if err != nil {
		b.Fatal(err)
	}
	doc, err := indexer.Extract("law-enforcement-compendium.pdf", data, indexer.DefaultLimits)
	if err != nil {
		b.Fatal(err)
	}
	var english []kb.Practice
	for _, cs := range doc.Practices {
		english = append(english, kb.Practice{Title: cs.Title, Summary: cs.Summary, Text: cs.Text, States: cs.States})
	}
	_, hindi, err := samples.Hindi()
	if err != nil {
		b.Fatal(err)
	}
	hp := handoutPage{Pack: kb.Pack{Title: "उत्तम पहल: रेलवे स्टेशनों पर लापता बच्चे", Intro: "बीस मामले, हिंदी और अंग्रेज़ी में।"}, Made: "30 November 2026"}
	for i := range n {
		p := english[i/2%len(english)]
		if i%2 == 1 {
			p = hindi[i/2%len(hindi)]
		}
		cite := fmt.Sprintf("%s. (2008). In Compendium on best practices. https://example.org/practices/%d", p.Title, i)
		hp.Cases = append(hp.Cases, handoutCase{N: i + 1, Practice: p, Summary: p.Summary, Done: p.Text,
			Facts: []fact{{"States", fmt.Sprint(p.States)}}, Citation: cite})
		hp.Bibliography = append(hp.Bibliography, cite)
	}
	return hp
}
