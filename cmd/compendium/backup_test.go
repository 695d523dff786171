package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/compendium-kb/compendium/kb"
	"github.com/compendium-kb/compendium/kb/mongodb"
)

const testPassword = "a long enough password"

// startServe runs serve on data until the test ends (or stop is called)
// and returns its address ("http://127.0.0.1:PORT/").
func startServe(t *testing.T, getenv func(string) string, args ...string) (addr string, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), getenv, pw, io.Discard)
		pw.Close()
	}()
	lines := bufio.NewScanner(pr)
	for lines.Scan() {
		if m := regexp.MustCompile(`running at (http://\S+/)`).FindStringSubmatch(lines.Text()); m != nil {
			addr = m[1]
			break
		}
	}
	go io.Copy(io.Discard, pr)
	if addr == "" {
		cancel()
		t.Fatalf("serve did not start: %v", <-done)
	}
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("serve ended with %v", err)
			}
		})
	}
	t.Cleanup(stop)
	return addr, stop
}

// addUser adds an account and returns an API token for it.
func addUser(t *testing.T, getenv func(string) string, data, email, role string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	ctx := context.Background()
	if err := run(ctx, []string{"user", "add", "--data", data, "--email", email, "--name", role, "--role", role}, getenv, &out, &errOut); err != nil {
		t.Fatalf("user add: %v %s", err, errOut.String())
	}
	out.Reset()
	if err := run(ctx, []string{"user", "token", "--data", data, "--email", email}, getenv, &out, &errOut); err != nil {
		t.Fatalf("user token: %v", err)
	}
	return strings.TrimSpace(out.String())
}

func apiPost(addr, token, path string, body any) (int, error) {
	js, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, addr+path, bytes.NewReader(js))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

// TestBackupWhileServingAndRestore backs up a data folder that a running
// server holds while an officer keeps submitting, restores the backup
// into a new folder, and compares everything.
func TestBackupWhileServingAndRestore(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server and imports the samples")
	}
	data, restored := t.TempDir(), t.TempDir()
	getenv := env(map[string]string{"COMPENDIUM_PASSWORD": testPassword})
	officer := addUser(t, getenv, data, "officer@police.example", "officer")
	admin := addUser(t, getenv, data, "admin@police.example", "admin")
	addr, stop := startServe(t, getenv, "--data", data)

	var written atomic.Int64
	quit := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-quit:
				return
			default:
			}
			sub := map[string]any{"title": "Rescue number " + strings.Repeat("i", i%7+1), "states": []string{"Goa"}, "problem": "p", "action": "a", "results": "r", "lessons": "l"}
			if status, err := apiPost(addr, officer, "api/v1/submissions", sub); err == nil && status == 201 {
				written.Add(1)
			}
		}
	}()
	for written.Load() < 3 {
		time.Sleep(10 * time.Millisecond)
	}
	file := filepath.Join(t.TempDir(), "compendium.backup")
	before := written.Load()
	out, errOut, err := runCmd(t, "backup", "--data", data, "--out", file)
	if err != nil {
		t.Fatalf("backup while serve runs: %v %s", err, errOut)
	}
	if !strings.Contains(out, "Backed up") {
		t.Errorf("backup printed %q", out)
	}
	for written.Load() < before+3 { // writes carry on after the backup
		time.Sleep(10 * time.Millisecond)
	}
	close(quit)
	wg.Wait()
	metrics := getWithToken(t, addr+"metrics", admin)
	for _, want := range []string{"compendium_stats_up 1", fmt.Sprintf(`compendium_submissions{status="draft"} %d`, written.Load()), `compendium_waiting{queue="proposals"} 0`} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	page := getWithToken(t, addr+"admin/users", admin)
	if !strings.Contains(page, "Last backup:") {
		t.Errorf("the accounts page does not show the last backup")
	}
	stop()

	if _, errOut, err := runCmd(t, "restore", file, "--data", restored); err != nil {
		t.Fatalf("restore: %v %s", err, errOut)
	}
	compareRestored(t, file, data, restored)
}

func getWithToken(t *testing.T, url, token string) string {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return string(body)
}

