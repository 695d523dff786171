package ui_test

import (
	"encoding/json"
	"html"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/compendium-kb/compendium/kb"
)

// routeForm is a proposal's or submission's route editor as a browser
// sends it: one row per route, in order; remove lists the rows ticked.
func routeForm(base url.Values, rows [][3]string, remove ...string) url.Values {
	base.Set("routes_form", "1")
	for _, r := range rows {
		base.Add("route_source", r[0])
		base.Add("route_transit", r[1])
		base.Add("route_destination", r[2])
	}
	for _, n := range remove {
		base.Add("route_remove", n)
	}
	return base
}

// routeKeys are the keys and counts of a statistics group, as the API
// gives them: "Jharkhand → Delhi=1".
func routeKeys(t *testing.T, ra reviewApp, params string) []string {
	t.Helper()
	status, body := ra.api(t, "", "GET", "/api/v1/stats?"+params, nil)
	var st kb.Stats
	if status != 200 || json.Unmarshal(body, &st) != nil {
		t.Fatalf("stats %s: %d %.300s", params, status, body)
	}
	var out []string
	for _, g := range st.Groups {
		out = append(out, g.Key+"="+itoa(g.Count))
	}
	slices.Sort(out)
	return out
}

func practiceRoutes(t *testing.T, ra reviewApp, id string) string {
	t.Helper()
	status, body := ra.api(t, "", "GET", "/api/v1/practices/"+id, nil)
	var p kb.Practice
	if status != 200 || json.Unmarshal(body, &p) != nil {
		t.Fatalf("practice %s: %d %.300s", id, status, body)
	}
	return kb.RoutesText(p.Routes)
}

