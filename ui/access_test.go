package ui_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/compendium-kb/compendium/kb"
)

// TestOneStatisticsPolicy: with statistics for signed-in users only,
// an anonymous reader gets no statistics, exports without the figure
// columns and search facets without counts; a signed-in reader gets all
// of them; with statistics open, so does everyone. (Before, /api/v1/stats
// answered 401 while an anonymous export carried every figure and the
// facets every count.)
func TestOneStatisticsPolicy(t *testing.T) {
	ra := newReviewApp(t)
	importSample(t, ra.svc, "law-enforcement-compendium.pdf")
	figure := kb.Measures[0].Label
	check := func(who string, open bool) {
		t.Helper()
		status, body := ra.api(t, who, http.MethodGet, "/api/v1/search?format=csv", nil)
		header := readCSV(t, body)[0]
		if status != 200 || slices.Contains(header, figure) != open {
			t.Errorf("%q, statistics open %v: CSV %d with figure column %q: %v", who, open, status, figure, slices.Contains(header, figure))
		}
		status, body = ra.api(t, who, http.MethodGet, "/api/v1/search?format=xlsx", nil)
		f, err := excelize.OpenReader(bytes.NewReader(body))
		if status != 200 || err != nil {
			t.Fatalf("XLSX: %d %v", status, err)
		}
		rows, _ := f.GetRows("Sheet1")
		f.Close()
		if slices.Contains(rows[0], figure) != open {
			t.Errorf("%q, statistics open %v: XLSX with figure column: %v", who, open, slices.Contains(rows[0], figure))
		}
		status, body = ra.api(t, who, http.MethodGet, "/api/v1/search?q=rescue", nil)
		var res struct {
			Facets map[string][]map[string]any `json:"facets"`
		}
		if err := json.Unmarshal(body, &res); status != 200 || err != nil || len(res.Facets["state"]) == 0 {
			t.Fatalf("search: %d %v %s", status, err, body)
		}
		for _, v := range res.Facets["state"] {
			if _, counted := v["count"]; counted != open || v["value"] == "" {
				t.Errorf("%q, statistics open %v: facet value %v", who, open, v)
			}
		}
		status, page := ra.api(t, who, http.MethodGet, "/?q=rescue", nil)
		if status != 200 || strings.Contains(string(page), `<span class="n"></span>`) == open {
			t.Errorf("%q, statistics open %v: the search page's facet counts shown: %v", who, open, !strings.Contains(string(page), `<span class="n"></span>`))
		}
		want := 200
		if !open {
			want = 401
		}
		if status, _ := ra.api(t, who, http.MethodGet, "/api/v1/stats?group=state&format=csv", nil); status != want {
			t.Errorf("%q, statistics open %v: statistics CSV %d, want %d", who, open, status, want)
		}
	}
	check("", true)
	check("officer", true)
	if err := ra.insights.SaveSettings(t.Context(), userOf(t, ra, "admin"), kb.Settings{StatsSignedInOnly: true}); err != nil {
		t.Fatal(err)
	}
	check("", false)
	check("officer", true)
}

// TestExportsFreeTheirPlaces: one client's exports one after another are
// all answered: each frees its place when its file is written.
func TestExportsFreeTheirPlaces(t *testing.T) {
	app, _ := newApp(t)
	for i := range 6 {
		format := []string{"csv", "xlsx"}[i%2]
		if status, body, _ := getFrom(t, app, "/api/v1/search?format="+format); status != 200 || len(body) == 0 {
			t.Fatalf("export %d (%s): %d, %d bytes, want 200 with a file", i+1, format, status, len(body))
		}
	}
}
