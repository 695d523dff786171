package ui_test

import (
	"html"
	"slices"
	"strings"
	"testing"
)

// TestOfficerRoutesKeepUnknownPlaces: an officer lists two districts
// with their state ("Gumla, Jharkhand; Simdega, Jharkhand": two places,
// not three), a place no gazetteer knows and "unknown". Both forms
// explain the separators in the same words and complete places from the
// gazetteer; the reviewer sees the unknown place flagged; approved
// without editing, the statistics count the known places in their roles
// and nothing for the unknown one.
func TestOfficerRoutesKeepUnknownPlaces(t *testing.T) {
	ra := newReviewApp(t)
	officer := &browser{t: t, app: ra.app, cookies: map[string]string{}}
	officer.login("officer@police.example")
	_, page, _ := officer.do("GET", "/submissions/new", nil)
	const separator = "Separate places with semicolons or new lines; a comma stays inside a place"
	if !strings.Contains(html.UnescapeString(page), separator) {
		t.Errorf("the officer's form does not say %q", separator)
	}
	for _, name := range []string{"sources", "transit", "destinations"} {
		if !strings.Contains(page, `name="`+name+`" value="" list="places-`+name+`" data-places="/api/v1/places"`) || !strings.Contains(page, `<datalist id="places-`+name+`">`) {
			t.Errorf("the %s field is not completed from /api/v1/places", name)
		}
	}
	form := submissionForm(lastCSRF(page))
	form.Set("sources", "Gumla, Jharkhand; Simdega, Jharkhand\nXyzpur")
	form.Set("transit", "unknown")
	form.Set("destinations", "Delhi")
	status, _, h := officer.do("POST", "/submissions", form)
	if status != 303 {
		t.Fatalf("submit: %d", status)
	}
	id := strings.TrimPrefix(h.Get("Location"), "/submissions/")
	const want = "Gumla, Jharkhand → Delhi; Simdega, Jharkhand → Delhi; Xyzpur (not in the gazetteer) → Delhi"
	if got := routesOf(t, ra, id); got != want {
		t.Errorf("routes %q, want %q", got, want)
	}

	reviewer := &browser{t: t, app: ra.app, cookies: map[string]string{}}
	reviewer.login("reviewer@police.example")
	_, page, _ = reviewer.do("GET", "/submissions/"+id, nil)
	page = html.UnescapeString(page)
	if !strings.Contains(page, separator) {
		t.Errorf("the reviewer's route editor does not say %q", separator)
	}
	if !strings.Contains(page, "Not in the gazetteer, kept as written and counted in no statistics: “Xyzpur”") {
		t.Error("the reviewer is not shown that Xyzpur is not in the gazetteer")
	}
	if !strings.Contains(page, `name="route_source" value="Gumla, Jharkhand" list="sr-places" data-places="/api/v1/places"`) {
		t.Error("the route editor's fields are not completed from /api/v1/places")
	}

	if status, body := ra.api(t, "reviewer", "POST", "/api/v1/submissions/"+id+"/decision", map[string]string{"decision": "approve"}); status != 200 {
		t.Fatalf("approve: %d %.200s", status, body)
	}
	for group, want := range map[string][]string{
		"source":      {"Jharkhand=1"},
		"destination": {"Delhi=1"},
		"route":       {"Jharkhand → Delhi=1"},
	} {
		if got := routeKeys(t, ra, "group="+group); !slices.Equal(got, want) {
			t.Errorf("%s statistics: %v, want %v (nothing for Xyzpur)", group, got, want)
		}
	}
}

func routesOf(t *testing.T, ra reviewApp, id string) string {
	t.Helper()
	rs := submissionOf(t, ra, id).Routes()
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = r.String()
	}
	return strings.Join(parts, "; ")
}
