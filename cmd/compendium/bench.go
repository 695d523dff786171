package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/compendium-kb/compendium/indexer"
)

// cmdBench measures text extraction over a folder of PDFs: failures by
// class, time-outs, and agreement with pdftotext when it is installed.
func cmdBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("bench", flag.ContinueOnError)
	timeout := fl.Duration("timeout", 30*time.Second, "time limit per file")
	verbose := fl.Bool("v", false, "print a line per file")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: compendium bench text [-v] [--timeout 30s] FOLDER|FILE...")
		fl.PrintDefaults()
	}
	files, unreadable, err := parseFileArgs(fl, args, stderr)
	if err != nil {
		return err
	}
	if len(unreadable) > 0 {
		return errors.Join(unreadable...) // a benchmark measures what it was given, or nothing
	}
	cfg := indexer.DefaultIsolation
	cfg.Timeout = *timeout
	cfg.Workers = 1
	ex := indexer.NewIsolated(cfg)
	defer ex.Close()
	pdftotext, _ := exec.LookPath("pdftotext")
	var (
		classes          = map[indexer.Class]int{}
		f1s              []float64
		ours, theirs     time.Duration
		textFiles, worst = 0, []scored{}
	)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		start := time.Now()
		doc, err := ex.Extract(ctx, f, data)
		took := time.Since(start)
		ours += took
		if err != nil {
			classes[indexer.ClassOf(err)]++
			if *verbose {
				fmt.Fprintf(stdout, "%-60s %v\n", f, err)
			}
		} else {
			textFiles++
		}
		if pdftotext == "" {
			continue
		}
		start = time.Now()
		ref, rerr := exec.CommandContext(ctx, pdftotext, "-q", "-enc", "UTF-8", f, "-").Output()
		theirs += time.Since(start)
		if rerr != nil || len(strings.Fields(string(ref))) < 20 {
			continue // no reference text to score against
		}
		got := ""
		if doc != nil {
			got = doc.Text()
		}
		score := indexer.WordF1(got, string(ref))
		f1s = append(f1s, score)
		worst = append(worst, scored{f, score})
		if *verbose && err == nil {
			fmt.Fprintf(stdout, "%-60s F1 %.3f  %v\n", f, score, took.Round(time.Millisecond))
		}
	}
	fmt.Fprintf(stdout, "files %d, with text %d\n", len(files), textFiles)
	var names []string
	for c := range classes {
		names = append(names, string(c))
	}
	sort.Strings(names)
	for _, c := range names {
		fmt.Fprintf(stdout, "  failed %-12s %d\n", c, classes[indexer.Class(c)])
	}
	fmt.Fprintf(stdout, "time-outs %d, crashes (panics that killed a worker) %d\n", classes[indexer.ClassTimeout], classes[indexer.ClassCrashed])
	if pdftotext == "" {
		fmt.Fprintln(stdout, "pdftotext not found: install poppler-utils to score text against it")
		return nil
	}
	sort.Float64s(f1s)
	fmt.Fprintf(stdout, "word F1 against pdftotext over %d files: median %.3f, 10th percentile %.3f\n", len(f1s), quantile(f1s, 0.5), quantile(f1s, 0.1))
	fmt.Fprintf(stdout, "time: ours %v, pdftotext %v\n", ours.Round(time.Millisecond), theirs.Round(time.Millisecond))
	sort.Slice(worst, func(i, j int) bool { return worst[i].f1 < worst[j].f1 })
	for i := 0; i < len(worst) && i < 5; i++ {
		fmt.Fprintf(stdout, "  lowest: %.3f %s\n", worst[i].f1, filepath.Base(worst[i].file))
	}
	return nil
}

type scored struct {
	file string
	f1   float64
}

func quantile(sorted []float64, q float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[int(q*float64(len(sorted)-1))]
}
