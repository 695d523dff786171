package kb_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/compendium-kb/compendium/kb"
)

// TestConcurrentPackChanges: 33 concurrent additions and 10 concurrent
// notes on one pack; every change that was answered with success is in
// the pack afterwards, with the changes sent through two app nodes.
// (Before revisions, 10 of the 33 were kept.)
func TestConcurrentPackChanges(t *testing.T) {
	ctx := context.Background()
	svc, store := newServiceAndStore(t)
	packs := &kb.Packs{Store: store, Service: svc, Now: time.Now}
	// A second node on the same database: it does not share the first
	// one's locks, only the database's revisions.
	other := &kb.Packs{Store: store, Service: svc, Now: time.Now}
	trainer := kb.User{ID: "trainer@police.example", Name: "Trainer"}
	var ids []string
	for i := range 33 {
		p := kb.Practice{ID: fmt.Sprintf("pr%02d", i), Title: fmt.Sprintf("Practice %d", i), Text: "text"}
		if err := store.SavePractice(ctx, p); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, p.ID)
	}
	pack, err := packs.Create(ctx, trainer, "Session on placement agencies", "")
	if err != nil {
		t.Fatal(err)
	}
	run := func(n int, edit func(i int) func(*kb.Pack) error) map[int]bool {
		var wg sync.WaitGroup
		var mu sync.Mutex
		ok := map[int]bool{}
		start := make(chan struct{})
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				node := packs
				if i%2 == 1 {
					node = other
				}
				_, err := node.Change(ctx, trainer, pack.ID, edit(i))
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err == nil:
					ok[i] = true
				case !errors.Is(err, kb.ErrConflict):
					t.Errorf("change %d: %v", i, err)
				}
			}()
		}
		close(start)
		wg.Wait()
		return ok
	}
	added := run(33, func(i int) func(*kb.Pack) error { return packs.AddCase(ctx, ids[i]) })
	got, err := packs.Get(ctx, trainer, pack.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Items) != len(added) || len(added) < 30 {
		t.Errorf("%d additions succeeded and the pack holds %d cases; want them equal, and nearly all 33 through", len(added), len(got.Items))
	}
	noted := run(10, func(i int) func(*kb.Pack) error {
		return kb.NoteCase(got.Items[i].PracticeID, fmt.Sprintf("note %d", i))
	})
	got, _ = packs.Get(ctx, trainer, pack.ID)
	for i := range 10 {
		if has := got.Items[i].Note == fmt.Sprintf("note %d", i); has != noted[i] {
			t.Errorf("note %d: succeeded %v, kept %v", i, noted[i], has)
		}
	}
	listed, err := packs.List(ctx, trainer)
	if err != nil || len(listed) != 1 || listed[0].Intro != "" || len(listed[0].Items) != len(got.Items) {
		t.Errorf("the list of packs: %v %+v, want the one pack without its text", err, listed)
	}
}
