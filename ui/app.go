// Package ui is the web app: server-rendered pages, the JSON API and the
// source PDFs, on Fiber. Templates and static files are embedded.
package ui

import (
	"cmp"
	"context"
	"embed"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/compress"

	"github.com/compendium-kb/compendium/kb"
)

//go:embed templates/*.html static/*
var assets embed.FS

// Service is what the app needs from the domain.
type Service interface {
	Search(ctx context.Context, q kb.Query) (kb.Results, error)
	Practice(ctx context.Context, id string) (kb.Practice, error)
	PracticeVersion(ctx context.Context, id string, version int) (kb.Practice, error)
	Document(ctx context.Context, id string) (kb.Document, error)
	Documents(ctx context.Context) ([]kb.Document, error)
	DocumentTitles(ctx context.Context) (map[string]string, error)
	Suggest(ctx context.Context, prefix string, n int) ([]kb.Suggestion, error)
	Similar(ctx context.Context, id string, n int) ([]kb.Hit, error)
	SimilarTo(ctx context.Context, p kb.Practice, n int, wait time.Duration) ([]kb.Hit, error)
	OpenFile(ctx context.Context, sha256 string) (io.ReadCloser, int64, error)
	Stats(ctx context.Context, q kb.Query, group string, figures bool) (kb.Stats, error)
	Export(ctx context.Context, q kb.Query, fn func(kb.Practice) error) error
	Latest(ctx context.Context, q kb.Query, n int) ([]kb.Practice, error)
}

// Config holds what the app needs besides the service.
type Config struct {
	Log      *slog.Logger
	Ready    func(ctx context.Context) error // nil error once database and index answer
	Accounts *kb.Accounts                    // nil: no sign-in, the public pages only
	Reviews  *kb.Reviews
	Packs    *kb.Packs
	Importer Importer     // for admins' uploads of compendia; nil hides the page
	Insights *kb.Insights // search analytics and settings; nil: none, statistics open
	Curation *kb.Curation // the import inbox, corrections and withdrawal; nil hides them
	Library  *kb.Library  // saved practices and followed searches; nil hides them

	Version string   // shown in /healthz and the page footer
	Metrics *Metrics // nil: made here, with no knowledge-base figures
	// MetricsElsewhere leaves /metrics out of the app: the operator serves
	// Metrics.Registry on an address of its own.
	MetricsElsewhere bool
	// TrustedProxies are the addresses and CIDR ranges whose
	// X-Forwarded-For and X-Forwarded-Proto are believed; from anyone else
	// they are ignored.
	TrustedProxies []string
	// LastBackup reports the latest backup for the admin pages; nil shows
	// none.
	LastBackup func(ctx context.Context) (b Backup, found bool, err error)
}

// Importer imports a compendium PDF.
type Importer interface {
	Import(ctx context.Context, name string, data []byte) (kb.ImportResult, error)
}

// New builds the app with every route.
func New(svc Service, cfg Config) (*fiber.App, error) {
	st, err := newStatic()
	if err != nil {
		return nil, err
	}
	views, err := parseViews(st)
	if err != nil {
		return nil, err
	}
	pw, err := newPWA(st)
	if err != nil {
		return nil, err
	}
	h := &handlers{svc: svc, views: views, static: st, pwa: pw, log: cfg.Log, ready: cfg.Ready, accounts: cfg.Accounts, reviews: cfg.Reviews, packs: cfg.Packs,
		importer: cfg.Importer, insights: cfg.Insights, curation: cfg.Curation, library: cfg.Library, uploads: newUploadPlaces(maxUploads, maxUploadsPerUser),
		exports: newExportLimiter(exportsAtOnce, exportsPerClient)}
	if err := h.observe(cfg); err != nil {
		return nil, err
	}
	app := fiber.New(fiber.Config{
		// Fiber reuses request buffers after a handler returns: values kept
		// beyond it (c.Query, c.FormValue, c.Body) would change under us
		// with the next request on the connection.
		Immutable:             true,
		DisableStartupMessage: true,
		ErrorHandler:          h.handleError,
		ReadTimeout:           30 * time.Second,
		WriteTimeout:          60 * time.Second,
		IdleTimeout:           120 * time.Second,
		// Bodies are read by limitBody, with each route's own limit.
		StreamRequestBody:            true,
		DisablePreParseMultipartForm: true,
		BodyLimit:                    maxImportBytes + maxFormBytes,
		// Client address and scheme come from proxy headers only when the
		// peer is a trusted proxy (the check is off by default in Fiber,
		// which then believes X-Forwarded-Proto from anyone).
		EnableTrustedProxyCheck: true,
		TrustedProxies:          cfg.TrustedProxies,
		ProxyHeader:             fiber.HeaderXForwardedFor,
		EnableIPValidation:      true,
	})
	app.Use(h.access, h.forwardedFor)
	app.Use(h.headerGuard, h.limitBody, securityHeaders)
	// Officers on slow links: pages and assets go compressed.
	// PDFs are compressed inside already, and a byte range of a
	// compressed response would not be the range that was asked for.
	app.Use(compress.New(compress.Config{Level: compress.LevelBestSpeed, Next: func(c *fiber.Ctx) bool { return strings.HasSuffix(c.Path(), ".pdf") }}))
	if h.accounts != nil {
		app.Use(h.identify, h.uploadSlots, h.checkCSRF)
	} else {
		app.Use(h.uploadSlots)
	}
	app.Use(anonymousShare(anonymousSlots, anonymousWait))
	app.Use(cacheControl)
	app.Use(h.statisticsPolicy)
	app.Get("/healthz", h.health)
	app.Get("/readyz", h.readiness)
	if !cfg.MetricsElsewhere {
		app.Get("/metrics", metricsAccess, h.metrics.Handler())
	}
	app.Get("/display", h.setDisplay)
	app.Get("/static/:name", h.asset)
	h.pwaRoutes(app)
	app.Get("/", h.searchPage)
	app.Get("/practices/:id/:slug?", h.practicePage)
	app.Get("/documents", h.documentsPage)
	app.Get("/documents/:file", h.documentPDF)
	app.Get("/stats", h.statsAccess, h.statisticsPage)
	app.Get("/feeds/search.atom", h.searchFeed)
	h.shareRoutes(app)
	api := app.Group("/api/v1")
	api.Get("/search", h.apiSearch)
	api.Get("/suggest", h.apiSuggest)
	api.Get("/places", h.apiPlaces)
	api.Get("/places/check", h.apiPlaceCheck)
	api.Get("/practices/:id", h.apiPractice)
	api.Get("/practices/:id/similar", h.apiSimilar)
	api.Get("/similar", h.apiSimilarTitle)
	api.Get("/practices/:id/citation", h.apiCitation)
	api.Get("/stats", h.statsAccess, h.apiStats)
	if h.accounts != nil && h.reviews != nil {
		h.accountRoutes(app, api)
	}
	app.Use(func(c *fiber.Ctx) error { return fiber.ErrNotFound })
	return app, nil
}

