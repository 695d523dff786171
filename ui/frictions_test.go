package ui_test

import (
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// inLanguage signs a browser in and chooses the page's language.
func inLanguage(t *testing.T, ra reviewApp, email, lang string) *browser {
	t.Helper()
	b := &browser{t: t, app: ra.app, cookies: map[string]string{}}
	b.login(email)
	if status, _, _ := b.do("GET", "/display?lang="+lang+"&back=/", nil); status != 303 {
		t.Fatalf("choosing %s: %d, want 303", lang, status)
	}
	return b
}

// TestFigureProblemInThePagesLanguage: "about 41" in a figure field is
// not stopped by the browser's "Please match the requested format" (in
// the browser's words and language): the page says a whole number is
// expected, with an example, in its own language, and keeps what was
// typed.
func TestFigureProblemInThePagesLanguage(t *testing.T) {
	ra := newReviewApp(t)
	for _, c := range []struct{ lang, hint, problem string }{
		{"en", "Whole numbers, e.g. 41.", "People rescued: give a whole number from 0 to 1000000, e.g. 41, or leave it empty."},
		{"hi", "पूर्ण संख्याएँ, जैसे 41।", "मुक्त कराए गए लोग: 0 से 1000000 तक की कोई पूर्ण संख्या लिखें, जैसे 41, या इसे खाली छोड़ें।"},
	} {
		officer := inLanguage(t, ra, "officer@police.example", c.lang)
		_, page, _ := officer.do("GET", "/submissions/new", nil)
		input := regexp.MustCompile(`<input id="f-fig_rescued"[^>]*>`).FindString(page)
		if input == "" || strings.Contains(input, "pattern=") || !strings.Contains(input, `aria-describedby="h-figures`) {
			t.Errorf("%s: the figure's field is %s, want no pattern for the browser to enforce, and the hint tied to it", c.lang, input)
		}
		if !strings.Contains(page, c.hint) {
			t.Errorf("%s: the form does not say figures are whole numbers (%q)", c.lang, c.hint)
		}
		form := submissionForm(lastCSRF(page))
		form.Set("fig_rescued", "about 41")
		status, page, _ := officer.do("POST", "/submissions", form)
		if status != 422 || !strings.Contains(html.UnescapeString(page), c.problem) {
			t.Errorf("%s: %q in a figure: %d, want 422 saying %q", c.lang, "about 41", status, c.problem)
		}
		if !strings.Contains(page, `value="about 41"`) {
			t.Errorf("%s: the figure as typed is lost", c.lang)
		}
	}
}

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
		{"hi", "/api/v1/places/check?states=1&name=Jharkhnd", `कोई ज्ञात स्थान नहीं है`},
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
