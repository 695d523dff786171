package ui_test

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/compendium-kb/compendium/kb"
)

// atomFeed is what a feed reader needs of a feed (RFC 4287 4.1.1 and
// 4.1.2), read back by encoding/xml.
type atomFeed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Author struct {
		Name string `xml:"name"`
	} `xml:"author"`
	Entries []struct {
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Links   []struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
	} `xml:"entry"`
}

// readFeed asks for a feed and checks the elements RFC 4287 requires of
// it and of each entry.
func readFeed(t *testing.T, ra reviewApp, target string) atomFeed {
	t.Helper()
	status, body := ra.api(t, "", "GET", target, nil)
	if status != 200 {
		t.Fatalf("%s: %d %s", target, status, body)
	}
	var f atomFeed
	if err := xml.Unmarshal(body, &f); err != nil {
		t.Fatalf("%s is not Atom: %v\n%s", target, err, body)
	}
	if f.ID == "" || f.Title == "" || f.Author.Name == "" || !rfc3339(f.Updated) {
		t.Errorf("%s: feed id %q, title %q, author %q, updated %q", target, f.ID, f.Title, f.Author.Name, f.Updated)
	}
	if rels := linkRels(f.Links); !slices.Contains(rels, "self") || !slices.Contains(rels, "alternate") {
		t.Errorf("%s: feed links %v, want self and alternate", target, rels)
	}
	for _, e := range f.Entries {
		if e.ID == "" || e.Title == "" || !rfc3339(e.Updated) || len(e.Links) == 0 || !strings.Contains(e.Links[0].Href, "/practices/") {
			t.Errorf("%s: entry id %q, title %q, updated %q, links %v", target, e.ID, e.Title, e.Updated, e.Links)
		}
	}
	return f
}

func rfc3339(s string) bool { _, err := time.Parse(time.RFC3339, s); return err == nil }

func linkRels[L ~[]struct {
	Rel  string `xml:"rel,attr"`
	Href string `xml:"href,attr"`
}](links L) []string {
	var out []string
	for _, l := range links {
		out = append(out, l.Rel)
	}
	return out
}

// entryIDs are a feed's practices, by id.
func entryIDs(f atomFeed) []string {
	var out []string
	for _, e := range f.Entries {
		out = append(out, e.ID[strings.LastIndex(e.ID, "/")+1:])
	}
	slices.Sort(out)
	return out
}

