package ui

import (
	"bytes"
	"strings"
	"testing"

	"github.com/compendium-kb/compendium/kb"
)

// renderSearch renders the results page for hand-made results, as the
// handler does after a search.
func renderSearch(t *testing.T, lang string, q kb.Query, res kb.Results) string {
	t.Helper()
	st, err := newStatic()
	if err != nil {
		t.Fatal(err)
	}
	v, err := parseViews(st)
	if err != nil {
		t.Fatal(err)
	}
	if q, err = q.Normalize(); err != nil {
		t.Fatal(err)
	}
	res.Query = q
	var buf bytes.Buffer
	if err := v.pages["search"].ExecuteTemplate(&buf, "layout", newSearchPage(page{Lang: lang}, q, res, nil)); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// hits makes n hits, the last partial ones marked.
func hits(n, partial int) []kb.Hit {
	out := make([]kb.Hit, n)
	for i := range out {
		id := string(rune('a' + i))
		out[i] = kb.Hit{IndexHit: kb.IndexHit{ID: id, Partial: i >= n-partial}, Practice: kb.Practice{ID: id, Slug: id, Title: "Practice " + id}}
	}
	return out
}

// TestNamedFieldsAreChips: each field the words name is a chip whose link
// adds that filter and keeps the words (a law too); a filter that is on
// already and a repeated name are not offered.
func TestNamedFieldsAreChips(t *testing.T) {
	named := []kb.NamedField{
		{Facet: "state", Value: "Jharkhand", Text: "झारखंड"},
		{Facet: "state", Value: "Jharkhand", Text: "jharkhand"},
		{Facet: "law", Value: "Immoral Traffic (Prevention) Act, 1956", Text: "ITPA"},
		{Facet: "exploitation", Value: "forced and bonded labour", Text: "बंधुआ मज़दूरी"},
	}
	res := kb.Results{Total: 2, Hits: hits(2, 0), Matching: kb.Matching{EveryWord: 2, Named: named}}
	q := kb.Query{Text: "झारखंड बंधुआ मज़दूरी ITPA"}
	for _, c := range []struct {
		lang string
		q    kb.Query
		want []string
		not  []string
	}{
		{"en", q,
			[]string{`<a href="/?exploitation=forced&#43;and&#43;bonded&#43;labour&amp;q=`, `<a href="/?q=%E0%A4%9D%E0%A4%BE%E0%A4%B0%E0%A4%96%E0%A4%82%E0%A4%A1&#43;%E0%A4%AC%E0%A4%82%E0%A4%A7%E0%A5%81%E0%A4%86&#43;%E0%A4%AE%E0%A4%9C%E0%A4%BC%E0%A4%A6%E0%A5%82%E0%A4%B0%E0%A5%80&#43;ITPA&amp;state=Jharkhand" aria-label="Add filter State: Jharkhand">State: Jharkhand <span aria-hidden="true">+</span></a>`},
			nil},
		{"hi", q, []string{`aria-label="फ़िल्टर जोड़ें: राज्य: झारखंड">राज्य: झारखंड <span`, "शोषण का प्रकार: बलात् और बंधुआ श्रम"}, nil},
		{"en", kb.Query{Text: q.Text, States: []string{"Jharkhand"}}, []string{"Add filter Form of exploitation: forced and bonded labour", "Add filter Law: Immoral Traffic (Prevention) Act, 1956"}, []string{"Add filter State: Jharkhand"}},
	} {
		page := renderSearch(t, c.lang, c.q, res)
		for _, w := range c.want {
			if !strings.Contains(page, w) {
				t.Errorf("%s %v: the page lacks %s", c.lang, c.q.States, w)
			}
		}
		for _, n := range c.not {
			if strings.Contains(page, n) {
				t.Errorf("%s %v: the page offers %q", c.lang, c.q.States, n)
			}
		}
		if n := strings.Count(page, "State: Jharkhand <span"); len(c.q.States) == 0 && c.lang == "en" && n != 1 {
			t.Errorf("the state is offered %d times, want once", n)
		}
	}
}

// TestCountLines checks the count line and the paging over counted and
// partial hits, in English and Hindi (oblique plural after "में से").
func TestCountLines(t *testing.T) {
	every := kb.Matching{EveryWord: 5, More: 12, Frequent: []string{"trafficking"}}
	for _, c := range []struct {
		lang string
		q    kb.Query
		res  kb.Results
		want []string
	}{
		{"en", kb.Query{Text: "trafficking rescue"}, kb.Results{Total: 23, Hits: hits(10, 0), Matching: every},
			[]string{"1–10 of 23 practices · 5 with every word · 12 more with some of your words", "“trafficking” is in most practices: it ranks, it does not filter.", "Page 1 of 4"}},
		{"en", kb.Query{Text: "trafficking rescue", Page: 3}, kb.Results{Total: 23, Hits: hits(10, 7), Matching: every},
			[]string{"21–23 of 23 practices", "Practices with some of your words</h2>", "Page 3 of 4", `rel="next"`}},
		{"en", kb.Query{Text: "trafficking rescue", Page: 4}, kb.Results{Total: 23, Hits: hits(5, 5), Matching: every},
			[]string{"23 practices match · 5 with every word", "Page 4 of 4"}},
		{"en", kb.Query{Text: "trafficking rescue", Page: 5}, kb.Results{Total: 23, Matching: every},
			[]string{"No more results: this search found 35 practices on 4 pages."}},
		{"hi", kb.Query{Text: "थाना"}, kb.Results{Total: 2, Hits: hits(2, 0)}, []string{">2 कार्यप्रणालियों में से 1–2<"}},
		{"hi", kb.Query{Text: "बंधुआ"}, kb.Results{Total: 1, Hits: hits(1, 0)}, []string{">1 कार्यप्रणाली में से 1–1<"}},
		{"hi", kb.Query{Text: "बंधुआ", Page: 2}, kb.Results{Total: 1}, []string{"इस खोज में 1 पृष्ठ पर 1 कार्यप्रणाली मिली।"}},
		{"hi", kb.Query{Text: "तस्करी बचाव", Page: 5}, kb.Results{Total: 23, Matching: every},
			[]string{"इस खोज में 4 पृष्ठों पर 35 कार्यप्रणालियाँ मिलीं।"}},
		{"hi", kb.Query{Text: "तस्करी बचाव"}, kb.Results{Total: 23, Hits: hits(10, 0), Matching: kb.Matching{EveryWord: 5, More: 12, Frequent: []string{"तस्करी", "पुलिस"}}},
			[]string{"23 कार्यप्रणालियों में से 1–10 · 5 में आपके सभी शब्द हैं · 12 अन्य में आपके कुछ शब्द हैं", "“तस्करी” और “पुलिस” अधिकतर कार्यप्रणालियों में हैं: ये परिणामों का क्रम तय करते हैं, उन्हें फ़िल्टर नहीं करते।"}},
	} {
		page := renderSearch(t, c.lang, c.q, c.res)
		for _, w := range c.want {
			if !strings.Contains(page, w) {
				t.Errorf("%s %q page %d: the page lacks %q", c.lang, c.q.Text, c.q.Page, w)
			}
		}
	}
}

// TestNoPracticeMatchesOffersThemes: with partial matches only, the page
// says no practice matches the query, offers the near themes as theme
// filters without the words, then the partial matches.
func TestNoPracticeMatchesOffersThemes(t *testing.T) {
	res := kb.Results{Hits: hits(3, 3), Matching: kb.Matching{More: 3, Partial: true, NearThemes: []string{"rescue", "forced and bonded labour"}}}
	for _, c := range []struct {
		lang string
		want []string
	}{
		{"en", []string{"No practice matches “forced begging”.", "Themes close to what you asked:", `<a href="/?theme=rescue">rescue</a>`, "Practices with some of your words</h2>", "Matches some of your words"}},
		{"hi", []string{"“forced begging” से कोई कार्यप्रणाली मेल नहीं खाती।", "आपकी खोज से मिलते-जुलते विषय:", `<a href="/?theme=rescue">बचाव</a>`, "आपके कुछ शब्दों वाली कार्यप्रणालियाँ</h2>", "आपके कुछ शब्दों से मेल खाती है"}},
	} {
		page := renderSearch(t, c.lang, kb.Query{Text: "forced begging"}, res)
		for _, w := range c.want {
			if !strings.Contains(page, w) {
				t.Errorf("%s: the page lacks %q", c.lang, w)
			}
		}
		if strings.Index(page, "Practice a</a>") < strings.Index(page, `href="/?theme=rescue"`) {
			t.Errorf("%s: the partial matches come before the near themes", c.lang)
		}
	}
}