// TestInboxEditsRoutes: a reviewer corrects a proposal's routes in the
// inbox's form (removes the one read, adds two), is told which route is
// wrong when a place is unknown, and publishes; the practice, its facets,
// the route matrix and the audit trail say so.
func TestInboxEditsRoutes(t *testing.T) {
	ra := newReviewApp(t)
	ps := proposed(t, ra)
	id := ps[0].ID
	b := &browser{t: t, app: ra.app, cookies: map[string]string{}}
	b.login("reviewer@police.example")
	_, page, _ := b.do("GET", "/inbox?document=casebook", nil)
	// Every proposal's form has a row per route read, and an empty one.
	if !strings.Contains(page, `id="r-`+id+`-src-`) {
		t.Fatal("the proposal's form has no route editor")
	}
	csrf := lastCSRF(page)
	base := func() url.Values { return url.Values{"_csrf": {csrf}, "rev": {"1"}, "action": {"save"}} }

	bad := routeForm(base(), [][3]string{{"Gumla, Jharkhand", "Bihar", "Delhi"}, {"Nepal", "", "Atlantis"}})
	status, page, _ := b.do("POST", "/inbox/proposals/"+id, bad)
	want := "route 2: destination “Atlantis” is not a known state, country, district or city"
	if status != 422 || !strings.Contains(html.UnescapeString(page), want) {
		t.Fatalf("saving an unknown destination: %d, want 422 saying %q", status, want)
	}
	if !strings.Contains(page, `value="Atlantis"`) || !strings.Contains(page, `value="Gumla, Jharkhand"`) {
		t.Error("the form sent back lost the routes as typed")
	}
	noCSRF := routeForm(url.Values{"rev": {"1"}, "action": {"save"}}, [][3]string{{"Assam", "", "Delhi"}})
	if status, _, _ := b.do("POST", "/inbox/proposals/"+id, noCSRF); status != 403 {
		t.Errorf("a route edit without the CSRF token: %d, want 403", status)
	}

	// Remove whatever the reader proposed, add two routes, publish.
	var rows [][3]string
	var remove []string
	_, page, _ = b.do("GET", "/inbox?document=casebook", nil)
	for n := 1; strings.Contains(page, `id="r-`+id+`-rm-`+itoa(n)+`"`); n++ {
		rows = append(rows, [3]string{"", "", ""}) // the values do not matter once ticked
		remove = append(remove, itoa(n))
	}
	rows = append(rows, [3]string{"Gumla, Jharkhand", "Bihar", "Delhi"}, [3]string{"Nepal", "", "Mumbai"})
	before := practiceRoutesOfProposal(t, ra, id)
	form := routeForm(url.Values{"_csrf": {csrf}, "rev": {"1"}, "action": {"publish"}}, rows, remove...)
	if status, _, h := b.do("POST", "/inbox/proposals/"+id, form); status != 303 {
		t.Fatalf("publish with corrected routes: %d %s", status, h.Get("Location"))
	}
	const wantRoutes = "Gumla, Jharkhand → via Bihar → Delhi; Nepal → Mumbai, Maharashtra"
	if got := practiceRoutes(t, ra, id); got != wantRoutes {
		t.Errorf("the published practice's routes: %q, want %q", got, wantRoutes)
	}
	// Only this practice is public: the matrix and the facets hold its routes.
	if got, want := routeKeys(t, ra, "group=route"), []string{"Jharkhand → Delhi=1", "Nepal → Maharashtra=1"}; !slices.Equal(got, want) {
		t.Errorf("route matrix: %v, want %v", got, want)
	}
	if got, want := routeKeys(t, ra, "group=transit"), []string{"Bihar=1"}; !slices.Equal(got, want) {
		t.Errorf("transit points: %v, want %v", got, want)
	}
	status, body := ra.api(t, "", "GET", "/api/v1/search?source=Nepal", nil)
	var res struct {
		Total  int                        `json:"total"`
		Facets map[string][]kb.FacetValue `json:"facets"`
	}
	if status != 200 || json.Unmarshal(body, &res) != nil || res.Total != 1 || !hasFacet(res.Facets["destination"], "Maharashtra") {
		t.Errorf("search from Nepal: %d %.300s, want the practice with Maharashtra among its destinations", status, body)
	}
	_, page, _ = b.do("GET", "/stats", nil)
	if !strings.Contains(page, "route=Nepal+%E2%86%92+Maharashtra") && !strings.Contains(page, "Nepal → Maharashtra") {
		t.Error("the statistics page does not show the corrected route")
	}
	// The correction form has the same editor.
	fix := routeForm(url.Values{"_csrf": {csrf}, "version": {"1"}}, [][3]string{{"Gumla, Jharkhand", "Bihar", "Delhi"}, {"Nepal", "", "Mumbia"}})
	status, page, _ = b.do("POST", "/practices/"+id+"/correct", fix)
	if status != 422 || !strings.Contains(html.UnescapeString(page), "route 2: destination “Mumbia” is not a known") || !strings.Contains(page, `value="Mumbia"`) {
		t.Errorf("a correction with a misspelt destination: %d, want 422 naming route 2 beside the routes as typed", status)
	}
	_, page, _ = b.do("GET", "/admin/documents/casebook", nil)
	words := "routes changed from “" + before + "” to “" + wantRoutes + "”"
	if before == "" {
		words = "routes set to “" + wantRoutes + "”"
	}
	if !strings.Contains(html.UnescapeString(page), words) {
		t.Errorf("the document's history does not say %q", words)
	}
}

func hasFacet(vs []kb.FacetValue, value string) bool {
	return slices.ContainsFunc(vs, func(v kb.FacetValue) bool { return v.Value == value && v.Count > 0 })
}

func practiceRoutesOfProposal(t *testing.T, ra reviewApp, id string) string {
	t.Helper()
	status, body := ra.api(t, "reviewer", "GET", "/api/v1/proposals?document=casebook", nil)
	var out struct {
		Proposals []struct {
			ID     string     `json:"id"`
			Routes []kb.Route `json:"routes"`
		}
	}
	if status != 200 || json.Unmarshal(body, &out) != nil {
		t.Fatalf("proposals: %d %.200s", status, body)
	}
	for _, p := range out.Proposals {
		if p.ID == id {
			return kb.RoutesText(p.Routes)
		}
	}
	t.Fatalf("no proposal %s", id)
	return ""
}