// A feed lists what the search finds, no more (every rare word matched),
// and drops a withdrawn practice.
func TestFeedsCountWhatSearchCounts(t *testing.T) {
	ra := newReviewApp(t)
	pdf, err := os.ReadFile(filepath.Join("..", "samples", "law-enforcement-compendium.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ra.svc.ImportWith(context.Background(), "law-enforcement-compendium.pdf", pdf, kb.ImportOptions{PublishAll: true}); err != nil {
		t.Fatal(err)
	}
	for _, params := range []string{"q=railway", "q=" + url.QueryEscape("railway children"), "q=trafficking", "theme=" + url.QueryEscape("rescue"), "q=zzqxv"} {
		_, body := ra.api(t, "", "GET", "/api/v1/search?size=100&"+params, nil)
		var res struct {
			Total int
			Hits  []struct {
				ID      string
				Partial bool
			}
		}
		if err := json.Unmarshal(body, &res); err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, h := range res.Hits {
			if !h.Partial {
				want = append(want, h.ID)
			}
		}
		slices.Sort(want)
		t.Logf("%s: %d practices", params, len(want))
		if got := entryIDs(readFeed(t, ra, "/feeds/search.atom?"+params)); !slices.Equal(got, want) || len(got) != res.Total {
			t.Errorf("%s: feed %v, search %v (total %d)", params, got, want, res.Total)
		}
	}
	all := readFeed(t, ra, "/feeds/search.atom?q=trafficking")
	if len(all.Entries) == 0 {
		t.Fatal("no practice to withdraw")
	}
	gone := entryIDs(all)[0]
	if status, body := ra.api(t, "reviewer", "POST", "/api/v1/practices/"+gone+"/withdraw", map[string]string{"reason": "A duplicate."}); status != 200 {
		t.Fatalf("withdraw: %d %s", status, body)
	}
	if slices.Contains(entryIDs(readFeed(t, ra, "/feeds/search.atom?q=trafficking")), gone) {
		t.Errorf("the withdrawn %s is still in the feed", gone)
	}
}

// An officer follows a filter: a practice published after appears in its
// feed and, once however often the pass runs, as a notice.
func TestFollowedFilterFeedAndNotice(t *testing.T) {
	ra := newReviewApp(t)
	b := &browser{t: t, app: ra.app, cookies: map[string]string{}}
	b.login("officer@police.example")
	_, page, _ := b.do("GET", "/?state=Jharkhand", nil)
	m := csrfRE.FindStringSubmatch(page)
	if m == nil || !strings.Contains(page, `action="/follows"`) || !strings.Contains(page, `href="/feeds/search.atom?state=Jharkhand"`) {
		t.Fatal("the search page offers neither the follow form nor the feed")
	}
	if status, _, h := b.do("POST", "/follows", url.Values{"_csrf": {m[1]}, "params": {"state=Jharkhand"}}); status != 303 || h.Get("Location") != "/saved" {
		t.Fatalf("follow: %d %s", status, h.Get("Location"))
	}
	if status, _, _ := b.do("POST", "/follows", url.Values{"params": {"state=Delhi"}}); status != 403 {
		t.Errorf("a follow without the form's token: %d, want 403", status)
	}
	if f := readFeed(t, ra, "/feeds/search.atom?state=Jharkhand"); len(f.Entries) != 0 {
		t.Fatalf("an empty knowledge base's feed has %d entries", len(f.Entries))
	}
	id := ra.submitted(t)
	if status, body := ra.api(t, "reviewer", "POST", "/api/v1/submissions/"+id+"/decision", map[string]string{"decision": "approve"}); status != 200 {
		t.Fatalf("approve: %d %s", status, body)
	}
	f := readFeed(t, ra, "/feeds/search.atom?state=Jharkhand")
	if len(f.Entries) != 1 || f.Entries[0].Title != fullSubmission["title"] {
		t.Fatalf("feed after publication: %+v", f.Entries)
	}
	practice := entryIDs(f)[0]
	for range 2 {
		if err := ra.library.NotifyFollowers(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	_, notices, _ := b.do("GET", "/notices", nil)
	if n := strings.Count(notices, `href="/practices/`+practice+`"`); n != 1 {
		t.Errorf("the officer has %d notices of the new practice, want 1", n)
	}
	_, saved, _ := b.do("GET", "/saved", nil)
	if !strings.Contains(saved, "state: Jharkhand") {
		t.Error("the saved page does not list the follow")
	}
}

// An officer saves a practice and finds it on /saved and in the API;
// removing it forgets it.
func TestSavePractice(t *testing.T) {
	ra := newReviewApp(t)
	id := ra.submitted(t)
	if status, body := ra.api(t, "reviewer", "POST", "/api/v1/submissions/"+id+"/decision", map[string]string{"decision": "approve"}); status != 200 {
		t.Fatalf("approve: %d %s", status, body)
	}
	practice := entryIDs(readFeed(t, ra, "/feeds/search.atom?state=Jharkhand"))[0]
	b := &browser{t: t, app: ra.app, cookies: map[string]string{}}
	b.login("officer@police.example")
	_, _, h := b.do("GET", "/practices/"+practice, nil) // to its address with the slug
	_, page, _ := b.do("GET", h.Get("Location"), nil)
	if !strings.Contains(page, `action="/practices/`+practice+`/save"`) {
		t.Fatal("the practice page has no Save button")
	}
	csrf := csrfRE.FindStringSubmatch(page)[1]
	for range 2 { // saving twice keeps one
		if status, _, _ := b.do("POST", "/practices/"+practice+"/save", url.Values{"_csrf": {csrf}, "saved": {"1"}}); status != 303 {
			t.Fatalf("save: %d", status)
		}
	}
	status, body := ra.api(t, "officer", "GET", "/api/v1/saved", nil)
	if status != 200 || strings.Count(string(body), `"practice_id":"`+practice+`"`) != 1 {
		t.Errorf("saved API: %d %s", status, body)
	}
	if status, body := ra.api(t, "reviewer", "GET", "/api/v1/saved", nil); status != 200 || strings.Contains(string(body), practice) {
		t.Errorf("another user's saved list: %d %s", status, body)
	}
	b.do("POST", "/practices/"+practice+"/save", url.Values{"_csrf": {csrf}, "saved": {"0"}})
	if _, page, _ := b.do("GET", "/saved", nil); strings.Contains(page, `href="/practices/`+practice+`"`) {
		t.Error("a removed practice is still saved")
	}
}

// A follower of a broad filter is told of a practice from an old
// compendium added after the follow, though a hundred newer ones match
// too. (Before, the pass looked at the newest hundred by year only.)
func TestFollowerToldOfAnOldPracticeAddedLate(t *testing.T) {
	ra := newReviewApp(t)
	ctx := context.Background()
	doc := func(id string, n int, year int, at time.Time) (kb.Document, []kb.Practice) {
		d := kb.Document{ID: id, Title: "Compendium " + id, File: id + ".pdf", SHA256: fmt.Sprintf("%064x", len(id)+n), Pages: n, ImportedAt: at}
		var ps []kb.Practice
		for i := range n {
			title := fmt.Sprintf("Rescue operation %d of %s", i+1, id)
			ps = append(ps, kb.Practice{ID: kb.PracticeID(id, title), Slug: kb.Slugify(title, 80), Title: title,
				Text: "Jharkhand police rescued trafficked girls at the railway station.", States: []string{"Jharkhand"}, Years: []int{year},
				Provenance: kb.Provenance{DocumentID: id, DocumentTitle: d.Title, File: d.File, PageStart: i + 1, PageEnd: i + 1}, CreatedAt: at, UpdatedAt: at})
		}
		return d, ps
	}
	before := time.Now().UTC().Add(-time.Hour)
	recent, many := doc("recent", kb.MaxPageSize+10, 2022, before)
	if err := ra.svc.SavePractices(ctx, recent, nil, many); err != nil {
		t.Fatal(err)
	}
	b := &browser{t: t, app: ra.app, cookies: map[string]string{}}
	b.login("officer@police.example")
	_, page, _ := b.do("GET", "/?state=Jharkhand", nil)
	if status, _, _ := b.do("POST", "/follows", url.Values{"_csrf": {csrfRE.FindStringSubmatch(page)[1]}, "params": {"state=Jharkhand"}}); status != 303 {
		t.Fatalf("follow: %d", status)
	}
	old, late := doc("old-edition", 1, 2004, time.Now().UTC().Add(time.Second))
	if err := ra.svc.SavePractices(ctx, old, nil, late); err != nil {
		t.Fatal(err)
	}
	if err := ra.library.NotifyFollowers(ctx); err != nil {
		t.Fatal(err)
	}
	_, notices, _ := b.do("GET", "/notices", nil)
	if n := strings.Count(notices, `href="/practices/`+late[0].ID+`"`); n != 1 {
		t.Errorf("the follower has %d notices of the old practice added late, want 1", n)
	}
	if n := strings.Count(notices, "Rescue operation"); n != 1 {
		t.Errorf("%d notices name a practice, want only the one added after the follow", n)
	}
}
