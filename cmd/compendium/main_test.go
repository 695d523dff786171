package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/compendium-kb/compendium/indexer"
	"github.com/compendium-kb/compendium/kb"
	"github.com/compendium-kb/compendium/samples"
)

// TestMain lets the test binary serve as its own extraction worker, as
// the compendium binary does.
func TestMain(m *testing.M) {
	indexer.RunWorker()
	// A test that needs compendium as a process of its own (to kill it)
	// starts this binary with COMPENDIUM_TEST_AS_MAIN set.
	if os.Getenv("COMPENDIUM_TEST_AS_MAIN") != "" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func runCmd(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, env(nil), &out, &errOut)
	return out.String(), errOut.String(), err
}

func samplePath(name string) string { return filepath.Join("..", "..", "samples", name) }

func TestExtractJSON(t *testing.T) {
	out, _, err := runCmd(t, "extract", samplePath("law-enforcement-compendium.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	var got extractOutput
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("extract printed invalid JSON: %v", err)
	}
	var want struct {
		Practices []indexer.ExpectedCase `json:"practices"`
	}
	js, _ := os.ReadFile(samplePath("law-enforcement-compendium.json"))
	if err := json.Unmarshal(js, &want); err != nil {
		t.Fatal(err)
	}
	if got.File != "law-enforcement-compendium.pdf" || len(got.SHA256) != 64 || got.Pages != 12 {
		t.Errorf("document fields: file %q sha %q pages %d", got.File, got.SHA256, got.Pages)
	}
	if s := indexer.ScoreCases(want.Practices, got.Practices); s.F1() < 1 || s.PageAccuracy() < 1 {
		t.Errorf("extract through the worker: F1 %.2f, pages %.2f; missed %q", s.F1(), s.PageAccuracy(), s.Misses)
	}
	for _, p := range got.Practices {
		if p.Text == "" || p.States == nil || p.Themes == nil {
			t.Errorf("case %q lacks text, states or themes", p.Title)
		}
	}
}

func TestExtractText(t *testing.T) {
	out, _, err := runCmd(t, "extract", "--text", samplePath("state-casebook.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(out, "\f"); n != 15 {
		t.Errorf("16 pages should be separated by 15 form feeds, got %d", n)
	}
	if !strings.Contains(out, "Village Vigilance Committees against Trafficking in Jharkhand") {
		t.Error("text lacks a case title")
	}
	if strings.Contains(out, "Page 4 of 16") {
		t.Error("page furniture was not removed")
	}
}

func TestExtractFailsClearly(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "notes.pdf")
	os.WriteFile(bad, []byte("just some notes"), 0o600)
	_, _, err := runCmd(t, "extract", bad)
	if err == nil || !strings.Contains(err.Error(), "notes.pdf") || indexer.ClassOf(err) != indexer.ClassNotPDF {
		t.Errorf("extract of a non-PDF: %v, want a not-pdf error naming the file", err)
	}
}

func TestIndexCarriesOnPastFailures(t *testing.T) {
	src := t.TempDir()
	for _, name := range []string{"law-enforcement-compendium.pdf", "state-casebook.pdf"} {
		data, err := os.ReadFile(samplePath(name))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(src, name), data, 0o600)
		if name == "state-casebook.pdf" {
			os.WriteFile(filepath.Join(src, "broken.pdf"), data[:len(data)/3], 0o600)
		}
	}
	data := t.TempDir()
	out, _, err := runCmd(t, "index", "--publish", "--data", data, src)
	var ex exitError
	if !errors.As(err, &ex) || ex.code != 1 {
		t.Fatalf("index with a broken file: err %v, want exit status 1", err)
	}
	for _, want := range []string{"files 3,", "added 22 ", "files failed 1", "FAILED", "broken.pdf"} {
		if !strings.Contains(out, want) {
			t.Errorf("index output lacks %q:\n%s", want, out)
		}
	}
	os.Remove(filepath.Join(src, "broken.pdf"))
	out, _, err = runCmd(t, "index", "--data", data, src)
	if err != nil {
		t.Fatalf("second index: %v\n%s", err, out)
	}
	if !strings.Contains(out, "unchanged 22 ") || !strings.Contains(out, "files failed 0") {
		t.Errorf("re-index of unchanged files:\n%s", out)
	}
	out, _, err = runCmd(t, "reindex", "--data", data)
	if err != nil || !strings.Contains(out, "reindexed 22 practices") {
		t.Errorf("reindex: %v %s", err, out)
	}
}

