package ui_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/compendium-kb/compendium/kb"
)

func getFrom(t *testing.T, app interface {
	Test(*http.Request, ...int) (*http.Response, error)
}, target string) (int, []byte, http.Header) {
	t.Helper()
	resp, err := app.Test(httptest.NewRequest(http.MethodGet, target, nil), -1)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, body, resp.Header
}

// TestStatsAPIEqualsFacets asks the API for statistics and for a search
// with the same parameters: each facet value has the count its group has.
func TestStatsAPIEqualsFacets(t *testing.T) {
	app, _ := newApp(t)
	for _, params := range []string{"", "q=rescue", "state=Bihar&state=Delhi", "q=girls&theme=rescue", "source=Jharkhand", "q=to:Delhi"} {
		status, body, _ := getFrom(t, app, "/api/v1/search?"+params)
		if status != http.StatusOK {
			t.Fatalf("search %q: status %d: %s", params, status, body)
		}
		var res struct {
			Total  int                        `json:"total"`
			Facets map[string][]kb.FacetValue `json:"facets"`
		}
		if err := json.Unmarshal(body, &res); err != nil {
			t.Fatal(err)
		}
		for _, group := range []string{"state", "theme", "exploitation", "evidence", "document", "source", "transit", "destination", "route"} {
			status, body, _ := getFrom(t, app, "/api/v1/stats?group="+group+"&"+params)
			if status != http.StatusOK {
				t.Fatalf("stats %s %q: status %d: %s", group, params, status, body)
			}
			var st kb.Stats
			if err := json.Unmarshal(body, &st); err != nil {
				t.Fatal(err)
			}
			if st.Total != res.Total {
				t.Errorf("%q by %s: total %d, search total %d", params, group, st.Total, res.Total)
			}
			counts := map[string]int{}
			for _, g := range st.Groups {
				counts[g.Key] = g.Count
			}
			for _, fv := range res.Facets[group] {
				if counts[fv.Value] != fv.Count {
					t.Errorf("%q: %s %q is %d in statistics, %d in the facet", params, group, fv.Value, counts[fv.Value], fv.Count)
				}
			}
		}
	}
	if status, _, _ := getFrom(t, app, "/api/v1/stats?group=colour"); status != http.StatusBadRequest {
		t.Errorf("an unknown group: status %d, want 400", status)
	}
}

// TestExportsReadBack exports a search as CSV and XLSX and reads both with
// real readers: a header and one row per matching practice.
func TestExportsReadBack(t *testing.T) {
	app, _ := newApp(t)
	for _, params := range []string{"", "q=rescue", "state=Delhi"} {
		_, body, _ := getFrom(t, app, "/api/v1/search?size=1&"+params)
		var res struct {
			Total int `json:"total"`
		}
		if err := json.Unmarshal(body, &res); err != nil || res.Total == 0 {
			t.Fatalf("search %q: %d results, %v", params, res.Total, err)
		}
		status, body, hdr := getFrom(t, app, "/api/v1/search?format=csv&"+params)
		if status != http.StatusOK || !strings.HasPrefix(hdr.Get("Content-Type"), "text/csv") {
			t.Fatalf("CSV %q: status %d, type %q", params, status, hdr.Get("Content-Type"))
		}
		rows := readCSV(t, body)
		if len(rows) != res.Total+1 {
			t.Errorf("CSV %q: %d rows, want a header and %d practices", params, len(rows), res.Total)
		}
		if len(rows) > 1 && !strings.Contains(rows[1][2], "/practices/") {
			t.Errorf("CSV %q: the url column holds %q", params, rows[1][2])
		}
		status, body, _ = getFrom(t, app, "/api/v1/search?format=xlsx&"+params)
		if status != http.StatusOK {
			t.Fatalf("XLSX %q: status %d", params, status)
		}
		f, err := excelize.OpenReader(bytes.NewReader(body))
		if err != nil {
			t.Fatalf("XLSX %q does not open: %v", params, err)
		}
		xrows, err := f.GetRows("Sheet1")
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if len(xrows) != res.Total+1 {
			t.Errorf("XLSX %q: %d rows, want a header and %d practices", params, len(xrows), res.Total)
		}
		for i := range min(len(rows), len(xrows)) {
			// GetRows leaves out empty cells at a row's end.
			if want := slices.Clone(rows[i]); !slices.Equal(xrows[i], trimEmpty(want)) {
				t.Errorf("XLSX %q row %d differs from the CSV's:\n%q\n%q", params, i, xrows[i], rows[i])
				break
			}
		}
	}
	status, body, _ := getFrom(t, app, "/api/v1/stats?group=state&format=csv")
	rows := readCSV(t, body)
	if status != http.StatusOK || len(rows) < 2 || rows[0][0] != "state" {
		t.Errorf("statistics CSV: status %d, rows %q", status, rows)
	}
	if status, _, _ := getFrom(t, app, "/api/v1/search?format=pdf"); status != http.StatusBadRequest {
		t.Errorf("an unknown format: status %d, want 400", status)
	}
}

