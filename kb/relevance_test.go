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
	rep := judge(t, svc, "queries.json", 40)
	if rep.NDCG10 < 0.85 {
		t.Errorf("nDCG@10 %.3f is under the floor of 0.85", rep.NDCG10)
	}
	if rep.Recall3 < 0.9 {
		t.Errorf("recall@3 %.3f is under the floor of 0.9", rep.Recall3)
	}
}

// judge scores search on the judged queries of a file in samples/ (at
// least atLeast of them), and logs each query that misses and the totals.
func judge(t *testing.T, svc *kb.Service, file string, atLeast int) kb.RelevanceReport {
	t.Helper()
	var judged struct {
		Queries []kb.JudgedQuery `json:"queries"`
	}
	js, err := os.ReadFile(filepath.Join("..", "samples", file))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(js, &judged); err != nil {
		t.Fatal(err)
	}
	if len(judged.Queries) < atLeast {
		t.Fatalf("%s has %d judged queries, want at least %d", file, len(judged.Queries), atLeast)
	}
	rep, err := svc.EvaluateRelevance(t.Context(), judged.Queries)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range rep.Queries {
		if q.NDCG10 < 0.7 || q.Recall3 < 1 {
			t.Logf("%-45q nDCG@10 %.2f recall@3 %.2f top %q", q.Query, q.NDCG10, q.Recall3, q.Top[:min(3, len(q.Top))])
		}
	}
	t.Logf("%s, %d queries: nDCG@10 %.3f, recall@3 %.3f", file, len(rep.Queries), rep.NDCG10, rep.Recall3)
	return rep
}
