package ui_test

import (
	"encoding/json"
	"io"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"
)

// get asks for target as who ("" for nobody) in a language, and returns
// the status, the Location and the body.
func (ra reviewApp) getIn(t *testing.T, who, lang, target string) (int, string, string) {
	t.Helper()
	req := httptest.NewRequest("GET", target, nil)
	if who != "" {
		req.Header.Set("Authorization", "Bearer "+ra.tokens[who])
	}
	req.Header.Set("Accept-Language", lang)
	resp, err := ra.app.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Location"), string(body)
}

// published approves a full submission and returns its practice's id.
func (ra reviewApp) published(t *testing.T) string {
	t.Helper()
	id := ra.submitted(t)
	if status, body := ra.api(t, "reviewer", "POST", "/api/v1/submissions/"+id+"/decision", map[string]string{"decision": "approve"}); status != 200 {
		t.Fatalf("approve: %d %s", status, body)
	}
	return entryIDs(readFeed(t, ra, "/feeds/search.atom?state=Jharkhand"))[0]
}

// A practice's short link leads to it, and its summary gives title,
// state, what was done, result, citation and the link, in English and in
// Hindi; once withdrawn, both answer 410.
func TestSharePractice(t *testing.T) {
	ra := newReviewApp(t)
	id := ra.published(t)
	status, loc, _ := ra.getIn(t, "", "en", "/p/"+id)
	if status != 301 || !strings.HasPrefix(loc, "/practices/"+id+"/") {
		t.Errorf("short link: %d to %q", status, loc)
	}
	_, _, page := ra.getIn(t, "", "en", loc)
	if !strings.Contains(page, `href="http://example.com/p/`+id+`"`) || !strings.Contains(page, `id="share-text"`) {
		t.Error("the practice page shows neither the short link nor the summary")
	}
	for lang, want := range map[string][]string{
		"en": {"State: Jharkhand, Delhi", "What was done: The AHTU traced the agency", "Result: 12 girls rescued, 3 agents arrested.", "Source: "},
		"hi": {"राज्य: झारखंड", "क्या किया गया: The AHTU traced the agency", "परिणाम: 12 girls rescued", "स्रोत: "},
	} {
		status, _, text := ra.getIn(t, "", lang, "/p/"+id+"/summary")
		lines := strings.Split(strings.TrimSpace(text), "\n")
		if status != 200 || lines[0] != fullSubmission["title"] || lines[len(lines)-1] != "http://example.com/p/"+id {
			t.Errorf("%s summary: %d\n%s", lang, status, text)
		}
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s summary lacks %q:\n%s", lang, w, text)
			}
		}
	}
	if status, body := ra.api(t, "reviewer", "POST", "/api/v1/practices/"+id+"/withdraw", map[string]string{"reason": "A duplicate."}); status != 200 {
		t.Fatalf("withdraw: %d %s", status, body)
	}
	for _, target := range []string{"/p/" + id, "/p/" + id + "/summary"} {
		if status, _, _ := ra.getIn(t, "", "en", target); status != 410 {
			t.Errorf("%s of a withdrawn practice: %d, want 410", target, status)
		}
	}
}

// A long text is clipped at a word in the summary, which stays short
// enough to paste.
func TestShareSummaryIsShort(t *testing.T) {
	ra := newReviewApp(t)
	long := strings.Repeat("The unit watched the station and the trains for weeks. ", 40)
	sub := map[string]any{}
	for k, v := range fullSubmission {
		sub[k] = v
	}
	sub["action"], sub["title"] = long, "Watch on the Ranchi trains"
	status, body := ra.api(t, "officer", "POST", "/api/v1/submissions", sub)
	var s struct{ ID string }
	if err := json.Unmarshal(body, &s); status != 201 || err != nil {
		t.Fatalf("create: %d %s", status, body)
	}
	for _, step := range []struct{ who, path string }{{"officer", "/submit"}, {"reviewer", "/decision"}} {
		if status, body := ra.api(t, step.who, "POST", "/api/v1/submissions/"+s.ID+step.path, map[string]string{"decision": "approve"}); status != 200 {
			t.Fatalf("%s: %d %s", step.path, status, body)
		}
	}
	id := entryIDs(readFeed(t, ra, "/feeds/search.atom?q="+url.QueryEscape("Ranchi trains")))[0]
	_, _, text := ra.getIn(t, "", "en", "/p/"+id+"/summary")
	found := false
	for _, line := range strings.Split(text, "\n") {
		kept, ok := strings.CutPrefix(line, "What was done: ")
		if !ok {
			continue
		}
		found = true
		kept, clipped := strings.CutSuffix(kept, "…")
		// At a word: what is kept is the text up to a space.
		if !clipped || utf8.RuneCountInString(kept) > 400 || !strings.HasPrefix(long, kept+" ") {
			t.Errorf("a long answer is not clipped at a word within 400 characters: %d, %q", utf8.RuneCountInString(kept), line)
		}
	}
	if !found {
		t.Errorf("no line says what was done:\n%s", text)
	}
}

// A pack's short link opens its shared page for anyone; a wrong one is
// 404. Its summary lists each case with its short link.
func TestSharePack(t *testing.T) {
	ra := withFieldRoles(t, newReviewApp(t))
	id := ra.published(t)
	pack := ra.newPack(t, "officer", "Placement agencies")
	if status, _ := ra.apiForm(t, "officer", "/packs/add", url.Values{"pack": {pack}, "practice": {id}}); status != 303 {
		t.Fatalf("add to pack: %d", status)
	}
	_, _, page := ra.getIn(t, "officer", "en", "/packs/"+pack)
	short := regexpFind(page, `href="http://example.com(/k/[^"]+)"`)
	if short == "" {
		t.Fatal("the pack page shows no short link")
	}
	status, loc, _ := ra.getIn(t, "", "en", short)
	if status != 302 || !strings.HasPrefix(loc, "/shared/"+pack+"/") {
		t.Fatalf("short link: %d to %q", status, loc)
	}
	if status, _, _ := ra.getIn(t, "", "en", short[:len(short)-1]+"x"); status != 404 {
		t.Errorf("a wrong short link: %d, want 404", status)
	}
	for _, tc := range []struct{ who, target string }{{"", loc + "/summary"}, {"officer", "/packs/" + pack + "/summary"}} {
		status, _, text := ra.getIn(t, tc.who, "hi", tc.target)
		if status != 200 || !strings.HasPrefix(text, "Placement agencies\n1. "+fullSubmission["title"].(string)+" (झारखंड, दिल्ली) http://example.com/p/"+id+"\n") ||
			!strings.HasSuffix(text, "पैक: http://example.com"+short+"\n") {
			t.Errorf("%s: %d\n%s", tc.target, status, text)
		}
	}
	if status, _, _ := ra.getIn(t, "trainer", "en", "/packs/"+pack+"/summary"); status != 404 {
		t.Errorf("another user's pack summary: %d, want 404", status)
	}
}
