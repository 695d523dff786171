package ui_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/compendium-kb/compendium/indexer"
	"github.com/compendium-kb/compendium/kb"
)

// citationJS parses an export with citation-js, a citation library from
// the npm registry, run by node: the exports must be valid for a real
// parser, not only look right. It needs node and .ci/js/node_modules
// (.ci/run installs them).
func citationJS(t *testing.T, kind string, data []byte) []map[string]any {
	t.Helper()
	modules, _ := filepath.Abs(filepath.Join("..", ".ci", "js", "node_modules"))
	if _, err := os.Stat(filepath.Join(modules, "@citation-js", "core")); err != nil {
		missing(t, "citation-js is not installed: run .ci/run, or npm ci in .ci/js")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		missing(t, "node is not installed")
	}
	const script = `
const {Cite} = require('@citation-js/core');
require('@citation-js/plugin-bibtex'); require('@citation-js/plugin-ris'); require('@citation-js/plugin-csl');
const input = require('fs').readFileSync(0, 'utf8');
const kind = process.argv[1];
const data = kind === 'csl' ? new Cite(JSON.parse(input)).data : new Cite(input, {forceType: kind === 'bibtex' ? '@bibtex/text' : '@ris/file'}).data;
console.log(JSON.stringify(data.map(({_graph, ...rest}) => rest)));`
	cmd := exec.Command(node, "-e", script, kind)
	cmd.Env = append(os.Environ(), "NODE_PATH="+modules)
	cmd.Stdin = bytes.NewReader(data)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("citation-js could not read the %s export: %v\n%s\n%s", kind, err, out, data)
	}
	var items []map[string]any
	if err := json.Unmarshal(out, &items); err != nil {
		t.Fatalf("citation-js output: %v %s", err, out)
	}
	return items
}

func TestCitationFormats(t *testing.T) {
	app, _ := newApp(t)
	_, body := get(t, app, "/api/v1/search?q="+url.QueryEscape("Bhiwandi"))
	var sr searchResponse
	json.Unmarshal(body, &sr)
	id := sr.Hits[0].ID
	title := sr.Hits[0].Title
	wantType := map[string]string{
		"apa": "text/plain", "chicago": "text/plain", "mla": "text/plain",
		"bibtex": "application/x-bibtex", "ris": "application/x-research-info-systems", "csl-json": "application/vnd.citationstyles.csl+json",
	}
	texts := map[string]string{}
	for format, ct := range wantType {
		resp, body := get(t, app, "/api/v1/practices/"+id+"/citation?format="+format)
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), ct) {
			t.Errorf("%s: %d %q, want 200 %s", format, resp.StatusCode, resp.Header.Get("Content-Type"), ct)
		}
		texts[format] = string(body)
	}
	for _, format := range []string{"apa", "chicago", "mla"} {
		for _, want := range []string{title, "Compendium on Best Practices on Anti Human Trafficking by Law Enforcement Agencies", "/practices/" + id, "4"} {
			if !strings.Contains(texts[format], want) {
				t.Errorf("%s citation lacks %q: %s", format, want, texts[format])
			}
		}
	}
	if !strings.Contains(texts["apa"], "(p. 4)") || !strings.Contains(texts["mla"], "p. 4") {
		t.Errorf("the page of the case is missing: %s | %s", texts["apa"], texts["mla"])
	}
	if resp, _ := get(t, app, "/api/v1/practices/"+id+"/citation?format=harvard"); resp.StatusCode != 400 {
		t.Errorf("an unknown format: %d, want 400", resp.StatusCode)
	}
	for kind, format := range map[string]string{"bibtex": "bibtex", "ris": "ris", "csl": "csl-json"} {
		items := citationJS(t, kind, []byte(texts[format]))
		if len(items) != 1 {
			t.Fatalf("%s: %d entries", format, len(items))
		}
		it := items[0]
		if it["title"] != title || !strings.Contains(it["container-title"].(string), "Compendium on Best Practices") || it["page"] != "4" || !strings.Contains(it["URL"].(string), id) {
			t.Errorf("%s as read by citation-js: %v", format, it)
		}
	}
}