type handlers struct {
	svc      Service
	views    *views
	static   *static
	pwa      *pwa
	log      *slog.Logger
	ready    func(ctx context.Context) error
	accounts *kb.Accounts
	reviews  *kb.Reviews
	packs    *kb.Packs
	importer Importer
	uploads  *uploadPlaces // places for uploads being read
	exports  *exportLimiter
	insights *kb.Insights
	curation *kb.Curation
	library  *kb.Library

	version      string
	lastBackup   func(ctx context.Context) (Backup, bool, error)
	metrics      *Metrics
	trustProxies []*net.IPNet
}

// accountRoutes are the routes of signed-in users: submitting, reviewing,
// notices, and managing accounts. Each checks who may use it.
func (h *handlers) accountRoutes(app *fiber.App, api fiber.Router) {
	app.Get("/login", h.loginForm)
	app.Post("/login", h.login)
	app.Post("/logout", h.logout)
	app.Get("/submissions", signedIn, submitter, h.submissionsList)
	app.Get("/submissions/new", signedIn, submitter, h.newSubmission)
	app.Post("/submissions", signedIn, submitter, h.createSubmission)
	app.Get("/submissions/:id", signedIn, submitter, h.showSubmission)
	app.Get("/submissions/:id/edit", signedIn, submitter, h.editSubmission)
	app.Post("/submissions/:id", signedIn, submitter, h.updateSubmission)
	app.Post("/submissions/:id/action", signedIn, submitter, h.actOnSubmission)
	app.Post("/submissions/:id/routes", signedIn, submitter, h.editSubmissionRoutes)
	app.Get("/submissions/:id/files/:sha", signedIn, submitter, h.submissionFile)
	app.Get("/notices", signedIn, h.notices)
	app.Get("/admin/users", signedIn, needRole(kb.RoleAdmin), h.usersPage)
	app.Post("/admin/users", signedIn, needRole(kb.RoleAdmin), h.addUser)
	app.Post("/admin/users/:id", signedIn, needRole(kb.RoleAdmin), h.changeUser)
	api.Get("/users", signedIn, needRole(kb.RoleAdmin), h.apiUsers)
	api.Post("/users", signedIn, needRole(kb.RoleAdmin), h.apiAddUser)
	api.Post("/users/:id/role", signedIn, needRole(kb.RoleAdmin), h.apiSetRole)
	if h.insights != nil {
		app.Get("/admin/searches", signedIn, needRole(kb.RoleAdmin, kb.RoleReviewer, kb.RoleAnalyst), h.searchesPage)
		app.Post("/admin/searches", signedIn, needRole(kb.RoleAdmin), h.changeSearches)
	}
	if h.importer != nil {
		app.Get("/admin/import", signedIn, needRole(kb.RoleAdmin), h.importForm)
		app.Post("/admin/import", signedIn, needRole(kb.RoleAdmin), h.importUpload)
	}
	api.Post("/submissions", signedIn, submitter, h.apiCreateSubmission)
	api.Get("/submissions", signedIn, submitter, h.apiListSubmissions)
	api.Get("/submissions/:id", signedIn, submitter, h.apiGetSubmission)
	api.Post("/submissions/:id/submit", signedIn, submitter, h.apiSubmit)
	api.Post("/submissions/:id/decision", signedIn, submitter, h.apiDecision)
	api.Post("/submissions/:id/routes", signedIn, submitter, h.apiSubmissionRoutes)
	api.Get("/submissions/:id/history", signedIn, submitter, h.apiHistory)
	if h.curation != nil {
		h.curationRoutes(app, api)
	}
	if h.library != nil {
		h.libraryRoutes(app, api)
	}
	if h.packs != nil {
		app.Get("/packs", signedIn, packBuilder, h.packsList)
		app.Post("/packs", signedIn, packBuilder, h.createPack)
		app.Post("/packs/add", signedIn, packBuilder, h.addToPack)
		app.Get("/packs/:id", signedIn, packBuilder, h.showPack)
		app.Post("/packs/:id", signedIn, packBuilder, h.changePack)
		app.Get("/packs/:id/handout", signedIn, packBuilder, h.handout)
		app.Get("/packs/:id/handout.pdf", signedIn, packBuilder, h.handoutPDF)
		app.Get("/packs/:id/bibliography", signedIn, packBuilder, h.packBibliography)
		app.Get("/shared/:id/:token", h.sharedPack)
		app.Get("/shared/:id/:token/handout", h.handout)
		app.Get("/shared/:id/:token/handout.pdf", h.handoutPDF)
		app.Get("/shared/:id/:token/bibliography", h.packBibliography)
		h.packShareRoutes(app)
	}
}

