package ui_test

import (
	"context"
	"mime"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/compendium-kb/compendium/kb"
	"github.com/compendium-kb/compendium/samples"
)

// A trainer's pack of Hindi practices, with a Hindi title and
// introduction, prints as a PDF whose text poppler reads back as written:
// the title, the introduction and each case's title, conjuncts and matras
// whole. The first case's page is rendered at 360 px for the README.
func TestHindiHandoutPDF(t *testing.T) {
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	const (
		title = "उत्तम पहल 1: रेलवे स्टेशनों के माध्यम से लापता बच्चों का पता लगाना"
		intro = "ज़िला प्रशिक्षण कार्यक्रम के लिए तीन मामले: क्षेत्र, मित्र और श्रमिक किशोरियों की सुरक्षा।"
	)
	trainer, packURL, ps := hindiPack(t, newReviewApp(t), title, intro, 3)
	// The trainer reads the site in Hindi: the handout's headings follow.
	if status, _, _ := trainer.do("GET", "/display?lang=hi&back=/", nil); status != 303 {
		t.Fatalf("choosing Hindi: %d", status)
	}
	status, pdf, hdr := trainer.do("GET", packURL+"/handout.pdf", nil)
	if status != 200 || hdr.Get("Content-Type") != "application/pdf" {
		t.Fatalf("handout PDF: %d %s", status, hdr.Get("Content-Type"))
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "handout.pdf")
	if err := os.WriteFile(path, []byte(pdf), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdftotext, "-enc", "UTF-8", path, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v %s", err, out)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	for _, want := range []string{title, intro, ps[0].Title, ps[1].Title, ps[2].Title, "संदर्भ सूची", "सारांश", "उत्तर प्रदेश"} {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext does not read %q back from the handout; it read:\n%s", want, out)
		}
	}
	if strings.Contains(text, "Uttar Pradesh") {
		t.Error("the Hindi handout names a state in English")
	}
	if _, params, err := mime.ParseMediaType(hdr.Get("Content-Disposition")); err != nil || params["filename"] != title+".pdf" {
		t.Errorf("the handout downloads as %q (%v), want the title as its name", hdr.Get("Content-Disposition"), err)
	}
	screenshotHandout(t, path)
}

// The pack's bibliography in each export format carries the Hindi titles
// as written, as citation-js reads them.
func TestHindiBibliography(t *testing.T) {
	ra := newReviewApp(t)
	doc, ps, err := samples.Hindi()
	if err != nil {
		t.Fatal(err)
	}
	if err := ra.svc.SavePractices(context.Background(), doc, nil, ps); err != nil {
		t.Fatal(err)
	}
	trainer := &browser{t: t, app: ra.app, cookies: map[string]string{}}
	trainer.login("officer@police.example")
	_, page, _ := trainer.do("GET", "/packs", nil)
	status, _, h := trainer.do("POST", "/packs", url.Values{"_csrf": {lastCSRF(page)}, "title": {"बाल श्रम"}, "practice": {ps[2].ID}})
	if status != 303 {
		t.Fatalf("create pack: %d", status)
	}
	packURL := strings.TrimSuffix(h.Get("Location"), "#added")
	for kind, format := range map[string]string{"bibtex": "bibtex", "ris": "ris", "csl": "csl-json"} {
		status, body, hdr := trainer.do("GET", packURL+"/bibliography?format="+format, nil)
		if status != 200 {
			t.Fatalf("bibliography %s: %d", format, status)
		}
		items := citationJS(t, kind, []byte(body))
		if len(items) != 1 || items[0]["title"] != ps[2].Title {
			t.Errorf("the %s export reads back as %v, want the title %q", format, items, ps[2].Title)
		}
		if _, params, _ := mime.ParseMediaType(hdr.Get("Content-Disposition")); !strings.HasPrefix(params["filename"], "बाल श्रम.") {
			t.Errorf("the %s export downloads as %q, want the pack's title as its name", format, hdr.Get("Content-Disposition"))
		}
	}
}

// screenshotHandout renders the handout's first case page 360 px wide.
func screenshotHandout(t *testing.T, pdf string) {
	pdftoppm, err := exec.LookPath("pdftoppm")
	if err != nil {
		return
	}
	name := filepath.Join(screenshotDir(t), "handout-hindi-360")
	if out, err := exec.Command(pdftoppm, "-png", "-singlefile", "-f", "2", "-scale-to-x", "360", "-scale-to-y", "-1", pdf, name).CombinedOutput(); err != nil {
		t.Errorf("poppler could not render the handout: %v %s", err, out)
	}
}

// A practice withdrawn after a trainer put it in a pack is not silently
// dropped: the pack page names it with the date and reason, and the
// handout leaves it out.
func TestPackShowsWithdrawnPractices(t *testing.T) {
	ra := newReviewApp(t)
	trainer, packURL, ps := hindiPack(t, ra, "Session 3", "", 2)
	const reason = "Names a child; withdrawn until it is redacted."
	if status, body := ra.api(t, "reviewer", "POST", "/api/v1/practices/"+ps[1].ID+"/withdraw", map[string]string{"reason": reason}); status != 200 {
		t.Fatalf("withdraw: %d %s", status, body)
	}
	_, page, _ := trainer.do("GET", packURL, nil)
	if !strings.Contains(page, "1 practice in this pack has been withdrawn") || !strings.Contains(page, reason) || !strings.Contains(page, ps[1].Title) {
		t.Errorf("the pack page does not name the withdrawn practice with its reason")
	}
	_, handout, _ := trainer.do("GET", packURL+"/handout", nil)
	if strings.Contains(handout, "<h2>2. ") {
		t.Error("the handout still has the withdrawn practice as its second case")
	}
}

// hindiPack publishes the Hindi sample practices and has an officer make a
// pack of the first n of them; it returns the officer's browser, the
// pack's address and the practices.
func hindiPack(t *testing.T, ra reviewApp, title, intro string, n int) (*browser, string, []kb.Practice) {
	t.Helper()
	doc, ps, err := samples.Hindi()
	if err != nil {
		t.Fatal(err)
	}
	if err := ra.svc.SavePractices(context.Background(), doc, nil, ps); err != nil {
		t.Fatal(err)
	}
	trainer := &browser{t: t, app: ra.app, cookies: map[string]string{}}
	trainer.login("officer@police.example")
	_, page, _ := trainer.do("GET", "/packs", nil)
	csrf := lastCSRF(page)
	status, _, h := trainer.do("POST", "/packs", url.Values{"_csrf": {csrf}, "title": {title}, "intro": {intro}, "practice": {ps[0].ID}})
	if status != 303 {
		t.Fatalf("create pack: %d", status)
	}
	packURL := strings.TrimSuffix(h.Get("Location"), "#added")
	for _, p := range ps[1:n] {
		if status, _, _ := trainer.do("POST", "/packs/add", url.Values{"_csrf": {csrf}, "pack": {strings.TrimPrefix(packURL, "/packs/")}, "practice": {p.ID}}); status != 303 {
			t.Fatalf("add %s: %d", p.ID, status)
		}
	}
	return trainer, packURL, ps
}
