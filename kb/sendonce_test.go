package kb_test

import (
	"context"
	"sync"
	"testing"

	"github.com/compendium-kb/compendium/kb"
)

// A form sent again, or by two senders at once (a phone retrying as the
// network returns), makes one submission; another form, or another
// officer's with the same key, makes its own.
func TestCreateOnceMakesOneSubmission(t *testing.T) {
	ctx := context.Background()
	f := newWorkflow(t)
	var wg sync.WaitGroup
	ids := make([]string, 6)
	created := make([]bool, 6)
	for i := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, c, err := f.reviews.CreateOnce(ctx, f.officer, "form-key-1", goodFields)
			if err != nil {
				t.Error(err)
			}
			ids[i], created[i] = s.ID, c
		}()
	}
	wg.Wait()
	n := 0
	for i := range ids {
		if ids[i] != ids[0] {
			t.Errorf("sending %d made %s, sending 0 made %s", i, ids[i], ids[0])
		}
		if created[i] {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d of 6 sendings say they created the submission, want 1", n)
	}
	list, err := f.reviews.List(ctx, f.officer, "", kb.ListPage{})
	if err != nil || len(list) != 1 {
		t.Fatalf("the officer has %d submissions, want 1 (%v)", len(list), err)
	}
	other, _, err := f.reviews.CreateOnce(ctx, f.officer, "form-key-2", goodFields)
	if err != nil || other.ID == ids[0] {
		t.Errorf("another form: %s, %v", other.ID, err)
	}
	theirs, c, err := f.reviews.CreateOnce(ctx, f.reviewer, "form-key-1", goodFields)
	if err != nil || !c || theirs.ID == ids[0] {
		t.Errorf("another user's form with the same key: %s created %v, %v", theirs.ID, c, err)
	}
}
