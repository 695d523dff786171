// Command compendium imports compendia of police good practices against
// human trafficking and serves them as a searchable knowledge base.
//
//	compendium serve    [--addr 127.0.0.1:8080] [--data ./data] [--mongo-uri URI]
//	compendium index    [--data DIR | --mongo-uri URI] PATH...
//	compendium extract  [--text] FILE.pdf
//	compendium reindex  [--data DIR] [--mongo-uri URI]
//	compendium backup   [--data DIR | --mongo-uri URI] --out FILE
//	compendium restore  FILE [--data DIR | --mongo-uri URI]
//	compendium migrate  [--data DIR | --mongo-uri URI]
//	compendium db serve --listen ADDR --postgresql-url URL
//	compendium version
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/compendium-kb/compendium/indexer"
)

func main() {
	// An extraction worker is this same binary started with an
	// environment variable: serve it and exit.
	indexer.RunWorker()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		var ex exitError
		if errors.As(err, &ex) {
			os.Exit(ex.code)
		}
		fmt.Fprintln(os.Stderr, "compendium:", err)
		os.Exit(1)
	}
}

// exitError ends the program with a status, its message already printed.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

const usage = `compendium: a knowledge base of police good practices against human trafficking

Commands:
  serve     run the web app (imports the sample compendia into an empty knowledge base)
  index     import PDF files or folders of PDFs
  extract   print what the indexer finds in one PDF, as JSON (or --text)
  reindex   rebuild the search index from the database
  backup    write a backup file of the database (asks the running server if there is one)
  restore   load a backup file into an empty database and build the index
  migrate   bring the database's schema up to this version
  db        "db serve --postgresql-url URL": a shared database for several app nodes
            (FerretDB on PostgreSQL, speaking MongoDB's protocol)
  version   print the version
  user      manage accounts: user add | list | disable | enable | role | token | revoke-token
  bench     "bench text FOLDER": text extraction against pdftotext;
            "bench search --n 100000": import, search and HTTP speed on a generated corpus;
            "bench load": 64 clients for 60 s on loopback (searches, pages, citations, sign-ins);
            "bench export --data DIR": CSV and XLSX exports of a kept bench corpus;
            "bench relevance [-v]": recall, nDCG and MRR on the judged queries;
            "bench fields [-v]": precision and recall of the facts read, on the labelled set

Run "compendium COMMAND -h" for a command's options.
`

// config is what the flags and environment say.
type config struct {
	addr      string
	data      string
	mongoURI  string
	workerExe string // "" means this executable
	logLevel  slog.Level
	logFormat string // text or json

	trustedProxies string // comma-separated addresses and CIDR ranges
	metricsAddr    string // "": /metrics on the app's address
}

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stdout, usage)
		return nil
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return cmdServe(ctx, rest, getenv, stdout, stderr)
	case "index":
		return cmdIndex(ctx, rest, getenv, stdout, stderr)
	case "extract":
		return cmdExtract(ctx, rest, stdout, stderr)
	case "user":
		return cmdUser(ctx, rest, getenv, os.Stdin, stdout, stderr)
	case "reindex":
		return cmdReindex(ctx, rest, getenv, stdout, stderr)
	case "db":
		return cmdDB(ctx, rest, getenv, stdout, stderr)
	case "backup":
		return cmdBackup(ctx, rest, getenv, stdout, stderr)
	case "restore":
		return cmdRestore(ctx, rest, getenv, stdout, stderr)
	case "migrate":
		return cmdMigrate(ctx, rest, getenv, stdout, stderr)
	case "version", "--version":
		return cmdVersion(stdout)
	case "bench":
		if len(rest) > 0 && rest[0] == "search" {
			return cmdBenchSearch(ctx, rest[1:], getenv, stdout, stderr)
		}
		if len(rest) > 0 && rest[0] == "load" {
			return cmdBenchLoad(ctx, rest[1:], getenv, stdout, stderr)
		}
		if len(rest) > 0 && rest[0] == "relevance" {
			return cmdBenchRelevance(ctx, rest[1:], getenv, stdout, stderr)
		}
		if len(rest) > 0 && rest[0] == "fields" {
			return cmdBenchFields(rest[1:], stdout, stderr)
		}
		if len(rest) > 0 && rest[0] == "export" {
			return cmdBenchExport(ctx, rest[1:], getenv, stdout, stderr)
		}
		if len(rest) > 0 && rest[0] == "text" {
			rest = rest[1:]
		}
		return cmdBench(ctx, rest, stdout, stderr)
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", cmd)
}

// storageFlags adds --data and --mongo-uri, defaulting from the
// environment.
func storageFlags(fs *flag.FlagSet, cfg *config, getenv func(string) string) {
	data := getenv("COMPENDIUM_DATA")
	if data == "" {
		data = "data"
	}
	fs.StringVar(&cfg.data, "data", data, "data folder: embedded database, search index (env COMPENDIUM_DATA)")
	fs.StringVar(&cfg.mongoURI, "mongo-uri", getenv("MONGODB_URI"), "MongoDB URI; empty runs the embedded database (env MONGODB_URI)")
	cfg.workerExe = getenv("COMPENDIUM_WORKER")
	if getenv("COMPENDIUM_DEBUG") != "" {
		cfg.logLevel = slog.LevelDebug
	}
	configFileFlag(fs, getenv)
}

func newLogger(w io.Writer, level slog.Level) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: level}))
}

func parseFlags(fs *flag.FlagSet, args []string, stderr io.Writer) error {
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitError{0}
		}
		return exitError{2}
	}
	return applyConfigFile(fs)
}
