package kb

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"
)

// attemptLogs finds the ends of the logs; the last known end of each is
// remembered so that finding it again costs a lookup or two.
type attemptLogs struct {
	store AttemptStore
	mu    sync.Mutex
	ends  map[string]int
}

// last returns the last entry of a log (N 0 when empty), probing forward
// from the last known end: doubling, then halving, by _id lookups.
func (l *attemptLogs) last(ctx context.Context, key string) (SignInAttempt, error) {
	l.mu.Lock()
	lo := l.ends[key] // an entry known to exist (0: none)
	l.mu.Unlock()
	exists := func(n int) (SignInAttempt, bool, error) {
		a, err := l.store.SignInAttempt(ctx, key, n)
		if errors.Is(err, ErrNotFound) {
			return a, false, nil
		}
		return a, err == nil, err
	}
	step := 1
	hi := lo + step
	for {
		_, ok, err := exists(hi)
		if err != nil {
			return SignInAttempt{}, err
		}
		if !ok {
			break
		}
		lo, step = hi, step*2
		hi = lo + step
	}
	for hi-lo > 1 { // lo exists (or is 0), hi does not
		mid := (lo + hi) / 2
		_, ok, err := exists(mid)
		if err != nil {
			return SignInAttempt{}, err
		}
		if ok {
			lo = mid
		} else {
			hi = mid
		}
	}
	if lo == 0 {
		return SignInAttempt{Key: key}, nil
	}
	a, ok, err := exists(lo)
	if err == nil && !ok { // the remembered end was pruned: the log starts again
		l.mu.Lock()
		delete(l.ends, key)
		l.mu.Unlock()
		return l.last(ctx, key)
	}
	l.remember(key, lo)
	return a, err
}

func (l *attemptLogs) remember(key string, n int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.ends) > 100000 { // forget rather than grow without end
		l.ends = map[string]int{}
	}
	l.ends[key] = max(l.ends[key], n)
}

// append adds an entry after prev, or after whatever entries others added
// meanwhile, and returns it.
func (l *attemptLogs) append(ctx context.Context, prev SignInAttempt, next func(prev SignInAttempt) SignInAttempt) (SignInAttempt, error) {
	for i := range 40 {
		if i > 0 { // forty at once on one address's log lost twenty rounds in a row
			if err := sleepCtx(ctx, time.Duration(rand.IntN(5+5*min(i, 10)))*time.Millisecond); err != nil {
				return SignInAttempt{}, err
			}
		}
		a := next(prev)
		a.Key, a.N = prev.Key, prev.N+1
		a.ID = fmt.Sprintf("%s:%d", a.Key, a.N)
		err := l.store.AddSignInAttempt(ctx, a)
		if err == nil {
			l.remember(a.Key, a.N)
			return a, nil
		}
		if !errors.Is(err, ErrConflict) {
			return SignInAttempt{}, err
		}
		if prev, err = l.last(ctx, prev.Key); err != nil {
			return SignInAttempt{}, err
		}
	}
	return SignInAttempt{}, ErrOverloaded
}
