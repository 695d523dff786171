// Package layouts makes a corpus of compendia and report-like documents,
// each laid out the way a different tool or house style would, with the
// truth a reader should find in it. Tests build it in a temporary folder;
// layouts whose tool is missing are skipped with the reason.
package layouts

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"
)

// Case is a case study as a person reads it in a layout.
type Case struct {
	Title     string
	Section   string
	PageStart int
	PageEnd   int
	Years     []int
}

// Layout is one generated document and its truth.
type Layout struct {
	Name       string
	Tool       string // what made the PDF: fpdf, chromium, groff, soffice
	Compendium bool   // false for reports, codebooks and guides
	Title      string // the document's title as a person reads it
	Year       int    // the year the cover states
	Script     string // the writing system when not Latin: "Devanagari"
	Cases      []Case
	// Avoid lists pages no case may start on (contents, preface).
	Avoid []int
	// Words are the words its cases were written with, where a test
	// checks that a script is read back (Hindi, Bengali).
	Words []string
	File  string // the PDF, once built
}

type builder struct {
	name  string
	tool  string // a command that must be present, "" for none
	build func(dir string) (Layout, error)
}

var builders []builder

func register(name, tool string, build func(dir string) (Layout, error)) {
	builders = append(builders, builder{name, tool, build})
}

// Build writes every layout it can into dir. skipped names each layout
// left out and why (a missing tool). The tools run side by side: most of
// their time is spent starting up.
func Build(dir string) (built []Layout, skipped []string, err error) {
	sort.SliceStable(builders, func(i, j int) bool { return builders[i].name < builders[j].name })
	results := make([]Layout, len(builders))
	errs := make([]error, len(builders))
	skips := make([]string, len(builders))
	var wg sync.WaitGroup
	slots := make(chan struct{}, 4)
	for i, b := range builders {
		if why := missing(b.tool); why != "" {
			skipped = append(skipped, b.name+": "+why)
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			slots <- struct{}{}
			defer func() { <-slots }()
			l, err := b.build(dir)
			var m missingError
			if errors.As(err, &m) {
				skips[i] = b.name + ": " + m.Error()
				return
			}
			if err != nil {
				errs[i] = fmt.Errorf("layout %s: %w", b.name, err)
				return
			}
			l.Name, l.Tool = b.name, toolName(b.tool)
			results[i] = l
		}()
	}
	wg.Wait()
	for _, s := range skips {
		if s != "" {
			skipped = append(skipped, s)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, skipped, err
	}
	for _, l := range results {
		if l.Name != "" {
			built = append(built, l)
		}
	}
	return built, skipped, nil
}

// missingError is what a builder returns when something it needs besides
// its tool (a font) is not installed: the layout is skipped, not failed.
type missingError string

func (m missingError) Error() string { return string(m) }

func toolName(t string) string {
	if t == "" {
		return "fpdf"
	}
	return t
}

// missing says why a tool cannot be used, or "" when it can. Layouts made
// by other tools are placed page by page with pdftotext, so they need it
// too.
func missing(tool string) string {
	if tool == "" {
		return ""
	}
	for _, t := range []string{tool, "pdftotext"} {
		if _, err := lookPath(t); err != nil {
			return fmt.Sprintf("%s is not installed (Debian: %s)", t, debianPackage[t])
		}
	}
	return ""
}

var debianPackage = map[string]string{
	"chromium": "chromium", "gropdf": "groff", "soffice": "libreoffice-writer", "pdftotext": "poppler-utils",
}

func write(dir, name string, data []byte) (string, error) {
	path := filepath.Join(dir, name)
	return path, os.WriteFile(path, data, 0o644)
}
