package kb

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"time"
)

// Sign-in attempts are kept as logs, one for each account and one for
// each address. Entry n of a log has the _id "key:n" and is written by
// one insert: an insert of a unique _id is the one write that the
// embedded database, FerretDB on PostgreSQL and MongoDB all apply
// atomically, so two attempts (in one process or in several) can never
// take the same place in a log or both read a count as not yet reached.
// Before, 60 concurrent wrong passwords were all checked and none
// refused.

// SignInAttempt is one entry of a sign-in log.
type SignInAttempt struct {
	ID     string    `bson:"_id"` // key:n
	Key    string    `bson:"key"` // "account:ID" or "address:IP"
	N      int       `bson:"n"`
	Streak int       `bson:"streak"` // failures in a row up to this entry; 0 after a success or an unlock
	At     time.Time `bson:"at"`
	Note   string    `bson:"note,omitempty"` // "pending", "failed", "signed in", "unlocked by …"
}

// AttemptStore keeps the sign-in logs.
type AttemptStore interface {
	// SignInAttempt returns entry n of a log, or ErrNotFound.
	SignInAttempt(ctx context.Context, key string, n int) (SignInAttempt, error)
	// AddSignInAttempt inserts an entry; ErrConflict if its place is taken.
	AddSignInAttempt(ctx context.Context, a SignInAttempt) error
}

// The delays (OWASP's advice: slow guessing down rather than lock the
// account, which would let anyone lock out a named officer). A few
// failures cost nothing; then each one doubles the wait, up to a cap.
const (
	freeAccountFailures = 3
	maxAccountDelay     = 5 * time.Minute
	freeAddressFailures = 20
	maxAddressDelay     = 15 * time.Minute
	addressWindow       = time.Hour // an address's failures older than this are forgotten
	// SignInLogsKept is how long a quiet sign-in log is kept before it
	// is pruned: far past every window and wait above. Pruning forgets an
	// account's streak of failures, which after a day without attempts
	// only spares a guesser a few seconds' wait.
	SignInLogsKept = 24 * time.Hour
	// maxHashing is the most passwords checked at once: each check
	// takes 19 MiB for Argon2, and 60 at once once took 600 MB.
	maxHashing = 4
	// hashWait is how long a sign-in waits for the hashing pool: under
	// the 64-client load on a shared 2-core machine the queue reached
	// 14 s at the median, and 10 s answered 53 of 90 sign-ins 503.
	hashWait = 25 * time.Second
)

// ErrOverloaded says the server has too much to do just now.
var ErrOverloaded = errors.New("the server is busy; try again in a moment")

// WaitError says how long to wait before the next sign-in attempt.
type WaitError struct{ Wait time.Duration }

func (e *WaitError) Error() string {
	return fmt.Sprintf("too many failed sign-ins; wait %s", e.Wait.Round(time.Second))
}

// Is makes a WaitError an ErrTooManyAttempts.
func (e *WaitError) Is(target error) bool { return target == ErrTooManyAttempts }

func backoff(streak, free int, most time.Duration) time.Duration {
	if streak < free {
		return 0
	}
	d := time.Second << min(streak-free, 20)
	return min(d, most)
}

func accountKey(id string) string     { return "account:" + id }
func addressKey(ip string) string     { return "address:" + ip }
func pendingFor(a SignInAttempt) bool { return a.Note == "pending" }

// signInClaim is what an attempt took before its password is checked:
// a place in the account's log, counted as a failure until the attempt
// succeeds.
type signInClaim struct {
	account SignInAttempt
	// accountWait is the wait the account was under when an address with
	// no recent failures tried it: a right password is let in, a wrong
	// one is answered with the wait.
	accountWait time.Duration
	clean       bool // the address had no recent failures
}

