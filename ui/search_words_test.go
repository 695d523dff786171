package ui_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"
)

// The search results page and API explain how the words of a query
// matched: the practices counted (every word that is not frequent), how
// many of them have every word, and the partial matches after them.

// apiMatching is the API's answer with the fields that say how words
// matched.
type apiMatching struct {
	Total      int      `json:"total"`
	EveryWord  int      `json:"every_word"`
	More       int      `json:"more"`
	Frequent   []string `json:"frequent"`
	NearThemes []string `json:"near_themes"`
	Partial    bool     `json:"partial"`
	Hits       []struct {
		Title   string `json:"title"`
		Partial bool   `json:"partial"`
	} `json:"hits"`
}

// allSamplesApp is an app over the four sample compendia: 32 practices,
// enough for a word in most of them to count as frequent.
func allSamplesApp(t *testing.T) *fiber.App {
	t.Helper()
	app, svc := newAppWithService(t)
	for _, name := range []string{"law-enforcement-compendium.pdf", "state-casebook.pdf", "border-casebook.pdf", "training-digest.pdf"} {
		importSample(t, svc, name)
	}
	return app
}

func searchAPI(t *testing.T, app *fiber.App, params string) (apiMatching, map[string]json.RawMessage) {
	t.Helper()
	resp, body := get(t, app, "/api/v1/search?"+params)
	var out apiMatching
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(body, &out); err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET /api/v1/search?%s: %d %v %.300s", params, resp.StatusCode, err, body)
	}
	json.Unmarshal(body, &raw)
	return out, raw
}

var countRe = regexp.MustCompile(`(?s)<p id="count"[^>]*>(.*?)</p>`)

// countOf is the page's count line as text.
func countOf(t *testing.T, page string) string {
	t.Helper()
	m := countRe.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("the page has no count line")
	}
	return strings.TrimSpace(regexp.MustCompile(`<[^>]+>`).ReplaceAllString(m[1], ""))
}

// TestSearchCountsEveryWordAndPartials: "police" is in most practices, so
// it ranks and does not filter; the count line says how many practices
// match, how many have every word, and how many partial matches follow,
// which are set apart and marked; pages run over all of them.
func TestSearchCountsEveryWordAndPartials(t *testing.T) {
	app := allSamplesApp(t)
	const query = "police rescue railway"
	sr, raw := searchAPI(t, app, "q="+url.QueryEscape(query))
	if len(sr.Frequent) == 0 || sr.EveryWord >= sr.Total || sr.More == 0 || sr.Total >= 10 {
		t.Fatalf("the samples no longer give %q a frequent word, fewer with every word, partial matches and a first page with both: %+v", query, sr)
	}
	for _, key := range []string{"total", "every_word", "more", "frequent", "named", "near_themes", "page", "size", "sort", "hits", "facets"} {
		if _, ok := raw[key]; !ok {
			t.Errorf("the API answer lacks %q", key)
		}
	}
	for i, h := range sr.Hits {
		if h.Partial != (i >= sr.Total) {
			t.Errorf("API hit %d (%s): partial %v; want the %d counted hits first, then partial ones", i, h.Title, h.Partial, sr.Total)
		}
	}
	_, body := get(t, app, "/?q="+url.QueryEscape(query))
	page := string(body)
	want := fmt.Sprintf("1–%d of %d practices · %d with every word · %d more with some of your words", sr.Total, sr.Total, sr.EveryWord, sr.More)
	if got := countOf(t, page); got != want {
		t.Errorf("count line %q, want %q", got, want)
	}
	frequent := "“" + strings.Join(sr.Frequent, "”, “") + "” is in most practices: it ranks, it does not filter."
	if len(sr.Frequent) > 1 {
		last := len(sr.Frequent) - 1
		frequent = "“" + strings.Join(sr.Frequent[:last], "”, “") + "” and “" + sr.Frequent[last] + "” are in most practices: they rank, they do not filter."
	}
	if !strings.Contains(page, frequent) {
		t.Errorf("the page does not say %q", frequent)
	}
	heading := strings.Index(page, "Practices with some of your words</h2>")
	lastCounted := strings.Index(page, ">"+htmlText(sr.Hits[sr.Total-1].Title)+"</a></h2>")
	firstPartial := strings.Index(page, ">"+htmlText(sr.Hits[sr.Total].Title)+"</a></h2>")
	if heading < 0 || lastCounted < 0 || firstPartial < 0 || !(lastCounted < heading && heading < firstPartial) {
		t.Errorf("the heading before the partial matches is at %d, the last counted hit at %d, the first partial one at %d: want it between them", heading, lastCounted, firstPartial)
	}
	if n, want := strings.Count(page, "Matches some of your words"), len(sr.Hits)-sr.Total; n != want {
		t.Errorf("%d hits marked as matching some of the words, want %d", n, want)
	}
	pages := (sr.Total + sr.More + 9) / 10
	if !strings.Contains(page, fmt.Sprintf("Page 1 of %d", pages)) || !strings.Contains(page, `rel="next"`) {
		t.Errorf("page 1: want 'Page 1 of %d' and a next page", pages)
	}
	_, body = get(t, app, fmt.Sprintf("/?q=%s&page=%d", url.QueryEscape(query), pages))
	if last := string(body); strings.Contains(last, `rel="next"`) || !strings.Contains(last, fmt.Sprintf("Page %d of %d", pages, pages)) ||
		!strings.Contains(last, `class="hit partial"`) || countOf(t, last) != fmt.Sprintf("%d practices match · %d with every word · %d more with some of your words", sr.Total, sr.EveryWord, sr.More) {
		t.Errorf("the last page (%d) should list partial matches, say %d practices match, and lead no further; count %q", pages, sr.Total, countOf(t, last))
	}
	_, body = get(t, app, fmt.Sprintf("/?q=%s&page=%d", url.QueryEscape(query), pages+1))
	want = fmt.Sprintf("No more results: this search found %d practices on %d pages. Go to the last page", sr.Total+sr.More, pages)
	if got := countOf(t, string(body)); got != want {
		t.Errorf("past the end: %q, want %q", got, want)
	}
}

