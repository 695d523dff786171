package kb

import (
	"context"
	"runtime"
	"time"
)

// similarWorkers is the size of the pool that finds similar practices:
// half the processors, at least one. Finding them is a disjunction of
// some 30 weighted terms over every practice that has one (about 45,000
// postings at 20,000 practices): 25-35 ms of processor time, six times a
// search. Under `compendium bench load` (64 clients, 20,000 practices)
// it took 53% of the processor time, with six at once, and every search
// and page shared the processors with them. In a pool of their own they
// queue for their half and searches and pages keep the rest, as
// sign-ins do for the password-hashing pool.
func similarWorkers() int { return max(runtime.GOMAXPROCS(0)/2, 1) }

// similarPlace takes a place in the similar-practices pool, waiting as
// long as ctx allows, or at most wait when wait > 0 (then ErrOverloaded).
func (s *Service) similarPlace(ctx context.Context, wait time.Duration) (leave func(), err error) {
	s.similarOnce.Do(func() { s.similarPlaces = make(chan struct{}, similarWorkers()) })
	var timeout <-chan time.Time
	if wait > 0 {
		t := time.NewTimer(wait)
		defer t.Stop()
		timeout = t.C
	}
	select {
	case s.similarPlaces <- struct{}{}:
		return func() { <-s.similarPlaces }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-timeout:
		return nil, ErrOverloaded
	}
}
