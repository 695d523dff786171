package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime/pprof"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/compendium-kb/compendium/kb"
	"github.com/compendium-kb/compendium/kb/search"
	"github.com/compendium-kb/compendium/ui"
)

// benchQuery is one query of the fixed mix.
type benchQuery struct {
	kind string
	q    kb.Query
}

// benchMix covers what officers do: one word, several words, a phrase, a
// typo, and a search narrowed by two filters; every search computes all
// facets.
var benchMix = []benchQuery{
	{"one word", kb.Query{Text: "rescue"}},
	{"one word", kb.Query{Text: "trafficking"}},
	{"one word", kb.Query{Text: "railway"}},
	{"one word", kb.Query{Text: "AHTU"}},
	{"several words", kb.Query{Text: "inter-state rescue operation"}},
	{"several words", kb.Query{Text: "placement agency domestic workers"}},
	{"several words", kb.Query{Text: "bonded labour brick kilns"}},
	{"phrase", kb.Query{Text: `"child welfare committee"`}},
	{"phrase", kb.Query{Text: `"shelter home"`}},
	{"typo", kb.Query{Text: "traficking"}},
	{"typo", kb.Query{Text: "rehabilitaion of survivors"}},
	{"two filters", kb.Query{Text: "rescue", States: []string{"Bihar"}, Themes: []string{"rescue"}}},
	{"two filters", kb.Query{Text: "training police", States: []string{"West Bengal"}, Themes: []string{"capacity building and training"}}},
}

func cmdBenchSearch(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var cfg config
	fl := flag.NewFlagSet("bench search", flag.ContinueOnError)
	n := fl.Int("n", 100000, "practices to generate")
	rounds := fl.Int("rounds", 20, "times each query of the mix is timed")
	seconds := fl.Duration("http", 10*time.Second, "how long to load /api/v1/search")
	clients := fl.Int("clients", 16, "concurrent HTTP clients")
	corpus := fl.String("corpus", "", "also write the corpus as JSON lines to this file")
	seed := fl.Uint64("seed", 1, "random seed: the same seed makes the same corpus")
	statsOnly := fl.Bool("stats-only", false, "stop after statistics and exports")
	importOnly := fl.Bool("import-only", false, "stop after the import")
	cpuprofile := fl.String("cpuprofile", "", "write a CPU profile of the searches (after the import) to this file")
	again := fl.Bool("again", false, "measure the searches again on a data folder that bench search --data DIR kept, without importing")
	importProfile := fl.String("import-cpuprofile", "", "write a CPU profile of the import to this file")
	storageFlags(fl, &cfg, getenv)
	fl.Lookup("data").DefValue, cfg.data = "", ""
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: compendium bench search [--n 100000] [--data DIR] [--corpus FILE.jsonl]")
		fl.PrintDefaults()
	}
	if err := parseFlags(fl, args, stderr); err != nil {
		return err
	}
	if cfg.data == "" {
		dir, err := os.MkdirTemp("", "compendium-bench")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		cfg.data = dir
	}
	log := newLogger(stderr, cfg.logLevel)
	st, err := openStorage(ctx, cfg, "bench", log)
	if err != nil {
		return err
	}
	defer st.close(context.Background())
	have, _ := st.store.CountPractices(ctx)
	switch {
	case *again && have == 0:
		return fmt.Errorf("the data folder %s holds no practices: make them with bench search --data %s", cfg.data, cfg.data)
	case !*again && have > 0:
		return fmt.Errorf("the data folder %s already holds %d practices; bench needs an empty one (or --again)", cfg.data, have)
	}
	model, err := learnCorpus()
	if err != nil {
		return err
	}
	if *again {
		fmt.Fprintf(stdout, "practices        %d (kept from an earlier run)\n", have)
		return benchSearches(ctx, st, model, *rounds, *seed, *clients, *seconds, *cpuprofile, stdout)
	}

	// Import through the service, as an import does after extraction.
	var out *bufio.Writer
	if *corpus != "" {
		f, err := os.Create(*corpus)
		if err != nil {
			return err
		}
		defer f.Close()
		out = bufio.NewWriter(f)
		defer out.Flush()
	}
	stopProfile := func() {}
	if *importProfile != "" {
		if stopProfile, err = startProfile(*importProfile); err != nil {
			return err
		}
		defer stopProfile() // an import that fails part-way
	}
	start, cpu := time.Now(), cpuTime()
	done := 0
	err = model.generate(ctx, *n, 5000, *seed, func(doc kb.Document, ps []kb.Practice) error {
		if out != nil {
			enc := json.NewEncoder(out)
			for _, p := range ps {
				if err := enc.Encode(p); err != nil {
					return err
				}
			}
		}
		if err := st.svc.SavePractices(ctx, doc, nil, ps); err != nil {
			return err
		}
		done += len(ps)
		if isTerminal(stderr) {
			fmt.Fprintf(stderr, "\rimported %d/%d", done, *n)
		}
		return nil
	})
	if isTerminal(stderr) {
		fmt.Fprint(stderr, "\r\033[K")
	}
	if err != nil {
		return err
	}
	took, used := time.Since(start), cpuTime()-cpu
	stopProfile()
	fmt.Fprintf(stdout, "practices        %d\n", *n)
	fmt.Fprintf(stdout, "import           %.0f practices/s (%s; %s of processor time, %.0f practices per processor-second)\n",
		float64(*n)/took.Seconds(), took.Round(time.Millisecond), used.Round(time.Millisecond), float64(*n)/used.Seconds())
	fmt.Fprintf(stdout, "index on disk    %s\n", humanBytes(dirSize(filepath.Join(cfg.data, "index"))))
	if cfg.mongoURI == "" {
		fmt.Fprintf(stdout, "database on disk %s\n", humanBytes(dirSize(filepath.Join(cfg.data, "db"))))
	}
	if *importOnly {
		fmt.Fprintf(stdout, "peak memory      %s (resident, whole process with the embedded database)\n", humanBytes(peakRSS()))
		return nil
	}

	// A change to the index makes a new snapshot; its first search reads
	// the keyword fields into bitmaps.
	st.index.SetCacheSize(0)
	t := time.Now()
	if _, err := st.svc.Search(ctx, kb.Query{Text: "rescue"}); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "first search     %s (after the import: reads the new snapshot's filters)\n", time.Since(t).Round(time.Millisecond))
	if err := benchStats(ctx, st.svc, *rounds, stdout); err != nil {
		return err
	}
	if err := benchExport(ctx, st.svc, stdout); err != nil {
		return err
	}
	if *statsOnly {
		return nil
	}
	return benchSearches(ctx, st, model, *rounds, *seed, *clients, *seconds, *cpuprofile, stdout)
}

