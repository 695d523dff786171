package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/compendium-kb/compendium/kb"
)

// startInsights sets up search analytics for the server: the synonyms
// admins added go to the index, and the counts gathered in memory are
// written every minute. stop writes what is left.
func startInsights(ctx context.Context, st *storage, log *slog.Logger) (in *kb.Insights, stop func()) {
	in = kb.NewInsights(st.store, st.index)
	if err := in.LoadSynonyms(ctx); err != nil {
		log.Warn("synonyms added by admins are not in use", "err", err)
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		tick := time.NewTicker(time.Minute)
		defer tick.Stop()
		for {
			select {
			case <-tick.C:
			case <-done:
				return
			}
			if err := in.Flush(context.WithoutCancel(ctx)); err != nil {
				log.Warn("search counts", "err", err)
			}
		}
	}()
	return in, func() {
		close(done)
		<-finished
		if err := in.Flush(context.WithoutCancel(ctx)); err != nil {
			log.Warn("search counts", "err", err)
		}
	}
}
