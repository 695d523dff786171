package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"

	"github.com/compendium-kb/compendium/kb/mongodb"
)

// cmdDB runs "db serve": FerretDB as a MongoDB-wire server on PostgreSQL,
// the shared database of several app nodes where MongoDB is not at hand.
func cmdDB(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "serve" {
		fmt.Fprintln(stderr, "usage: compendium db serve --listen 127.0.0.1:27017 --postgresql-url postgres://USER@HOST:PORT/DB")
		return exitError{2}
	}
	var cfg config
	fl := flag.NewFlagSet("db serve", flag.ContinueOnError)
	listen := getenv("COMPENDIUM_DB_LISTEN")
	if listen == "" {
		listen = "127.0.0.1:27017"
	}
	fl.StringVar(&listen, "listen", listen, "address for MongoDB clients; loopback unless you mean otherwise (env COMPENDIUM_DB_LISTEN)")
	pgURL := fl.String("postgresql-url", getenv("COMPENDIUM_POSTGRESQL_URL"), "the PostgreSQL database to keep the data in (env COMPENDIUM_POSTGRESQL_URL)")
	logFormatFlag(fl, &cfg, getenv)
	configFileFlag(fl, getenv)
	if err := parseFlags(fl, args[1:], stderr); err != nil {
		return err
	}
	if *pgURL == "" {
		return errors.New("db serve: --postgresql-url is required")
	}
	log, err := cfg.logger(stderr)
	if err != nil {
		return err
	}
	// Free the address first: FerretDB reports a port in use only in its log.
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		return fmt.Errorf("listening on %s: %w", listen, err)
	}
	ln.Close()
	f, err := ferretdb.New(&ferretdb.Config{
		Listener:      ferretdb.ListenerConfig{TCP: listen},
		Handler:       "postgresql",
		PostgreSQLURL: *pgURL,
		Logger:        mongodb.QuietLogger(log),
	})
	if err != nil {
		return fmt.Errorf("starting FerretDB on PostgreSQL: %w", err)
	}
	done := make(chan error, 1)
	go func() { done <- f.Run(ctx) }()
	select {
	case err := <-done:
		return fmt.Errorf("FerretDB stopped: %w", err)
	case <-time.After(200 * time.Millisecond):
	}
	fmt.Fprintf(stdout, "The database is listening at mongodb://%s/ (data in PostgreSQL). Start each app node with --mongo-uri mongodb://%s/compendium\n", listen, listen)
	err = <-done
	if ctx.Err() != nil {
		return nil
	}
	return err
}
