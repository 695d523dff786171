package kb_test

import (
	"context"
	"testing"

	"github.com/compendium-kb/compendium/kb"
	"github.com/compendium-kb/compendium/samples"
)

// hindiSample is the Hindi sample document and its practices.
type hindiSample struct {
	Document  kb.Document
	Practices []kb.Practice
}

// loadHindi indexes the Hindi sample practices through the service.
func loadHindi(t *testing.T, svc *kb.Service) hindiSample {
	t.Helper()
	doc, ps, err := samples.Hindi()
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.SavePractices(context.Background(), doc, nil, ps); err != nil {
		t.Fatal(err)
	}
	return hindiSample{doc, ps}
}

// TestHindiSearch checks that Hindi word forms find each other, that a
// Hindi state name finds the English filter value's cases, and scores
// the judged Hindi queries (samples/queries-hi.json) against the floor
// of recall@3 0.9, beside the English samples so that Hindi cases must
// outrank English ones.
func TestHindiSearch(t *testing.T) {
	ctx := context.Background()
	svc := newService(t)
	if _, err := svc.ImportWith(ctx, "state-casebook.pdf", sample(t, "state-casebook.pdf"), kb.ImportOptions{PublishAll: true}); err != nil {
		t.Fatal(err)
	}
	s := loadHindi(t, svc)
	title := map[string]string{}
	for _, p := range s.Practices {
		title[p.ID] = p.Title
	}
	for _, c := range []struct{ query, want string }{
		{"थाना", "hi-8"},     // the title says थानों
		{"गाँव", "hi-1"},     // the title says गाँवों
		{"लड़कियों", "hi-2"}, // the title says लड़कियों, the text लड़कियाँ
	} {
		res, err := svc.Search(ctx, kb.Query{Text: c.query, Size: 10})
		if err != nil {
			t.Fatal(err)
		}
		if !hitsInclude(res, c.want) {
			t.Errorf("%q: %d hits without %q", c.query, res.Total, title[c.want])
		}
	}
	res, err := svc.Search(ctx, kb.Query{Text: "बिहार", States: []string{"Bihar"}, Size: 50})
	if err != nil {
		t.Fatal(err)
	}
	if !hitsInclude(res, "hi-1") || !hitsInclude(res, "hi-4") {
		t.Errorf("बिहार in the Bihar filter: %d hits, want hi-1 and hi-4 among them", res.Total)
	}

	rep := judge(t, svc, "queries-hi.json", 20)
	if rep.Recall3 < 0.9 {
		t.Errorf("recall@3 %.3f is under the floor of 0.9", rep.Recall3)
	}
}

func hitsInclude(res kb.Results, id string) bool {
	for _, h := range res.Hits {
		if h.Practice.ID == id {
			return true
		}
	}
	return false
}
