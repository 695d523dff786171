package main

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/compendium-kb/compendium/kb"
	"github.com/compendium-kb/compendium/ui"
)

// TestReadyzFloodReadsNoDatabase: /readyz answers from the background
// check's last result. Thirty-two anonymous /readyz at once run no
// check (each ran one, holding a database connection for about 5 s at
// 20,000 practices, until the pool was gone); an index out of step
// shows after the next check; a database that stops answering shows
// as such, without the driver's words.
func TestReadyzFloodReadsNoDatabase(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	log := slog.New(slog.DiscardHandler)
	st, err := openStorage(ctx, config{data: t.TempDir()}, "test", log)
	if err != nil {
		t.Fatal(err)
	}
	defer st.close(context.Background())
	var checks atomic.Int32
	ready := &readiness{log: log, check: func(ctx context.Context) error { checks.Add(1); return st.ready(ctx) }}
	app, err := ui.New(st.svc, ui.Config{Log: log, Ready: ready.answer})
	if err != nil {
		t.Fatal(err)
	}
	get := func() (int, string) {
		resp, err := app.Test(httptest.NewRequest("GET", "/readyz", nil), -1)
		if err != nil {
			t.Error(err)
			return 0, ""
		}
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	if status, _ := get(); status != 503 {
		t.Errorf("/readyz before the first check: %d, want 503", status)
	}
	ready.run(ctx)
	checks.Store(0)
	var wg sync.WaitGroup
	for range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if status, body := get(); status != 200 {
				t.Errorf("/readyz: %d %s, want 200", status, body)
			}
		}()
	}
	wg.Wait()
	if n := checks.Load(); n != 0 {
		t.Errorf("32 requests for /readyz ran %d checks, want none", n)
	}

	extra := kb.Practice{ID: "only-in-the-index", Title: "Only in the index", States: []string{}, Themes: []string{}}
	if err := st.index.Put(ctx, []kb.Practice{extra}); err != nil {
		t.Fatal(err)
	}
	ready.run(ctx)
	if status, body := get(); status != 503 || !strings.Contains(body, "index: 1 practices, the database 0") {
		t.Errorf("/readyz with the index ahead: %d %s, want 503 naming both counts", status, body)
	}
	if err := st.store.Close(ctx); err != nil {
		t.Fatal(err)
	}
	ready.run(ctx)
	status, body := get()
	if status != 503 || !strings.Contains(body, "does not answer") || strings.Contains(strings.ToLower(body), "client") {
		t.Errorf("/readyz with the database gone: %d %s, want 503 saying it does not answer, no driver words", status, body)
	}
}
