package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"sort"
	"time"

	"github.com/compendium-kb/compendium/kb"
	"github.com/compendium-kb/compendium/samples"
	"github.com/compendium-kb/compendium/ui"
)

func cmdServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var cfg config
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := getenv("COMPENDIUM_ADDR")
	if addr == "" {
		addr = "127.0.0.1:8080"
	}
	fs.StringVar(&cfg.addr, "addr", addr, "address to listen on; loopback unless you mean otherwise (env COMPENDIUM_ADDR)")
	storageFlags(fs, &cfg, getenv)
	logFormatFlag(fs, &cfg, getenv)
	fs.StringVar(&cfg.trustedProxies, "trusted-proxies", getenv("COMPENDIUM_TRUSTED_PROXIES"), "addresses and CIDR ranges of the proxies whose X-Forwarded-For and -Proto are believed, comma-separated (env COMPENDIUM_TRUSTED_PROXIES)")
	fs.StringVar(&cfg.metricsAddr, "metrics-addr", getenv("COMPENDIUM_METRICS_ADDR"), "serve /metrics on this address instead of the app's, where it is open to loopback clients and admins (env COMPENDIUM_METRICS_ADDR)")
	withSamples := fs.Bool("samples", getenv("COMPENDIUM_SAMPLES") != "0", "import the sample compendia into an empty knowledge base (env COMPENDIUM_SAMPLES=0 to turn off)")
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	log, err := cfg.logger(stderr)
	if err != nil {
		return err
	}
	st, err := openStorage(ctx, cfg, "serve", log)
	if err != nil {
		return err
	}
	defer st.close(context.Background())
	if *withSamples {
		if err := importSamplesIfEmpty(ctx, st.svc, stdout); err != nil {
			return err
		}
	}
	completeChanges(ctx, st.reviews, st.curation, log)
	defer startHousekeeping(ctx, st.store, log)()
	if ok, err := st.accounts.HasAdmin(ctx); err == nil && !ok {
		fmt.Fprintf(stdout, "No admin account yet. Stop the server (Ctrl+C) and create one with:\n  go run ./cmd/compendium user add --data %s --email you@example.org --name \"Your Name\" --role admin\n(or, with a built binary, compendium user add …)\n", cfg.data)
	}
	insights, stopInsights := startInsights(ctx, st, log)
	defer stopInsights()
	metrics := ui.NewMetrics(buildVersion(), st.stats)
	ready := &readiness{check: st.ready, log: log}
	app, err := ui.New(st.svc, ui.Config{Log: log, Accounts: st.accounts, Reviews: st.reviews, Packs: st.packs, Library: st.library, Importer: st.svc, Ready: ready.answer,
		Insights: insights, Curation: st.curation, Version: buildVersion(), Metrics: metrics, LastBackup: st.lastBackup,
		MetricsElsewhere: cfg.metricsAddr != "", TrustedProxies: splitList(cfg.trustedProxies)})
	if err != nil {
		return err
	}
	if cfg.metricsAddr != "" {
		if err := serveMetrics(ctx, cfg.metricsAddr, metrics, log); err != nil {
			return err
		}
	}
	if err := serveControl(ctx, cfg, st, log); err != nil {
		return err
	}
	if st.follow != nil {
		st.follow.follow(ctx)
	}
	ready.start(ctx)
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return fmt.Errorf("listening on %s: %w", cfg.addr, err)
	}
	fmt.Fprintf(stdout, "Compendium is running at http://%s/ (data in %s). Press Ctrl+C to stop.\n", ln.Addr(), dataWhere(cfg))
	errc := make(chan error, 1)
	go func() { errc <- app.Listener(ln) }()
	go func() { // changes whose effects failed for a moment are retried
		tick := time.NewTicker(time.Minute)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				completeChanges(ctx, st.reviews, st.curation, log)
				// Followers hear of new practices within a minute; every
				// node may run it, a notice's id keeps it to one.
				if err := st.library.NotifyFollowers(ctx); err != nil && ctx.Err() == nil {
					log.Error("telling followers of new practices failed; retrying in a minute", "err", err)
				}
			}
		}
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	fmt.Fprintln(stdout, "Stopping…")
	// Listener returns as soon as shutdown starts; wait for requests in
	// flight, then close the index and the database (deferred above).
	if err := app.ShutdownWithTimeout(10 * time.Second); err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	return nil
}

func dataWhere(cfg config) string {
	if cfg.mongoURI != "" {
		return "MongoDB, index in " + cfg.data
	}
	return cfg.data
}

// importSamplesIfEmpty fills an empty knowledge base with the sample
// compendia carried in the binary, so that a first run has something to
// search. They are published at once: their truth is known (each has its
// expected case studies beside it).
func importSamplesIfEmpty(ctx context.Context, svc *kb.Service, stdout io.Writer) error {
	docs, err := svc.Documents(ctx)
	if err != nil {
		return err
	}
	if len(docs) > 0 {
		return nil
	}
	names, err := fs.Glob(samples.FS, "*.pdf")
	if err != nil {
		return err
	}
	sort.Strings(names)
	fmt.Fprintf(stdout, "The knowledge base is empty: importing %d sample compendia…\n", len(names))
	var errs []error
	for _, name := range names {
		data, err := fs.ReadFile(samples.FS, name)
		if err != nil {
			return err
		}
		res, err := svc.ImportWith(ctx, name, data, kb.ImportOptions{PublishAll: true})
		if err != nil {
			errs = append(errs, err)
			fmt.Fprintf(stdout, "  %s: failed: %v\n", name, err)
			continue
		}
		fmt.Fprintf(stdout, "  %s: %d case studies from %d pages\n", name, res.Added+res.Updated, res.Pages)
	}
	return errors.Join(errs...)
}

// completeChanges completes the review and curation decisions left
// unfinished in their outboxes (by a crash, or a database that failed for
// a moment).
func completeChanges(ctx context.Context, reviews *kb.Reviews, curation *kb.Curation, log *slog.Logger) {
	n, err := reviews.CompletePending(ctx)
	if n > 0 {
		log.Info("completed unfinished review changes", "changes", n)
	}
	if err != nil {
		log.Error("review changes still unfinished; retrying in a minute", "err", err)
	}
	n, err = curation.CompletePending(ctx)
	if n > 0 {
		log.Info("completed unfinished decisions on proposals", "decisions", n)
	}
	if err != nil {
		log.Error("decisions on proposals still unfinished; retrying in a minute", "err", err)
	}
}
