package ui_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

type placesResponse struct {
	Places []struct {
		Name    string `json:"name"`
		Kind    string `json:"kind"`
		State   string `json:"state"`
		Country string `json:"country"`
		Hindi   string `json:"hindi"`
	} `json:"places"`
}

func TestPlacesAPICompletesNamesInBothScripts(t *testing.T) {
	app, _ := newAppWithService(t)
	cases := []struct {
		name, q                  string
		want, kind, state, hindi string
	}{
		{"English", "Simd", "Simdega", "district", "Jharkhand", "सिमडेगा"},
		{"Hindi", "झारखण्ड", "Jharkhand", "state", "Jharkhand", "झारखंड"},
		{"Hindi prefix", "सिमडे", "Simdega", "district", "Jharkhand", "सिमडेगा"},
		{"old name", "Orissa", "Odisha", "state", "Odisha", "ओडिशा"},
		{"old city name", "Bomb", "Mumbai", "district", "Maharashtra", "मुंबई"},
		{"neighbour", "Kathm", "Kathmandu", "district", "Bagmati Province", "काठमांडू"},
		{"typo", "Jharkhnd", "Jharkhand", "state", "Jharkhand", "झारखंड"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resp, body := get(t, app, "/api/v1/places?q="+url.QueryEscape(c.q))
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d: %s", resp.StatusCode, body)
			}
			if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "max-age") {
				t.Errorf("Cache-Control %q, want a short max-age", cc)
			}
			var got placesResponse
			if err := json.Unmarshal(body, &got); err != nil {
				t.Fatal(err)
			}
			if len(got.Places) == 0 {
				t.Fatalf("?q=%s found no place", c.q)
			}
			p := got.Places[0]
			if p.Name != c.want || p.Kind != c.kind || p.State != c.state || p.Hindi != c.hindi {
				t.Errorf("?q=%s first place = %+v, want %s (%s) in %s, %s", c.q, p, c.want, c.kind, c.state, c.hindi)
			}
		})
	}
}

func TestPlacesAPIBoundsItsAnswer(t *testing.T) {
	app, _ := newAppWithService(t)
	var got placesResponse
	_, body := get(t, app, "/api/v1/places?q=B")
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Places) != 20 {
		t.Errorf("?q=B gave %d places, want the first 20", len(got.Places))
	}
	resp, _ := get(t, app, "/api/v1/places?q="+strings.Repeat("a", 101))
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("a 101-character q: status %d, want 400", resp.StatusCode)
	}
	_, body = get(t, app, "/api/v1/places?q=")
	if string(body) != `{"places":[]}` {
		t.Errorf("an empty q gave %s, want no places", body)
	}
}
