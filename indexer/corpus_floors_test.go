package indexer

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/compendium-kb/compendium/samples/gen/layouts"
)

// corpusTally adds up how the reader did over the layout corpus.
type corpusTally struct {
	expected, found, matched              int
	pagesExact, titlesExact, yearsRight   int
	docTitles, docYears, compendia        int
	onAvoided, empty                      []string
	reportPages, reportConfident, reports int
	wrong                                 []string
}

func (c *corpusTally) compendium(t *testing.T, l layouts.Layout, doc *Document) {
	c.compendia++
	if doc.Title == l.Title {
		c.docTitles++
	} else {
		c.wrong = append(c.wrong, fmt.Sprintf("%s: document title %q, want %q", l.Name, doc.Title, l.Title))
	}
	if doc.Year == l.Year {
		c.docYears++
	} else {
		c.wrong = append(c.wrong, fmt.Sprintf("%s: document year %d, want %d", l.Name, doc.Year, l.Year))
	}
	var want []string
	for _, w := range l.Cases {
		want = append(want, w.Title)
	}
	c.expected += len(l.Cases)
	c.found += len(doc.Practices)
	used := matched(want, doc.Practices)
	for i, f := range doc.Practices {
		if strings.TrimSpace(f.Text) == "" {
			c.empty = append(c.empty, fmt.Sprintf("%s: %q (p. %d)", l.Name, f.Title, f.PageStart))
		}
		if slices.Contains(l.Avoid, f.PageStart) {
			c.onAvoided = append(c.onAvoided, fmt.Sprintf("%s: %q on page %d", l.Name, f.Title, f.PageStart))
		}
		if !used[i] {
			c.wrong = append(c.wrong, fmt.Sprintf("%s: extra case %q (p. %d)", l.Name, f.Title, f.PageStart))
		}
	}
	for _, w := range l.Cases {
		f, ok := pairOf(w.Title, doc.Practices, used)
		if !ok {
			c.wrong = append(c.wrong, fmt.Sprintf("%s: missed %q", l.Name, w.Title))
			continue
		}
		c.matched++
		c.count(&c.pagesExact, f.PageStart == w.PageStart && f.PageEnd == w.PageEnd, l.Name, w.Title, "pages %d-%d, want %d-%d", f.PageStart, f.PageEnd, w.PageStart, w.PageEnd)
		c.count(&c.titlesExact, f.Title == w.Title, l.Name, w.Title, "title %q", f.Title)
		c.count(&c.yearsRight, slices.Equal(f.Years, w.Years), l.Name, w.Title, "years %v, want %v", f.Years, w.Years)
	}
}

func (c *corpusTally) count(n *int, ok bool, layout, title, format string, args ...any) {
	if ok {
		*n++
		return
	}
	c.wrong = append(c.wrong, fmt.Sprintf("%s: %q: ", layout, title)+fmt.Sprintf(format, args...))
}

// pairOf finds the found case matched to an expected title.
func pairOf(title string, found []CaseStudy, used []bool) (CaseStudy, bool) {
	best, bestSim := -1, 0.6
	for i, f := range found {
		if sim := titleSimilarity(title, f.Title); used[i] && sim >= bestSim {
			best, bestSim = i, sim
		}
	}
	if best < 0 {
		return CaseStudy{}, false
	}
	return found[best], true
}

func (c *corpusTally) report(l layouts.Layout, doc *Document) {
	c.reports++
	c.reportPages += doc.Pages
	for _, f := range doc.Practices {
		if f.Confidence > 0.8 {
			c.reportConfident++
			c.wrong = append(c.wrong, fmt.Sprintf("%s: confident proposal %q (%.2f)", l.Name, f.Title, f.Confidence))
		}
	}
}

// TestLayoutCorpus holds the reader to its floors over compendia made by
// the tools people use and over reports that are not compendia.
func TestLayoutCorpus(t *testing.T) {
	built := layoutCorpus(t)
	var c corpusTally
	for _, l := range built {
		doc := extractLayout(t, l)
		if l.Compendium {
			c.compendium(t, l, doc)
		} else {
			c.report(l, doc)
		}
	}
	if c.compendia == 0 {
		t.Fatal("no compendium in the layout corpus")
	}
	p, r := ratio(c.matched, c.found), ratio(c.matched, c.expected)
	f1 := 0.0
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	t.Logf("%d layouts (%d compendia, %d reports): case F1 %.3f (%d/%d found, %d proposed), exact pages %.3f, titles %.3f, years %.3f; document titles %d/%d, years %d/%d",
		len(built), c.compendia, c.reports, f1, c.matched, c.expected, c.found,
		ratio(c.pagesExact, c.matched), ratio(c.titlesExact, c.matched), ratio(c.yearsRight, c.matched),
		c.docTitles, c.compendia, c.docYears, c.compendia)
	t.Logf("reports: %d proposals above 0.8 over %d pages", c.reportConfident, c.reportPages)
	for _, w := range c.wrong {
		t.Log(w)
	}
	check := func(name string, got, floor float64) {
		if got < floor {
			t.Errorf("%s %.3f < %.2f", name, got, floor)
		}
	}
	// Every layout here was made to break the reader once, and it reads
	// them all now: any case lost, cut wrong or mistitled is a regression.
	check("case F1", f1, 1)
	check("exact pages", ratio(c.pagesExact, c.matched), 1)
	check("titles exactly right", ratio(c.titlesExact, c.matched), 1)
	check("years right", ratio(c.yearsRight, c.matched), 0.95)
	if c.docYears < c.compendia {
		t.Errorf("document years right for %d of %d compendia", c.docYears, c.compendia)
	}
	if len(c.empty) > 0 {
		t.Errorf("cases without text: %s", strings.Join(c.empty, "; "))
	}
	if len(c.onAvoided) > 0 {
		t.Errorf("cases on contents or preface pages: %s", strings.Join(c.onAvoided, "; "))
	}
	if c.reportConfident*10 > c.reportPages {
		t.Errorf("%d proposals above 0.8 over %d report pages, want at most one per ten pages", c.reportConfident, c.reportPages)
	}
}
