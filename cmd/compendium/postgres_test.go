package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// freePort returns a loopback port nobody listens on now.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// startPostgres starts a PostgreSQL cluster of its own in a temporary
// folder, without systemd, and returns its URL. It skips the test when
// Debian's postgresql is not installed. As root, the server runs as the
// postgres user (it refuses to run as root).
func startPostgres(t *testing.T) string {
	t.Helper()
	bins, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	if len(bins) == 0 {
		t.Skip("PostgreSQL is not installed (Debian's postgresql package)")
	}
	bin := filepath.Dir(bins[len(bins)-1])
	dir, err := os.MkdirTemp("", "compendium-pg-")
	if err != nil {
		t.Fatal(err)
	}
	var cred *syscall.Credential
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			t.Skip("running as root without a postgres user to run PostgreSQL as")
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
		if err := os.Chown(dir, uid, gid); err != nil {
			t.Fatal(err)
		}
	}
	pg := func(name string, args ...string) error {
		cmd := exec.Command(filepath.Join(bin, name), args...)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("%s: %v\n%s", name, err, out)
		}
		return nil
	}
	data := filepath.Join(dir, "data")
	if err := pg("initdb", "-D", data, "-A", "trust", "-U", "postgres"); err != nil {
		t.Fatal(err)
	}
	port := freePort(t)
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off", port, dir)
	if err := pg("pg_ctl", "-D", data, "-o", opts, "-l", filepath.Join(dir, "log"), "-w", "start"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = pg("pg_ctl", "-D", data, "-m", "immediate", "stop")
		_ = os.RemoveAll(dir)
	})
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres", port)
}

// startSharedDatabase starts PostgreSQL and "compendium db serve" on it,
// the database several app nodes share, migrated, and returns its
// MongoDB URI. It skips the test when PostgreSQL is not installed.
func startSharedDatabase(t *testing.T) string {
	t.Helper()
	pgURL := startPostgres(t)
	dbAddr := fmt.Sprintf("127.0.0.1:%d", freePort(t))
	ctx, cancel := context.WithCancel(context.Background())
	dbDone := make(chan error, 1)
	go func() {
		dbDone <- run(ctx, []string{"db", "serve", "--listen", dbAddr, "--postgresql-url", pgURL}, env(nil), io.Discard, io.Discard)
	}()
	t.Cleanup(func() { cancel(); <-dbDone })
	mongoURI := "mongodb://" + dbAddr + "/compendium"
	waitForDatabase(t, mongoURI)
	return mongoURI
}

func waitForDatabase(t *testing.T, mongoURI string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		_, _, err := runCmd(t, "migrate", "--data", t.TempDir(), "--mongo-uri", mongoURI)
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the database at %s did not answer: %v", mongoURI, err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}
