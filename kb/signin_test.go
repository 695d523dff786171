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

// TestConcurrentWrongPasswords: 60 wrong passwords at once for one
// account. The count is atomic, so only the first few are checked and the
// rest are told to wait. (Before, all 60 were checked and answered 401.)
func TestConcurrentWrongPasswords(t *testing.T) {
	ctx := context.Background()
	f := newWorkflow(t)
	var wg sync.WaitGroup
	var mu sync.Mutex
	counts := map[string]int{}
	start := make(chan struct{})
	for i := range 60 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			_, _, _, err := f.accounts.SignIn(ctx, "reviewer@police.example", "wrong", fmt.Sprintf("10.0.%d.%d", i/250, i%250))
			mu.Lock()
			defer mu.Unlock()
			switch {
			case errors.Is(err, kb.ErrBadLogin):
				counts["401"]++
			case errors.Is(err, kb.ErrTooManyAttempts):
				counts["429"]++
			default:
				t.Errorf("attempt %d: %v, want a wrong password or a wait", i, err)
			}
		}()
	}
	close(start)
	wg.Wait()
	if counts["401"] > 4 || counts["401"]+counts["429"] != 60 {
		t.Errorf("60 concurrent wrong passwords: %v; want at most 4 checked (3 free, then a wait) and the rest refused", counts)
	}
}

// clock is a time the test moves.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) { c.mu.Lock(); defer c.mu.Unlock(); c.t = c.t.Add(d) }

// TestSignInDelaysNotLockOut: failures make the failing address wait
// longer and longer on the account, never lock it: after the wait, the
// right password works; an admin's unlock ends the wait at once; an
// address that fails on many accounts waits too.
func TestSignInDelaysNotLockOut(t *testing.T) {
	ctx := context.Background()
	f := newWorkflow(t)
	c := &clock{t: time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)}
	f.accounts.Now = c.now
	signIn := func(password, addr string) error {
		_, _, _, err := f.accounts.SignIn(ctx, "officer@police.example", password, addr)
		return err
	}
	for i := range 3 {
		if err := signIn("wrong", "10.0.0.1"); !errors.Is(err, kb.ErrBadLogin) {
			t.Fatalf("free failure %d: %v", i+1, err)
		}
	}
	var waits []time.Duration
	for range 4 {
		err := signIn("a long enough password", "10.0.0.1")
		var we *kb.WaitError
		if !errors.As(err, &we) {
			t.Fatalf("after failures, the right password at once from the failing address: %v, want a wait", err)
		}
		waits = append(waits, we.Wait)
		c.add(we.Wait)
		if err := signIn("wrong", "10.0.0.1"); !errors.Is(err, kb.ErrBadLogin) {
			t.Fatalf("a failure after waiting %s: %v", we.Wait, err)
		}
	}
	for i := 1; i < len(waits); i++ {
		if waits[i] <= waits[i-1] {
			t.Errorf("waits %v do not increase", waits)
		}
	}
	c.add(6 * time.Minute) // longer than any account's wait
	if err := signIn("a long enough password", "10.0.0.1"); err != nil {
		t.Errorf("the right password after the wait: %v", err)
	}
	for range 5 {
		signIn("wrong", "10.0.0.1")
	}
	if err := f.accounts.Unlock(ctx, "officer@police.example", "admin@police.example"); err != nil {
		t.Fatal(err)
	}
	if err := signIn("a long enough password", "10.0.0.1"); err != nil {
		t.Errorf("the right password after an admin's unlock: %v", err)
	}
	// One address guessing at many accounts.
	for i := range 20 {
		c.add(time.Second)
		_, _, _, err := f.accounts.SignIn(ctx, fmt.Sprintf("nobody%d@police.example", i), "wrong", "10.9.9.9")
		if !errors.Is(err, kb.ErrBadLogin) {
			t.Fatalf("address failure %d: %v", i+1, err)
		}
	}
	if _, _, _, err := f.accounts.SignIn(ctx, "reviewer@police.example", "a long enough password", "10.9.9.9"); !errors.Is(err, kb.ErrTooManyAttempts) {
		t.Errorf("after 20 failures from one address: %v, want a wait", err)
	}
}
