package indexer

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"
)

// workerEnv, when set, makes the process an extraction worker: requests on
// stdin, results on stdout. Any binary that calls RunWorker early in main
// (or TestMain) can serve as its own worker.
const workerEnv = "COMPENDIUM_EXTRACT_WORKER"

// Isolation configures extraction in worker processes.
type Isolation struct {
	Exe string // the worker binary; "" means this executable
	// Timeout is how long a file may go without progress: a worker that
	// reads a scan reports each page it has read, and each report starts
	// the clock again, so a long scan is not cut off while a looping
	// parser still is. Time spent waiting for OCR turns does not count.
	Timeout time.Duration
	// MaxTime is per file, however steady its progress: the file's own
	// time, less what it spent only waiting for OCR turns.
	MaxTime  time.Duration
	MemoryMB int   // address-space limit for each worker
	MaxBytes int64 // larger files are refused before parsing
	Limits   Limits
	// Workers is how many files are parsed at once. A file that reaches
	// its scanned pages gives its place up: its pages then wait for OCR
	// turns, shared page by page between owners (ocrTurns).
	Workers int
	// Files is how many files may be in workers at once, parsed or
	// waiting for OCR turns; each worker keeps to MemoryMB. 0 means three
	// times Workers.
	Files int
	// OCRPages is how many pages are read by OCR at once across all
	// workers; 0 means one per processor.
	OCRPages int
	Reuse    int // files a worker serves before it is replaced
}

// DefaultIsolation is the configuration the commands use.
var DefaultIsolation = Isolation{
	Timeout: 60 * time.Second, MaxTime: 30 * time.Minute, MemoryMB: 4096, MaxBytes: 256 << 20, Limits: DefaultLimits,
	Workers: 2, Files: 6, Reuse: 200,
}

// Isolated extracts in child processes, so that a PDF that makes the
// parser loop forever or eat memory costs a time-out, not the caller. It
// keeps workers between files: starting a process per file would cost
// more than most files take to read.
type Isolated struct {
	cfg   Isolation
	files chan struct{} // a place per file in a worker
	sem   chan struct{} // a place per file being parsed
	turns *ocrTurns
	mu    sync.Mutex
	idle  []*worker
}

// NewIsolated makes an extractor with the given limits.
func NewIsolated(cfg Isolation) *Isolated {
	cfg.Workers = max(cfg.Workers, 1)
	if cfg.Files < cfg.Workers {
		cfg.Files = 3 * cfg.Workers
	}
	if cfg.OCRPages < 1 {
		cfg.OCRPages = runtime.NumCPU()
	}
	if cfg.Limits.MaxPages == 0 {
		cfg.Limits = DefaultLimits
	}
	return &Isolated{cfg: cfg, files: make(chan struct{}, cfg.Files), sem: make(chan struct{}, cfg.Workers), turns: newOCRTurns(cfg.OCRPages)}
}

// Close stops the idle workers.
func (x *Isolated) Close() error {
	x.mu.Lock()
	defer x.mu.Unlock()
	for _, w := range x.idle {
		w.stop()
	}
	x.idle = nil
	return nil
}

type workerResult struct {
	Doc   *Document `json:"doc,omitempty"`
	Class Class     `json:"class,omitempty"`
	Page  int       `json:"page,omitempty"`
	Error string    `json:"error,omitempty"`
}

// Extract runs extraction of data in a worker process. Its scanned pages
// take turns with those of other owners (WithOCROwner).
func (x *Isolated) Extract(ctx context.Context, name string, data []byte) (*Document, error) {
	if x.cfg.MaxBytes > 0 && int64(len(data)) > x.cfg.MaxBytes {
		return nil, &Error{File: name, Class: ClassTooLarge, Err: fmt.Errorf("%d bytes is over the limit of %d", len(data), x.cfg.MaxBytes)}
	}
	yield, leave, err := x.enter(ctx)
	if err != nil {
		return nil, err
	}
	defer leave()
	w, err := x.worker()
	if err != nil {
		return nil, fmt.Errorf("%s: starting the extraction worker: %w", name, err)
	}
	job := w.begin(x.turns, OCROwnerOf(ctx), yield)
	defer x.turns.end(job)
	res, err := x.run(ctx, w, job, OCRLangOf(ctx, x.cfg.Limits.OCRLang), data)
	if err != nil {
		w.stop()
		return nil, x.failure(name, w, err)
	}
	w.finish()
	x.release(w)
	if res.Error != "" {
		return nil, &Error{File: name, Page: res.Page, Class: res.Class, Err: errors.New(res.Error)}
	}
	if res.Doc == nil {
		return nil, &Error{File: name, Class: ClassCrashed, Err: errors.New("the extraction worker sent no document")}
	}
	res.Doc.File = name
	return res.Doc, nil
}

