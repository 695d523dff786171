package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/compendium-kb/compendium/indexer"
	"github.com/compendium-kb/compendium/kb"
)

// importSummary adds up what an index run did.
type importSummary struct {
	files, pages, added, updated, unchanged, removed, proposed int
	failed                                                     []error
}

func (s importSummary) String() string {
	return fmt.Sprintf("files %d, pages %d, case studies added %d / updated %d / unchanged %d / removed %d / proposed %d, files failed %d",
		s.files, s.pages, s.added, s.updated, s.unchanged, s.removed, s.proposed, len(s.failed))
}

func cmdIndex(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var cfg config
	fl := flag.NewFlagSet("index", flag.ContinueOnError)
	storageFlags(fl, &cfg, getenv)
	var opts kb.ImportOptions
	fl.BoolVar(&opts.PublishAll, "publish", false, "publish every case study at once, for a source whose truth is known; otherwise they wait in the import inbox")
	trusted := fl.Float64("trusted-above", -1, "a trusted source: publish at once the case studies whose confidence is above this (0 to 1); the rest wait in the inbox")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: compendium index [--data DIR | --mongo-uri URI] [--publish | --trusted-above 0.8] PATH...")
		fl.PrintDefaults()
	}
	files, err := parseFileArgs(fl, args, stderr)
	if err != nil {
		return err
	}
	if *trusted > 1 {
		return fmt.Errorf("--trusted-above takes a confidence from 0 to 1, not %g", *trusted)
	}
	opts.Trusted, opts.Threshold = *trusted >= 0, *trusted
	log := newLogger(stderr, cfg.logLevel)
	st, err := openStorage(ctx, cfg, "index", log)
	if err != nil {
		return err
	}
	defer st.close(context.Background())
	imp := func(ctx context.Context, name string, data []byte) (kb.ImportResult, error) {
		return st.curation.Import(ctx, commandLine, name, data, opts)
	}
	sum := importFiles(ctx, imp, files, stdout, isTerminal(stderr), stderr)
	fmt.Fprintln(stdout, sum)
	if len(sum.failed) > 0 {
		return exitError{1}
	}
	return nil
}

// parseFileArgs parses the flags and expands the remaining arguments,
// files or folders, into PDF files; none is a usage error.
func parseFileArgs(fl *flag.FlagSet, args []string, stderr io.Writer) ([]string, error) {
	if err := parseFlags(fl, args, stderr); err != nil {
		return nil, err
	}
	if fl.NArg() == 0 {
		fl.Usage()
		return nil, exitError{2}
	}
	return collectPDFs(fl.Args())
}

// collectPDFs expands folders into the PDF files under them, in order.
func collectPDFs(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			out = append(out, p)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.EqualFold(filepath.Ext(path), ".pdf") {
				out = append(out, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Strings(out)
	return out, nil
}

// importFiles imports each file, carrying on past failures, and reports
// each file on stdout and progress on a terminal.
func importFiles(ctx context.Context, importFile func(context.Context, string, []byte) (kb.ImportResult, error), files []string, stdout io.Writer, progress bool, stderr io.Writer) importSummary {
	var sum importSummary
	for i, f := range files {
		if ctx.Err() != nil {
			sum.failed = append(sum.failed, fmt.Errorf("%s: interrupted", f))
			continue
		}
		if progress {
			fmt.Fprintf(stderr, "\r[%d/%d] %s\033[K", i+1, len(files), filepath.Base(f))
		}
		sum.files++
		data, err := os.ReadFile(f)
		var res kb.ImportResult
		if err == nil {
			res, err = importFile(ctx, f, data)
		}
		if progress {
			fmt.Fprint(stderr, "\r\033[K")
		}
		if err != nil {
			sum.failed = append(sum.failed, err)
			fmt.Fprintf(stdout, "FAILED %s\n", describeError(f, err))
			continue
		}
		sum.pages += res.Pages
		sum.added += res.Added
		sum.updated += res.Updated
		sum.unchanged += res.Unchanged
		sum.removed += res.Removed
		sum.proposed += res.Proposed
		fmt.Fprintf(stdout, "%-9s %s: %d pages, %d case studies published, %d proposed\n", res.Outcome, f, res.Pages, res.Added+res.Updated+res.Unchanged, res.Proposed)
	}
	return sum
}

// commandLine is who the audit trail names for imports from the shell.
var commandLine = kb.Actor{UserID: "command-line", Name: "compendium index", Role: kb.RoleAdmin}

func describeError(file string, err error) string {
	if c := indexer.ClassOf(err); c != "" {
		return err.Error()
	}
	return file + ": " + err.Error()
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

func cmdReindex(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var cfg config
	fl := flag.NewFlagSet("reindex", flag.ContinueOnError)
	storageFlags(fl, &cfg, getenv)
	if err := parseFlags(fl, args, stderr); err != nil {
		return err
	}
	log := newLogger(stderr, cfg.logLevel)
	st, err := openStorage(ctx, cfg, "reindex", log)
	if err != nil {
		return err
	}
	defer st.close(context.Background())
	// Start from an empty index so that nothing stale survives.
	if err := st.recreateIndex(); err != nil {
		return err
	}
	n, err := st.svc.Reindex(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "reindexed %d practices\n", n)
	return nil
}
