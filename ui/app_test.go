package ui_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"
	"github.com/gofiber/fiber/v2"

	"github.com/compendium-kb/compendium/indexer"
	"github.com/compendium-kb/compendium/kb"
	"github.com/compendium-kb/compendium/kb/mongodb/mongotest"
	"github.com/compendium-kb/compendium/kb/search"
	"github.com/compendium-kb/compendium/ui"
)

// newApp imports a sample through the same service the index command
// uses and returns the app over a real store and index.
func newApp(t *testing.T) (*fiber.App, []byte) {
	t.Helper()
	app, svc := newAppWithService(t)
	pdf, err := os.ReadFile(filepath.Join("..", "samples", "law-enforcement-compendium.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.ImportWith(context.Background(), "law-enforcement-compendium.pdf", pdf, kb.ImportOptions{PublishAll: true}); err != nil {
		t.Fatal(err)
	}
	return app, pdf
}

// newAppWithService returns an app over an empty knowledge base.
func newAppWithService(t testing.TB) (*fiber.App, *kb.Service) {
	t.Helper()
	ix, _, err := search.Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	svc := kb.NewService(mongotest.New(t), ix, indexer.InProcess{}, log)
	app, err := ui.New(svc, ui.Config{Log: log})
	if err != nil {
		t.Fatal(err)
	}
	return app, svc
}

// compendiumPDF makes a small two-case compendium whose first case has the
// given body, to import editions that differ.
func compendiumPDF(t *testing.T, body string) []byte {
	t.Helper()
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetTitle("District Compendium", false)
	for _, c := range []struct{ title, body string }{
		{"1. Rescue of Children from Hotels in the District", body},
		{"2. Awareness Meetings with Panchayats", "Officers met every panchayat of the block with the Childline number."},
	} {
		pdf.AddPage()
		pdf.SetFont("Helvetica", "B", 14)
		pdf.MultiCell(0, 8, c.title, "", "L", false)
		pdf.SetFont("Helvetica", "", 11)
		pdf.MultiCell(0, 6, c.body, "", "L", false)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func get(t *testing.T, app *fiber.App, target string) (*http.Response, []byte) {
	t.Helper()
	resp, err := app.Test(httptest.NewRequest(http.MethodGet, target, nil), -1)
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

type searchResponse struct {
	Total int `json:"total"`
	Hits  []struct {
		ID      string   `json:"id"`
		Title   string   `json:"title"`
		States  []string `json:"states"`
		Snippet string   `json:"snippet"`
		URL     string   `json:"url"`
		Source  struct {
			Document  string `json:"document"`
			PageStart int    `json:"page_start"`
			PageEnd   int    `json:"page_end"`
		} `json:"source"`
	} `json:"hits"`
	Facets map[string][]kb.FacetValue `json:"facets"`
}

// TestFromPDFToSearchHit walks the path a user takes: search, open the
// practice, open the source PDF at its page.
func TestFromPDFToSearchHit(t *testing.T) {
	app, pdf := newApp(t)

	resp, body := get(t, app, "/healthz")
	if resp.StatusCode != 200 || !bytes.Contains(body, []byte(`"status":"ok"`)) {
		t.Fatalf("healthz: %d %s", resp.StatusCode, body)
	}

	resp, body = get(t, app, "/api/v1/search?q="+url.QueryEscape("inter-state rescue"))
	if resp.StatusCode != 200 {
		t.Fatalf("search API: %d %s", resp.StatusCode, body)
	}
	var sr searchResponse
	if err := json.Unmarshal(body, &sr); err != nil {
		t.Fatal(err)
	}
	if len(sr.Hits) == 0 || !strings.Contains(sr.Hits[0].Title, "Inter-State Rescue") {
		t.Fatalf("first hit for inter-state rescue: %+v", sr.Hits)
	}
	hit := sr.Hits[0]
	if hit.Source.PageStart != 4 || hit.Source.PageEnd != 4 || !strings.Contains(hit.Source.Document, "Compendium on Best Practices") {
		t.Errorf("hit source %+v, want the compendium, page 4", hit.Source)
	}
	if !strings.Contains(hit.Snippet, "<mark>") {
		t.Errorf("snippet %q has no highlight", hit.Snippet)
	}
	if len(sr.Facets["state"]) == 0 || len(sr.Facets["theme"]) == 0 {
		t.Errorf("facets missing: %v", sr.Facets)
	}

	resp, body = get(t, app, "/?q="+url.QueryEscape("bonded labour"))
	if resp.StatusCode != 200 || !bytes.Contains(body, []byte("Freeing Bonded Labourers from Brick Kilns")) || !bytes.Contains(body, []byte("<mark>")) {
		t.Fatalf("search page: %d, want the kilns case highlighted", resp.StatusCode)
	}

	resp, body = get(t, app, hit.URL)
	if resp.StatusCode != 200 {
		t.Fatalf("practice page %s: %d", hit.URL, resp.StatusCode)
	}
	for _, want := range []string{hit.Title, "Andhra Pradesh", ".pdf#page=4", "Rescue Foundation"} {
		if !bytes.Contains(body, []byte(want)) {
			t.Errorf("practice page lacks %q", want)
		}
	}

	resp, body = get(t, app, "/api/v1/practices/"+hit.ID)
	var p struct {
		kb.Practice
		URL    string `json:"url"`
		PDFURL string `json:"pdf_url"`
	}
	if err := json.Unmarshal(body, &p); err != nil || resp.StatusCode != 200 {
		t.Fatalf("practice API: %d %v", resp.StatusCode, err)
	}
	if p.Provenance.SHA256 == "" || p.URL != hit.URL || !strings.HasSuffix(p.PDFURL, "#page=4") {
		t.Errorf("practice API record: sha %q url %q pdf %q", p.Provenance.SHA256, p.URL, p.PDFURL)
	}

	pdfPath := strings.SplitN(p.PDFURL, "#", 2)[0]
	resp, body = get(t, app, pdfPath)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/pdf" || !bytes.Equal(body, pdf) {
		t.Errorf("source PDF: %d %s, %d bytes; want the imported file", resp.StatusCode, resp.Header.Get("Content-Type"), len(body))
	}
}

func TestErrorsAndRedirects(t *testing.T) {
	app, _ := newApp(t)
	_, body := get(t, app, "/api/v1/search?q=kilns")
	var sr searchResponse
	if err := json.Unmarshal(body, &sr); err != nil || len(sr.Hits) == 0 {
		t.Fatalf("search: %v %s", err, body)
	}
	id := sr.Hits[0].ID
	tests := []struct {
		target   string
		status   int
		location string
		json     bool
	}{
		{"/api/v1/practices/doesnotexist", 404, "", true},
		{"/practices/doesnotexist", 404, "", false},
		{"/api/v1/search?size=abc", 400, "", true},
		{"/api/v1/search?page=0", 400, "", true},
		{"/api/v1/search?size=5000", 400, "", true},
		{"/api/v1/search?q=" + strings.Repeat("a", 600), 400, "", true},
		{"/api/v1/search?q=%22unbalanced", 200, "", true},
		{"/documents/nothing.pdf", 404, "", false},
		{"/no/such/page", 404, "", false},
		{"/practices/" + id, 301, sr.Hits[0].URL, false},
		{"/practices/" + id + "/an-old-slug", 301, sr.Hits[0].URL, false},
	}
	for _, tt := range tests {
		resp, body := get(t, app, tt.target)
		if resp.StatusCode != tt.status {
			t.Errorf("GET %s: status %d, want %d (%.200s)", tt.target, resp.StatusCode, tt.status, body)
		}
		if tt.location != "" && resp.Header.Get("Location") != tt.location {
			t.Errorf("GET %s: Location %q, want %q", tt.target, resp.Header.Get("Location"), tt.location)
		}
		if tt.json && tt.status >= 400 && !bytes.Contains(body, []byte(`"error"`)) {
			t.Errorf("GET %s: error body %.200s is not JSON with a message", tt.target, body)
		}
	}
}

func TestHostileQueryIsShownAsText(t *testing.T) {
	app, _ := newApp(t)
	resp, body := get(t, app, "/?q="+url.QueryEscape(`<script>alert(1)</script>`))
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	if bytes.Contains(body, []byte("<script>alert")) {
		t.Error("the query was echoed as markup")
	}
	if !bytes.Contains(body, []byte("&lt;script&gt;")) {
		t.Error("the query was not echoed as escaped text")
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
		t.Errorf("Content-Security-Policy = %q", csp)
	}
}

func TestSuggestSimilarAndSortAPI(t *testing.T) {
	app, _ := newApp(t)
	resp, body := get(t, app, "/api/v1/suggest?q=bond")
	var sug struct {
		Suggestions []kb.Suggestion `json:"suggestions"`
	}
	if err := json.Unmarshal(body, &sug); err != nil || resp.StatusCode != 200 || len(sug.Suggestions) == 0 {
		t.Fatalf("suggest: %d %v %s", resp.StatusCode, err, body)
	}
	_, body = get(t, app, "/api/v1/search?q=kilns")
	var sr searchResponse
	json.Unmarshal(body, &sr)
	resp, body = get(t, app, "/api/v1/practices/"+sr.Hits[0].ID+"/similar")
	var sim searchResponse
	if err := json.Unmarshal(body, &sim); err != nil || resp.StatusCode != 200 || len(sim.Hits) == 0 {
		t.Fatalf("similar: %d %v %.200s", resp.StatusCode, err, body)
	}
	for _, h := range sim.Hits {
		if h.ID == sr.Hits[0].ID {
			t.Error("similar lists the practice itself")
		}
	}
	// The practice's page links the same similar practices.
	_, page := get(t, app, sr.Hits[0].URL)
	for _, h := range sim.Hits {
		if !bytes.Contains(page, []byte(`href="`+h.URL+`"`)) {
			t.Errorf("the page of %s does not link the similar practice %s", sr.Hits[0].ID, h.URL)
		}
	}
	for target, status := range map[string]int{
		"/api/v1/search?sort=newest":             200,
		"/api/v1/search?sort=sideways":           400,
		"/api/v1/search?year=2000-2009":          200,
		"/api/v1/search?year=soon":               400,
		"/api/v1/search?q=bondagge":              200,
		"/api/v1/practices/doesnotexist/similar": 404,
	} {
		if resp, body := get(t, app, target); resp.StatusCode != status {
			t.Errorf("GET %s: %d, want %d (%.200s)", target, resp.StatusCode, status, body)
		}
	}
	// Filters shown on the page can be removed one by one.
	resp, body = get(t, app, "/?q=rescue&state=Bihar&theme=rescue")
	if resp.StatusCode != 200 || !bytes.Contains(body, []byte("Remove filter State: Bihar")) || !bytes.Contains(body, []byte("Remove filter Theme: rescue")) {
		t.Errorf("active filters are not listed for removal")
	}
}