// benchSearches times the searches: the fixed mix cold, new queries, the
// mix warm, and both over HTTP.
func benchSearches(ctx context.Context, st *storage, model *corpusModel, rounds int, seed uint64, clients int, seconds time.Duration, cpuprofile string, stdout io.Writer) error {
	if cpuprofile != "" {
		stop, err := startProfile(cpuprofile)
		if err != nil {
			return err
		}
		defer stop()
	}
	// Cold: every search computed, as a query seen for the first time.
	// Warm: the result cache on, as for searches that repeat.
	st.index.SetCacheSize(0)
	fresh := benchQueries(model.queries(20000, seed), "new query")
	err := benchLatency(ctx, st.svc, benchMix, rounds, "cold (no cache)", stdout)
	if err == nil {
		err = benchLatency(ctx, st.svc, fresh[:1000], 1, "new queries", stdout)
	}
	if err != nil {
		return err
	}
	st.index.SetCacheSize(search.DefaultCacheSize)
	if err := benchLatency(ctx, st.svc, benchMix, rounds, "warm (cache)", stdout); err != nil {
		return err
	}
	if err := benchHTTP(ctx, st.svc, clients, seconds, benchMix, "the fixed mix, cached", stdout); err != nil {
		return err
	}
	if err := benchHTTP(ctx, st.svc, clients, seconds, fresh[1000:], "every query new", stdout); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "peak memory      %s (resident, whole process with the embedded database)\n", humanBytes(peakRSS()))
	return nil
}

// startProfile writes a CPU profile to file until the returned function
// is called.
func startProfile(file string) (stop func(), err error) {
	f, err := os.Create(file)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close() // the profile is written; a failed close loses only it
	}, nil
}

func benchQueries(qs []kb.Query, kind string) []benchQuery {
	out := make([]benchQuery, len(qs))
	for i, q := range qs {
		out[i] = benchQuery{kind, q}
	}
	return out
}