// TestReviewerEditsSubmissionRoutes: during review a reviewer corrects
// the routes read from a submission; the officer cannot; an unknown
// place is named; the trail says what changed; the approved practice and
// the statistics carry the reviewer's routes.
func TestReviewerEditsSubmissionRoutes(t *testing.T) {
	ra := newReviewApp(t)
	id := ra.submitted(t)
	officer := &browser{t: t, app: ra.app, cookies: map[string]string{}}
	officer.login("officer@police.example")
	_, page, _ := officer.do("GET", "/submissions/"+id, nil)
	if strings.Contains(page, `action="/submissions/`+id+`/routes"`) {
		t.Error("the officer who wrote it is offered the reviewer's route editor")
	}
	ocsrf := lastCSRF(page)
	if status, _, _ := officer.do("POST", "/submissions/"+id+"/routes", routeForm(url.Values{"_csrf": {ocsrf}}, [][3]string{{"Assam", "", "Delhi"}})); status != 403 {
		t.Errorf("the officer editing the routes under review: %d, want 403", status)
	}

	b := &browser{t: t, app: ra.app, cookies: map[string]string{}}
	b.login("reviewer@police.example")
	_, page, _ = b.do("GET", "/submissions/"+id, nil)
	if !strings.Contains(page, `action="/submissions/`+id+`/routes"`) {
		t.Fatal("the reviewer's submission page has no route editor")
	}
	before := kb.RoutesText(submissionOf(t, ra, id).Routes())
	csrf := lastCSRF(page)
	rev := itoa(submissionOf(t, ra, id).Rev)
	status, page, _ := b.do("POST", "/submissions/"+id+"/routes", routeForm(url.Values{"_csrf": {csrf}, "rev": {rev}}, [][3]string{{"Ranchi", "", "Delhi"}, {"Nepal", "Raxaul", "Narnia"}}))
	want := "route 2: destination “Narnia” is not a known state, country, district or city"
	if status != 422 || !strings.Contains(html.UnescapeString(page), want) || !strings.Contains(page, `value="Narnia"`) {
		t.Fatalf("an unknown destination: %d, want 422 saying %q beside the routes as typed", status, want)
	}
	if status, _, _ := b.do("POST", "/submissions/"+id+"/routes", routeForm(url.Values{"rev": {rev}}, [][3]string{{"Ranchi", "", "Delhi"}})); status != 403 {
		t.Errorf("without the CSRF token: %d, want 403", status)
	}
	form := routeForm(url.Values{"_csrf": {csrf}, "rev": {rev}}, [][3]string{{"Ranchi", "", "Delhi"}, {"Nepal", "Raxaul", "Delhi"}})
	if status, _, h := b.do("POST", "/submissions/"+id+"/routes", form); status != 303 {
		t.Fatalf("saving the routes: %d %s", status, h.Get("Location"))
	}
	if status, _, _ := b.do("POST", "/submissions/"+id+"/routes", form); status != 409 {
		t.Errorf("saving again from the same revision: %d, want 409", status)
	}
	const wantRoutes = "Ranchi, Jharkhand → Delhi; Nepal → via Raxaul, Bihar → Delhi"
	_, page, _ = b.do("GET", "/submissions/"+id, nil)
	words := "edited the routes: routes changed from “" + before + "” to “" + wantRoutes + "”"
	if before == "" {
		words = "edited the routes: routes set to “" + wantRoutes + "”"
	}
	if !strings.Contains(html.UnescapeString(page), words) {
		t.Errorf("the submission's history does not say %q", words)
	}

	if status, body := ra.api(t, "reviewer", "POST", "/api/v1/submissions/"+id+"/decision", map[string]string{"decision": "approve"}); status != 200 {
		t.Fatalf("approve: %d %.200s", status, body)
	}
	s := submissionOf(t, ra, id)
	if got := practiceRoutes(t, ra, s.PracticeID); got != wantRoutes {
		t.Errorf("the published practice's routes: %q, want the reviewer's %q", got, wantRoutes)
	}
	if got, want := routeKeys(t, ra, "group=route"), []string{"Jharkhand → Delhi=1", "Nepal → Delhi=1"}; !slices.Equal(got, want) {
		t.Errorf("route matrix: %v, want %v", got, want)
	}
	if status, _, _ := b.do("POST", "/submissions/"+id+"/routes", routeForm(url.Values{"_csrf": {csrf}}, [][3]string{{"Assam", "", "Delhi"}})); status != 409 {
		t.Errorf("editing the routes of an approved submission: %d, want 409", status)
	}
}

