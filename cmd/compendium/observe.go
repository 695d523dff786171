package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/compendium-kb/compendium/kb"
	"github.com/compendium-kb/compendium/ui"
)

// waitingStates are the states in which a record waits for a reviewer.
var waitingStates = []string{string(kb.StatusSubmitted), string(kb.StatusInReview)}

// stats reads the figures /metrics reports about the knowledge base.
func (st *storage) stats(ctx context.Context) (ui.Stats, error) {
	indexed, err := st.index.Count()
	if err != nil {
		return ui.Stats{}, err
	}
	stored, err := st.store.CountPractices(ctx)
	if err != nil {
		return ui.Stats{}, err
	}
	subs, err := st.store.CountBy(ctx, "submissions", "status")
	if err != nil {
		return ui.Stats{}, err
	}
	out := ui.Stats{IndexedPractices: indexed, StoredPractices: stored, Submissions: map[kb.Status]int{}, Waiting: map[string]int{}}
	if st.follow != nil {
		out.Following, out.ChangePosition = true, st.follow.pos.Load()
	}
	for status, n := range subs {
		out.Submissions[kb.Status(status)] = n
	}
	// Other review queues (proposals) are counted by the same states.
	for _, queue := range []string{"submissions", "proposals"} {
		byState := subs
		if queue != "submissions" {
			if byState, err = st.store.CountBy(ctx, queue, "status"); err != nil {
				return ui.Stats{}, err
			}
		}
		for _, s := range waitingStates {
			out.Waiting[queue] += byState[s]
		}
	}
	return out, nil
}

// ready is /readyz: the database answers and the index holds what the
// database does.
func (st *storage) ready(ctx context.Context) error {
	if err := st.store.Ping(ctx); err != nil {
		return fmt.Errorf("database: %w", err)
	}
	indexed, err := st.index.Count()
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	stored, err := st.store.CountPractices(ctx)
	if err != nil {
		return fmt.Errorf("database: %w", err)
	}
	if int(indexed) != stored {
		return &outOfStep{indexed: int(indexed), stored: stored}
	}
	return nil
}

// serveMetrics serves /metrics on an address of its own until ctx ends.
func serveMetrics(ctx context.Context, addr string, m *ui.Metrics, log *slog.Logger) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listening for metrics on %s: %w", addr, err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(m.Registry, promhttp.HandlerOpts{}))
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("metrics server stopped", "err", err)
		}
	}()
	go func() {
		<-ctx.Done()
		_ = srv.Close()
	}()
	log.Info("metrics", "url", "http://"+ln.Addr().String()+"/metrics")
	return nil
}
