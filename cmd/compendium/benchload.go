package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"regexp"
	"runtime/pprof"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/compendium-kb/compendium/kb"
	"github.com/compendium-kb/compendium/ui"
)

// cmdBenchLoad runs the whole app on loopback and loads it with clients
// that do what users do: search (the API and the page), open practices,
// fetch citations and sign in, every search new. It is bounded in time
// and sends nothing beyond 127.0.0.1.
func cmdBenchLoad(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var cfg config
	fl := flag.NewFlagSet("bench load", flag.ContinueOnError)
	n := fl.Int("n", 20000, "practices to generate")
	clients := fl.Int("clients", 64, "concurrent clients")
	d := fl.Duration("duration", 60*time.Second, "how long to load the server")
	seed := fl.Uint64("seed", 1, "random seed")
	cpuProfile := fl.String("cpuprofile", "", "write a CPU profile of the load (not the import) to this file, for go tool pprof")
	storageFlags(fl, &cfg, getenv)
	fl.Lookup("data").DefValue, cfg.data = "", ""
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: compendium bench load [--n 20000] [--clients 64] [--duration 60s] [--cpuprofile FILE]")
		fl.PrintDefaults()
	}
	if err := parseFlags(fl, args, stderr); err != nil {
		return err
	}
	if *clients < 1 || *d <= 0 || *d > 30*time.Minute {
		return errors.New("bench load: --clients at least 1, --duration up to 30m")
	}
	if cfg.data == "" {
		dir, err := os.MkdirTemp("", "compendium-load")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		cfg.data = dir
	}
	st, err := openStorage(ctx, cfg, "bench", newLogger(stderr, cfg.logLevel))
	if err != nil {
		return err
	}
	defer st.close(context.Background())
	// Enough new queries for the run (ran out: said below); drawing them
	// costs more the more are drawn.
	nq := min(max(int(float64(*clients)*d.Seconds()*10), 2000), 30000)
	paths, queries, err := loadFixture(ctx, st, *n, *clients, nq, *seed)
	if err != nil {
		return err
	}
	app, err := ui.New(st.svc, ui.Config{Log: newLogger(io.Discard, 0), Accounts: st.accounts, Reviews: st.reviews, Packs: st.packs})
	if err != nil {
		return err
	}
	base, stop, err := serveLoopback(app)
	if err != nil {
		return err
	}
	defer stop()
	resetPeakRSS()
	stopProfile, err := startCPUProfile(*cpuProfile)
	if err != nil {
		return err
	}
	res := runLoad(ctx, base, *clients, *d, paths, queries)
	if err := stopProfile(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "practices   %d; %d clients for %s on 127.0.0.1, every search new\n", *n, *clients, *d)
	fmt.Fprintf(stdout, "requests    %d (%.0f/s): %s\n", res.total(), float64(res.total())/res.elapsed.Seconds(), res.mix())
	if res.total() == 0 {
		return errors.New("bench load: no request finished in the time given")
	}
	p := percentiles(res.latencies)
	fmt.Fprintf(stdout, "latency     p50 %s  p99 %s\n", p[0], p[2])
	res.byRoute(stdout)
	fmt.Fprintf(stdout, "errors      %d%s\n", res.errors.Load(), res.firstError())
	fmt.Fprintf(stdout, "peak memory %s (resident, whole process with the embedded database, during the load)\n", humanBytes(peakRSS()))
	if res.ranOut.Load() {
		fmt.Fprintln(stdout, "(the new queries ran out: later searches repeat them)")
	}
	return nil
}

// startCPUProfile profiles the process into file until stop is called;
// "" profiles nothing.
func startCPUProfile(file string) (stop func() error, err error) {
	if file == "" {
		return func() error { return nil }, nil
	}
	f, err := os.Create(file)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() error {
		pprof.StopCPUProfile()
		return f.Close()
	}, nil
}