// compareRestored checks the restored folder against the backup file
// (record for record, by the checksums of a backup of it) and against
// the source: PDFs by SHA-256, search results, signing in.
func compareRestored(t *testing.T, file, data, restored string) {
	ctx := context.Background()
	want, err := verifyFile(file)
	if err != nil {
		t.Fatal(err)
	}
	log, _ := config{}.logger(io.Discard)
	dst, err := openStorage(ctx, config{data: restored}, "test", log)
	if err != nil {
		t.Fatal(err)
	}
	defer dst.close(ctx)
	var again bytes.Buffer
	got, err := dst.store.Backup(ctx, &again, mongodb.BackupOptions{Program: "test", SoleWriter: true})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want.Collections, got.Collections); diff != "" {
		t.Errorf("the restored records differ from the backup's (-backup +restored):\n%s", diff)
	}
	docs, err := dst.svc.Documents(ctx)
	if err != nil || len(docs) == 0 {
		t.Fatalf("restored documents: %d, %v", len(docs), err)
	}
	for _, d := range docs {
		r, _, err := dst.svc.OpenFile(ctx, d.SHA256)
		if err != nil {
			t.Fatalf("PDF of %s: %v", d.ID, err)
		}
		h := sha256.New()
		io.Copy(h, r)
		r.Close()
		if got := hex.EncodeToString(h.Sum(nil)); got != d.SHA256 {
			t.Errorf("PDF of %s restored with SHA-256 %s, want %s", d.ID, got, d.SHA256)
		}
	}
	if _, _, _, err := dst.accounts.SignIn(ctx, "officer@police.example", testPassword, "127.0.0.1"); err != nil {
		t.Errorf("signing in on the restored store: %v", err)
	}
	src, err := openStorage(ctx, config{data: data}, "test", log)
	if err != nil {
		t.Fatal(err)
	}
	defer src.close(ctx)
	for _, q := range sampleQueries(t) {
		a, errA := src.svc.Search(ctx, kb.Query{Text: q})
		b, errB := dst.svc.Search(ctx, kb.Query{Text: q})
		// The counted hits must come back in the same order. Partial
		// matches (some of the words) often score alike, and BM25's field
		// lengths are averaged on a sample of the index taken by document
		// number, which a restore changes: their order may differ where
		// scores are within a hair of each other, so only their number is
		// compared.
		if errA != nil || errB != nil || a.Total != b.Total || a.More != b.More || !cmp.Equal(hitIDs(a), hitIDs(b)) {
			t.Errorf("search %q: source %d+%d %v (%v), restored %d+%d %v (%v)", q, a.Total, a.More, hitIDs(a), errA, b.Total, b.More, hitIDs(b), errB)
		}
	}
}

// hitIDs are the ids of the counted hits, in order.
func hitIDs(r kb.Results) []string {
	var ids []string
	for _, h := range r.Hits {
		if !h.Partial {
			ids = append(ids, h.ID)
		}
	}
	return ids
}

func sampleQueries(t *testing.T) []string {
	js, err := os.ReadFile(samplePath("queries.json"))
	if err != nil {
		t.Fatal(err)
	}
	var qs struct {
		Queries []struct{ Query string } `json:"queries"`
	}
	if err := json.Unmarshal(js, &qs); err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(qs.Queries))
	for i, q := range qs.Queries {
		out[i] = q.Query
	}
	return out
}

// TestRestoreRefusesANonEmptyStore: restoring twice into one folder stops
// with a clear error and changes nothing.
func TestRestoreRefusesANonEmptyStore(t *testing.T) {
	data, target := t.TempDir(), t.TempDir()
	getenv := env(map[string]string{"COMPENDIUM_PASSWORD": testPassword})
	addUser(t, getenv, data, "officer@police.example", "officer")
	file := filepath.Join(t.TempDir(), "b")
	if _, errOut, err := runCmd(t, "backup", "--data", data, "--out", file); err != nil {
		t.Fatalf("backup: %v %s", err, errOut)
	}
	if _, errOut, err := runCmd(t, "restore", file, "--data", target); err != nil {
		t.Fatalf("restore: %v %s", err, errOut)
	}
	_, _, err := runCmd(t, "restore", file, "--data", target)
	if err == nil || !strings.Contains(err.Error(), mongodb.ErrNotEmpty.Error()) {
		t.Errorf("a second restore into the same folder: %v, want %q", err, mongodb.ErrNotEmpty)
	}
}
