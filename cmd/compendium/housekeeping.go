package main

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/compendium-kb/compendium/kb"
	"github.com/compendium-kb/compendium/kb/mongodb"
)

// packRevisionsKept is how many of a pack's latest revisions are kept;
// older ones only recorded who won a race long decided.
const packRevisionsKept = 20

// housekeep prunes what the store keeps only for a while: quiet sign-in
// logs and old pack revisions. (A shared database's change log is
// trimmed by the follower.)
func housekeep(ctx context.Context, store *mongodb.Store, now time.Time, log *slog.Logger) error {
	attempts, err1 := store.PruneSignInAttempts(ctx, now.Add(-kb.SignInLogsKept))
	revisions, err2 := store.PrunePackRevisions(ctx, packRevisionsKept)
	if attempts+revisions > 0 {
		log.Info("pruned old records", "signin_attempts", attempts, "pack_revisions", revisions)
	}
	return errors.Join(err1, err2)
}

// startHousekeeping runs housekeep now and every hour, until the stop
// it returns is called (before the store closes). Every node runs it;
// deleting what another node deleted is no error.
func startHousekeeping(ctx context.Context, store *mongodb.Store, log *slog.Logger) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(time.Hour)
		defer tick.Stop()
		for {
			if err := housekeep(ctx, store, time.Now(), log); err != nil && ctx.Err() == nil {
				log.Warn("pruning old records; retrying in an hour", "err", err)
			}
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
		}
	}()
	return func() { cancel(); <-done }
}