// TestSearchNoPracticeMatches: when no practice has the needed words the
// page says so plainly, names the query, and lists the partial matches
// under their heading; nothing is offered for export.
func TestSearchNoPracticeMatches(t *testing.T) {
	app := allSamplesApp(t)
	const query = "forced begging rings"
	sr, raw := searchAPI(t, app, "q="+url.QueryEscape(query))
	if sr.Total != 0 || sr.More == 0 || !sr.Partial {
		t.Fatalf("the samples no longer answer %q with partial matches only: %+v", query, sr)
	}
	if string(raw["near_themes"]) != "[]" && len(sr.NearThemes) == 0 {
		t.Errorf("near_themes = %s, want a list", raw["near_themes"])
	}
	for _, h := range sr.Hits {
		if !h.Partial {
			t.Errorf("API hit %s is not marked partial, though nothing matches every word", h.Title)
		}
	}
	_, body := get(t, app, "/?q="+url.QueryEscape(query))
	page := string(body)
	if got, want := countOf(t, page), "No practice matches “"+query+"”."; got != want {
		t.Errorf("count line %q, want %q", got, want)
	}
	if !strings.Contains(page, "Practices with some of your words</h2>") || !strings.Contains(page, ">"+htmlText(sr.Hits[0].Title)+"</a></h2>") {
		t.Error("the partial matches are not listed under their heading")
	}
	if strings.Contains(page, `download>CSV`) {
		t.Error("a search that counts no practice offers an export")
	}
	if pages := (sr.More + 9) / 10; pages > 1 && !strings.Contains(page, fmt.Sprintf("Page 1 of %d", pages)) {
		t.Errorf("want 'Page 1 of %d' over the partial matches", pages)
	}
}

// htmlText is s as html/template writes it in text.
func htmlText(s string) string {
	return strings.NewReplacer("&", "&amp;", "'", "&#39;", "<", "&lt;", ">", "&gt;", `"`, "&#34;").Replace(s)
}

// TestPartialOnlySearchIsAGap: a search whose hits only have some of its
// words is a gap the searches page lists; the similar practices the
// submission form looks up while an officer types a title are not
// searches and are not counted.
func TestPartialOnlySearchIsAGap(t *testing.T) {
	ra := newReviewApp(t)
	importSample(t, ra.svc, "law-enforcement-compendium.pdf")
	const gap = "kilns bhiwandi zari embroidery railway"
	searchFor(t, ra, url.Values{"q": {gap}})
	const title = "Rescue of bonded labourers from brick kilns"
	status, body := ra.api(t, "officer", "GET", "/api/v1/similar?title="+url.QueryEscape(title), nil)
	var similar struct {
		Hits []struct{ Title string } `json:"hits"`
	}
	if err := json.Unmarshal(body, &similar); status != 200 || err != nil || len(similar.Hits) == 0 {
		t.Fatalf("similar practices for a title: %d %v %.200s", status, err, body)
	}
	rep, err := ra.insights.Report(t.Context(), userOf(t, ra, "reviewer"), 20)
	if err != nil {
		t.Fatal(err)
	}
	var gaps, all []string
	for _, s := range rep.NoResults {
		gaps = append(gaps, s.Query)
	}
	for _, s := range rep.Top {
		all = append(all, s.Query)
	}
	if len(gaps) != 1 || gaps[0] != gap {
		t.Errorf("gaps %q, want only %q", gaps, gap)
	}
	if len(all) != 1 {
		t.Errorf("searches counted %q, want only %q: the title lookup is not a search", all, gap)
	}
	status, body = ra.api(t, "reviewer", "GET", "/admin/searches", nil)
	page := string(body)
	gapsSection := page[strings.Index(page, `<section aria-labelledby="none-h">`):]
	gapsSection = gapsSection[:strings.Index(gapsSection, "</section>")]
	if status != 200 || !strings.Contains(gapsSection, "Gaps: searches no practice answers") || !strings.Contains(gapsSection, ">"+gap+"</a>") {
		t.Errorf("the searches page (%d) does not list %q under its gaps", status, gap)
	}
}

// TestTypedPlaceIsAChip: a state typed in the box, in English or Hindi,
// finds what its filter finds, and the page offers it as a filter; a
// district chip sets the district filter.
func TestTypedPlaceIsAChip(t *testing.T) {
	app := allSamplesApp(t)
	filtered, _ := searchAPI(t, app, "state=Jharkhand")
	for _, q := range []string{"Jharkhand", "झारखंड"} {
		sr, _ := searchAPI(t, app, "q="+url.QueryEscape(q))
		if sr.Total != filtered.Total {
			t.Errorf("%s typed: %d practices, the Jharkhand filter finds %d", q, sr.Total, filtered.Total)
		}
		_, body := get(t, app, "/?q="+url.QueryEscape(q))
		if !strings.Contains(string(body), "state=Jharkhand") {
			t.Errorf("%s typed: the page offers no Jharkhand filter", q)
		}
	}
	_, body := get(t, app, "/?q=Gumla")
	if !strings.Contains(string(body), "district=Gumla") {
		t.Error("Gumla typed: the page offers no district filter")
	}
	byDistrict, _ := searchAPI(t, app, "district=Gumla")
	if byDistrict.Total == 0 {
		t.Error("the district filter Gumla finds nothing in the samples")
	}
}