// claim takes places in the address's and the account's logs, refusing
// when either must still wait. OWASP's rule: the delays apply to the
// addresses that failed, so that anyone who knows an officer's e-mail
// cannot keep the officer out. An address with no recent failures skips
// the account's wait (its password is checked; wrong, it is answered as
// a wait); an address that failed waits for it, one attempt at a time.
// (Before, the officer, with the right password from another address,
// was refused 20 of 20 times while a guesser spent 8 guesses in 80 s.)
func (a *Accounts) claim(ctx context.Context, account, addr string, now time.Time) (signInClaim, error) {
	byAddr, err := a.attempts.last(ctx, addressKey(addr))
	if err != nil {
		return signInClaim{}, err
	}
	clean := byAddr.Streak == 0 || now.Sub(byAddr.At) >= addressWindow
	if w := addressWait(byAddr, now); w > 0 {
		return signInClaim{}, &WaitError{Wait: w}
	}
	c := signInClaim{clean: clean}
	if err := a.waitForAccount(ctx, account, now, clean); err != nil {
		return signInClaim{}, err
	}
	c.account, c.accountWait, err = a.claimAccount(ctx, account, now, clean)
	return c, err
}

// accountWait is how long an account must still wait after entry last.
func accountWait(last SignInAttempt, now time.Time) time.Duration {
	b := backoff(last.Streak, freeAccountFailures, maxAccountDelay)
	if b == 0 {
		return 0
	}
	return max(last.At.Add(b).Sub(now), 0)
}

// addressWait is how long an address must still wait after entry last.
func addressWait(last SignInAttempt, now time.Time) time.Duration {
	b := backoff(last.Streak, freeAddressFailures, maxAddressDelay)
	if b == 0 || now.Sub(last.At) >= addressWindow {
		return 0 // (an entry of an attempt made at the same moment may be a little after now)
	}
	return max(last.At.Add(b).Sub(now), 0)
}

// An address's failures are counted one attempt at a time: the address
// is checked again inside the password-hashing pool, just before its
// password is, and a failure is recorded there, before the next attempt
// is checked (checkAddressThenPassword). Of many wrong passwords sent at
// once from one address, the pool's places (one on 2 cores) are all
// that can pass the count. (Before, 40 of 40 sent at once on 40 accounts
// were checked; one by one, the address was stopped after 20.) A place
// in the address's log taken before the check, as for accounts, made
// sign-ins waiting for the pool count as failures: officers behind one
// address, signing in at once, were refused.

// waitForAccount refuses while the account must still wait (unless the
// address is clean), and lets an attempt already being checked finish
// first: attempts on one account are checked one at a time, so of many
// sent at once, from any addresses, only the first few are checked.
func (a *Accounts) waitForAccount(ctx context.Context, account string, now time.Time, clean bool) error {
	for range 3 {
		prev, err := a.attempts.last(ctx, accountKey(account))
		if err != nil {
			return err
		}
		if w := accountWait(prev, now); w > 0 && !clean {
			return &WaitError{Wait: w}
		}
		if !pendingFor(prev) || now.Sub(prev.At) >= hashWait+5*time.Second {
			return nil
		}
		if err := sleepCtx(ctx, 50*time.Millisecond); err != nil {
			return err
		}
	}
	return &WaitError{Wait: time.Second}
}

// claimAccount takes the account's next place, checking the account's
// wait (unless the address is clean) against the entry it follows, so
// that attempts line up one by one. It returns the wait the account was
// under.
func (a *Accounts) claimAccount(ctx context.Context, account string, now time.Time, clean bool) (SignInAttempt, time.Duration, error) {
	for range 3 {
		prev, err := a.attempts.last(ctx, accountKey(account))
		if err != nil {
			return SignInAttempt{}, 0, err
		}
		w := accountWait(prev, now)
		if w > 0 && !clean {
			return SignInAttempt{}, 0, &WaitError{Wait: w}
		}
		if pendingFor(prev) && now.Sub(prev.At) < hashWait+5*time.Second {
			return SignInAttempt{}, 0, &WaitError{Wait: time.Second} // another got there first
		}
		e := SignInAttempt{Key: prev.Key, N: prev.N + 1, ID: fmt.Sprintf("%s:%d", prev.Key, prev.N+1), Streak: prev.Streak + 1, At: now, Note: "pending"}
		err = a.Store.AddSignInAttempt(ctx, e)
		if err == nil {
			a.attempts.remember(e.Key, e.N)
			return e, w, nil
		}
		if !errors.Is(err, ErrConflict) {
			return SignInAttempt{}, 0, err
		}
	}
	return SignInAttempt{}, 0, &WaitError{Wait: time.Second}
}

