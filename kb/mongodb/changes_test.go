package mongodb_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/compendium-kb/compendium/kb"
	"github.com/compendium-kb/compendium/kb/mongodb"
)

// TestOneWriterPerRevisionAcrossStores: two stores on one database stand
// for two app nodes, whose locks know nothing of each other; of many
// writers of the same next revision exactly one wins.
func TestOneWriterPerRevisionAcrossStores(t *testing.T) {
	ctx := context.Background()
	emb, nodes := twoNodes(t)
	if err := emb.Prepare(ctx, nodes[0]); err != nil {
		t.Fatal(err)
	}
	if err := nodes[0].ApplySubmission(ctx, kb.Submission{ID: "s1", Status: kb.StatusSubmitted, Rev: 1}); err != nil {
		t.Fatal(err)
	}
	const writers = 8
	errs := make([]error, writers)
	var wg sync.WaitGroup
	for i := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			next := kb.Submission{ID: "s1", Status: kb.StatusApproved, Rev: 2, OwnerName: string(rune('a' + i))}
			errs[i] = nodes[i%2].ClaimChange(ctx, kb.SubmissionChange{ID: kb.ChangeID("s1", 2), Submission: next, At: time.Now()})
		}()
	}
	wg.Wait()
	won := 0
	for _, err := range errs {
		switch {
		case err == nil:
			won++
		case !errors.Is(err, kb.ErrConflict):
			t.Errorf("a losing writer got %v, want kb.ErrConflict", err)
		}
	}
	if won != 1 {
		t.Errorf("%d writers wrote revision 2, want exactly 1", won)
	}
}

// twoNodes starts an embedded database and connects two stores to it:
// two app nodes, whose in-process locks know nothing of each other.
func twoNodes(t *testing.T) (*mongodb.Embedded, [2]*mongodb.Store) {
	t.Helper()
	ctx := context.Background()
	emb, err := mongodb.StartEmbedded(ctx, t.TempDir(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = emb.Close() })
	var nodes [2]*mongodb.Store
	for i := range nodes {
		if nodes[i], err = mongodb.Connect(ctx, emb.URI); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = nodes[i].Close(ctx) })
	}
	return emb, nodes
}
