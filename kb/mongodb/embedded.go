package mongodb

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

// Embedded is FerretDB running in this process on SQLite files, reached
// through a Unix socket with the ordinary MongoDB driver, so that the
// embedded default and a production MongoDB share one code path.
type Embedded struct {
	URI    string
	dir    string
	cancel context.CancelFunc
	done   chan error
	sock   string
}

// StartEmbedded starts FerretDB with its SQLite files under dir. The
// caller must hold the data folder's lock: a socket left by a crash is
// removed here on that assumption.
func StartEmbedded(ctx context.Context, dir string, log *slog.Logger) (*Embedded, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(abs, 0o700); err != nil {
		return nil, fmt.Errorf("creating %s: %w", abs, err)
	}
	sock := socketPath(abs)
	if err := os.Remove(sock); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("removing stale socket %s: %w", sock, err)
	}
	quiet := QuietLogger(log)
	f, err := ferretdb.New(&ferretdb.Config{
		Listener: ferretdb.ListenerConfig{Unix: sock},
		Handler:  "sqlite",
		// WAL with synchronous=normal: a crash of the app loses nothing
		// and the file stays consistent; only a power cut may lose the last
		// commits. FULL would fsync every single-document write.
		SQLiteURL: "file:" + abs + "/?_pragma=synchronous(normal)",
		Logger:    quiet,
	})
	if err != nil {
		return nil, fmt.Errorf("starting embedded FerretDB in %s: %w", abs, err)
	}
	runCtx, cancel := context.WithCancel(context.Background())
	e := &Embedded{URI: f.MongoDBURI(), dir: abs, cancel: cancel, done: make(chan error, 1), sock: sock}
	go func() { e.done <- f.Run(runCtx) }()
	// Run listens at once; wait for the socket to appear.
	deadline := time.Now().Add(10 * time.Second)
	for {
		if _, err := os.Stat(sock); err == nil {
			return e, nil
		}
		select {
		case err := <-e.done:
			cancel()
			return nil, fmt.Errorf("embedded FerretDB stopped at start: %v", err)
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			cancel()
			return nil, errors.New("embedded FerretDB did not start within 10s")
		}
	}
}

// Close stops FerretDB and waits for it to finish writing.
func (e *Embedded) Close() error {
	e.cancel()
	select {
	case <-e.done:
	case <-time.After(10 * time.Second):
		return errors.New("embedded FerretDB did not stop within 10s")
	}
	_ = os.Remove(e.sock)
	return nil
}

// socketPath keeps the socket inside the data folder when the path is
// short enough for a Unix socket (about 104 bytes), else in the temp dir.
func socketPath(dir string) string {
	sock := filepath.Join(dir, "ferretdb.sock")
	if len(sock) < 100 {
		return sock
	}
	sum := sha256.Sum256([]byte(dir))
	return filepath.Join(os.TempDir(), "compendium-"+hex.EncodeToString(sum[:6])+".sock")
}

// QuietLogger is the logger to give FerretDB: it logs every connection
// at Info, so only its errors are kept, unless log is at Debug.
func QuietLogger(log *slog.Logger) *slog.Logger {
	if log.Enabled(context.Background(), slog.LevelDebug) {
		return log.With("component", "ferretdb")
	}
	return slog.New(levelFilter{Handler: log.Handler(), min: slog.LevelError}).With("component", "ferretdb")
}

// levelFilter passes only records at or above a level: FerretDB logs every
// connection at Info.
//
// Attributes and groups are kept unapplied until a record passes: FerretDB
// calls With on every SQL statement, with the statement's arguments (the
// whole document), to log at Debug; applying them at once made the text
// handler quote every document twice, 4% of an import's processor time.
type levelFilter struct {
	slog.Handler
	min     slog.Level
	pending []func(slog.Handler) slog.Handler
}

func (l levelFilter) Enabled(_ context.Context, lv slog.Level) bool { return lv >= l.min }

func (l levelFilter) Handle(ctx context.Context, r slog.Record) error {
	if r.Level < l.min {
		return nil
	}
	h := l.Handler
	for _, apply := range l.pending {
		h = apply(h)
	}
	return h.Handle(ctx, r)
}

func (l levelFilter) WithAttrs(attrs []slog.Attr) slog.Handler {
	return l.then(func(h slog.Handler) slog.Handler { return h.WithAttrs(attrs) })
}

func (l levelFilter) WithGroup(name string) slog.Handler {
	return l.then(func(h slog.Handler) slog.Handler { return h.WithGroup(name) })
}

// then returns the filter with one more step to apply when a record
// passes; the slice is copied, as loggers derived from one share it.
func (l levelFilter) then(step func(slog.Handler) slog.Handler) levelFilter {
	l.pending = append(l.pending[:len(l.pending):len(l.pending)], step)
	return l
}
