package kb

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestSimilarPool: lookups of similar practices take places in a pool of
// half the processors; with every place taken, one that may wait a moment
// is told the server is busy rather than queued, one that may wait as long
// as its request gets the next place freed.
func TestSimilarPool(t *testing.T) {
	s := &Service{}
	ctx := context.Background()
	var held []func()
	for range similarWorkers() {
		leave, err := s.similarPlace(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, leave)
	}
	if _, err := s.similarPlace(ctx, 50*time.Millisecond); !errors.Is(err, ErrOverloaded) {
		t.Fatalf("with all %d places taken, a lookup that waits 50 ms: %v, want ErrOverloaded", len(held), err)
	}
	got := make(chan error, 1)
	go func() {
		leave, err := s.similarPlace(ctx, 0)
		if err == nil {
			leave()
		}
		got <- err
	}()
	select {
	case err := <-got:
		t.Fatalf("a lookup got a place while all were taken (err %v)", err)
	case <-time.After(100 * time.Millisecond):
	}
	held[0]()
	if err := <-got; err != nil {
		t.Errorf("once a place was freed, the waiting lookup: %v", err)
	}
}