// loadFixture imports n generated practices and makes one account per
// client; it returns the practices' page paths and the new queries.
func loadFixture(ctx context.Context, st *storage, n, clients, nq int, seed uint64) ([]string, []kb.Query, error) {
	model, err := learnCorpus()
	if err != nil {
		return nil, nil, err
	}
	var paths []string
	err = model.generate(ctx, n, 5000, seed, func(doc kb.Document, ps []kb.Practice) error {
		for _, p := range ps {
			paths = append(paths, "/practices/"+p.ID+"/"+p.Slug)
		}
		return st.svc.SavePractices(ctx, doc, nil, ps)
	})
	if err != nil {
		return nil, nil, err
	}
	for i := range clients {
		if _, err := st.accounts.AddUser(ctx, loadUser(i), fmt.Sprintf("Load %d", i), kb.RoleOfficer, "", loadPassword); err != nil {
			return nil, nil, err
		}
	}
	return paths, model.queries(nq, seed), nil
}

const loadPassword = "a long enough password"

func loadUser(i int) string { return fmt.Sprintf("load%d@police.example", i) }

type loadResult struct {
	mu        sync.Mutex
	latencies []time.Duration
	byKind    map[string]int
	kindTook  map[string][]time.Duration
	errors    atomic.Int64
	firstErr  string
	ranOut    atomic.Bool
	noSimilar atomic.Int64
	elapsed   time.Duration
}

func (r *loadResult) total() int { return len(r.latencies) }

func (r *loadResult) mix() string {
	var parts []string
	for _, k := range []string{"search API", "search page", "practice page", "citation", "sign-in"} {
		parts = append(parts, fmt.Sprintf("%s %d", k, r.byKind[k]))
	}
	return strings.Join(parts, ", ")
}

// byRoute prints each kind of request's p50 and p99, pages and searches
// first; sign-ins, which wait for the password-hashing pool by design,
// on a line of their own.
func (r *loadResult) byRoute(w io.Writer) {
	for _, k := range []string{"search API", "search page", "practice page", "citation", "sign-in"} {
		if k == "sign-in" {
			fmt.Fprintln(w, "  (sign-ins wait for the password-hashing pool, half the processors)")
		}
		if ds := r.kindTook[k]; len(ds) > 0 {
			p := percentiles(ds)
			fmt.Fprintf(w, "  %-14s p50 %s  p99 %s  (%d)\n", k, p[0], p[2], len(ds))
		}
		if k == "practice page" {
			fmt.Fprintf(w, "  %14s %d sent without similar practices (no place to find them within 500 ms)\n", "", r.noSimilar.Load())
		}
	}
}

func (r *loadResult) firstError() string {
	if r.firstErr == "" {
		return ""
	}
	return " (first: " + r.firstErr + ")"
}

func (r *loadResult) record(kind string, took time.Duration, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.latencies = append(r.latencies, took)
	r.byKind[kind]++
	r.kindTook[kind] = append(r.kindTook[kind], took)
	if err != nil {
		if r.errors.Add(1) == 1 {
			r.firstErr = kind + ": " + err.Error()
		}
	}
}

// runLoad runs the clients until d has passed. Each client draws what to
// do: a search through the API (40%) or the search page (15%), a
// practice page (25%), a citation (15%), or signing in and out as its own
// user (5%).
func runLoad(ctx context.Context, base string, clients int, d time.Duration, paths []string, queries []kb.Query) *loadResult {
	res := &loadResult{byKind: map[string]int{}, kindTook: map[string][]time.Duration{}}
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var next atomic.Int64
	newQuery := func() kb.Query {
		i := next.Add(1) - 1
		if i >= int64(len(queries)) {
			res.ranOut.Store(true)
		}
		return queries[i%int64(len(queries))]
	}
	transport := &http.Transport{MaxIdleConnsPerHost: clients, DisableCompression: true}
	var wg sync.WaitGroup
	start := time.Now()
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cl := &loadClient{base: base, user: loadUser(c), r: rand.New(rand.NewPCG(uint64(c), 3)),
				http: &http.Client{Transport: transport, Timeout: 30 * time.Second}, noSimilar: &res.noSimilar}
			for ctx.Err() == nil {
				kind, took, err := cl.step(ctx, paths, newQuery)
				if ctx.Err() != nil {
					return // cut off by the end of the run, not a failure
				}
				res.record(kind, took, err)
			}
		}()
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	return res
}

type loadClient struct {
	base      string
	user      string
	r         *rand.Rand
	http      *http.Client
	noSimilar *atomic.Int64 // practice pages sent without similar practices
}