// settle records the outcome of a claimed attempt in the account's log.
// A failure stays counted. A success from an address that had failed
// (the owner, who mistyped) clears the account's streak; from a clean one
// it leaves the streak as others made it, so a guesser's delays keep
// growing while the owner signs in.
func (a *Accounts) settle(ctx context.Context, c signInClaim, ok bool, now time.Time) error {
	note := "failed"
	if ok {
		note = "signed in"
	}
	_, err := a.attempts.append(ctx, c.account, func(prev SignInAttempt) SignInAttempt {
		streak := max(prev.Streak, c.account.Streak)
		switch {
		case ok && c.clean:
			streak = max(streak-1, 0)
		case ok:
			streak = 0
		}
		return SignInAttempt{Streak: streak, At: now, Note: note}
	})
	return err
}

// release gives back a claimed place whose password was never checked:
// the account's streak is as before the claim.
func (a *Accounts) release(ctx context.Context, c signInClaim, now time.Time) error {
	_, err := a.attempts.append(ctx, c.account, func(prev SignInAttempt) SignInAttempt {
		return SignInAttempt{Streak: max(max(prev.Streak, c.account.Streak)-1, 0), At: now, Note: "not checked"}
	})
	return err
}

// Unlock clears an account's failed sign-ins, so its owner can sign in
// at once; an admin does this for an officer whose account was being
// guessed at.
func (a *Accounts) Unlock(ctx context.Context, email, by string) error {
	id := strings.ToLower(strings.TrimSpace(email))
	if _, err := a.Store.User(ctx, id); err != nil {
		return err
	}
	prev, err := a.attempts.last(ctx, accountKey(id))
	if err != nil {
		return err
	}
	_, err = a.attempts.append(ctx, prev, func(SignInAttempt) SignInAttempt {
		return SignInAttempt{Streak: 0, At: a.Now().UTC(), Note: "unlocked by " + by}
	})
	return err
}

// hashWorkers is the size of the password-hashing pool: half the
// processors, at least one, at most maxHashing. Argon2 is pure
// computation; with a place per processor (4 on 2 cores) sign-ins took
// every processor under the 64-client load and pages and searches
// waited behind them. Sign-ins now queue for their half and the pages
// keep the rest.
func hashWorkers() int { return min(max(runtime.GOMAXPROCS(0)/2, 1), maxHashing) }

// checkAddressThenPassword runs in the hashing pool (waiting hashWait at
// most for a place): it checks that addr need not wait, then the
// password, and records a failure against addr before giving its place
// to the next attempt. addr "" checks the password only.
func (a *Accounts) checkAddressThenPassword(ctx context.Context, addr, encoded, password string) (bool, error) {
	wctx, cancel := context.WithTimeout(ctx, hashWait)
	defer cancel()
	select {
	case a.hashing <- struct{}{}:
		defer func() { <-a.hashing }()
	case <-wctx.Done():
		return false, ErrOverloaded
	}
	if addr == "" {
		return CheckPassword(encoded, password), nil
	}
	byAddr, err := a.attempts.last(ctx, addressKey(addr))
	if err != nil {
		return false, err
	}
	if w := addressWait(byAddr, a.Now().UTC()); w > 0 {
		return false, &WaitError{Wait: w}
	}
	if CheckPassword(encoded, password) {
		return true, nil
	}
	now := a.Now().UTC()
	_, err = a.attempts.append(ctx, byAddr, func(prev SignInAttempt) SignInAttempt {
		streak := prev.Streak + 1
		if now.Sub(prev.At) >= addressWindow {
			streak = 1
		}
		return SignInAttempt{Streak: streak, At: now, Note: "failed"}
	})
	return false, err
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	select {
	case <-time.After(d):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
