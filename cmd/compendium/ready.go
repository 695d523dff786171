package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"
)

// readiness answers /readyz from memory. The check (a ping, and counting
// the practices in the database against the index) took about 5 s at
// 20,000 practices on embedded FerretDB and held a connection meanwhile:
// sixteen anonymous /readyz at once took the whole pool, and practice
// pages then failed after 10 s. It now runs in the background, one at a
// time, and every request reads its last result.
type readiness struct {
	check func(ctx context.Context) error
	log   *slog.Logger
	last  atomic.Pointer[error] // nil until the first check ends
}

// errNotChecked is the answer until the first check ends.
var errNotChecked = errors.New("starting: not checked yet")

// How often the check runs: a load balancer polling every few seconds
// sees a node fail within readyEvery, and come back within
// notReadyEvery.
const (
	readyEvery    = 10 * time.Second
	notReadyEvery = time.Second
)

// start checks once, then again until ctx ends.
func (r *readiness) start(ctx context.Context) {
	r.run(ctx)
	go func() {
		for {
			wait := readyEvery
			if r.answer(ctx) != nil {
				wait = notReadyEvery
			}
			select {
			case <-ctx.Done():
				return
			case <-time.After(wait):
				r.run(ctx)
			}
		}
	}()
}

// run checks and keeps a result fit to show anyone: the check's own
// error, which may carry the driver's words, is logged, not shown.
func (r *readiness) run(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	err := r.check(ctx)
	var shown error
	var out *outOfStep
	switch {
	case err == nil:
	case errors.As(err, &out):
		shown = err
	default:
		r.log.Warn("not ready", "err", err)
		shown = errors.New("the database or the index does not answer")
	}
	r.last.Store(&shown)
}

// answer is the last check's result; it reads no database.
func (r *readiness) answer(context.Context) error {
	last := r.last.Load()
	if last == nil {
		return errNotChecked
	}
	return *last
}

// outOfStep says the index holds another number of practices than the
// database: safe to show, and what an operator needs.
type outOfStep struct{ indexed, stored int }

func (e *outOfStep) Error() string {
	return fmt.Sprintf("index: %d practices, the database %d", e.indexed, e.stored)
}