func TestCitationMetaTags(t *testing.T) {
	app, _ := newApp(t)
	_, body := get(t, app, "/api/v1/search?q="+url.QueryEscape("Bhiwandi"))
	var sr searchResponse
	json.Unmarshal(body, &sr)
	_, page := get(t, app, sr.Hits[0].URL)
	for _, name := range []string{"citation_title", "citation_inbook_title", "citation_pdf_url", "citation_firstpage", "citation_lastpage", "citation_publication_date"} {
		if !regexp.MustCompile(`<meta name="` + name + `" content="[^"]+">`).Match(page) {
			t.Errorf("no %s meta tag", name)
		}
	}
	m := regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`).FindSubmatch(page)
	if m == nil {
		t.Fatal("no JSON-LD")
	}
	var ld map[string]any
	if err := json.Unmarshal(m[1], &ld); err != nil || ld["@type"] != "Chapter" || ld["name"] != sr.Hits[0].Title {
		t.Errorf("JSON-LD: %v %v", err, ld)
	}
}

// TestPermanentURLsAndVersions: a re-import keeps a case's address; when
// its text changes the earlier version stays readable and citations name
// the version.
func TestPermanentURLsAndVersions(t *testing.T) {
	app, svc := newAppWithService(t)
	ctx := context.Background()
	first := compendiumPDF(t, "The district police rescued 12 children from a hotel.")
	if _, err := svc.ImportWith(ctx, "district-compendium.pdf", first, kb.ImportOptions{PublishAll: true}); err != nil {
		t.Fatal(err)
	}
	res, _ := svc.Search(ctx, kb.Query{Text: "hotel children"})
	p := res.Hits[0].Practice
	second := compendiumPDF(t, "The district police rescued 14 children from two hotels and a dhaba.")
	if _, err := svc.ImportWith(ctx, "district-compendium.pdf", second, kb.ImportOptions{PublishAll: true}); err != nil {
		t.Fatal(err)
	}
	now, err := svc.Practice(ctx, p.ID)
	if err != nil {
		t.Fatalf("the case lost its id after a re-import: %v", err)
	}
	if now.Version != 2 {
		t.Errorf("version after a changed edition: %d, want 2", now.Version)
	}
	_, page := get(t, app, "/practices/"+p.ID+"/"+p.Slug+"?v=1")
	if !bytes.Contains(page, []byte("12 children")) || !bytes.Contains(page, []byte("You are reading version 1")) {
		t.Error("the earlier version is not readable")
	}
	_, page = get(t, app, "/practices/"+p.ID+"/"+p.Slug)
	if !bytes.Contains(page, []byte("14 children")) || !bytes.Contains(page, []byte("?v=2")) {
		t.Error("the current version or its citation's version is missing")
	}
	_, cite := get(t, app, "/api/v1/practices/"+p.ID+"/citation?format=apa&v=1")
	if !bytes.Contains(cite, []byte("?v=1")) {
		t.Errorf("a citation of version 1 names %s", cite)
	}
}

func TestTrainingPack(t *testing.T) {
	ra := newReviewApp(t)
	ctx := context.Background()
	// The review app starts empty: import a sample.
	pdf, _ := os.ReadFile(filepath.Join("..", "samples", "law-enforcement-compendium.pdf"))
	if _, err := ra.svc.ImportWith(ctx, "law-enforcement-compendium.pdf", pdf, kb.ImportOptions{PublishAll: true}); err != nil {
		t.Fatal(err)
	}
	trainer := &browser{t: t, app: ra.app, cookies: map[string]string{}}
	trainer.login("officer@police.example")
	var ids []string
	for _, q := range []string{"Bhiwandi", "brick kilns", "interview rooms"} {
		res, _ := ra.svc.Search(ctx, kb.Query{Text: q})
		ids = append(ids, res.Hits[0].Practice.ID)
	}
	_, page, _ := trainer.do("GET", "/packs", nil)
	csrf := lastCSRF(page)
	status, _, h := trainer.do("POST", "/packs", url.Values{"_csrf": {csrf}, "title": {"Session 3: rescue and after"}, "intro": {"Three cases for the afternoon."}, "practice": {ids[0]}})
	if status != 303 {
		t.Fatalf("create pack: %d", status)
	}
	packURL := strings.TrimSuffix(h.Get("Location"), "#added")
	packID := strings.TrimPrefix(packURL, "/packs/")
	for _, id := range ids[1:] {
		if status, _, _ := trainer.do("POST", "/packs/add", url.Values{"_csrf": {csrf}, "pack": {packID}, "practice": {id}}); status != 303 {
			t.Fatalf("add case: %d", status)
		}
	}
	trainer.do("POST", packURL, url.Values{"_csrf": {csrf}, "change": {"up"}, "practice": {ids[2]}})
	trainer.do("POST", packURL, url.Values{"_csrf": {csrf}, "change": {"note"}, "practice": {ids[0]}, "note": {"Ask: who called the destination police?"}})
	_, page, _ = trainer.do("GET", packURL, nil)
	order := regexp.MustCompile(`<h2><a href="/practices/([a-z0-9]+)/`).FindAllStringSubmatch(page, -1)
	if len(order) != 3 || order[0][1] != ids[0] || order[1][1] != ids[2] || order[2][1] != ids[1] {
		t.Fatalf("pack order %v, want %v with the third moved up", order, ids)
	}
	share := regexp.MustCompile(`value="(http[^"]+/shared/[^"]+)"`).FindStringSubmatch(page)
	if share == nil {
		t.Fatal("no share link")
	}
	sharePath := strings.TrimPrefix(share[1], "http://example.com")
	anon := &browser{t: t, app: ra.app, cookies: map[string]string{}}
	status, page, _ = anon.do("GET", sharePath, nil)
	if status != 200 || !strings.Contains(page, "Session 3: rescue and after") || strings.Contains(page, "Move up") {
		t.Errorf("the shared pack: %d; must be readable and read-only", status)
	}
	if status, _, _ := anon.do("GET", packURL, nil); status != 303 {
		t.Errorf("the pack's own page without signing in: %d, want a redirect to sign in", status)
	}
	status, page, _ = anon.do("GET", sharePath+"/handout", nil)
	if status != 200 || !strings.Contains(page, "Bibliography") || !strings.Contains(page, "Ask: who called the destination police?") {
		t.Errorf("handout page: %d", status)
	}
	status, handout, hdr := anon.do("GET", sharePath+"/handout.pdf", nil)
	if status != 200 || hdr.Get("Content-Type") != "application/pdf" {
		t.Fatalf("handout PDF: %d %s", status, hdr.Get("Content-Type"))
	}
	// Open the PDF with our own reader and check what a trainee would see.
	doc, err := indexer.Extract("handout.pdf", []byte(handout), indexer.DefaultLimits)
	if err != nil {
		t.Fatalf("the handout PDF does not open: %v", err)
	}
	text := strings.Join(strings.Fields(doc.Text()), " ")
	for _, want := range []string{"Session 3: rescue and after", "Three cases for the afternoon.", "Ask: who called the destination police?", "Bibliography", "Lessons", "Cite as"} {
		if !strings.Contains(text, want) {
			t.Errorf("the handout PDF lacks %q", want)
		}
	}
	if doc.Pages != 5 {
		t.Errorf("handout pages: %d, want 5 (cover, three cases, bibliography)", doc.Pages)
	}
	if pdftoppm, err := exec.LookPath("pdftoppm"); err == nil {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "h.pdf"), []byte(handout), 0o600)
		if out, err := exec.Command(pdftoppm, "-png", "-r", "40", "-f", "1", "-l", "2", filepath.Join(dir, "h.pdf"), filepath.Join(dir, "page")).CombinedOutput(); err != nil {
			t.Errorf("poppler could not render the handout: %v %s", err, out)
		}
	}
	for kind, format := range map[string]string{"bibtex": "bibtex", "ris": "ris", "csl": "csl-json"} {
		status, body, _ := anon.do("GET", sharePath+"/bibliography?format="+format, nil)
		if status != 200 {
			t.Fatalf("bibliography %s: %d", format, status)
		}
		if items := citationJS(t, kind, []byte(body)); len(items) != 3 {
			t.Errorf("the %s bibliography holds %d entries as citation-js reads it, want 3", format, len(items))
		}
	}
}

func lastCSRF(page string) string {
	all := csrfRE.FindAllStringSubmatch(page, -1)
	return all[len(all)-1][1]
}
