package ui_test

import (
	"context"
	"encoding/json"
	"testing"
)

// TestProposalsPagedAndBulk: the proposals API pages with totals, and a
// bulk drop across documents is previewed, then decides what the preview
// counted.
func TestProposalsPagedAndBulk(t *testing.T) {
	ra := newReviewApp(t)
	ps := proposed(t, ra)
	if _, err := ra.svc.Import(context.Background(), "le.pdf", sampleBytes(t, "law-enforcement-compendium.pdf")); err != nil {
		t.Fatal(err)
	}
	var page struct {
		Proposals                []apiProposal
		Page, Size, Total, Pages int
	}
	status, body := ra.api(t, "reviewer", "GET", "/api/v1/proposals?status=proposed&page=3&size=4", nil)
	if status != 200 || json.Unmarshal(body, &page) != nil {
		t.Fatalf("page 3: %d %.300s", status, body)
	}
	if page.Total != 22 || page.Pages != 6 || page.Page != 3 || page.Size != 4 || len(page.Proposals) != 4 {
		t.Errorf("page 3 of 4: total %d, pages %d, page %d, size %d, %d proposals; want 22, 6, 3, 4, 4", page.Total, page.Pages, page.Page, page.Size, len(page.Proposals))
	}
	if page.Proposals[0].ID != ps[8].ID {
		t.Errorf("page 3 starts with %q, want the ninth proposal %q", page.Proposals[0].Title, ps[8].Title)
	}
	for _, bad := range []string{"page=0", "size=501", "size=x"} {
		if status, _ := ra.api(t, "reviewer", "GET", "/api/v1/proposals?"+bad, nil); status != 422 {
			t.Errorf("?%s: %d, want 422", bad, status)
		}
	}
	cut := ps[5].Confidence
	req := map[string]any{"documents": []string{"casebook", "le"}, "decision": "drop", "min": 0, "max": cut, "preview": true}
	var preview struct {
		Affected struct {
			ByDocument map[string]int `json:"by_document"`
			Total      int
		}
	}
	status, body = ra.api(t, "reviewer", "POST", "/api/v1/proposals/bulk", req)
	if status != 200 || json.Unmarshal(body, &preview) != nil || preview.Affected.Total == 0 || preview.Affected.ByDocument["casebook"] == 0 {
		t.Fatalf("bulk preview: %d %.300s", status, body)
	}
	req["preview"] = false
	var done struct{ Decided struct{ Total int } }
	status, body = ra.api(t, "reviewer", "POST", "/api/v1/proposals/bulk", req)
	if status != 200 || json.Unmarshal(body, &done) != nil || done.Decided.Total != preview.Affected.Total {
		t.Fatalf("bulk drop: %d %.300s, want the %d previewed", status, body, preview.Affected.Total)
	}
	status, body = ra.api(t, "reviewer", "GET", "/api/v1/proposals?status=proposed", nil)
	if status != 200 || json.Unmarshal(body, &page) != nil || page.Total != 22-preview.Affected.Total {
		t.Errorf("after the bulk drop: %d proposals wait, want %d", page.Total, 22-preview.Affected.Total)
	}
	for _, c := range []struct {
		who  string
		body any
		want int
	}{
		{"officer", req, 403},
		{"reviewer", map[string]any{"documents": []string{"casebook"}, "decision": "approve", "min": 0, "max": 1}, 422},
		{"reviewer", map[string]any{"documents": []string{}, "decision": "drop", "min": 0, "max": 0.3}, 422},
		{"reviewer", map[string]any{"documents": []string{"casebook"}, "decision": "drop", "min": 0.5, "max": 0.3}, 422},
		{"reviewer", map[string]any{"documents": []string{"casebook"}, "decision": "drop"}, 422},
	} {
		if status, body := ra.api(t, c.who, "POST", "/api/v1/proposals/bulk", c.body); status != c.want {
			t.Errorf("%s %v: %d %.200s, want %d", c.who, c.body, status, body, c.want)
		}
	}
	var th struct {
		PublishAt float64 `json:"publish_at"`
		DropAt    float64 `json:"drop_at"`
	}
	status, body = ra.api(t, "reviewer", "GET", "/api/v1/proposals/thresholds", nil)
	if status != 200 || json.Unmarshal(body, &th) != nil || th.PublishAt != 0.8 || th.DropAt != 0.3 {
		t.Errorf("thresholds: %d %s", status, body)
	}
}
