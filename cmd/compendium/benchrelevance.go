package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/compendium-kb/compendium/kb"
	"github.com/compendium-kb/compendium/samples/evaluation"
)

// cmdBenchRelevance builds the evaluation corpus on a temporary embedded
// database and scores search on every judged query file: recall@10,
// nDCG@10 and MRR per language and kind, the held-out queries apart.
func cmdBenchRelevance(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var cfg config
	fl := flag.NewFlagSet("bench relevance", flag.ContinueOnError)
	verbose := fl.Bool("v", false, "list each query that misses, with its top three")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: compendium bench relevance [-v]")
		fl.PrintDefaults()
	}
	if err := parseFlags(fl, args, stderr); err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "compendium-relevance")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	// Errors only: the import's notes would bury the table.
	cfg.data, cfg.workerExe, cfg.logLevel = dir, getenv("COMPENDIUM_WORKER"), slog.LevelError
	st, err := openStorage(ctx, cfg, "bench", newLogger(stderr, cfg.logLevel))
	if err != nil {
		return err
	}
	defer st.close(context.Background())
	if err := evaluation.Load(ctx, st.svc); err != nil {
		return err
	}
	n, err := st.store.CountPractices(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "evaluation corpus: %d practices\n", n)
	for _, file := range evaluation.Files {
		queries, err := evaluation.Judged(file)
		if err != nil {
			return err
		}
		rep, err := st.svc.EvaluateRelevance(ctx, queries)
		if err != nil {
			return err
		}
		printRelevance(stdout, file, queries, rep, *verbose)
	}
	return nil
}

// printRelevance prints one judged file's table, its broad queries'
// totals, and with verbose each query that misses.
func printRelevance(w io.Writer, file string, queries []kb.JudgedQuery, rep kb.RelevanceReport, verbose bool) {
	byKind := true // by kind only where every query says its language: the kinds are then the fixed few
	for _, q := range queries {
		byKind = byKind && q.Lang != ""
	}
	fmt.Fprintf(w, "\n%s: %d queries\n", file, len(rep.Queries))
	fmt.Fprintf(w, "%-9s %-8s %-13s %7s %9s %8s %6s\n", "part", "lang", "kind", "queries", "recall@10", "nDCG@10", "MRR")
	for _, g := range rep.Groups(byKind) {
		part, lang, kind := "tuning", g.Lang, g.Kind
		if g.Heldout {
			part = "held-out"
		}
		if lang == "" {
			lang = "all"
		}
		if kind == "" {
			kind = "all"
		}
		fmt.Fprintf(w, "%-9s %-8s %-13s %7d %9.3f %8.3f %6.3f\n", part, lang, kind, g.Queries, g.Recall10, g.NDCG10, g.MRR)
	}
	for _, q := range rep.Queries {
		if q.Broad {
			fmt.Fprintf(w, "broad %-22q total %3d, relevant %3d, recall@10 %.2f\n", q.Query, q.Total, q.Relevant, q.Recall10)
		}
	}
	if !verbose {
		return
	}
	for _, q := range rep.Queries {
		if q.Missed() {
			fmt.Fprintf(w, "miss  %-28q %-7s %-12s recall@10 %.2f nDCG@10 %.2f RR %.2f top %s\n",
				q.Query, q.Lang, q.Kind, q.Recall10, q.NDCG10, q.RR, strings.Join(quoted(q.Top[:min(3, len(q.Top))]), ", "))
		}
	}
}

func quoted(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}
