package kb_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/compendium-kb/compendium/kb"
)

// TestProposalsInReadingOrder: a document's proposals come in the order
// the reader found them, cases that start on one page included, and the
// same whether asked for by document or across every document: the inbox
// pages through one list and the API through the other, and a tie left to
// the store showed one proposal twice on two pages and skipped another.
func TestProposalsInReadingOrder(t *testing.T) {
	ctx := context.Background()
	cur, _ := newCuration(t)
	for _, name := range []string{"state-casebook.pdf", "law-enforcement-compendium.pdf", "border-casebook.pdf", "training-digest.pdf"} {
		if _, err := cur.Import(ctx, admin.Actor(), name, sample(t, name), kb.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(filepath.Join("..", "samples", "law-enforcement-compendium.json"))
	if err != nil {
		t.Fatal(err)
	}
	var truth struct{ Practices []struct{ Title string } }
	if err := json.Unmarshal(data, &truth); err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, p := range truth.Practices {
		want = append(want, p.Title)
	}
	titles := func(ps []kb.Proposal) []string {
		var out []string
		for _, p := range ps {
			if p.DocumentID == "law-enforcement-compendium" {
				out = append(out, p.Title)
			}
		}
		return out
	}
	one, err := cur.Proposals(ctx, "law-enforcement-compendium", "")
	if err != nil {
		t.Fatal(err)
	}
	all, err := cur.Proposals(ctx, "", kb.ProposalProposed)
	if err != nil {
		t.Fatal(err)
	}
	if got := titles(one); !slices.Equal(got, want) {
		t.Errorf("the document's proposals in the order\n%q\nwant the reading order\n%q", got, want)
	}
	if got := titles(all); !slices.Equal(got, want) {
		t.Errorf("every document's proposals put this one's in the order\n%q\nwant the reading order\n%q", got, want)
	}
}