// TestStatisticsPage renders the page for a search: charts, the map and
// the route matrix, each bar a link to the practices behind it.
func TestStatisticsPage(t *testing.T) {
	app, _ := newApp(t)
	status, body, _ := getFrom(t, app, "/stats?q=girls")
	if status != http.StatusOK {
		t.Fatalf("status %d: %s", status, body)
	}
	page := string(body)
	for _, want := range []string{`<svg class="bars"`, `<svg class="tilemap"`, `class="matrix"`, `href="/?q=girls&amp;route=Jharkhand`, "Figures reported, by state", `<table class="list data">`} {
		if !strings.Contains(page, want) {
			t.Errorf("the statistics page lacks %q", want)
		}
	}
}

// TestStatisticsForSignedInOnly closes the statistics to visitors.
func TestStatisticsForSignedInOnly(t *testing.T) {
	ra := newReviewApp(t)
	if status, _ := ra.api(t, "", http.MethodGet, "/api/v1/stats?group=state", nil); status != http.StatusOK {
		t.Fatalf("statistics by default: status %d, want 200 for everyone", status)
	}
	admin := userOf(t, ra, "admin")
	if err := ra.insights.SaveSettings(t.Context(), admin, kb.Settings{StatsSignedInOnly: true}); err != nil {
		t.Fatal(err)
	}
	if status, _ := ra.api(t, "", http.MethodGet, "/api/v1/stats?group=state", nil); status != http.StatusUnauthorized {
		t.Errorf("statistics for signed-in users only, asked without: status %d, want 401", status)
	}
	if status, _ := ra.api(t, "officer", http.MethodGet, "/api/v1/stats?group=state", nil); status != http.StatusOK {
		t.Errorf("statistics for signed-in users, asked by an officer: status %d, want 200", status)
	}
}

// searchFor runs a search through the app as a visitor would.
func searchFor(t *testing.T, ra reviewApp, params url.Values) {
	t.Helper()
	if status, body := ra.api(t, "", http.MethodGet, "/?"+params.Encode(), nil); status != http.StatusOK {
		t.Fatalf("search %v: status %d: %s", params, status, body)
	}
}

func openFrom(t *testing.T, ra reviewApp, practiceURL string, params url.Values) {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, practiceURL, nil)
	req.Header.Set("Referer", "http://example.com/?"+params.Encode())
	resp, err := ra.app.Test(req, -1)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("opening %s: %v %v", practiceURL, resp.StatusCode, err)
	}
}

func findSummary(list []kb.SearchSummary, query string) *kb.SearchSummary {
	for i := range list {
		if list[i].Query == query {
			return &list[i]
		}
	}
	return nil
}

