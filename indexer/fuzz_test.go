package indexer

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// fuzzWorkers extract in worker processes: a mutated file can make the
// parser loop for ever, which in-process recovery cannot stop; the worker's
// time limit can, and a panic that escaped recovery shows as a crash.
var fuzzWorkers = sync.OnceValue(func() *Isolated {
	cfg := DefaultIsolation
	cfg.Timeout = 10 * time.Second
	cfg.Workers = 1
	return NewIsolated(cfg)
})

// FuzzExtract feeds extraction bytes that are almost PDFs: the samples,
// cut short, with their cross-reference offsets and stream lengths
// wrong. Whatever comes in, extraction returns a document or a classified
// error naming the file; it never crashes. The default run checks the
// seeds only; fuzz with: go test ./indexer -run '^$' -fuzz FuzzExtract -fuzztime 60s
func FuzzExtract(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "samples", "*.pdf"))
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
		f.Add(data[:len(data)/2])
		f.Add(bytes.Replace(data, []byte("/Length "), []byte("/Length 9"), 3))
		f.Add(bytes.Replace(data, []byte("xref"), []byte("xrex"), 1))
	}
	f.Add([]byte("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"))
	f.Add([]byte("%PDF-2.0\n"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := fuzzWorkers().Extract(context.Background(), "fuzz.pdf", data)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.File != "fuzz.pdf" || e.Class == "" || e.Class == ClassCrashed {
				t.Fatalf("a crash, an unclassified error, or one that does not name the file: %v", err)
			}
			return
		}
		if doc.Pages == 0 {
			t.Fatal("a document without pages")
		}
		for _, p := range doc.Practices {
			if p.PageStart < 1 || p.PageEnd < p.PageStart || p.PageEnd > doc.Pages {
				t.Fatalf("case %q on pages %d-%d of %d", p.Title, p.PageStart, p.PageEnd, doc.Pages)
			}
			if p.Confidence < 0 || p.Confidence > 1 {
				t.Fatalf("case %q has confidence %v", p.Title, p.Confidence)
			}
		}
	})
}
