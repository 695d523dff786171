package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"time"
)

// controlSocket is where a running serve answers commands that need the
// data folder it holds (a backup): inside the folder, so that only who
// may read the data may ask, or in the temp dir under a name derived from
// the folder when the path is too long for a Unix socket (~104 bytes).
func controlSocket(data string) (string, error) {
	abs, err := filepath.Abs(data)
	if err != nil {
		return "", err
	}
	sock := filepath.Join(abs, "control.sock")
	if len(sock) < 100 {
		return sock, nil
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(os.TempDir(), "compendium-control-"+hex.EncodeToString(sum[:6])+".sock"), nil
}

// serveControl answers POST /backup on the data folder's control socket
// until ctx ends. The caller holds the data folder's lock, so a socket
// left there is a crashed server's and is replaced.
func serveControl(ctx context.Context, cfg config, st *storage, log *slog.Logger) error {
	sock, err := controlSocket(cfg.data)
	if err != nil {
		return err
	}
	if err := os.Remove(sock); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("removing stale socket %s: %w", sock, err)
	}
	ln, err := net.Listen("unix", sock)
	if err != nil {
		return fmt.Errorf("listening on %s: %w", sock, err)
	}
	if err := os.Chmod(sock, 0o600); err != nil {
		ln.Close()
		return err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /backup", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/gzip")
		if _, err := st.backup(r.Context(), w, r.URL.Query().Get("file")); err != nil {
			// The client checks the file it got; a cut-short one fails.
			log.Error("backup for the backup command failed", "err", err)
		}
	})
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	go func() {
		<-ctx.Done()
		_ = srv.Close()
		_ = os.Remove(sock)
	}()
	return nil
}

// askBackup asks the server holding the data folder for a backup,
// written to w.
func askBackup(ctx context.Context, data, file string, w io.Writer) error {
	sock, err := controlSocket(data)
	if err != nil {
		return err
	}
	client := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, "unix", sock)
	}}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://compendium/backup?file="+url.QueryEscape(file), nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("asking the running server for a backup over %s: %w", sock, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("the running server answered %s", resp.Status)
	}
	_, err = io.Copy(w, resp.Body)
	return err
}
