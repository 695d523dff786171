package indexer

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
)

// What a worker writes to its standard error besides its last words, each
// a line of its own that the parent takes out:
const (
	// progressMark: another page has been read by OCR (its turn is over).
	progressMark = "\x00progress\n"
	// turnMark: a page is about to be read by OCR and waits for a turn,
	// granted by a byte on the worker's turns pipe.
	turnMark = "\x00turn\n"
	// endMark: the file is done, written before its result, so that the
	// parent has seen every mark of a file before it hands the worker
	// the next (standard error and output are separate pipes).
	endMark = "\x00end\n"
)

// turnsFD is the worker's descriptor on which turns are granted: the
// first of exec.Cmd's ExtraFiles.
const turnsFD = 3

// pageDone is called after each page read by OCR; a worker reports it to
// the parent, whose clock then starts again and whose turn is over.
var pageDone = func() {}

// pageTurn is called before each page read by OCR; a worker waits there
// for the parent to grant the page a turn. In process it returns at once.
var pageTurn = func() {}

// workerTurns makes pageTurn ask the parent for each page's turn.
func workerTurns() {
	grants := os.NewFile(turnsFD, "turns")
	var mu sync.Mutex // one byte for each page asking
	pageTurn = func() {
		_, _ = os.Stderr.WriteString(turnMark)
		mu.Lock()
		defer mu.Unlock()
		var b [1]byte
		if _, err := io.ReadFull(grants, b[:]); err != nil {
			os.Exit(0) // the parent is gone or stopping us
		}
	}
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
// words. The marks are taken out: progress signals progress, and all are
// counted and handed to onMarks.
type tailBuffer struct {
	mu       sync.Mutex
	buf      []byte
	max      int
	progress chan struct{}
	marks    atomic.Int64 // progress marks seen
	ends     atomic.Int64 // end marks seen
	// onMarks, when set, hears of the turn and progress marks of each
	// write, in the order of the writes.
	onMarks func(turns, pages int)
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	written := len(p)
	s := string(p)
	pages, turns, ends := strings.Count(s, progressMark), strings.Count(s, turnMark), strings.Count(s, endMark)
	if pages+turns+ends > 0 {
		t.marks.Add(int64(pages))
		t.ends.Add(int64(ends))
		if t.onMarks != nil && pages+turns > 0 {
			t.onMarks(turns, pages)
		}
		if t.progress != nil && pages+ends > 0 {
			select {
			case t.progress <- struct{}{}:
			default:
			}
		}
		p = []byte(strings.NewReplacer(progressMark, "", turnMark, "", endMark, "").Replace(s))
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

// RunWorker serves extraction requests if this process was started as a
// worker, and exits when its input ends. Otherwise it returns at once.
func RunWorker() {
	spec, ok := os.LookupEnv(workerEnv)
	if !ok {
		return
	}
	var memMB, maxPages, turns int
	fmt.Sscanf(spec, "%d:%d:%d", &memMB, &maxPages, &turns)
	if memMB > 0 {
		limit := uint64(memMB) << 20
		if err := capMemory(limit); err != nil {
			// Without its cap a hostile PDF could take the machine's
			// memory: the worker refuses to serve, and the file fails
			// with this message instead.
			fmt.Fprintf(os.Stderr, "the extraction worker cannot cap its memory at %d MiB: %v\n", memMB, err)
			os.Exit(4)
		}
		debug.SetMemoryLimit(int64(limit) / 2)
	}
	debug.SetMaxStack(256 << 20)
	pageDone = func() { _, _ = os.Stderr.WriteString(progressMark) }
	if turns == turnsFD {
		workerTurns()
	}
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
		_, _ = os.Stderr.WriteString(endMark)
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

// capMemory limits the worker's address space to limit bytes. A limit
// that cannot be set is no failure when the one in force is lower.
func capMemory(limit uint64) error {
	err := syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: limit, Max: limit})
	if err == nil {
		return nil
	}
	var have syscall.Rlimit
	if syscall.Getrlimit(syscall.RLIMIT_AS, &have) == nil && have.Cur <= limit {
		return nil
	}
	return err
}