func securityHeaders(c *fiber.Ctx) error {
	c.Set("X-Content-Type-Options", "nosniff")
	c.Set("Referrer-Policy", "same-origin")
	c.Set("X-Frame-Options", "DENY")
	c.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'")
	return c.Next()
}

// health says the process is alive, and which version it runs.
func (h *handlers) health(c *fiber.Ctx) error {
	return c.JSON(fiber.Map{"status": "ok", "version": h.version})
}

// readiness says whether this node should get traffic: the database
// answers and the index is in step with it.
func (h *handlers) readiness(c *fiber.Ctx) error {
	if h.ready != nil {
		if err := h.ready(c.UserContext()); err != nil {
			return c.Status(http.StatusServiceUnavailable).JSON(fiber.Map{"status": "not ready", "error": err.Error()})
		}
	}
	return c.JSON(fiber.Map{"status": "ok"})
}

// handleError is the one place where errors become status codes. A 5xx
// is logged once, with the request; the user gets a safe message.
func (h *handlers) handleError(c *fiber.Ctx, err error) error {
	status, msg := http.StatusInternalServerError, "Something went wrong on our side. Please try again."
	var fe *fiber.Error
	var ve *kb.ValidationError
	switch {
	case errors.As(err, &ve):
		if strings.HasPrefix(c.Path(), "/api/") {
			return c.Status(http.StatusUnprocessableEntity).JSON(fiber.Map{"error": "Some fields need attention.", "status": 422, "fields": ve.Fields})
		}
		status, msg = http.StatusUnprocessableEntity, ve.Error()
	case errors.As(err, &fe):
		status, msg = fe.Code, fe.Message
		if msg == http.StatusText(status) || status == http.StatusNotFound {
			msg = plainStatus(status) // Fiber's own errors carry only the reason phrase
		}
	case errors.Is(err, kb.ErrNotFound):
		status, msg = http.StatusNotFound, plainStatus(http.StatusNotFound)
	case errors.Is(err, kb.ErrBadRequest):
		status, msg = http.StatusBadRequest, strings.TrimPrefix(err.Error(), kb.ErrBadRequest.Error()+": ")
	case errors.Is(err, kb.ErrForbidden):
		status, msg = http.StatusForbidden, cmp.Or(plainMessage(err, kb.ErrForbidden), "Your account is not allowed to do this.")
	case errors.Is(err, kb.ErrConflict):
		status, msg = http.StatusConflict, cmp.Or(plainMessage(err, kb.ErrConflict), "This changed since you opened it. Reload the page and try again.")
	}
	if status >= 500 {
		h.log.Error("request failed", "method", c.Method(), "path", c.Path(), "err", err)
	}
	if strings.HasPrefix(c.Path(), "/api/") || c.Path() == "/healthz" || c.Path() == "/readyz" {
		return c.Status(status).JSON(fiber.Map{"error": msg, "status": status})
	}
	heading := errorHeading(status)
	p := errorPage{page: h.pageFor(c, heading), BackTo: backLink(c)}
	p.Heading, p.Message = messages.value(p.Lang, heading), messages.value(p.Lang, msg)
	return h.render(c.Status(status), "error", p)
}
