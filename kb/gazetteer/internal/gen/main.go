// Command gen writes the gazetteer's data file, places.tsv, from the
// downloaded open data (see fetch-sources.sh and ../../SOURCES.md) and the
// hand-kept overrides.tsv beside this file:
//
//	sh kb/gazetteer/internal/gen/fetch-sources.sh gazetteer-src
//	go run ./kb/gazetteer/internal/gen -src gazetteer-src
//
// It fails, writing nothing, when a state or district is left without a
// Hindi name or an override names a place the sources lack, so a new
// edition of a source cannot silently drop what the overrides promise.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(args []string, log io.Writer) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	src := fs.String("src", "", "folder the sources were downloaded to by fetch-sources.sh")
	overrides := fs.String("overrides", "kb/gazetteer/internal/gen/overrides.tsv", "hand-kept overrides")
	words := fs.String("words", "/usr/share/dict/british-english", "word list (Debian's wbritish) that marks ordinary words")
	out := fs.String("out", "kb/gazetteer/places.tsv", "data file to write")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *src == "" {
		return errors.New("-src is required: run fetch-sources.sh first")
	}
	places, err := build(sources{dir: *src, overrides: *overrides, words: *words}, log)
	if err != nil {
		return err
	}
	tmp := *out + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if err := write(f, places); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(log, "wrote %d places to %s\n", len(places), filepath.Clean(*out))
	return os.Rename(tmp, *out)
}

// sources says where each input lies.
type sources struct {
	dir, overrides, words string
}

func (s sources) path(name string) string { return filepath.Join(s.dir, name) }

// build reads every source and returns the places in the data file's order.
func build(s sources, log io.Writer) ([]*record, error) {
	words, err := readWords(s.words)
	if err != nil {
		return nil, err
	}
	ov, err := readOverrides(s.overrides)
	if err != nil {
		return nil, err
	}
	g := newGazetteer()
	if err := readIndia(g, s, ov, words); err != nil {
		return nil, err
	}
	if err := ov.unused(); err != nil {
		return nil, err
	}
	if err := readAbroad(g, s); err != nil {
		return nil, err
	}
	if err := ov.apply(g); err != nil {
		return nil, err
	}
	g.dropDistrictTowns()
	if err := g.checkHindi(); err != nil {
		return nil, err
	}
	g.finish(words, ov.common)
	fmt.Fprintln(log, g.summary())
	return g.sorted(), nil
}
