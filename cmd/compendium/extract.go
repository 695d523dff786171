package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/compendium-kb/compendium/indexer"
)

// extractOutput is the JSON that extract prints.
type extractOutput struct {
	File      string              `json:"file"`
	SHA256    string              `json:"sha256"`
	Title     string              `json:"title"`
	Author    string              `json:"author,omitempty"`
	Year      int                 `json:"year,omitempty"`
	Pages     int                 `json:"pages"`
	Practices []indexer.CaseStudy `json:"practices"`
}

func cmdExtract(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("extract", flag.ContinueOnError)
	text := fl.Bool("text", false, "print the document's text, pages separated by form feeds, instead of JSON")
	inProcess := fl.Bool("in-process", false, "extract in this process, without the time and memory limits of a worker")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: compendium extract [--text] FILE.pdf")
		fl.PrintDefaults()
	}
	if err := parseFlags(fl, args, stderr); err != nil {
		return err
	}
	if fl.NArg() != 1 {
		fl.Usage()
		return exitError{2}
	}
	file := fl.Arg(0)
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	var doc *indexer.Document
	if *inProcess {
		doc, err = indexer.Extract(filepath.Base(file), data, indexer.DefaultLimits)
	} else {
		x := indexer.NewIsolated(indexer.DefaultIsolation)
		defer x.Close()
		doc, err = x.Extract(ctx, file, data)
	}
	if err != nil {
		return err
	}
	if *text {
		_, err := io.WriteString(stdout, doc.Text())
		return err
	}
	out := extractOutput{File: filepath.Base(file), SHA256: doc.SHA256, Title: doc.Title, Author: doc.Author, Year: doc.Year, Pages: doc.Pages, Practices: doc.Practices}
	if out.Practices == nil {
		out.Practices = []indexer.CaseStudy{}
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
