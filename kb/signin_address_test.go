package kb_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/compendium-kb/compendium/kb"
)

// TestWrongPasswordsFromOneAddressAtOnce: 40 wrong passwords on 40
// accounts sent at once from one address. The address's count is
// atomic: at most 20 are checked, the rest are told to wait, as one by
// one. (Before, all 40 were checked.)
func TestWrongPasswordsFromOneAddressAtOnce(t *testing.T) {
	ctx := context.Background()
	f := newWorkflow(t)
	var mu sync.Mutex
	counts := map[string]int{}
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			_, _, _, err := f.accounts.SignIn(ctx, fmt.Sprintf("officer%d@police.example", i), "wrong", "10.7.7.7")
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
	// The address is counted in the password-hashing pool: each of its
	// places but one may let one more through.
	if most := 20 + max(runtime.GOMAXPROCS(0)/2, 1) - 1; counts["401"] > most || counts["401"]+counts["429"] != 40 {
		t.Errorf("40 wrong passwords at once from one address: %v; want at most %d checked and the rest told to wait", counts, most)
	}
}

// TestGuesserCannotKeepTheOfficerOut: someone who knows an officer's
// e-mail guesses from one address, waiting out each delay. The officer,
// with the right password from another address with no failures, is
// let in every time, while the guesser's delays keep growing. (Before,
// the officer was refused 20 of 20 times while the guesser spent 8
// guesses in 80 s.)
func TestGuesserCannotKeepTheOfficerOut(t *testing.T) {
	ctx := context.Background()
	f := newWorkflow(t)
	c := &clock{t: time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)}
	f.accounts.Now = c.now
	guess := func() error {
		_, _, _, err := f.accounts.SignIn(ctx, "officer@police.example", "guess", "10.6.6.6")
		return err
	}
	var last time.Duration
	for i := range 8 {
		c.add(10 * time.Second)
		err := guess()
		var we *kb.WaitError
		if errors.As(err, &we) {
			if we.Wait < last {
				t.Errorf("guess %d: the wait fell from %v to %v", i+1, last, we.Wait)
			}
			last = we.Wait
			c.add(we.Wait)
			err = guess()
		}
		if !errors.Is(err, kb.ErrBadLogin) {
			t.Fatalf("guess %d after its wait: %v, want a wrong password", i+1, err)
		}
		if i%4 != 3 {
			continue // four guesses, then the officer
		}
		if _, _, _, err := f.accounts.SignIn(ctx, "officer@police.example", "a long enough password", "10.0.0.9"); err != nil {
			t.Errorf("the officer from a clean address after guess %d: %v, want let in", i+1, err)
		}
	}
	if err := guess(); !errors.Is(err, kb.ErrTooManyAttempts) {
		t.Errorf("the guesser at once after 8 guesses: %v, want a wait", err)
	}
	// A guesser's wrong password from a clean address while the account
	// waits is answered as a wait: it tells nothing more.
	for range 3 {
		guess()
	}
	if _, _, _, err := f.accounts.SignIn(ctx, "officer@police.example", "guess", "10.5.5.5"); !errors.Is(err, kb.ErrTooManyAttempts) {
		t.Errorf("a wrong password from a clean address while the account waits: %v, want a wait", err)
	}
}

// TestRightPasswordsAtOnceFromOneAddress: thirty officers behind one
// address (a station's network) signing in at the same moments, twice,
// are all let in: attempts waiting together for the hashing pool neither
// count as failures nor make each other wait. (Counted as failures until
// checked, more than 20 of them at once stopped the address.)
func TestRightPasswordsAtOnceFromOneAddress(t *testing.T) {
	ctx := context.Background()
	f := newWorkflow(t)
	const officers = 30
	for i := range officers {
		if _, err := f.accounts.AddUser(ctx, fmt.Sprintf("station%d@police.example", i), "Station", kb.RoleOfficer, "", "a long enough password"); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	for i := range officers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 2 {
				if _, _, _, err := f.accounts.SignIn(ctx, fmt.Sprintf("station%d@police.example", i), "a long enough password", "10.4.4.4"); err != nil {
					t.Errorf("officer %d, sign-in %d: %v", i, j+1, err)
				}
			}
		}()
	}
	wg.Wait()
}

// TestBusyServerCountsNoFailure: sign-ins that time out waiting for the
// password-hashing pool were never checked; they must not count against
// the account, whose owner signs in at once when the server is free.
// (Before, each counted as a failure and the owner was told to wait.)
func TestBusyServerCountsNoFailure(t *testing.T) {
	f := newWorkflow(t)
	ctx := context.Background()
	if _, err := f.accounts.AddUser(ctx, "busy@police.example", "Busy", kb.RoleOfficer, "", "a long enough password"); err != nil {
		t.Fatal(err)
	}
	release := f.accounts.HoldHashing()
	for i := range 6 {
		short, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
		_, _, _, err := f.accounts.SignIn(short, "busy@police.example", "a long enough password", "10.9.9.9")
		cancel()
		if !errors.Is(err, kb.ErrOverloaded) {
			t.Fatalf("sign-in %d with the pool full: %v, want the server busy", i+1, err)
		}
	}
	release()
	if _, _, _, err := f.accounts.SignIn(ctx, "busy@police.example", "a long enough password", "10.9.9.9"); err != nil {
		t.Fatalf("the owner, once the server is free: %v", err)
	}
}