func benchLatency(ctx context.Context, svc *kb.Service, mix []benchQuery, rounds int, label string, stdout io.Writer) error {
	var all []time.Duration
	var timed []timedQuery
	byKind := map[string][]time.Duration{}
	var kinds []string
	if rounds > 1 {
		for _, bq := range mix { // warm the caches once
			if _, err := svc.Search(ctx, bq.q); err != nil {
				return err
			}
		}
	}
	cpu := cpuTime()
	for r := 0; r < rounds; r++ {
		for _, bq := range mix {
			t := time.Now()
			if _, err := svc.Search(ctx, bq.q); err != nil {
				return fmt.Errorf("%s query %q: %w", bq.kind, bq.q.Text, err)
			}
			d := time.Since(t)
			all = append(all, d)
			timed = append(timed, timedQuery{bq.q, d})
			if byKind[bq.kind] == nil {
				kinds = append(kinds, bq.kind)
			}
			byKind[bq.kind] = append(byKind[bq.kind], d)
		}
	}
	perSearch := (cpuTime() - cpu) / time.Duration(len(all))
	p := percentiles(all)
	fmt.Fprintf(stdout, "search %-16s p50 %s  p95 %s  p99 %s  (%d searches, all facets, a page of hits with snippets; %s of processor time each)\n",
		label, p[0], p[1], p[2], len(all), perSearch.Round(time.Microsecond))
	if len(kinds) == 1 {
		printSlowest(timed, 5, stdout)
		return nil
	}
	for _, k := range kinds {
		p := percentiles(byKind[k])
		fmt.Fprintf(stdout, "  %-14s p50 %s  p95 %s  p99 %s\n", k, p[0], p[1], p[2])
	}
	return nil
}

// timedQuery is a query with the time it took.
type timedQuery struct {
	q kb.Query
	d time.Duration
}

// printSlowest names the slowest queries, for a profile to start from.
func printSlowest(ts []timedQuery, n int, stdout io.Writer) {
	sort.Slice(ts, func(i, j int) bool { return ts[i].d > ts[j].d })
	var parts []string
	for _, t := range ts[:min(n, len(ts))] {
		s := fmt.Sprintf("%q", t.q.Text)
		if len(t.q.States) > 0 {
			s += " in " + strings.Join(t.q.States, ", ")
		}
		parts = append(parts, fmt.Sprintf("%s %s", s, t.d.Round(time.Microsecond)))
	}
	fmt.Fprintf(stdout, "  slowest: %s\n", strings.Join(parts, "; "))
}

func percentiles(ds []time.Duration) [3]time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	at := func(q float64) time.Duration { return s[int(q*float64(len(s)-1))].Round(time.Microsecond) }
	return [3]time.Duration{at(0.5), at(0.95), at(0.99)}
}

// benchHTTP loads /api/v1/search on loopback with concurrent clients for
// a fixed time, asking the queries of mix in turn, and reports requests
// per second.
func benchHTTP(ctx context.Context, svc *kb.Service, clients int, d time.Duration, mix []benchQuery, label string, stdout io.Writer) error {
	app, err := ui.New(svc, ui.Config{Log: newLogger(io.Discard, 0)})
	if err != nil {
		return err
	}
	base, stop, err := serveLoopback(app)
	if err != nil {
		return err
	}
	defer stop()
	var urls []string
	for _, bq := range mix {
		v := url.Values{"q": {bq.q.Text}}
		for _, s := range bq.q.States {
			v.Add("state", s)
		}
		for _, t := range bq.q.Themes {
			v.Add("theme", t)
		}
		urls = append(urls, base+"/api/v1/search?"+v.Encode())
	}
	// The clients ask for gzip, as browsers do, but do not unpack it: on
	// this machine that would take the server's processors.
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients, DisableCompression: true}, Timeout: 10 * time.Second}
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var ok, failed, next atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := next.Add(1) - 1
				req, _ := http.NewRequestWithContext(ctx, http.MethodGet, urls[i%int64(len(urls))], nil)
				req.Header.Set("Accept-Encoding", "gzip")
				resp, err := client.Do(req)
				if err != nil {
					if ctx.Err() == nil {
						failed.Add(1)
					}
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK {
					ok.Add(1)
				} else {
					failed.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	el := time.Since(start)
	if next.Load() > int64(len(urls)) && len(urls) > len(benchMix) {
		fmt.Fprintf(stdout, "(the %d new queries ran out: later requests repeat them)\n", len(urls))
	}
	fmt.Fprintf(stdout, "HTTP             %.0f requests/s on /api/v1/search, %s, %d clients, %s, %d failed\n", float64(ok.Load())/el.Seconds(), label, clients, d, failed.Load())
	return nil
}

func dirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.2f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KiB", n>>10)
}

// peakRSS reads the process's peak resident memory (Linux).
func peakRSS() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			var kb int64
			fmt.Sscanf(strings.TrimSpace(strings.TrimPrefix(line, "VmHWM:")), "%d", &kb)
			return kb << 10
		}
	}
	return 0
}

// serveLoopback serves app on a free loopback port for a benchmark, and
// returns its address ("http://127.0.0.1:PORT") and how to stop it.
func serveLoopback(app *fiber.App) (string, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	go app.Listener(ln)
	return "http://" + ln.Addr().String(), func() { app.ShutdownWithTimeout(5 * time.Second) }, nil
}