// TestServeAndBusyDataFolder starts the server as a user would, searches
// it over HTTP, and checks that a second command on the same data folder
// stops at once with a clear message.
func TestServeAndBusyDataFolder(t *testing.T) {
	data := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--data", data}, env(nil), pw, io.Discard)
		pw.Close()
	}()
	addr := ""
	lines := bufio.NewScanner(pr)
	var printed []string
	for lines.Scan() {
		printed = append(printed, lines.Text())
		if m := regexp.MustCompile(`running at (http://\S+/)`).FindStringSubmatch(lines.Text()); m != nil {
			addr = m[1]
			break
		}
	}
	go io.Copy(io.Discard, pr)
	if addr == "" {
		cancel()
		t.Fatalf("serve printed no address: %q (%v)", printed, <-done)
	}
	embedded, _ := fs.Glob(samples.FS, "*.pdf")
	if want := fmt.Sprintf("importing %d sample compendia", len(embedded)); !strings.Contains(strings.Join(printed, "\n"), want) {
		t.Errorf("serve on an empty knowledge base should say it imports the samples: %q", printed)
	}
	resp, err := http.Get(addr + "api/v1/search?q=bonded+labour")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "Brick Kilns") {
		t.Errorf("search over HTTP: %d %.300s", resp.StatusCode, body)
	}

	start := time.Now()
	_, _, err = runCmd(t, "index", "--data", data, samplePath("state-casebook.pdf"))
	if !errors.Is(err, kb.ErrBusy) || !strings.Contains(err.Error(), "in use by compendium serve") {
		t.Errorf("index while serve runs: %v, want a data-folder-in-use error naming serve", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("the busy check took %v; it must not wait on a lock", d)
	}

	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve ended with %v", err)
	}
	// After a clean stop the folder is free again.
	if _, _, err := runCmd(t, "reindex", "--data", data); err != nil {
		t.Errorf("reindex after serve stopped: %v", err)
	}
}

func TestUsage(t *testing.T) {
	out, _, err := runCmd(t)
	if err != nil || !strings.Contains(out, "serve") {
		t.Errorf("no arguments should print usage: %v %q", err, out)
	}
	if _, _, err := runCmd(t, "frobnicate"); err == nil {
		t.Error("an unknown command must fail")
	}
}

func TestUserCommands(t *testing.T) {
	data := t.TempDir()
	ctx := context.Background()
	var out, errOut bytes.Buffer
	getenv := env(map[string]string{"COMPENDIUM_PASSWORD": "a long enough password"})
	if err := run(ctx, []string{"user", "add", "--data", data, "--email", "sp@police.example", "--name", "SP Ranchi", "--role", "admin"}, getenv, &out, &errOut); err != nil {
		t.Fatalf("user add: %v %s", err, errOut.String())
	}
	if err := run(ctx, []string{"user", "add", "--data", data, "--email", "sp@police.example", "--name", "Again", "--role", "officer"}, getenv, &out, &errOut); !errors.Is(err, kb.ErrConflict) {
		t.Errorf("adding an existing address: %v, want a conflict", err)
	}
	for _, role := range []string{"trainer", "analyst"} {
		out.Reset()
		if err := run(ctx, []string{"user", "add", "--data", data, "--email", role + "@police.example", "--name", role, "--role", role}, getenv, &out, &errOut); err != nil || !strings.Contains(out.String(), "as "+role) {
			t.Errorf("user add --role %s: %v %q", role, err, out.String())
		}
	}
	out.Reset()
	if err := run(ctx, []string{"user", "token", "--data", data, "--email", "sp@police.example"}, getenv, &out, &errOut); err != nil || !strings.HasPrefix(out.String(), "cpd_") {
		t.Fatalf("user token: %v %q", err, out.String())
	}
	out.Reset()
	if err := run(ctx, []string{"user", "unlock", "--data", data, "--email", "SP@police.example"}, getenv, &out, &errOut); err != nil || !strings.Contains(out.String(), "unlocked sp@police.example") {
		t.Errorf("user unlock: %v %q", err, out.String())
	}
	if err := run(ctx, []string{"user", "unlock", "--data", data, "--email", "nobody@police.example"}, getenv, &out, &errOut); !errors.Is(err, kb.ErrNotFound) {
		t.Errorf("unlocking an unknown account: %v, want not found", err)
	}
	out.Reset()
	run(ctx, []string{"user", "role", "--data", data, "--email", "sp@police.example", "--role", "reviewer"}, getenv, &out, &errOut)
	run(ctx, []string{"user", "disable", "--data", data, "--email", "sp@police.example"}, getenv, &out, &errOut)
	out.Reset()
	if err := run(ctx, []string{"user", "list", "--data", data}, getenv, &out, &errOut); err != nil || !strings.Contains(out.String(), "reviewer") || !strings.Contains(out.String(), "disabled") {
		t.Errorf("user list: %v %q", err, out.String())
	}
}

