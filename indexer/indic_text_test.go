package indexer

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/compendium-kb/compendium/samples/gen/layouts"
)

// Hindi compendia made by LibreOffice and Chromium in Lohit Devanagari, and
// a Bengali one from Chromium in Lohit Bengali,
// read back in logical order with every glyph: conjuncts, the short i
// drawn before its consonant, reph and nukta. The words the documents
// were written with are the truth; pdftotext is the reference reader. It
// splits some clusters itself ("अके ले", "संयक्त ु"), so agreement with it
// stays a little under 1 when ours is right: ours must read at least as
// many of the written words as pdftotext does, and nearly all of them.
func TestIndicText(t *testing.T) {
	var indic []layouts.Layout
	for _, l := range layoutCorpus(t) {
		if len(l.Words) > 0 {
			indic = append(indic, l)
		}
	}
	if len(indic) == 0 {
		t.Skip("no Hindi or Bengali layout could be made here (chromium and soffice are missing)")
	}
	for _, l := range indic {
		truth := strings.Join(l.Words, " ")
		doc := extractLayout(t, l)
		ref, err := exec.Command("pdftotext", l.File, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext %s: %v", l.File, err)
		}
		ours := doc.Text()
		vsRef := WordF1(ours, string(ref))
		t.Logf("%s: word F1 against pdftotext %.3f; recall of the written words: ours %.3f, pdftotext %.3f",
			l.Name, vsRef, recall(ours, truth), recall(string(ref), truth))
		if vsRef < 0.95 {
			t.Errorf("%s: word F1 against pdftotext %.3f < 0.95", l.Name, vsRef)
		}
		if r, rr := recall(ours, truth), recall(string(ref), truth); r < 0.98 || r < rr {
			t.Errorf("%s: %.3f of the written words read back (pdftotext %.3f), want at least 0.98 and pdftotext's", l.Name, r, rr)
		}
	}
}

// recall is the share of want's words that got has.
func recall(got, want string) float64 {
	g, w := wordBag(got), wordBag(want)
	found, all := 0, 0
	for word, n := range w {
		found += min(n, g[word])
		all += n
	}
	if all == 0 {
		return 1
	}
	return float64(found) / float64(all)
}
