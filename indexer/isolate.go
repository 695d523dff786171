package indexer

import (
	"bufio"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
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
	// parser still is.
	Timeout  time.Duration
	MaxTime  time.Duration // per file, however steady its progress
	MemoryMB int           // address-space limit for each worker
	MaxBytes int64         // larger files are refused before parsing
	Limits   Limits
	Workers  int // at most this many files at once
	Reuse    int // files a worker serves before it is replaced
}

// DefaultIsolation is the configuration the commands use.
var DefaultIsolation = Isolation{
	Timeout: 60 * time.Second, MaxTime: 30 * time.Minute, MemoryMB: 4096, MaxBytes: 256 << 20, Limits: DefaultLimits,
	Workers: 2, Reuse: 200,
}

// Isolated extracts in child processes, so that a PDF that makes the
// parser loop forever or eat memory costs a time-out, not the caller. It
// keeps workers between files: starting a process per file would cost
// more than most files take to read.
type Isolated struct {
	cfg  Isolation
	sem  chan struct{}
	mu   sync.Mutex
	idle []*worker
}

// NewIsolated makes an extractor with the given limits.
func NewIsolated(cfg Isolation) *Isolated {
	if cfg.Workers < 1 {
		cfg.Workers = 1
	}
	if cfg.Limits.MaxPages == 0 {
		cfg.Limits = DefaultLimits
	}
	return &Isolated{cfg: cfg, sem: make(chan struct{}, cfg.Workers)}
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

// Extract runs extraction of data in a worker process.
func (x *Isolated) Extract(ctx context.Context, name string, data []byte) (*Document, error) {
	if x.cfg.MaxBytes > 0 && int64(len(data)) > x.cfg.MaxBytes {
		return nil, &Error{File: name, Class: ClassTooLarge, Err: fmt.Errorf("%d bytes is over the limit of %d", len(data), x.cfg.MaxBytes)}
	}
	select {
	case x.sem <- struct{}{}:
		defer func() { <-x.sem }()
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	w, err := x.worker()
	if err != nil {
		return nil, fmt.Errorf("%s: starting the extraction worker: %w", name, err)
	}
	limit := x.cfg.MaxTime
	if limit < x.cfg.Timeout {
		limit = x.cfg.Timeout
	}
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	done := make(chan struct{})
	var res workerResult
	var rerr error
	go func() {
		defer close(done)
		res, rerr = w.do(OCRLangOf(ctx, x.cfg.Limits.OCRLang), data)
	}()
	if err := w.wait(ctx, done, x.cfg.Timeout); err != nil {
		w.stop()
		<-done
		switch {
		case errors.Is(err, errStalled):
			return nil, &Error{File: name, Class: ClassTimeout, Err: fmt.Errorf("extraction made no progress for %s", x.cfg.Timeout)}
		case errors.Is(err, context.DeadlineExceeded):
			return nil, &Error{File: name, Class: ClassTimeout, Err: fmt.Errorf("extraction took longer than %s", limit)}
		}
		return nil, err
	}
	if rerr != nil {
		w.stop()
		class := ClassCrashed
		if tail := w.stderr.String(); strings.Contains(tail, "out of memory") || strings.Contains(tail, "cannot allocate memory") {
			class = ClassTooLarge
		}
		return nil, &Error{File: name, Class: class, Err: fmt.Errorf("the extraction worker died: %s", lastLine(w.stderr.String()))}
	}
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

var errStalled = errors.New("no progress")

// wait waits for done while the worker shows progress at least once
// every idle.
func (w *worker) wait(ctx context.Context, done <-chan struct{}, idle time.Duration) error {
	timer := time.NewTimer(idle)
	defer timer.Stop()
	for {
		select {
		case <-done:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		case <-w.stderr.progress:
			timer.Reset(idle)
		case <-timer.C:
			return errStalled
		}
	}
}

// worker is one child process serving requests in turn.
type worker struct {
	cmd    *exec.Cmd
	in     io.WriteCloser
	out    *bufio.Reader
	stderr *tailBuffer
	served int
	once   sync.Once
}

func startWorker(cfg Isolation) (*worker, error) {
	exe := cfg.Exe
	if exe == "" {
		var err error
		if exe, err = os.Executable(); err != nil {
			return nil, err
		}
	}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%d:%d", workerEnv, cfg.MemoryMB, cfg.Limits.MaxPages))
	w := &worker{cmd: cmd, stderr: &tailBuffer{max: 4096, progress: make(chan struct{}, 1)}}
	cmd.Stderr = w.stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	w.in, w.out = in, bufio.NewReader(out)
	return w, nil
}

// do sends the OCR languages and one file, and reads one result: each a
// 4-byte big-endian length and the bytes.
func (w *worker) do(lang string, data []byte) (workerResult, error) {
	var res workerResult
	if err := writeFrame(w.in, []byte(lang)); err != nil {
		return res, err
	}
	if err := writeFrame(w.in, data); err != nil {
		return res, err
	}
	reply, err := readFrame(w.out, 1<<31)
	if err != nil {
		return res, err
	}
	return res, json.Unmarshal(reply, &res)
}

func (w *worker) stop() {
	w.once.Do(func() {
		_ = w.in.Close()
		_ = w.cmd.Process.Kill()
		_ = w.cmd.Wait()
	})
}

func writeFrame(wr io.Writer, data []byte) error {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	if _, err := wr.Write(n[:]); err != nil {
		return err
	}
	_, err := wr.Write(data)
	return err
}

func readFrame(r io.Reader, max uint32) ([]byte, error) {
	var n [4]byte
	if _, err := io.ReadFull(r, n[:]); err != nil {
		return nil, err
	}
	size := binary.BigEndian.Uint32(n[:])
	if size > max {
		return nil, fmt.Errorf("frame of %d bytes is over %d", size, max)
	}
	buf := make([]byte, size)
	_, err := io.ReadFull(r, buf)
	return buf, err
}

// tailBuffer keeps the last bytes written to it: a dying worker's last
// words. A write of the progress mark signals progress instead.
type tailBuffer struct {
	mu       sync.Mutex
	buf      []byte
	max      int
	progress chan struct{}
	marks    atomic.Int64 // progress marks seen
}

// progressMark is what a worker writes to its standard error when it has
// read another page by OCR.
const progressMark = "\x00progress\n"

func (t *tailBuffer) Write(p []byte) (int, error) {
	written := len(p)
	if n := strings.Count(string(p), progressMark); n > 0 && t.progress != nil {
		t.marks.Add(int64(n))
		select {
		case t.progress <- struct{}{}:
		default:
		}
		p = []byte(strings.ReplaceAll(string(p), progressMark, ""))
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if len(t.buf) > t.max {
		t.buf = t.buf[len(t.buf)-t.max:]
	}
	return written, nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.buf)
}

func lastLine(s string) string {
	for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
		if strings.HasPrefix(l, "fatal error") || strings.HasPrefix(l, "panic") || strings.HasPrefix(l, "runtime:") {
			return l
		}
	}
	if s = strings.TrimSpace(s); s == "" {
		return "no message"
	}
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

// pageDone is called after each page read by OCR; a worker reports it to
// the parent, whose clock then starts again.
var pageDone = func() {}

// RunWorker serves extraction requests if this process was started as a
// worker, and exits when its input ends. Otherwise it returns at once.
func RunWorker() {
	spec, ok := os.LookupEnv(workerEnv)
	if !ok {
		return
	}
	var memMB, maxPages int
	fmt.Sscanf(spec, "%d:%d", &memMB, &maxPages)
	if memMB > 0 {
		limit := uint64(memMB) << 20
		_ = syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: limit, Max: limit})
		debug.SetMemoryLimit(int64(limit) / 2)
	}
	debug.SetMaxStack(256 << 20)
	pageDone = func() { _, _ = os.Stderr.WriteString(progressMark) }
	if maxPages <= 0 {
		maxPages = DefaultLimits.MaxPages
	}
	in := bufio.NewReader(os.Stdin)
	out := bufio.NewWriter(os.Stdout)
	for {
		lang, err := readFrame(in, 256)
		if err != nil {
			os.Exit(0) // the parent closed our input
		}
		data, err := readFrame(in, 1<<31)
		if err != nil {
			os.Exit(0)
		}
		reply, _ := json.Marshal(serve(data, Limits{MaxPages: maxPages, OCRLang: string(lang)}))
		if writeFrame(out, reply) != nil || out.Flush() != nil {
			os.Exit(3)
		}
		debug.FreeOSMemory()
	}
}

func serve(data []byte, lim Limits) workerResult {
	doc, err := Extract("", data, lim)
	if err == nil {
		return workerResult{Doc: doc}
	}
	var e *Error
	if errors.As(err, &e) {
		return workerResult{Class: e.Class, Page: e.Page, Error: e.Err.Error()}
	}
	return workerResult{Class: ClassDamaged, Error: err.Error()}
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
