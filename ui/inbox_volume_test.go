package ui_test

import (
	"context"
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// TestInboxAtVolume: the inbox sums each document's waiting proposals up
// by the two thresholds (editable in the page), previews a bulk drop
// across the documents ticked without deciding anything, applies it, and
// shows a document's proposals a page at a time.
func TestInboxAtVolume(t *testing.T) {
	ra := newReviewApp(t)
	ps := proposed(t, ra)
	if _, err := ra.svc.Import(context.Background(), "le.pdf", sampleBytes(t, "law-enforcement-compendium.pdf")); err != nil {
		t.Fatal(err)
	}
	b := &browser{t: t, app: ra.app, cookies: map[string]string{}}
	b.login("reviewer@police.example")
	_, page, _ := b.do("GET", "/inbox", nil)
	if !strings.Contains(page, `name="publish_at" value="0.8"`) || !strings.Contains(page, `name="drop_at" value="0.3"`) {
		t.Error("the inbox does not show the thresholds 0.8 and 0.3")
	}
	// Thresholds typed into the inbox change its summary: at 1 and 0,
	// only a certain case is to publish and only a hopeless one to drop.
	var pub, drop int
	for _, p := range ps {
		switch {
		case p.Confidence >= 1:
			pub++
		case p.Confidence <= 0:
			drop++
		}
	}
	_, page, _ = b.do("GET", "/inbox?publish_at=1&drop_at=0", nil)
	if want := itoa(pub) + " to publish · " + itoa(11-pub-drop) + " to check · " + itoa(drop) + " to drop"; !strings.Contains(page, want) {
		t.Errorf("thresholds 1 and 0: the summary lacks %q", want)
	}
	if _, crossed, _ := b.do("GET", "/inbox?publish_at=0.2&drop_at=0.5", nil); !strings.Contains(crossed, "must be under the publish threshold") {
		t.Error("crossed thresholds are not refused")
	}
	csrf := lastCSRF(page)
	cut := ps[5].Confidence
	form := url.Values{"_csrf": {csrf}, "documents": {"casebook", "le"}, "action": {"drop"}, "min": {"0"}, "max": {strconv.FormatFloat(cut, 'f', -1, 64)}, "step": {"preview"}}
	status, page, _ := b.do("POST", "/inbox/bulk-across", form)
	if status != 200 || !strings.Contains(page, `id="across-preview"`) || !strings.Contains(page, `name="step" value="apply"`) {
		t.Fatalf("preview: %d, want the counts and a button to apply them", status)
	}
	waiting := waitingNow(t, ra)
	if len(waiting) != 22 {
		t.Fatalf("the preview decided %d proposals", 22-len(waiting))
	}
	want := 0
	for _, p := range waiting {
		if p.Confidence <= cut {
			want++
		}
	}
	if !strings.Contains(page, "This takes "+itoa(want)+" proposal") {
		t.Errorf("the preview does not say it takes %d proposals", want)
	}
	form.Set("step", "apply")
	if status, _, h := b.do("POST", "/inbox/bulk-across", form); status != 303 || !strings.Contains(h.Get("Location"), "done=bulk_drop") {
		t.Fatalf("apply: %d %s", status, h.Get("Location"))
	}
	if left := waitingNow(t, ra); len(left) != 22-want {
		t.Errorf("%d proposals wait after the bulk drop, want %d", len(left), 22-want)
	}
	if status, _, _ := b.do("POST", "/inbox/bulk-across", url.Values{"_csrf": {csrf}, "action": {"drop"}, "min": {"0"}, "max": {"0.3"}, "step": {"preview"}}); status != 422 {
		t.Errorf("a bulk decision with no document ticked: %d, want 422", status)
	}
	_, page, _ = b.do("GET", "/inbox?document=le&size=5&page=2", nil)
	if n := strings.Count(page, `class="proposal status-`); n != 5 || !strings.Contains(page, "Page 2 of 3") || !strings.Contains(page, `page=3&amp;size=5" rel="next"`) {
		t.Errorf("page 2 of le's inbox by fives: %d proposals, want 5 with links to pages 1 and 3", n)
	}
}

// waitingNow lists the proposals waiting in every document, through the API.
func waitingNow(t *testing.T, ra reviewApp) []apiProposal {
	t.Helper()
	status, body := ra.api(t, "reviewer", "GET", "/api/v1/proposals?status=proposed&size=500", nil)
	var out struct{ Proposals []apiProposal }
	if status != 200 || json.Unmarshal(body, &out) != nil {
		t.Fatalf("proposals: %d %.200s", status, body)
	}
	return out.Proposals
}
