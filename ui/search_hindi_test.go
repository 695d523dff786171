package ui_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/compendium-kb/compendium/kb"
	"github.com/compendium-kb/compendium/samples"
)

// TestHindiSearchCounts: a Hindi results page counts with the oblique
// plural after "में से" ("2 कार्यप्रणालियों में से 1–2") and the singular
// for one; a partial match is explained in Hindi; a route's unknown end
// reads "अज्ञात" and its places stay as they are; a practice with
// neither a source file nor a unit names its document.
func TestHindiSearchCounts(t *testing.T) {
	ra := newReviewApp(t)
	doc, ps, err := samples.Hindi()
	if err != nil {
		t.Fatal(err)
	}
	routed := ps[0]
	routed.ID, routed.Slug, routed.Title = "hi-route", "hi-route", "अंतर-राज्यीय मार्ग पर बचाव परीक्षण"
	routed.Summary, routed.Text = "परीक्षण के लिए एक मार्ग।", "परीक्षण के लिए एक मार्ग, जिसका गंतव्य ज्ञात नहीं।"
	routed.Routes = []kb.Route{{Source: kb.Place{Region: "Jharkhand"}}}
	if err := ra.svc.SavePractices(t.Context(), doc, nil, append(ps, routed)); err != nil {
		t.Fatal(err)
	}
	hindi := func(q string) string {
		t.Helper()
		req := httptest.NewRequest(http.MethodGet, "/?q="+url.QueryEscape(q), nil)
		req.Header.Set("Accept-Language", "hi-IN,hi;q=0.9")
		resp, err := ra.app.Test(req, -1)
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("Hindi results for %q: %v %v", q, err, resp.StatusCode)
		}
		body, _ := io.ReadAll(resp.Body)
		return string(body)
	}
	for q, want := range map[string][]string{
		"थाना":    {">2 कार्यप्रणालियों में से 1–2<"},
		"बंधुआ":   {">1 कार्यप्रणाली में से 1–1<"},
		"परीक्षण": {"मार्ग: झारखंड → अज्ञात"},
		"झारखंड में बंधुआ मज़दूरी": {"“झारखंड में बंधुआ मज़दूरी” से कोई कार्यप्रणाली मेल नहीं खाती।",
			"आपके कुछ शब्दों वाली कार्यप्रणालियाँ</h2>", "आपके कुछ शब्दों से मेल खाती है"},
	} {
		page := hindi(q)
		for _, w := range want {
			if !strings.Contains(page, w) {
				t.Errorf("Hindi results for %q lack %q", q, w)
			}
		}
		if strings.Contains(page, "प्रस्तुतकर्ता: </p>") {
			t.Errorf("Hindi results for %q name a submitting unit without one", q)
		}
		if strings.Contains(page, "कार्यप्रणालियाँ में से") || strings.Contains(page, "unknown") {
			t.Errorf("Hindi results for %q: a nominative plural before में से, or an English “unknown”", q)
		}
	}
}
