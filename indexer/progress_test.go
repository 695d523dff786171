package indexer

import (
	"context"
	"errors"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// A worker that keeps reporting progress is waited for past its idle
// limit; one that goes quiet is stopped after it.
func TestWaitFollowsProgress(t *testing.T) {
	const idle = 150 * time.Millisecond
	for _, c := range []struct {
		name   string
		beats  int // progress marks, one every 50 ms, before the work ends
		silent bool
		want   error
	}{
		{name: "steady progress for four times the idle limit", beats: 12, want: nil},
		{name: "silent for longer than the idle limit", silent: true, want: errStalled},
	} {
		w := &worker{stderr: &tailBuffer{max: 64, progress: make(chan struct{}, 1)}}
		done := make(chan struct{})
		go func() {
			defer close(done)
			if c.silent {
				time.Sleep(4 * idle)
				return
			}
			for range c.beats {
				time.Sleep(50 * time.Millisecond)
				w.stderr.Write([]byte(progressMark))
			}
		}()
		err := w.wait(context.Background(), done, idle, 0, nil)
		if !errors.Is(err, c.want) {
			t.Errorf("%s: wait = %v, want %v", c.name, err, c.want)
		}
		<-done
		if got := w.stderr.String(); got != "" {
			t.Errorf("%s: progress marks kept as the worker's last words: %q", c.name, got)
		}
	}
}

// The extraction worker reports each page it reads by OCR, so a long scan
// is limited by its progress, not by one time limit for the whole file.
func TestWorkerReportsOCRProgress(t *testing.T) {
	if testing.Short() {
		t.Skip("OCR takes seconds a page")
	}
	for _, prog := range []string{"gs", "pdftoppm", "tesseract"} {
		if _, err := exec.LookPath(prog); err != nil {
			t.Skipf("%s is not installed: %v", prog, err)
		}
	}
	scan := makeScan(t, filepath.Join("..", "samples", ocrSample+".pdf"), "-dLastPage=2")
	x := NewIsolated(Isolation{Timeout: 2 * time.Minute, MaxTime: 4 * time.Minute, MemoryMB: 4096, Workers: 1, Reuse: 10})
	defer x.Close()
	doc, err := x.Extract(context.Background(), "scan.pdf", scan)
	if err != nil {
		t.Fatalf("the two-page scan was not read: %v", err)
	}
	if len(x.idle) != 1 {
		t.Fatalf("%d idle workers after one file, want 1", len(x.idle))
	}
	if got := x.idle[0].stderr.marks.Load(); got != int64(doc.Pages) {
		t.Errorf("the worker reported %d pages read by OCR, want %d", got, doc.Pages)
	}
}
