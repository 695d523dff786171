package ui

import (
	"context"
	"net"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/adaptor"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/compendium-kb/compendium/indexer"
	"github.com/compendium-kb/compendium/kb"
)

// Metrics are the app's Prometheus collectors, on a registry of their own
// so that several apps (tests, nodes in one process) never collide.
type Metrics struct {
	Registry *prometheus.Registry
	requests *prometheus.HistogramVec
	searches prometheus.Histogram
	imports  *prometheus.CounterVec
}

// Stats are the figures read from the database and the index at each
// scrape: cheap counts, so a scrape every 15 s costs little.
type Stats struct {
	IndexedPractices uint64
	StoredPractices  int
	Submissions      map[kb.Status]int // by state of review
	Waiting          map[string]int    // other queues by name ("proposals"), waiting for a decision
	// Following is true on a shared database, where ChangePosition is the
	// last change-log entry this node's index has applied.
	Following      bool
	ChangePosition int64
}

// NewMetrics registers the request, search and import collectors, the
// Go runtime's and the process's. stats, when not nil, is read at each
// scrape for the gauges of the knowledge base.
func NewMetrics(version string, stats func(context.Context) (Stats, error)) *Metrics {
	reg := prometheus.NewRegistry()
	m := &Metrics{
		Registry: reg,
		requests: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "compendium_http_request_duration_seconds",
			Help:    "HTTP requests by route pattern, method and status, with their latency.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route", "method", "status"}),
		searches: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "compendium_search_duration_seconds",
			Help:    "Searches answered (pages and API), with their latency.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1},
		}),
		imports: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "compendium_imports_total",
			Help: "Compendium imports by outcome: added, updated, unchanged, or failed with the extraction failure's kind.",
		}, []string{"outcome"}),
	}
	build := prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "compendium_build_info", Help: "Always 1, labelled with the running version.",
		ConstLabels: prometheus.Labels{"version": version},
	})
	build.Set(1)
	reg.MustRegister(m.requests, m.searches, m.imports, build,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if stats != nil {
		reg.MustRegister(statsCollector(stats))
	}
	return m
}

// Handler serves the registry in the Prometheus text format.
func (m *Metrics) Handler() fiber.Handler {
	return adaptor.HTTPHandler(promhttp.HandlerFor(m.Registry, promhttp.HandlerOpts{}))
}

// observeRequest records one answered request under its route pattern,
// never its path: ids in paths would make a series per practice.
func (m *Metrics) observeRequest(route, method string, status int, took time.Duration) {
	m.requests.WithLabelValues(route, method, strconv.Itoa(status)).Observe(took.Seconds())
}

// metricsAccess lets loopback clients and admins read /metrics. A request
// relayed by a proxy we do not trust is not loopback even when the proxy
// runs on this machine: its peer address is the proxy's.
func metricsAccess(c *fiber.Ctx) error {
	if w := current(c); w.user != nil && w.user.Role == kb.RoleAdmin {
		return c.Next()
	}
	ip := net.ParseIP(c.IP())
	if ip != nil && ip.IsLoopback() && c.Locals(untrustedForward) == nil {
		return c.Next()
	}
	return fiber.NewError(fiber.StatusForbidden, "Metrics are for this machine and for admins.")
}

// meteredService times searches.
type meteredService struct {
	Service
	m *Metrics
}

func (s meteredService) Search(ctx context.Context, q kb.Query) (kb.Results, error) {
	start := time.Now()
	res, err := s.Service.Search(ctx, q)
	if err == nil {
		s.m.searches.Observe(time.Since(start).Seconds())
	}
	return res, err
}

// meteredImporter counts imports by outcome and failures by kind.
type meteredImporter struct {
	Importer
	m *Metrics
}

func (im meteredImporter) Import(ctx context.Context, name string, data []byte) (kb.ImportResult, error) {
	res, err := im.Importer.Import(ctx, name, data)
	im.m.countImport(res, err)
	return res, err
}

func (m *Metrics) countImport(res kb.ImportResult, err error) {
	switch {
	case err == nil:
		m.imports.WithLabelValues(string(res.Outcome)).Inc()
	case indexer.ClassOf(err) != "":
		m.imports.WithLabelValues("failed-" + string(indexer.ClassOf(err))).Inc()
	default:
		m.imports.WithLabelValues("failed-other").Inc()
	}
}

// observe sets up what the app measures and whom it trusts: the metrics
// (wrapping the service and importer to time searches and count imports)
// and the trusted proxies.
func (h *handlers) observe(cfg Config) error {
	nets, err := parseProxies(cfg.TrustedProxies)
	if err != nil {
		return err
	}
	h.trustProxies, h.version, h.metrics, h.lastBackup = nets, cfg.Version, cfg.Metrics, cfg.LastBackup
	if h.metrics == nil {
		h.metrics = NewMetrics(cfg.Version, nil)
	}
	h.svc = meteredService{Service: h.svc, m: h.metrics}
	if h.importer != nil {
		h.importer = meteredImporter{Importer: h.importer, m: h.metrics}
	}
	return nil
}
