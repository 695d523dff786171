package indexer

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime/debug"
	"strings"
	"syscall"
	"time"
)

// workerEnv, when set, makes the process an extraction worker: PDF bytes on
// stdin, a JSON result on stdout. Any binary that calls RunWorker early in
// main (or TestMain) can serve as its own worker.
const workerEnv = "COMPENDIUM_EXTRACT_WORKER"

// Isolated extracts in a child process, so that a PDF that makes the
// parser loop forever or eat memory costs a time-out, not the server.
type Isolated struct {
	Exe      string        // the worker binary; "" means this executable
	Timeout  time.Duration // per file
	MemoryMB int           // address-space limit for the worker
	MaxBytes int64         // larger files are refused before parsing
	Limits   Limits
}

// DefaultIsolated is the configuration the commands use.
var DefaultIsolated = Isolated{Timeout: 60 * time.Second, MemoryMB: 4096, MaxBytes: 256 << 20, Limits: DefaultLimits}

type workerResult struct {
	Doc   *Document `json:"doc,omitempty"`
	Class Class     `json:"class,omitempty"`
	Page  int       `json:"page,omitempty"`
	Error string    `json:"error,omitempty"`
}

// Extract runs extraction of data in a worker process.
func (x Isolated) Extract(ctx context.Context, name string, data []byte) (*Document, error) {
	if x.MaxBytes > 0 && int64(len(data)) > x.MaxBytes {
		return nil, &Error{File: name, Class: ClassTooLarge, Err: fmt.Errorf("%d bytes is over the limit of %d", len(data), x.MaxBytes)}
	}
	exe := x.Exe
	if exe == "" {
		var err error
		if exe, err = os.Executable(); err != nil {
			return nil, fmt.Errorf("finding the extraction worker: %w", err)
		}
	}
	ctx, cancel := context.WithTimeout(ctx, x.Timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe)
	cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%d:%d", workerEnv, x.MemoryMB, x.Limits.MaxPages))
	cmd.Stdin = bytes.NewReader(data)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.WaitDelay = 2 * time.Second
	err := cmd.Run()
	if ctx.Err() == context.DeadlineExceeded {
		return nil, &Error{File: name, Class: ClassTimeout, Err: fmt.Errorf("extraction took longer than %s", x.Timeout)}
	}
	if err != nil {
		class := ClassCrashed
		if strings.Contains(stderr.String(), "out of memory") {
			class = ClassTooLarge
		}
		return nil, &Error{File: name, Class: class, Err: fmt.Errorf("worker failed: %v: %s", err, lastLine(stderr.String()))}
	}
	var res workerResult
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		return nil, &Error{File: name, Class: ClassCrashed, Err: fmt.Errorf("worker answer unreadable: %w", err)}
	}
	if res.Error != "" {
		return nil, &Error{File: name, Page: res.Page, Class: res.Class, Err: errors.New(res.Error)}
	}
	res.Doc.File = name
	return res.Doc, nil
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

// RunWorker serves one extraction if this process was started as a worker,
// and then exits. Otherwise it returns at once.
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
		debug.SetMemoryLimit(int64(limit) * 3 / 4)
	}
	if maxPages <= 0 {
		maxPages = DefaultLimits.MaxPages
	}
	data, err := io.ReadAll(os.Stdin)
	var res workerResult
	if err != nil {
		res.Class, res.Error = ClassCrashed, err.Error()
	} else if doc, err := Extract("", data, Limits{MaxPages: maxPages}); err != nil {
		var e *Error
		if errors.As(err, &e) {
			res.Class, res.Page, res.Error = e.Class, e.Page, e.Err.Error()
		} else {
			res.Class, res.Error = ClassDamaged, err.Error()
		}
	} else {
		res.Doc = doc
	}
	if err := json.NewEncoder(os.Stdout).Encode(res); err != nil {
		os.Exit(3)
	}
	os.Exit(0)
}

// InProcess extracts in this process: for tests and trusted files. It
// recovers panics but cannot stop a file that loops forever.
type InProcess struct {
	Limits Limits
}

// Extract reads a PDF in this process.
func (x InProcess) Extract(_ context.Context, name string, data []byte) (*Document, error) {
	lim := x.Limits
	if lim.MaxPages == 0 {
		lim = DefaultLimits
	}
	return Extract(name, data, lim)
}
