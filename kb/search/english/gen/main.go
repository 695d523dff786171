// Command gen writes the English word list that spelling suggestions
// treat as dictionary words, from Debian's wbritish and wamerican
// packages (SCOWL word lists; their licence is in COPYING-SCOWL):
//
//	apt-get install wbritish wamerican
//	go generate ./kb/search/english
//
// Users have no /usr/share/dict, so the list ships inside the binary:
// lower-case words of letters a to z only (possessives and words with
// accents left out), one a line, sorted, gzipped.
package main

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"os"
	"slices"
	"strings"
)

var sources = []string{"/usr/share/dict/british-english", "/usr/share/dict/american-english"}

func main() {
	if err := run("words.txt.gz"); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	seen := map[string]bool{}
	for _, src := range sources {
		if err := read(src, seen); err != nil {
			return err
		}
	}
	words := make([]string, 0, len(seen))
	for w := range seen {
		words = append(words, w)
	}
	slices.Sort(words)
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	zw, err := gzip.NewWriterLevel(f, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := zw.Write([]byte(strings.Join(words, "\n") + "\n")); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return f.Close()
}

func read(path string, seen map[string]bool) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("%w (install Debian's wbritish and wamerican)", err)
	}
	defer f.Close() // read only
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		w := strings.ToLower(strings.TrimSpace(sc.Text()))
		if w != "" && strings.Trim(w, "abcdefghijklmnopqrstuvwxyz") == "" {
			seen[w] = true
		}
	}
	return sc.Err()
}
