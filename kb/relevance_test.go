package kb_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/compendium-kb/compendium/kb"
)

// TestRelevance scores search on the judged queries in samples/queries.json
// over every sample compendium, against the floors the product promises:
// nDCG@10 at least 0.85 and recall@3 at least 0.9.
func TestRelevance(t *testing.T) {
	ctx := context.Background()
	svc := newService(t)
	files, _ := filepath.Glob(filepath.Join("..", "samples", "*.pdf"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.ImportWith(ctx, filepath.Base(f), data, kb.ImportOptions{PublishAll: true}); err != nil {
			t.Fatal(err)
		}
	}
	var judged struct {
		Queries []kb.JudgedQuery `json:"queries"`
	}
	js, err := os.ReadFile(filepath.Join("..", "samples", "queries.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(js, &judged); err != nil {
		t.Fatal(err)
	}
	if len(judged.Queries) < 40 {
		t.Fatalf("the judged set has %d queries, want at least 40", len(judged.Queries))
	}
	rep, err := svc.EvaluateRelevance(ctx, judged.Queries)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range rep.Queries {
		if q.NDCG10 < 0.7 || q.Recall3 < 1 {
			top := q.Top
			if len(top) > 3 {
				top = top[:3]
			}
			t.Logf("%-45q nDCG@10 %.2f recall@3 %.2f top %q", q.Query, q.NDCG10, q.Recall3, top)
		}
	}
	t.Logf("%d queries: nDCG@10 %.3f, recall@3 %.3f", len(rep.Queries), rep.NDCG10, rep.Recall3)
	if rep.NDCG10 < 0.85 {
		t.Errorf("nDCG@10 %.3f is under the floor of 0.85", rep.NDCG10)
	}
	if rep.Recall3 < 0.9 {
		t.Errorf("recall@3 %.3f is under the floor of 0.9", rep.Recall3)
	}
}
