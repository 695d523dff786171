package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/compendium-kb/compendium/kb"
	"github.com/compendium-kb/compendium/kb/mongodb"
	"github.com/compendium-kb/compendium/ui"
)

// countingWriter counts what passes through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// backup writes a backup of the store to w and records it for the admin
// pages under the name of the file it goes to.
func (st *storage) backup(ctx context.Context, w io.Writer, file string) (mongodb.Manifest, error) {
	cw := &countingWriter{w: w}
	m, err := st.store.Backup(ctx, cw, mongodb.BackupOptions{Program: buildVersion(), SoleWriter: st.embedded != nil})
	if err != nil {
		return m, err
	}
	return m, st.store.RecordBackup(ctx, time.Now(), cw.n, file)
}

func cmdBackup(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var cfg config
	fl := flag.NewFlagSet("backup", flag.ContinueOnError)
	storageFlags(fl, &cfg, getenv)
	logFormatFlag(fl, &cfg, getenv)
	out := fl.String("out", "", "the backup file to write (required)")
	if err := parseFlags(fl, args, stderr); err != nil {
		return err
	}
	if *out == "" {
		fmt.Fprintln(stderr, "usage: compendium backup [--data DIR | --mongo-uri URI] --out FILE")
		return exitError{2}
	}
	partial := *out + ".partial"
	f, err := os.OpenFile(partial, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	defer os.Remove(partial) // gone once renamed
	err = writeBackup(ctx, cfg, *out, f, stderr)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("backing up to %s: %w", *out, err)
	}
	m, err := verifyFile(partial)
	if err != nil {
		return fmt.Errorf("the backup written to %s does not check out: %w", partial, err)
	}
	if err := os.Rename(partial, *out); err != nil {
		return err
	}
	docs := 0
	for _, c := range m.Collections {
		docs += c.Count
	}
	info, _ := os.Stat(*out)
	fmt.Fprintf(stdout, "Backed up %d records in %d collections to %s (%d bytes); consistency: %s.\n", docs, len(m.Collections), *out, info.Size(), m.Consistency)
	if m.Consistency == mongodb.PerCollection {
		fmt.Fprintln(stdout, "This database has no snapshot reads (FerretDB, or MongoDB that is not a replica set of 5.0 or later): for a copy of one moment, stop the app nodes first, or on FerretDB over PostgreSQL dump PostgreSQL itself (pg_dump).")
	}
	return nil
}

// writeBackup backs up the data folder's store itself or, when a server
// holds the folder, asks that server, which can make the backup a
// consistent moment because its writes wait for it.
func writeBackup(ctx context.Context, cfg config, out string, w io.Writer, stderr io.Writer) error {
	log, err := cfg.logger(stderr)
	if err != nil {
		return err
	}
	st, err := openStorage(ctx, cfg, "backup", log)
	if errors.Is(err, kb.ErrBusy) {
		return askBackup(ctx, cfg.data, out, w)
	}
	if err != nil {
		return err
	}
	defer st.close(context.Background())
	_, err = st.backup(ctx, w, out)
	return err
}

func verifyFile(path string) (mongodb.Manifest, error) {
	f, err := os.Open(path)
	if err != nil {
		return mongodb.Manifest{}, err
	}
	defer f.Close()
	return mongodb.Verify(f)
}

func cmdRestore(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var cfg config
	fl := flag.NewFlagSet("restore", flag.ContinueOnError)
	storageFlags(fl, &cfg, getenv)
	logFormatFlag(fl, &cfg, getenv)
	var file string
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		file, args = args[0], args[1:] // restore FILE --data DIR
	}
	if err := parseFlags(fl, args, stderr); err != nil {
		return err
	}
	if file == "" && fl.NArg() == 1 {
		file = fl.Arg(0)
	}
	if file == "" {
		fmt.Fprintln(stderr, "usage: compendium restore FILE [--data DIR | --mongo-uri URI]")
		return exitError{2}
	}
	if _, err := verifyFile(file); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	log, err := cfg.logger(stderr)
	if err != nil {
		return err
	}
	st, err := openStorage(ctx, cfg, "restore", log)
	if err != nil {
		return err
	}
	defer st.close(context.Background())
	return restoreInto(ctx, st, file, stdout)
}

// restoreInto loads the backup, brings its records to this program's
// schema, and builds the index from them.
func restoreInto(ctx context.Context, st *storage, file string, stdout io.Writer) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	m, err := st.store.Restore(ctx, f)
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	if _, _, err := st.store.Migrate(ctx); err != nil {
		return err
	}
	n, err := st.svc.Reindex(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Restored %d collections from %s (made %s by compendium %s); %d practices indexed.\n",
		len(m.Collections), file, m.Created.Format(time.RFC3339), m.Program, n)
	return nil
}

// cmdMigrate runs the schema migrations; serve runs them at every start
// too, so this is for upgrading before the servers start.
func cmdMigrate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var cfg config
	fl := flag.NewFlagSet("migrate", flag.ContinueOnError)
	storageFlags(fl, &cfg, getenv)
	logFormatFlag(fl, &cfg, getenv)
	if err := parseFlags(fl, args, stderr); err != nil {
		return err
	}
	log, err := cfg.logger(stderr)
	if err != nil {
		return err
	}
	st, err := openStorage(ctx, cfg, "migrate", log)
	if err != nil {
		return err
	}
	defer st.close(context.Background())
	fmt.Fprintf(stdout, "The database is at schema version %d.\n", mongodb.SchemaVersion())
	return nil
}

// lastBackup is the latest backup, for the admin pages.
func (st *storage) lastBackup(ctx context.Context) (ui.Backup, bool, error) {
	rec, found, err := st.store.LastBackup(ctx)
	return ui.Backup{At: rec.At, Bytes: rec.Bytes, File: rec.File}, found, err
}