func (c *loadClient) step(ctx context.Context, paths []string, newQuery func() kb.Query) (string, time.Duration, error) {
	start := time.Now()
	var kind string
	var err error
	switch x := c.r.IntN(100); {
	case x < 40:
		kind, err = "search API", c.get(ctx, "/api/v1/search?"+searchValues(newQuery()).Encode(), 200)
	case x < 55:
		kind, err = "search page", c.get(ctx, "/?"+searchValues(newQuery()).Encode(), 200)
	case x < 80:
		kind, err = "practice page", c.practicePage(ctx, paths[c.r.IntN(len(paths))])
	case x < 95:
		id := strings.Split(paths[c.r.IntN(len(paths))], "/")[2]
		format := []string{"apa", "bibtex", "ris", "csl-json"}[c.r.IntN(4)]
		kind, err = "citation", c.get(ctx, "/api/v1/practices/"+id+"/citation?format="+format, 200)
	default:
		kind, err = "sign-in", c.signIn(ctx)
	}
	return kind, time.Since(start), err
}

func searchValues(q kb.Query) url.Values {
	v := url.Values{"q": {q.Text}}
	for _, s := range q.States {
		v.Add("state", s)
	}
	return v
}

func (c *loadClient) get(ctx context.Context, path string, want int) error {
	_, err := c.fetch(ctx, path, want, io.Discard)
	return err
}

// fetch GETs path into w, as browsers do with gzip; the body is not
// unpacked, to leave the processors to the server.
func (c *loadClient) fetch(ctx context.Context, path string, want int, w io.Writer) (*http.Response, error) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, c.base+path, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	io.Copy(w, resp.Body)
	if resp.StatusCode != want {
		return resp, fmt.Errorf("GET %s: %d", path, resp.StatusCode)
	}
	return resp, nil
}

// practicePage GETs a practice's page and counts it when it was sent
// without similar practices (no place for them in time).
func (c *loadClient) practicePage(ctx context.Context, path string) error {
	var body bytes.Buffer
	resp, err := c.fetch(ctx, path, 200, &body)
	if err != nil {
		return err
	}
	page := io.Reader(&body)
	if resp.Header.Get("Content-Encoding") == "gzip" {
		if page, err = gzip.NewReader(&body); err != nil {
			return err
		}
	}
	html, err := io.ReadAll(page)
	if err != nil {
		return err
	}
	if !bytes.Contains(html, []byte(`id="similar-h"`)) {
		c.noSimilar.Add(1)
	}
	return nil
}

var loadCSRF = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

// signIn signs in with the form, as a browser does, and signs out.
func (c *loadClient) signIn(ctx context.Context) error {
	jar, _ := cookiejar.New(nil)
	cl := &http.Client{Transport: c.http.Transport, Jar: jar, Timeout: c.http.Timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	do := func(method, path string, form url.Values) (*http.Response, string, error) {
		var body io.Reader
		if form != nil {
			body = strings.NewReader(form.Encode())
		}
		req, _ := http.NewRequestWithContext(ctx, method, c.base+path, body)
		if form != nil {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		resp, err := cl.Do(req)
		if err != nil {
			return nil, "", err
		}
		defer resp.Body.Close()
		page, _ := io.ReadAll(resp.Body)
		return resp, string(page), nil
	}
	_, page, err := do("GET", "/login", nil)
	if err != nil {
		return err
	}
	m := loadCSRF.FindAllStringSubmatch(page, -1)
	if m == nil {
		return errors.New("the sign-in form has no CSRF token")
	}
	resp, page, err := do("POST", "/login", url.Values{"_csrf": {m[len(m)-1][1]}, "email": {c.user}, "password": {loadPassword}, "next": {"/"}})
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusSeeOther {
		return fmt.Errorf("sign in: %d", resp.StatusCode)
	}
	_, page, err = do("GET", "/", nil)
	if err != nil {
		return err
	}
	m = loadCSRF.FindAllStringSubmatch(page, -1)
	if m == nil {
		return errors.New("no CSRF token once signed in")
	}
	resp, _, err = do("POST", "/logout", url.Values{"_csrf": {m[0][1]}})
	if err == nil && resp.StatusCode != http.StatusSeeOther {
		err = fmt.Errorf("sign out: %d", resp.StatusCode)
	}
	return err
}

// resetPeakRSS starts the peak resident memory afresh (Linux), so that
// the figure is the load's, not the import's.
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }
