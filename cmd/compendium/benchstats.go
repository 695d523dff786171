package main

import (
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"sort"
	"sync/atomic"
	"time"

	"github.com/compendium-kb/compendium/kb"
	"github.com/compendium-kb/compendium/ui"
)

// benchStats times statistics over the whole knowledge base: each group,
// with figure totals, for no query and for a word, as the statistics
// page asks them (there is no cache for statistics); then the page.
func benchStats(ctx context.Context, svc *kb.Service, rounds int, stdout io.Writer) error {
	for _, q := range []kb.Query{{}, {Text: "rescue"}} {
		var times []time.Duration
		var total int
		for i := 0; i < rounds; i++ {
			for _, g := range kb.StatsGroups {
				start := time.Now()
				st, err := svc.Stats(ctx, q, g, true)
				if err != nil {
					return err
				}
				times = append(times, time.Since(start))
				total = st.Total
			}
		}
		sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
		fmt.Fprintf(stdout, "stats %-10s %d practices; a group with figure totals: p50 %s, p95 %s, max %s\n", fmt.Sprintf("%q", q.Text), total,
			pct(times, 50), pct(times, 95), times[len(times)-1].Round(10*time.Microsecond))
	}
	app, err := ui.New(svc, ui.Config{Log: newLogger(io.Discard, 0)})
	if err != nil {
		return err
	}
	var times []time.Duration
	for i := 0; i < max(3, rounds/4); i++ {
		start := time.Now()
		resp, err := app.Test(httptestGet("/stats"), -1)
		if err != nil {
			return err
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("statistics page: status %d", resp.StatusCode)
		}
		times = append(times, time.Since(start))
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	fmt.Fprintf(stdout, "stats page       whole knowledge base (15 groupings, map, matrix): p50 %s, max %s\n", pct(times, 50), times[len(times)-1].Round(time.Millisecond))
	return nil
}

func pct(ts []time.Duration, p int) time.Duration {
	return ts[min(len(ts)-1, len(ts)*p/100)].Round(10 * time.Microsecond)
}

func httptestGet(target string) *http.Request {
	req, _ := http.NewRequest(http.MethodGet, "http://bench"+target, nil)
	return req
}

// cmdBenchExport measures the exports again on a data folder that
// "bench search --data DIR" kept, without generating and importing the
// corpus again.
func cmdBenchExport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var cfg config
	fl := flag.NewFlagSet("bench export", flag.ContinueOnError)
	rounds := fl.Int("rounds", 1, "times each export is measured")
	storageFlags(fl, &cfg, getenv)
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: compendium bench export --data DIR (a folder that bench search --data DIR kept)")
		fl.PrintDefaults()
	}
	if err := parseFlags(fl, args, stderr); err != nil {
		return err
	}
	st, err := openStorage(ctx, cfg, "bench", newLogger(stderr, cfg.logLevel))
	if err != nil {
		return err
	}
	defer st.close(context.Background())
	n, err := st.store.CountPractices(ctx)
	if err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("the data folder %s holds no practices: make them with bench search --data %s", cfg.data, cfg.data)
	}
	fmt.Fprintf(stdout, "practices        %d\n", n)
	for range max(*rounds, 1) {
		if err := benchExport(ctx, st.svc, stdout); err != nil {
			return err
		}
	}
	return nil
}

// benchExport downloads every practice as CSV and as XLSX over HTTP, as a
// browser would, counting the rows read back, and samples the heap while
// the export runs: streaming keeps it flat.
func benchExport(ctx context.Context, svc *kb.Service, stdout io.Writer) error {
	app, err := ui.New(svc, ui.Config{Log: newLogger(io.Discard, 0)})
	if err != nil {
		return err
	}
	base, stop, err := serveLoopback(app)
	if err != nil {
		return err
	}
	defer stop()
	for _, format := range []string{"csv", "xlsx"} {
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		var peak atomic.Uint64
		stop := make(chan struct{})
		go sampleHeap(&peak, stop)
		start, cpu := time.Now(), cpuTime()
		resp, err := http.Get(base + "/api/v1/search?format=" + format)
		if err != nil {
			close(stop)
			return err
		}
		rows, size, err := countRows(resp.Body, format)
		resp.Body.Close()
		took, used := time.Since(start), cpuTime()-cpu
		close(stop)
		if err != nil {
			return fmt.Errorf("export %s: %w", format, err)
		}
		fmt.Fprintf(stdout, "export %-4s      %d rows (%s) in %s (%s of processor time); heap grew at most %s above %s\n", format, rows, humanBytes(size),
			took.Round(time.Millisecond), used.Round(time.Millisecond), humanBytes(int64(peak.Load())-int64(before.HeapInuse)), humanBytes(int64(before.HeapInuse)))
	}
	return nil
}

func sampleHeap(peak *atomic.Uint64, stop chan struct{}) {
	var ms runtime.MemStats
	for {
		select {
		case <-stop:
			return
		case <-time.After(50 * time.Millisecond):
		}
		runtime.ReadMemStats(&ms)
		if ms.HeapInuse > peak.Load() {
			peak.Store(ms.HeapInuse)
		}
	}
}

// countRows reads an export back: CSV rows as they arrive; an XLSX is
// counted by its size only (it is checked row by row in ui's tests).
func countRows(r io.Reader, format string) (rows int, size int64, err error) {
	cr := &countingReader{r: r}
	if format != "csv" {
		_, err := io.Copy(io.Discard, cr)
		return -1, cr.n, err
	}
	c := csv.NewReader(cr)
	c.ReuseRecord = true
	for {
		_, err := c.Read()
		if errors.Is(err, io.EOF) {
			return rows - 1, cr.n, nil // the header is not a practice
		}
		if err != nil {
			return rows, cr.n, err
		}
		rows++
	}
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
