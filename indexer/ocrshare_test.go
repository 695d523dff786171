package indexer

import (
	"context"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/compendium-kb/compendium/indexer/scantest"
)

// TestScansTakeTurnsBetweenOwners: two officers' long scans are being read
// when a third officer's one-page scan comes; it is read first, not after
// them, each file in its own worker process with real OCR. (Shared by
// file, the long scans held both workers and the one page waited for one
// of them to end.)
func TestScansTakeTurnsBetweenOwners(t *testing.T) {
	if testing.Short() {
		t.Skip("OCR of 33 pages")
	}
	for _, prog := range []string{"gs", "pdftoppm", "tesseract"} {
		if _, err := exec.LookPath(prog); err != nil {
			t.Skipf("%s is not installed: %v", prog, err)
		}
	}
	const long = 16
	big, small := scantest.Tiny(t, long, "Rescue at Ranchi station, page"), scantest.Tiny(t, 1, "Bokaro district task force")
	x := NewIsolated(Isolation{Timeout: time.Minute, MaxTime: 10 * time.Minute, MemoryMB: 4096, Workers: 2, Files: 6, OCRPages: 2, Reuse: 10})
	defer x.Close()
	type result struct {
		owner string
		doc   *Document
		err   error
	}
	results := make(chan result, 3)
	read := func(owner string, data []byte) {
		ctx := WithOCROwner(WithOCRLang(context.Background(), "eng"), owner)
		doc, err := x.Extract(ctx, owner+".pdf", data)
		results <- result{owner, doc, err}
	}
	go read("officer:a", big)
	go read("officer:b", big)
	for deadline := time.Now().Add(2 * time.Minute); x.turns.pagesRead("officer:a") == 0 || x.turns.pagesRead("officer:b") == 0; {
		if time.Now().After(deadline) {
			t.Fatal("the long scans were not both read by OCR within 2 minutes")
		}
		time.Sleep(20 * time.Millisecond)
	}
	go read("officer:c", small)
	var order []string
	for range 3 {
		r := <-results
		if r.err != nil {
			t.Fatalf("%s: %v", r.owner, r.err)
		}
		order = append(order, r.owner)
		if r.owner == "officer:c" {
			t.Logf("the one page was read when the long scans had had %d and %d of their %d pages' turns",
				x.turns.pagesRead("officer:a"), x.turns.pagesRead("officer:b"), long)
			if !strings.Contains(r.doc.Text(), "Bokaro") {
				t.Errorf("the one page reads %q, want its line", r.doc.Text())
			}
		} else if r.doc.Pages != long {
			t.Errorf("%s: %d pages, want %d", r.owner, r.doc.Pages, long)
		}
	}
	if order[0] != "officer:c" {
		t.Errorf("files were read in the order %v, want the one-page scan first", order)
	}
}
