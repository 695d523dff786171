package ui_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"

	"github.com/compendium-kb/compendium/indexer"
	"github.com/compendium-kb/compendium/kb"
	"github.com/compendium-kb/compendium/kb/mongodb/mongotest"
	"github.com/compendium-kb/compendium/kb/search"
	"github.com/compendium-kb/compendium/ui"
	"github.com/gofiber/fiber/v2"
)

// logBuffer collects log lines written from request goroutines.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// lines returns the JSON log lines with msg "request".
func (b *logBuffer) requests(t *testing.T) []map[string]any {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []map[string]any
	sc := bufio.NewScanner(bytes.NewReader(b.buf.Bytes()))
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("log line is not JSON: %q", sc.Text())
		}
		if m["msg"] == "request" {
			out = append(out, m)
		}
	}
	return out
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// opsApp is the app with sign-in, the sample compendium, metrics and a
// JSON log, served on a real loopback listener.
type opsApp struct {
	app    *fiber.App
	base   string // http://127.0.0.1:PORT
	log    *logBuffer
	tokens map[string]string // role -> API token
	index  *search.Index
}

func newOpsApp(t *testing.T, proxies []string) opsApp {
	t.Helper()
	ctx := context.Background()
	ix, _, err := search.Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	logs := &logBuffer{}
	log := slog.New(slog.NewJSONHandler(logs, nil))
	store := mongotest.New(t)
	svc := kb.NewService(store, ix, indexer.InProcess{}, log)
	pdf, err := os.ReadFile(filepath.Join("..", "samples", "law-enforcement-compendium.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.ImportWith(ctx, "law-enforcement-compendium.pdf", pdf, kb.ImportOptions{PublishAll: true}); err != nil {
		t.Fatal(err)
	}
	acc := kb.NewAccounts(store)
	oa := opsApp{log: logs, tokens: map[string]string{}, index: ix}
	for _, role := range []kb.Role{kb.RoleAdmin, kb.RoleOfficer} {
		email := string(role) + "@police.example"
		if _, err := acc.AddUser(ctx, email, string(role), role, "AHTU Ranchi", "a long enough password"); err != nil {
			t.Fatal(err)
		}
		if oa.tokens[string(role)], _, err = acc.NewToken(ctx, email); err != nil {
			t.Fatal(err)
		}
	}
	stats := func(ctx context.Context) (ui.Stats, error) {
		n, err := ix.Count()
		stored, _ := store.CountPractices(ctx)
		return ui.Stats{IndexedPractices: n, StoredPractices: stored, Submissions: map[kb.Status]int{kb.StatusSubmitted: 0}}, err
	}
	oa.app, err = ui.New(svc, ui.Config{Log: log, Accounts: acc, Reviews: &kb.Reviews{Store: store, Service: svc, Now: time.Now},
		Importer: svc, Version: "v1.2.3-test", Metrics: ui.NewMetrics("v1.2.3-test", stats), TrustedProxies: proxies})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = oa.app.Listener(ln) }()
	t.Cleanup(func() { _ = oa.app.Shutdown() })
	oa.base = "http://" + ln.Addr().String()
	return oa
}

// get sends a request over the network, with optional headers.
func (oa opsApp) get(t *testing.T, path string, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, oa.base+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

func TestMetricsReadByPrometheusParser(t *testing.T) {
	oa := newOpsApp(t, nil)
	oa.get(t, "/api/v1/search?q=rescue")
	oa.get(t, "/?q=trafficking")
	oa.get(t, "/practices/no-such-practice")
	resp, body := oa.get(t, "/metrics")
	if resp.StatusCode != 200 {
		t.Fatalf("GET /metrics from loopback: %d, want 200: %s", resp.StatusCode, body)
	}
	var parser expfmt.TextParser
	fams, err := parser.TextToMetricFamilies(strings.NewReader(body))
	if err != nil {
		t.Fatalf("the Prometheus text parser rejects /metrics: %v", err)
	}
	reqs := fams["compendium_http_request_duration_seconds"]
	if n := histogramCount(reqs, map[string]string{"route": "/api/v1/search", "method": "GET", "status": "200"}); n != 1 {
		t.Errorf("requests to /api/v1/search with 200: %d, want 1", n)
	}
	if n := histogramCount(reqs, map[string]string{"route": "/practices/:id/:slug?", "status": "404"}); n != 1 {
		t.Errorf("requests to a missing practice, counted under the route pattern with 404: %d, want 1", n)
	}
	if n := histogramCount(fams["compendium_search_duration_seconds"], nil); n != 2 {
		t.Errorf("searches: %d, want 2 (one by the API, one by the page)", n)
	}
	indexed, _ := oa.index.Count()
	if g := gauge(fams["compendium_index_practices"]); indexed == 0 || g != float64(indexed) {
		t.Errorf("compendium_index_practices = %v, want the index's count %d", g, indexed)
	}
	for _, name := range []string{"go_goroutines", "compendium_build_info", "compendium_submissions", "compendium_store_practices"} {
		if fams[name] == nil {
			t.Errorf("/metrics has no %s", name)
		}
	}
}

func histogramCount(mf *dto.MetricFamily, labels map[string]string) uint64 {
	var n uint64
next:
	for _, m := range mf.GetMetric() {
		have := map[string]string{}
		for _, lp := range m.GetLabel() {
			have[lp.GetName()] = lp.GetValue()
		}
		for k, v := range labels {
			if have[k] != v {
				continue next
			}
		}
		n += m.GetHistogram().GetSampleCount()
	}
	return n
}

func gauge(mf *dto.MetricFamily) float64 {
	if len(mf.GetMetric()) == 0 {
		return -1
	}
	return mf.GetMetric()[0].GetGauge().GetValue()
}

// TestMetricsAccess: /metrics is for loopback clients and admins only.
func TestMetricsAccess(t *testing.T) {
	oa := newOpsApp(t, nil)
	cases := []struct {
		name   string
		header []string
		want   int
	}{
		{"an admin's token from afar", []string{"Authorization", "Bearer " + oa.tokens["admin"]}, 200},
		{"an officer's token from afar", []string{"Authorization", "Bearer " + oa.tokens["officer"]}, 403},
		{"nobody from afar", nil, 403},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// app.Test's connection comes from 0.0.0.0, not loopback.
			req := httptest.NewRequest(http.MethodGet, "/metrics", nil)
			for i := 0; i+1 < len(tc.header); i += 2 {
				req.Header.Set(tc.header[i], tc.header[i+1])
			}
			resp, err := oa.app.Test(req, -1)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tc.want {
				t.Errorf("GET /metrics: %d, want %d", resp.StatusCode, tc.want)
			}
		})
	}
	// A proxy on this machine that we were not told to trust relays
	// outside clients: loopback by address, but not to be let in.
	if resp, _ := oa.get(t, "/metrics", "X-Forwarded-For", "203.0.113.9"); resp.StatusCode != 403 {
		t.Errorf("GET /metrics relayed by an untrusted local proxy: %d, want 403", resp.StatusCode)
	}
}