// TestSubmissionRoutesAPI: the API confirms routes (recorded as
// confirmed when unchanged) and names an unknown place.
func TestSubmissionRoutesAPI(t *testing.T) {
	ra := newReviewApp(t)
	id := ra.submitted(t)
	routes := []kb.Route{{Source: kb.Place{Region: "Jharkhand"}, Destination: kb.Place{Region: "Delhi"}}}
	for _, c := range []struct {
		who  string
		body any
		want int
	}{
		{"", map[string]any{"routes": routes}, 401},
		{"officer", map[string]any{"routes": routes}, 403},
		{"reviewer", "{not json", 422},
		{"reviewer", map[string]any{"routes": []kb.Route{{Source: kb.Place{Region: "Gondor"}}}}, 422},
		{"reviewer", map[string]any{"routes": routes}, 200},
		{"reviewer", map[string]any{"routes": routes}, 200},
	} {
		if status, body := ra.api(t, c.who, "POST", "/api/v1/submissions/"+id+"/routes", c.body); status != c.want {
			t.Errorf("routes %v as %q: %d %.200s, want %d", c.body, c.who, status, body, c.want)
		}
	}
	status, body := ra.api(t, "reviewer", "GET", "/api/v1/submissions/"+id+"/history", nil)
	var h struct{ History []kb.AuditEntry }
	if status != 200 || json.Unmarshal(body, &h) != nil || len(h.History) < 2 {
		t.Fatalf("history: %d %.300s", status, body)
	}
	if last := h.History[len(h.History)-1]; last.Words() != "confirmed the routes" {
		t.Errorf("the same routes again: %q in the trail, want “confirmed the routes”", last.Words())
	}
}

func submissionOf(t *testing.T, ra reviewApp, id string) kb.Submission {
	t.Helper()
	status, body := ra.api(t, "reviewer", "GET", "/api/v1/submissions/"+id, nil)
	var s kb.Submission
	if status != 200 || json.Unmarshal(body, &s) != nil {
		t.Fatalf("submission %s: %d %.200s", id, status, body)
	}
	return s
}

// An officer whose approved practice is later withdrawn reads so on the
// submission's page, with the date and the reason.
func TestSubmissionTellsOfWithdrawnPractice(t *testing.T) {
	ra := newReviewApp(t)
	id := ra.submitted(t)
	if status, body := ra.api(t, "reviewer", "POST", "/api/v1/submissions/"+id+"/decision", map[string]string{"decision": "approve"}); status != 200 {
		t.Fatalf("approve: %d %s", status, body)
	}
	practice := submissionOf(t, ra, id).PracticeID
	const reason = "The district asked for it to be checked again."
	if status, body := ra.api(t, "reviewer", "POST", "/api/v1/practices/"+practice+"/withdraw", map[string]string{"reason": reason}); status != 200 {
		t.Fatalf("withdraw: %d %s", status, body)
	}
	officer := &browser{t: t, app: ra.app, cookies: map[string]string{}}
	officer.login("officer@police.example")
	_, page, _ := officer.do("GET", "/submissions/"+id, nil)
	if !strings.Contains(page, "The practice was withdrawn on") || !strings.Contains(page, reason) {
		t.Error("the submission's page does not tell the officer that the practice was withdrawn, and why")
	}
}