// enter takes a place among the files in workers, then one among those
// being parsed; yield gives the second up, leave both.
func (x *Isolated) enter(ctx context.Context) (yield, leave func(), err error) {
	select {
	case x.files <- struct{}{}:
	case <-ctx.Done():
		return nil, nil, ctx.Err()
	}
	select {
	case x.sem <- struct{}{}:
	case <-ctx.Done():
		<-x.files
		return nil, nil, ctx.Err()
	}
	var once sync.Once
	yield = func() { once.Do(func() { <-x.sem }) }
	return yield, func() { yield(); <-x.files }, nil
}

// errCrashed is a worker that died or broke the protocol mid-file.
var errCrashed = errors.New("the extraction worker died")

// run sends one file to w and waits for its result within the limits.
func (x *Isolated) run(ctx context.Context, w *worker, job *ocrJob, lang string, data []byte) (workerResult, error) {
	done := make(chan struct{})
	var res workerResult
	var rerr error
	go func() {
		defer close(done)
		res, rerr = w.do(lang, data)
	}()
	queued := func() (bool, time.Duration) { return x.turns.waiting(job) }
	if err := w.wait(ctx, done, x.cfg.Timeout, max(x.cfg.MaxTime, x.cfg.Timeout), queued); err != nil {
		w.stop()
		<-done
		return res, err
	}
	if rerr != nil {
		return res, fmt.Errorf("%w: %v", errCrashed, rerr)
	}
	return res, nil
}

// failure says why a file's extraction was stopped.
func (x *Isolated) failure(name string, w *worker, err error) error {
	switch {
	case errors.Is(err, errStalled):
		return &Error{File: name, Class: ClassTimeout, Err: fmt.Errorf("extraction made no progress for %s", x.cfg.Timeout)}
	case errors.Is(err, errTooLong):
		return &Error{File: name, Class: ClassTimeout, Err: fmt.Errorf("extraction took longer than %s", max(x.cfg.MaxTime, x.cfg.Timeout))}
	case !errors.Is(err, errCrashed):
		return err
	}
	class := ClassCrashed
	if tail := w.stderr.String(); strings.Contains(tail, "out of memory") || strings.Contains(tail, "cannot allocate memory") {
		class = ClassTooLarge
	}
	return &Error{File: name, Class: class, Err: fmt.Errorf("the extraction worker died: %s", lastLine(w.stderr.String()))}
}

func (x *Isolated) worker() (*worker, error) {
	x.mu.Lock()
	if n := len(x.idle); n > 0 {
		w := x.idle[n-1]
		x.idle = x.idle[:n-1]
		x.mu.Unlock()
		return w, nil
	}
	x.mu.Unlock()
	return startWorker(x.cfg)
}

func (x *Isolated) release(w *worker) {
	w.served++
	if x.cfg.Reuse > 0 && w.served >= x.cfg.Reuse {
		w.stop()
		return
	}
	x.mu.Lock()
	x.idle = append(x.idle, w)
	x.mu.Unlock()
}

// InProcess extracts in this process: for tests and trusted files. It
// recovers panics but cannot stop a file that loops forever.
type InProcess struct {
	Limits Limits
}

// Extract reads a PDF in this process.
func (x InProcess) Extract(ctx context.Context, name string, data []byte) (*Document, error) {
	lim := x.Limits
	if lim.MaxPages == 0 {
		lim.MaxPages = DefaultLimits.MaxPages
	}
	lim.OCRLang = OCRLangOf(ctx, lim.OCRLang)
	return Extract(name, data, lim)
}