// TestBenchLoad runs the load test small: every figure is printed and no
// request fails.
func TestBenchLoad(t *testing.T) {
	out, _, err := runCmd(t, "bench", "load", "--n", "300", "--clients", "4", "--duration", "3s")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"requests ", "/s)", "search API", "practice page", "citation", "latency     p50", "p99", "errors      0\n", "peak memory",
		"  search API     p50", "  practice page  p50", "  sign-in        p50", "sent without similar practices"} {
		if !strings.Contains(out, want) {
			t.Errorf("bench load output lacks %q:\n%s", want, out)
		}
	}
}

// TestBenchSearch runs the search benchmark small: every figure is
// printed, the corpus is written, and the new queries never repeat.
func TestBenchSearch(t *testing.T) {
	corpus := filepath.Join(t.TempDir(), "corpus.jsonl")
	out, _, err := runCmd(t, "bench", "search", "--n", "400", "--rounds", "1", "--http", "200ms", "--corpus", corpus)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"import ", "index on disk", "first search", "search cold", "search new queries", "search warm", "the fixed mix, cached", "every query new", "peak memory"} {
		if !strings.Contains(out, want) {
			t.Errorf("bench output lacks %q:\n%s", want, out)
		}
	}
	data, err := os.ReadFile(corpus)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	var p kb.Practice
	if len(lines) != 400 || json.Unmarshal([]byte(lines[0]), &p) != nil || p.Title == "" || p.Text == "" {
		t.Errorf("corpus: %d lines, first %.80q", len(lines), lines[0])
	}
	model, err := learnCorpus()
	if err != nil {
		t.Fatal(err)
	}
	qs := model.queries(2000, 1)
	seen := map[string]bool{}
	for _, q := range qs {
		key := q.Text + "|" + strings.Join(q.States, ",")
		if seen[key] || strings.TrimSpace(q.Text) == "" {
			t.Fatalf("query %q repeats or is empty", key)
		}
		seen[key] = true
	}
	if len(qs) != 2000 {
		t.Errorf("%d new queries, want 2000", len(qs))
	}
}

// TestBenchSearchImportOnly: the import alone, timed on the clock and the
// processor, with its profile written.
func TestBenchSearchImportOnly(t *testing.T) {
	prof := filepath.Join(t.TempDir(), "import.prof")
	out, _, err := runCmd(t, "bench", "search", "--n", "300", "--import-only", "--import-cpuprofile", prof)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"practices        300", "per processor-second", "index on disk", "peak memory"} {
		if !strings.Contains(out, want) {
			t.Errorf("bench output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "first search") {
		t.Errorf("--import-only went on to search:\n%s", out)
	}
	if info, err := os.Stat(prof); err != nil || info.Size() == 0 {
		t.Errorf("import profile: %v, want a written file", err)
	}
}

// TestIndexReportsMissingPathsAndImportsTheRest: a mistyped path is
// reported in plain words and the other files are imported all the same;
// a damaged file is explained, not shown as the parser's text.
func TestIndexReportsMissingPathsAndImportsTheRest(t *testing.T) {
	src := t.TempDir()
	data, err := os.ReadFile(samplePath("training-digest.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(src, "training-digest.pdf"), data, 0o600)
	os.WriteFile(filepath.Join(src, "cut-short.pdf"), data[:len(data)/3], 0o600)
	missing := filepath.Join(src, "no-such-compendium.pdf")
	out, _, err := runCmd(t, "index", "--data", t.TempDir(), missing, src)
	var ex exitError
	if !errors.As(err, &ex) || ex.code != 1 {
		t.Fatalf("index with a missing path: err %v, want exit status 1\n%s", err, out)
	}
	for _, want := range []string{"no-such-compendium.pdf: no such file or folder", "training-digest.pdf: 8 pages", "cut-short.pdf is damaged or incomplete", "files failed 2"} {
		if !strings.Contains(out, want) {
			t.Errorf("index output lacks %q:\n%s", want, out)
		}
	}
	for _, internal := range []string{"startxref", "endobj", "panic", "damaged:"} {
		if strings.Contains(out, internal) {
			t.Errorf("index output shows the parser's %q:\n%s", internal, out)
		}
	}
}
