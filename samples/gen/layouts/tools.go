package layouts

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// Layouts made by other tools are placed afterwards: each case's first
// page is the page where its title stands, as pdftotext reads it.

func chromiumPDF(dir, name, html string) (string, error) {
	src := filepath.Join(dir, name+".html")
	if err := os.WriteFile(src, []byte(html), 0o600); err != nil {
		return "", err
	}
	pdf := filepath.Join(dir, name+".pdf")
	cmd := exec.Command("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+filepath.Join(dir, name+"-chromium-profile"), "--no-pdf-header-footer",
		"--print-to-pdf="+pdf, "file://"+src)
	if msg, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("chromium: %v: %s", err, msg)
	}
	return pdf, nil
}

func groffPDF(dir, name, macros, src string) (string, error) {
	cmd := exec.Command("groff", macros, "-Tpdf", "-P-pa4")
	cmd.Stdin = strings.NewReader(src)
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("groff: %v", err)
	}
	return write(dir, name+".pdf", out)
}

// sofficePDF converts a document with LibreOffice; through, when set,
// converts it to that format first (docx) and prints that.
func sofficePDF(dir, name, ext, src, through string) (string, error) {
	path, err := write(dir, name+"."+ext, []byte(src))
	if err != nil {
		return "", err
	}
	convert := func(to, file string) error {
		cmd := exec.Command("soffice", "-env:UserInstallation=file://"+filepath.Join(dir, name+"-soffice-profile"),
			"--headless", "--norestore", "--convert-to", to, "--outdir", dir, file)
		if msg, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("soffice --convert-to %s: %v: %s", to, err, msg)
		}
		return nil
	}
	if through != "" {
		if err := convert(through, path); err != nil {
			return "", err
		}
		path = strings.TrimSuffix(path, "."+ext) + "." + through
	}
	if err := convert("pdf", path); err != nil {
		return "", err
	}
	return filepath.Join(dir, name+".pdf"), nil
}

// locate sets each case's pages from where the titles stand; titles
// are searched from the page after skip on.
func locate(pdf string, cases []Case, skip int) error {
	pages, err := pdftotextPages(pdf)
	if err != nil {
		return err
	}
	for i := range cases {
		words := strings.Fields(cases[i].Title)
		probe := strings.Join(words[:min(4, len(words))], " ")
		from := skip + 1
		if i > 0 {
			from = cases[i-1].PageStart
		}
		for pg := from; pg <= len(pages); pg++ {
			if strings.Contains(squash(pages[pg-1]), squash(probe)) {
				cases[i].PageStart = pg
				break
			}
		}
		if cases[i].PageStart == 0 {
			return fmt.Errorf("%s: title %q not found", pdf, probe)
		}
	}
	for i := range cases {
		cases[i].PageEnd = len(pages)
		if i+1 < len(cases) {
			next := cases[i+1]
			cases[i].PageEnd = next.PageStart
			newSection := next.Section != cases[i].Section
			if startsPage(pages[next.PageStart-1], next, newSection) {
				cases[i].PageEnd = next.PageStart - 1
			}
			// A page holding nothing but the next section's heading
			// belongs to no case.
			if end := cases[i].PageEnd; newSection && end > cases[i].PageStart && len(strings.Fields(pages[end-1])) < 12 {
				cases[i].PageEnd--
			}
		}
	}
	return nil
}

// flat joins a text's words with single spaces, mending a hyphenated
// word broken at a line end ("Self-" / "Help").
func flat(s string) string {
	return strings.ReplaceAll(strings.Join(strings.Fields(s), " "), "- ", "-")
}

// squash drops hyphens and spaces: pdftotext sometimes puts a space
// inside a Devanagari cluster ("ई ंट" for "ईंट").
func squash(s string) string { return strings.Join(strings.Fields(unhyphen(s)), "") }

// unhyphen drops hyphens, which some fonts print as glyphs that
// pdftotext does not map back to "-".
func unhyphen(s string) string { return strings.ReplaceAll(s, "-", "") }

// startsPage: the case's title, or the section it opens, is the page's
// first text.
func startsPage(page string, c Case, newSection bool) bool {
	head := flat(page)
	probe := strings.Join(strings.Fields(c.Title)[:min(3, len(strings.Fields(c.Title)))], " ")
	if newSection && c.Section != "" && strings.HasPrefix(head, strings.Fields(c.Section)[0]) {
		return true
	}
	// Within the first 35 letters, spaces aside, and counted in letters,
	// not bytes: a label in Devanagari ("सर्वोत्तम प्रथा २: ") takes three
	// bytes a letter, and pdftotext may split a cluster ("ई ंट").
	page, title := squash(head), squash(probe)
	i := strings.Index(page, title)
	return i >= 0 && utf8.RuneCountInString(page[:i]) < 35
}

func pdftotextPages(pdf string) ([]string, error) {
	out, err := exec.Command("pdftotext", pdf, "-").Output()
	if err != nil {
		return nil, fmt.Errorf("pdftotext: %v", err)
	}
	pages := strings.Split(string(out), "\f")
	if len(pages) > 0 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	return pages, nil
}