func TestHealthAndReadiness(t *testing.T) {
	oa := newOpsApp(t, nil)
	resp, body := oa.get(t, "/healthz")
	if resp.StatusCode != 200 || !strings.Contains(body, `"version":"v1.2.3-test"`) {
		t.Errorf("/healthz: %d %s, want 200 with the version", resp.StatusCode, body)
	}
	if resp, body := oa.get(t, "/readyz"); resp.StatusCode != 200 {
		t.Errorf("/readyz: %d %s, want 200", resp.StatusCode, body)
	}
	if _, body := oa.get(t, "/documents"); !strings.Contains(body, "Compendium v1.2.3-test") {
		t.Errorf("the page footer does not show the version")
	}
}

// TestAccessLog: one line per request with its id, the user when signed
// in, and nothing secret: no password, no token, no signed-out query.
func TestAccessLog(t *testing.T) {
	oa := newOpsApp(t, nil)
	resp, _ := oa.get(t, "/?q=secretword")
	id := resp.Header.Get("X-Request-Id")
	if id == "" {
		t.Fatal("no X-Request-Id in the response")
	}
	oa.get(t, "/api/v1/search?q=signedinword", "Authorization", "Bearer "+oa.tokens["officer"])
	form := url.Values{"email": {"officer@police.example"}, "password": {"hunter2-password"}, "_csrf": {"x"}}
	if _, err := http.PostForm(oa.base+"/login", form); err != nil {
		t.Fatal(err)
	}
	lines := oa.log.requests(t)
	if len(lines) != 3 {
		t.Fatalf("%d request lines, want 3:\n%s", len(lines), oa.log)
	}
	if lines[0]["id"] != id || lines[0]["path"] != "/" || lines[0]["status"] != float64(200) {
		t.Errorf("first line %v, want id %s, path / and status 200", lines[0], id)
	}
	if lines[1]["user"] != "officer@police.example" || !strings.Contains(lines[1]["path"].(string), "signedinword") {
		t.Errorf("a signed-in request's line %v, want its user and query", lines[1])
	}
	all := oa.log.String()
	for _, secret := range []string{"secretword", "hunter2", oa.tokens["officer"]} {
		if strings.Contains(all, secret) {
			t.Errorf("the log holds %q:\n%s", secret, all)
		}
	}
}

// TestTrustedProxies: the client's address and scheme come from the
// proxy headers only when a trusted proxy sends them, and then the real
// client is the rightmost address a trusted proxy did not add.
func TestTrustedProxies(t *testing.T) {
	cases := []struct {
		name       string
		proxies    []string
		wantIP     string
		wantSecure bool
	}{
		{"no trusted proxy", nil, "127.0.0.1", false},
		{"loopback trusted", []string{"127.0.0.0/8"}, "10.1.2.3", true},
		{"a chain of trusted proxies", []string{"127.0.0.1", "10.0.0.0/8"}, "203.0.113.9", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			oa := newOpsApp(t, tc.proxies)
			resp, _ := oa.get(t, "/login", "X-Forwarded-For", "6.6.6.6, 203.0.113.9, 10.1.2.3", "X-Forwarded-Proto", "https")
			lines := oa.log.requests(t)
			if len(lines) != 1 || lines[0]["ip"] != tc.wantIP {
				t.Errorf("logged client %v, want %s", lines, tc.wantIP)
			}
			secure := strings.Contains(strings.ToLower(resp.Header.Get("Set-Cookie")), "; secure")
			if secure != tc.wantSecure {
				t.Errorf("cookie Secure = %v, want %v (%s)", secure, tc.wantSecure, resp.Header.Get("Set-Cookie"))
			}
		})
	}
}
