package indexer

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sync"
	"time"
)

// The parent's side of an extraction worker: starting it, sending a file,
// waiting for the result within the limits, and passing the turns its
// scanned pages ask for to the extractor's ocrTurns.

var (
	errStalled = errors.New("no progress")
	errTooLong = errors.New("over the time limit")
)

// wait waits for done while the worker shows progress at least once
// every idle, and for at most total of the file's own time (0: no
// limit). While queued reports the file only waiting for OCR turns, it
// is not stalled, and the time it reports so spent is not the file's own.
func (w *worker) wait(ctx context.Context, done <-chan struct{}, idle, total time.Duration, queued func() (bool, time.Duration)) error {
	if queued == nil {
		queued = func() (bool, time.Duration) { return false, 0 }
	}
	start := time.Now()
	stall := time.NewTimer(idle)
	defer stall.Stop()
	var limit <-chan time.Time
	if total > 0 {
		t := time.NewTimer(total)
		defer t.Stop()
		limit = t.C
	}
	for {
		select {
		case <-done:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		case <-w.stderr.progress:
			stall.Reset(idle)
		case <-stall.C:
			if waiting, _ := queued(); !waiting {
				return errStalled
			}
			stall.Reset(idle)
		case <-limit:
			_, waited := queued()
			used := time.Since(start) - waited
			if used >= total {
				return errTooLong
			}
			limit = time.After(total - used)
		}
	}
}

// worker is one child process serving requests in turn.
type worker struct {
	cmd    *exec.Cmd
	in     io.WriteCloser
	out    *bufio.Reader
	grants *os.File // a byte written is a turn for one page
	stderr *tailBuffer
	served int
	once   sync.Once

	mu    sync.Mutex // guards the file being read
	job   *ocrJob
	turns *ocrTurns
	yield func()
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
	cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%d:%d:%d", workerEnv, cfg.MemoryMB, cfg.Limits.MaxPages, turnsFD))
	w := &worker{cmd: cmd, stderr: &tailBuffer{max: 4096, progress: make(chan struct{}, 1)}}
	w.stderr.onMarks = w.marked
	cmd.Stderr = w.stderr
	grants, grantsW, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	defer grants.Close() // the worker's end, ours to close once it started
	cmd.ExtraFiles = []*os.File{grants}
	in, err := cmd.StdinPipe()
	if err == nil {
		var out io.ReadCloser
		if out, err = cmd.StdoutPipe(); err == nil {
			w.out = bufio.NewReader(out)
			err = cmd.Start()
		}
	}
	if err != nil {
		grantsW.Close()
		return nil, err
	}
	w.in, w.grants = in, grantsW
	return w, nil
}

// begin makes the job of the file w is about to read; yield gives up the
// file's parsing place when its scanned pages start asking for turns.
func (w *worker) begin(turns *ocrTurns, owner string, yield func()) *ocrJob {
	j := &ocrJob{owner: owner, grant: w.grant, woken: w.woken}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.job, w.turns, w.yield = j, turns, yield
	return j
}

// marked hears of the turn and progress marks of the file being read.
func (w *worker) marked(turns, pages int) {
	w.mu.Lock()
	j, t, yield := w.job, w.turns, w.yield
	w.mu.Unlock()
	if j == nil {
		return // a file's last mark after it ended: its places are freed
	}
	if turns > 0 {
		yield()
		t.ask(j, turns)
	}
	if pages > 0 {
		t.done(j, pages)
	}
}

// finish waits for the end mark of the file just answered, so that no
// mark of it is taken for the next file's, and forgets the file.
func (w *worker) finish() {
	deadline := time.After(2 * time.Second)
	for w.stderr.ends.Load() <= int64(w.served) {
		select {
		case <-w.stderr.progress:
		case <-deadline:
			w.stderr.ends.Store(int64(w.served + 1)) // counted as seen, whatever comes
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.job = nil
}

// grant lets the worker read a page. A worker that died cannot take it;
// its file's wait notices the death.
func (w *worker) grant() { _, _ = w.grants.Write([]byte{1}) }

// woken counts a turn granted as progress: the page's time starts then.
func (w *worker) woken() {
	select {
	case w.stderr.progress <- struct{}{}:
	default:
	}
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
		_ = w.grants.Close()
		_ = w.cmd.Process.Kill()
		_ = w.cmd.Wait()
	})
}
