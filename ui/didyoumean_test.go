package ui_test

import (
	"html"
	"net/url"
	"strings"
	"testing"
)

// TestDidYouMeanOnForms: a mistyped state or place is answered, in the
// page's language, with the nearest known names: on the submission form
// (states and the other place fields) and in a reviewer's route editor.
func TestDidYouMeanOnForms(t *testing.T) {
	ra := newReviewApp(t)
	id := ra.submitted(t)
	for _, c := range []struct{ lang, state, district, route string }{
		{"en", `"Jharkhnd" is not a state or union territory of India. Did you mean Jharkhand?`,
			`"Ranchhi" is not a place we know. Did you mean Ranchi`,
			"route 1: source “Jharkhnd” is not a known state, country, district or city (did you mean Jharkhand"},
		{"hi", "“Jharkhnd” भारत का कोई राज्य या केंद्र शासित प्रदेश नहीं है। क्या आपका मतलब झारखंड (Jharkhand) था?",
			"“Ranchhi” कोई ज्ञात स्थान नहीं है। क्या आपका मतलब रांची (Ranchi)",
			"मार्ग 1: स्रोत “Jharkhnd” कोई ज्ञात राज्य, देश, ज़िला या शहर नहीं है (क्या आपका मतलब झारखंड (Jharkhand)"},
	} {
		officer := inLanguage(t, ra, "officer@police.example", c.lang)
		_, page, _ := officer.do("GET", "/submissions/new", nil)
		form := submissionForm(lastCSRF(page))
		form.Set("states", "Jharkhnd")
		form.Set("district", "Ranchhi")
		status, page, _ := officer.do("POST", "/submissions", form)
		page = html.UnescapeString(page)
		if status != 422 || !strings.Contains(page, c.state) || !strings.Contains(page, c.district) {
			t.Errorf("%s: mistyped state and district: %d, want 422 saying %q and %q", c.lang, status, c.state, c.district)
		}

		reviewer := inLanguage(t, ra, "reviewer@police.example", c.lang)
		_, page, _ = reviewer.do("GET", "/submissions/"+id, nil)
		form = routeForm(url.Values{"_csrf": {lastCSRF(page)}}, [][3]string{{"Jharkhnd", "", "Delhi"}})
		status, page, _ = reviewer.do("POST", "/submissions/"+id+"/routes", form)
		if status != 422 || !strings.Contains(html.UnescapeString(page), c.route) {
			t.Errorf("%s: a route from a mistyped state: %d, want 422 saying %q", c.lang, status, c.route)
		}
	}
}

// TestPlaceCheckAPI: the check behind the form's "did you mean" offers
// the nearest states for a states field, in the reader's language, and
// nothing for a known name.
func TestPlaceCheckAPI(t *testing.T) {
	ra := newReviewApp(t)
	for _, c := range []struct{ lang, target, want string }{
		{"en", "/api/v1/places/check?states=1&name=Jharkhnd", `"suggestions":[{"name":"Jharkhand","label":"Jharkhand"}]`},
		{"hi", "/api/v1/places/check?states=1&name=Jharkhnd", `{"name":"Jharkhand","label":"झारखंड (Jharkhand)"}`},
		{"hi", "/api/v1/places/check?states=1&name=Jharkhnd", `भारत का कोई राज्य या केंद्र शासित प्रदेश नहीं है`},
		{"hi", "/api/v1/places/check?name=Ranchhi", `कोई ज्ञात स्थान नहीं है`},
		{"en", "/api/v1/places/check?name=Gumla", `{"suggestions":[]}`},
		{"en", "/api/v1/places/check?name=Ranchhi", `"name":"Ranchi"`},
	} {
		b := &browser{t: t, app: ra.app, cookies: map[string]string{}}
		b.do("GET", "/display?lang="+c.lang+"&back=/", nil)
		status, body, _ := b.do("GET", c.target, nil)
		if status != 200 || !strings.Contains(body, c.want) {
			t.Errorf("%s %s: %d %s, want it to hold %s", c.lang, c.target, status, body, c.want)
		}
	}
}

// TestDidYouMeanOnTheCorrectionForm: a reviewer correcting a practice's
// states in Hindi is offered the state they mistyped, in Hindi.
func TestDidYouMeanOnTheCorrectionForm(t *testing.T) {
	ra, res := withSample(t, "brick kilns")
	p := res.Hits[0].Practice
	reviewer := inLanguage(t, ra, "reviewer@police.example", "hi")
	_, page, _ := reviewer.do("GET", "/admin/practices/"+p.ID, nil)
	form := url.Values{"_csrf": {lastCSRF(page)}, "version": {itoa(p.Version)}, "title": {p.Title}, "states": {"Jharkhnd"},
		"page_start": {itoa(p.Provenance.PageStart)}, "page_end": {itoa(p.Provenance.PageEnd)}}
	status, page, _ := reviewer.do("POST", "/practices/"+p.ID+"/correct", form)
	want := "“Jharkhnd” भारत का कोई राज्य या केंद्र शासित प्रदेश नहीं है। क्या आपका मतलब झारखंड (Jharkhand) था?"
	if status != 422 || !strings.Contains(html.UnescapeString(page), want) {
		t.Errorf("a mistyped state in a correction: %d, want 422 saying %q", status, want)
	}
	if !strings.Contains(page, "/static/places.") {
		t.Error("the correction form does not offer places as they are typed")
	}
}
