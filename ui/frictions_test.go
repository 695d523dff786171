package ui_test

import (
	"context"
	"encoding/json"
	"html"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/compendium-kb/compendium/kb"
	"github.com/compendium-kb/compendium/kb/gazetteer"
	"github.com/compendium-kb/compendium/ui"
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

// TestAddToPackStaysOnThePage: adding a case to a pack from a practice
// page comes back to that page, which says it was added and links to the
// pack; a back address off the site goes to the pack instead.
func TestAddToPackStaysOnThePage(t *testing.T) {
	ra, res := withSample(t, "brick kilns")
	practice := ui.PracticeURL(res.Hits[0].Practice)
	trainer := inLanguage(t, ra, "officer@police.example", "en")
	_, page, _ := trainer.do("GET", "/packs", nil)
	_, _, h := trainer.do("POST", "/packs", url.Values{"_csrf": {lastCSRF(page)}, "title": {"Induction"}})
	packID := strings.TrimPrefix(h.Get("Location"), "/packs/")

	_, page, _ = trainer.do("GET", practice, nil)
	back := regexp.MustCompile(`name="back" value="([^"]*)"`).FindStringSubmatch(page)
	if back == nil {
		t.Fatal("the practice page's add-to-pack form does not say where it was sent from")
	}
	form := url.Values{"_csrf": {lastCSRF(page)}, "pack": {packID}, "practice": {res.Hits[0].Practice.ID}, "back": {html.UnescapeString(back[1])}}
	status, _, h := trainer.do("POST", "/packs/add", form)
	where := h.Get("Location")
	if status != 303 || !strings.HasPrefix(where, practice+"?added="+packID) {
		t.Fatalf("adding to a pack: %d to %q, want back to %s saying which pack", status, where, practice)
	}
	_, page, _ = trainer.do("GET", strings.Split(where, "#")[0], nil)
	if !strings.Contains(page, `role="status">Added to “Induction”. <a href="/packs/`+packID+`">Open the pack</a>`) {
		t.Error("the practice page does not say the case was added, with a link to the pack")
	}
	_, pack, _ := trainer.do("GET", "/packs/"+packID, nil)
	if !strings.Contains(pack, practice) {
		t.Error("the case is not in the pack")
	}
	form.Set("back", "//evil.example/")
	if _, _, h := trainer.do("POST", "/packs/add", form); h.Get("Location") != "/packs/"+packID+"#added" {
		t.Errorf("a back address off the site led to %q, want the pack", h.Get("Location"))
	}
}

// withSample is the review app with a sample compendium published, and
// the search for q.
func withSample(t *testing.T, q string) (reviewApp, kb.Results) {
	t.Helper()
	ra := newReviewApp(t)
	pdf, err := os.ReadFile(filepath.Join("..", "samples", "law-enforcement-compendium.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ra.svc.ImportWith(context.Background(), "law-enforcement-compendium.pdf", pdf, kb.ImportOptions{PublishAll: true}); err != nil {
		t.Fatal(err)
	}
	res, err := ra.svc.Search(context.Background(), kb.Query{Text: q})
	if err != nil || len(res.Hits) == 0 {
		t.Fatalf("searching the sample for %q: %v, no practice", q, err)
	}
	return ra, res
}

// TestHindiPracticePageForReviewers: a reviewer reading in Hindi gets the
// practice's actions and its districts in Hindi, not in English.
func TestHindiPracticePageForReviewers(t *testing.T) {
	ra, res := withSample(t, "")
	var p kb.Practice
	for _, h := range res.Hits {
		if len(h.Practice.Districts) > 0 && len(gazetteer.Lookup(h.Practice.Districts[0])) > 0 {
			p = h.Practice
		}
	}
	if p.ID == "" {
		t.Fatal("no sample practice names a known district")
	}
	full, err := ra.svc.Practice(context.Background(), p.ID)
	if err != nil {
		t.Fatal(err)
	}
	reviewer := inLanguage(t, ra, "reviewer@police.example", "hi")
	_, page, _ := reviewer.do("GET", ui.PracticeURL(full), nil)
	if !strings.Contains(page, "सुधारें, ग्रेड दें या वापस लें") || strings.Contains(page, "Correct, grade or withdraw") {
		t.Error("the reviewer's link to correct the practice is not in Hindi")
	}
	hindi := gazetteer.Lookup(full.Districts[0])[0].Hindi
	if !regexp.MustCompile(`<dd>[^<]*` + regexp.QuoteMeta(hindi)).MatchString(page) {
		t.Errorf("the district %s is not named in Hindi (%s)", full.Districts[0], hindi)
	}
}

// TestAdminPageOfAWithdrawnPractice: the admins' page of a withdrawn
// practice shows it, with why, and a Restore button (with the form's
// CSRF token) that brings it back and is audited; a reviewer sees it
// without the button and cannot restore it.
func TestAdminPageOfAWithdrawnPractice(t *testing.T) {
	ra, res := withSample(t, "brick kilns")
	id := res.Hits[0].Practice.ID
	if status, body := ra.api(t, "reviewer", "POST", "/api/v1/practices/"+id+"/withdraw", map[string]string{"reason": "A table of figures, not a practice."}); status != 200 {
		t.Fatalf("withdraw: %d %.200s", status, body)
	}
	restore := `action="/practices/` + id + `/restore"`

	reviewer := inLanguage(t, ra, "reviewer@police.example", "en")
	status, page, _ := reviewer.do("GET", "/admin/practices/"+id, nil)
	if status != 200 || !strings.Contains(page, "A table of figures, not a practice.") || strings.Contains(page, restore) || !strings.Contains(page, "Only an admin can restore it.") {
		t.Errorf("a reviewer's page of the withdrawn practice: %d, want 200 with why, and who can restore it", status)
	}
	if status, _, _ := reviewer.do("POST", "/practices/"+id+"/restore", url.Values{"_csrf": {lastCSRF(page)}}); status != 403 {
		t.Errorf("a reviewer restoring: %d, want 403", status)
	}

	admin := inLanguage(t, ra, "admin@police.example", "en")
	status, page, _ = admin.do("GET", "/admin/practices/"+id, nil)
	form := regexp.MustCompile(`(?s)<form method="post" ` + regexp.QuoteMeta(restore) + `>.*?</form>`).FindString(page)
	if status != 200 || !strings.Contains(page, res.Hits[0].Practice.Title) || !strings.Contains(form, `name="_csrf"`) {
		t.Fatalf("the admin's page of the withdrawn practice: %d, want 200 with its title and a Restore form", status)
	}
	if _, doc, _ := admin.do("GET", "/admin/documents/"+res.Hits[0].Practice.Provenance.DocumentID, nil); !strings.Contains(doc, `href="/admin/practices/`+id+`"`) {
		t.Error("the document's page does not lead to the withdrawn practice's admin page")
	}
	if status, _, _ := admin.do("POST", "/practices/"+id+"/restore", url.Values{}); status != 403 {
		t.Errorf("restoring without the CSRF token: %d, want 403", status)
	}
	status, _, h := admin.do("POST", "/practices/"+id+"/restore", url.Values{"_csrf": {lastCSRF(page)}})
	if status != 303 || !strings.HasPrefix(h.Get("Location"), "/practices/"+id+"/") {
		t.Fatalf("restoring: %d to %q, want the practice's page", status, h.Get("Location"))
	}
	if status, _ := ra.api(t, "", "GET", "/api/v1/practices/"+id, nil); status != 200 {
		t.Errorf("the restored practice: %d, want 200", status)
	}
	if _, trail, _ := admin.do("GET", "/admin/audit", nil); !strings.Contains(trail, "restored the practice") {
		t.Error("the audit trail does not record the restoration")
	}
	if status, page, _ := admin.do("GET", "/admin/practices/"+id, nil); status != 200 || strings.Contains(page, restore) {
		t.Errorf("the restored practice's admin page: %d, want the correction form again", status)
	}
}

// TestFailedSubmissionIsKeptAsADraft: a form sent for review with
// problems keeps what the officer typed on the server, as a draft they
// can come back to, and says so; the fields a draft cannot hold (an
// unknown state) are left out of it and said to be; saving again edits
// that draft rather than making another; a form without a title keeps
// nothing, and says that too.
func TestFailedSubmissionIsKeptAsADraft(t *testing.T) {
	ra := newReviewApp(t)
	officer := inLanguage(t, ra, "officer@police.example", "en")
	drafts := func() []kb.Submission {
		t.Helper()
		_, body := ra.api(t, "officer", "GET", "/api/v1/submissions?status=draft", nil)
		var list struct{ Submissions []kb.Submission }
		if err := json.Unmarshal(body, &list); err != nil {
			t.Fatal(err)
		}
		for i, s := range list.Submissions { // the listing holds titles only
			_, body := ra.api(t, "officer", "GET", "/api/v1/submissions/"+s.ID, nil)
			if err := json.Unmarshal(body, &list.Submissions[i]); err != nil {
				t.Fatal(err)
			}
		}
		return list.Submissions
	}

	_, page, _ := officer.do("GET", "/submissions/new", nil)
	form := url.Values{"_csrf": {lastCSRF(page)}, "then": {"submit"}, "title": {"Rescue of girls from a placement agency in Ranchi"},
		"states": {"Jharkhnd"}, "district": {"Ranchi"}, "problem": {"Too short"}, "lessons": {"Trace the money first; agree on the rescue with the destination police."}}
	status, page, _ := officer.do("POST", "/submissions", form)
	if status != 422 || !strings.Contains(page, "What you typed is saved as a draft, except the fields marked below") {
		t.Fatalf("submitting with problems: %d, want 422 saying it was kept as a draft", status)
	}
	kept := drafts()
	if len(kept) != 1 || kept[0].Fields.District != "Ranchi" || kept[0].Fields.Problem != "Too short" || len(kept[0].Fields.States) != 0 {
		t.Fatalf("drafts on the server: %+v, want one with what was typed, less the unknown state", kept)
	}
	if !strings.Contains(page, `action="/submissions/`+kept[0].ID+`"`) || !strings.Contains(page, `value="Jharkhnd"`) {
		t.Error("the form that comes back does not edit the kept draft, or lost the state as typed")
	}

	form.Set("_csrf", lastCSRF(page))
	form.Set("rev", itoa(kept[0].Rev))
	form.Set("states", "Jharkhand")
	status, page, _ = officer.do("POST", "/submissions/"+kept[0].ID, form)
	if status != 422 || !strings.Contains(page, "What you typed is saved as a draft: you can come back to it.") {
		t.Errorf("saving the kept draft again, the problem text still short: %d, want 422 saying all of it was kept", status)
	}
	if kept = drafts(); len(kept) != 1 || strings.Join(kept[0].Fields.States, ",") != "Jharkhand" {
		t.Errorf("drafts after saving again: %+v, want the same one, now with its state", kept)
	}

	_, page, _ = officer.do("GET", "/submissions/new", nil)
	status, page, _ = officer.do("POST", "/submissions", url.Values{"_csrf": {lastCSRF(page)}, "then": {"save"}, "title": {"Short"}, "district": {"Gumla"}})
	if status != 422 || !strings.Contains(page, "Nothing is saved yet: a draft needs a title of at least 10 characters.") {
		t.Errorf("a form without a title: %d, want 422 saying nothing is saved", status)
	}
	if n := len(drafts()); n != 1 {
		t.Errorf("%d drafts, want still 1", n)
	}
}

// TestHindiFormHelpersSpeakHindi: what the scripts add to a Hindi page
// (the similar practices' lead while a title is typed) and the practice
// page's example pack name are in Hindi, not in English.
func TestHindiFormHelpersSpeakHindi(t *testing.T) {
	ra, res := withSample(t, "brick kilns")
	officer := inLanguage(t, ra, "officer@police.example", "hi")
	_, page, _ := officer.do("GET", "/submissions/new", nil)
	lead := regexp.MustCompile(`id="similar-live"[^>]*data-lead="([^"]*)"`).FindStringSubmatch(page)
	if lead == nil || !strings.Contains(lead[1], "ज्ञानकोश") {
		t.Errorf("the similar practices' lead: %v, want it in Hindi on the element the script fills", lead)
	}
	script := regexp.MustCompile(`/static/form\.[0-9a-f]+\.js`).FindString(page)
	if _, js, _ := officer.do("GET", script, nil); script == "" || strings.Contains(js, "These practices look similar") {
		t.Error("form.js writes its own English lead")
	}
	_, page, _ = officer.do("GET", ui.PracticeURL(res.Hits[0].Practice), nil)
	if !strings.Contains(page, `placeholder="जैसे सत्र 3`) {
		t.Error("the new pack's example name is not in Hindi")
	}
}
