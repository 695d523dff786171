package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

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
	fl.StringVar(&opts.OCRLang, "ocr-lang", indexer.DefaultOCRLang, "the languages of scanned pages, read by OCR, as Tesseract names them joined by + (eng, hin, ben, mar, tam…)")
	trusted := fl.Float64("trusted-above", -1, "a trusted source: publish at once the case studies whose confidence is at or above this (0 to 1; the inbox publishes at 0.8); the rest wait in the inbox")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: compendium index [--data DIR | --mongo-uri URI] [--publish | --trusted-above 0.8] [--ocr-lang eng+hin] PATH...")
		fl.PrintDefaults()
	}
	files, missing, err := parseFileArgs(fl, args, stderr)
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
	var sum importSummary
	for _, err := range missing { // reported, and the rest imported all the same
		sum.failed = append(sum.failed, err)
		fmt.Fprintf(stdout, "FAILED %v\n", err)
	}
	sum.add(importFiles(ctx, imp, files, stdout, isTerminal(stderr), stderr))
	fmt.Fprintln(stdout, sum)
	if len(sum.failed) > 0 {
		return exitError{1}
	}
	return nil
}

// parseFileArgs parses the flags and expands the remaining arguments,
// files or folders, into PDF files, and the paths that could not be read;
// no argument at all is a usage error.
func parseFileArgs(fl *flag.FlagSet, args []string, stderr io.Writer) (files []string, unreadable []error, err error) {
	if err := parseFlags(fl, args, stderr); err != nil {
		return nil, nil, err
	}
	if fl.NArg() == 0 {
		fl.Usage()
		return nil, nil, exitError{2}
	}
	files, unreadable = collectPDFs(fl.Args())
	return files, unreadable, nil
}

// collectPDFs expands folders into the PDF files under them, in order. A
// path that is missing or unreadable is reported, not fatal: one mistyped
// name must not stop the import of the rest.
func collectPDFs(paths []string) ([]string, []error) {
	var out []string
	var unreadable []error
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			unreadable = append(unreadable, fmt.Errorf("%s: %s", p, pathProblem(err)))
			continue
		}
		if !info.IsDir() {
			out = append(out, p)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				unreadable = append(unreadable, fmt.Errorf("%s: %s", path, pathProblem(err)))
				return nil
			}
			if !d.IsDir() && strings.EqualFold(filepath.Ext(path), ".pdf") {
				out = append(out, path)
			}
			return nil
		})
		if err != nil {
			unreadable = append(unreadable, fmt.Errorf("%s: %s", p, pathProblem(err)))
		}
	}
	sort.Strings(out)
	return out, unreadable
}

// pathProblem says why a path could not be read, in plain words.
func pathProblem(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file or folder"
	case errors.Is(err, fs.ErrPermission):
		return "not allowed to read it"
	}
	return err.Error()
}

// add counts another run's files into this summary.
func (s *importSummary) add(o importSummary) {
	s.files += o.files
	s.pages += o.pages
	s.added += o.added
	s.updated += o.updated
	s.unchanged += o.unchanged
	s.removed += o.removed
	s.proposed += o.proposed
	s.failed = append(s.failed, o.failed...)
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

// describeError says what went wrong with a file in plain words (see
// indexer.Explain), naming the file.
func describeError(file string, err error) string {
	if c := indexer.ClassOf(err); c != "" {
		return indexer.Explain(err)
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
	start := time.Now()
	n, err := st.svc.Reindex(ctx)
	if err != nil {
		return err
	}
	took := time.Since(start)
	fmt.Fprintf(stdout, "reindexed %d practices in %s (%.0f/s)\n", n, took.Round(time.Second), float64(n)/took.Seconds())
	return nil
}