// TestSearchAnalytics counts searches and opened results, leaves out who
// searched, honours the switch and the retention, and answers a search
// with no results by a synonym that works at once.
func TestSearchAnalytics(t *testing.T) {
	ra := newReviewApp(t)
	importSample(t, ra.svc, "law-enforcement-compendium.pdf")
	ctx := t.Context()
	admin, officer := userOf(t, ra, "admin"), userOf(t, ra, "officer")
	res, err := ra.svc.Search(ctx, kb.Query{Text: "placement agency"})
	if err != nil || len(res.Hits) == 0 {
		t.Fatalf("no practice for placement agency: %v", err)
	}
	for i := 0; i < 3; i++ {
		searchFor(t, ra, url.Values{"q": {"Placement  Agency"}})
	}
	searchFor(t, ra, url.Values{"q": {"bonded labour"}, "state": {"Tamil Nadu"}})
	searchFor(t, ra, url.Values{"q": {"sextortion"}})
	openFrom(t, ra, "/practices/"+res.Hits[0].Practice.ID+"/"+res.Hits[0].Practice.Slug, url.Values{"q": {"placement agency"}})
	if _, err := ra.insights.Report(ctx, officer, 10); err == nil {
		t.Error("an officer read the search report")
	}
	rep, err := ra.insights.Report(ctx, admin, 10)
	if err != nil {
		t.Fatal(err)
	}
	if s := findSummary(rep.Top, "placement agency"); s == nil || s.Searches != 3 || s.Opened != 1 || s.Results == 0 {
		t.Errorf("top searches: %+v, want placement agency 3 times, opened once, with results", rep.Top)
	}
	if s := findSummary(rep.NoResults, "sextortion"); s == nil || s.Link != "/?q=sextortion" {
		t.Errorf("no-result searches: %+v, want sextortion linking to its search", rep.NoResults)
	}
	if s := findSummary(rep.Unopened, "bonded labour"); s == nil || s.Filters != "state=Tamil+Nadu" {
		t.Errorf("unopened searches: %+v, want bonded labour in Tamil Nadu", rep.Unopened)
	}
	// A synonym answers the no-result search at once, without a rebuild.
	if _, err := ra.insights.AddSynonyms(ctx, admin, "sextortion, placement agency"); err != nil {
		t.Fatal(err)
	}
	if res, _ := ra.svc.Search(ctx, kb.Query{Text: "sextortion"}); res.Total == 0 {
		t.Error("sextortion finds nothing after the synonym was added")
	}
	// Off: nothing more is counted.
	if err := ra.insights.SaveSettings(ctx, admin, kb.Settings{AnalyticsOff: true}); err != nil {
		t.Fatal(err)
	}
	searchFor(t, ra, url.Values{"q": {"placement agency"}})
	rep, _ = ra.insights.Report(ctx, admin, 10)
	if s := findSummary(rep.Top, "placement agency"); s == nil || s.Searches != 3 {
		t.Errorf("with counting off, placement agency counts %+v, want still 3", s)
	}
	// Retention: counts older than the period are deleted.
	if err := ra.insights.SaveSettings(ctx, admin, kb.Settings{RetentionDays: 30}); err != nil {
		t.Fatal(err)
	}
	real := ra.insights.Now
	ra.insights.Now = func() time.Time { return real().AddDate(0, 0, 31) }
	defer func() { ra.insights.Now = real }()
	rep, _ = ra.insights.Report(ctx, admin, 10)
	if rep.Searches != 0 {
		t.Errorf("31 days later with a retention of 30: %d searches kept, want none", rep.Searches)
	}
}

func userOf(t *testing.T, ra reviewApp, who string) kb.User {
	t.Helper()
	u, err := ra.accounts.TokenUser(t.Context(), ra.tokens[who])
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func importSample(t *testing.T, svc *kb.Service, name string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "samples", name))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.ImportWith(t.Context(), name, data, kb.ImportOptions{PublishAll: true}); err != nil {
		t.Fatal(err)
	}
}

// TestSearchesPage shows reviewers what people searched for and lets an
// admin change the settings from the page; officers may not see it.
func TestSearchesPage(t *testing.T) {
	ra := newReviewApp(t)
	importSample(t, ra.svc, "law-enforcement-compendium.pdf")
	searchFor(t, ra, url.Values{"q": {"sextortion"}})
	status, body := ra.api(t, "reviewer", http.MethodGet, "/admin/searches", nil)
	if status != http.StatusOK || !strings.Contains(string(body), `href="/?q=sextortion"`) || !strings.Contains(string(body), "/submissions/new?title=sextortion") {
		t.Errorf("searches page for a reviewer: status %d, want the no-result search linked with an invitation to submit", status)
	}
	if status, _ := ra.api(t, "officer", http.MethodGet, "/admin/searches", nil); status != http.StatusForbidden {
		t.Errorf("searches page for an officer: status %d, want 403", status)
	}
	req := httptest.NewRequest(http.MethodPost, "/admin/searches", strings.NewReader("change=settings&stats=signed-in&retention_days=90"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Bearer "+ra.tokens["admin"])
	resp, err := ra.app.Test(req, -1)
	if err != nil || resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving settings: %v, status %d", err, resp.StatusCode)
	}
	set, _ := ra.insights.Settings(t.Context())
	if set.StatsPublic() || !set.AnalyticsOff || set.Retention() != 90 {
		t.Errorf("settings after the form: %+v, want statistics for signed-in users, counting off (box unticked), 90 days", set)
	}
}

func trimEmpty(row []string) []string {
	for len(row) > 0 && row[len(row)-1] == "" {
		row = row[:len(row)-1]
	}
	return row
}
