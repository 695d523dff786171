package indexer

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// turnsLog runs jobs on ocrTurns by hand: each grant is logged by owner
// and held as a page being read until finish reads the oldest.
type turnsLog struct {
	t       *ocrTurns
	granted []string
	reading []*ocrJob
}

func (l *turnsLog) job(owner, file string) *ocrJob {
	j := &ocrJob{owner: owner}
	j.grant = func() {
		l.granted = append(l.granted, file)
		l.reading = append(l.reading, j)
	}
	return j
}

// finish reads the oldest page being read.
func (l *turnsLog) finish() {
	j := l.reading[0]
	l.reading = l.reading[1:]
	l.t.done(j, 1)
}

// TestTurnsGoRoundBetweenOwners: two owners' long scans and a third
// owner's one page share two places; the one page is read after one more
// page of each (in the order they asked), and the long scans then
// alternate, one page each. An owner's second file waits for its first.
func TestTurnsGoRoundBetweenOwners(t *testing.T) {
	l := &turnsLog{t: newOCRTurns(2)}
	a, b, c := l.job("a", "a"), l.job("b", "b"), l.job("c", "c")
	l.t.ask(a, 6)
	l.t.ask(b, 6)
	l.t.ask(c, 1)
	a2 := l.job("a", "a2")
	l.t.ask(a2, 1)
	for len(l.reading) > 0 {
		l.finish()
	}
	// a took both free places; then a, b, c in turn, c's one page third;
	// a's second file takes a's turn once its first is read.
	const want = "a a a b c a b a b a b a2 b b"
	if got := strings.Join(l.granted, " "); got != want {
		t.Errorf("pages were read in the order %s, want %s", got, want)
	}
	if a.held+b.held+c.held+a2.held != 0 || l.t.free != 2 || len(l.t.ring) != 0 {
		t.Errorf("after every page: held %d %d %d %d, %d places free, %d owners waiting; want 0, 2 and 0",
			a.held, b.held, c.held, a2.held, l.t.free, len(l.t.ring))
	}
}

// TestEndedJobFreesItsTurns: a file whose worker is stopped mid-scan gives
// back the places of its pages being read and its pages waiting, and a
// late mark of it changes nothing.
func TestEndedJobFreesItsTurns(t *testing.T) {
	l := &turnsLog{t: newOCRTurns(2)}
	a, b := l.job("a", "a"), l.job("b", "b")
	l.t.ask(a, 5)
	l.t.ask(b, 2)
	l.t.end(a)
	if got := strings.Join(l.granted, " "); got != "a a b b" {
		t.Errorf("grants %q, want a's two, then b's two once a ended", got)
	}
	l.t.done(a, 2) // a late progress mark of the ended file
	if l.t.free != 0 || b.held != 2 {
		t.Errorf("after a late mark: %d places free, b holds %d; want 0 and 2", l.t.free, b.held)
	}
}

// TestTimeQueuedIsNotTheFilesOwn: the time a file has pages waiting and
// none being read is counted as queued; the time a page of it is being
// read is not.
func TestTimeQueuedIsNotTheFilesOwn(t *testing.T) {
	clock := time.Unix(0, 0)
	l := &turnsLog{t: newOCRTurns(1)}
	l.t.now = func() time.Time { return clock }
	a, b := l.job("a", "a"), l.job("b", "b")
	l.t.ask(a, 1)
	l.t.ask(b, 1)
	clock = clock.Add(5 * time.Second)
	if queued, idle := l.t.waiting(b); !queued || idle != 5*time.Second {
		t.Errorf("b behind a's page: queued %v for %s, want true for 5s", queued, idle)
	}
	l.finish() // b's page starts
	clock = clock.Add(7 * time.Second)
	if queued, idle := l.t.waiting(b); queued || idle != 5*time.Second {
		t.Errorf("b being read: queued %v for %s, want false, 5s in all", queued, idle)
	}
}

// A file whose pages wait for OCR turns longer than the idle limit is
// not stalled, and that time does not count against its time limit.
func TestWaitForgivesTimeQueued(t *testing.T) {
	const idle = 100 * time.Millisecond
	for _, c := range []struct {
		name   string
		queued bool
		want   error
	}{
		{name: "queued for six idle limits, over its own limit of three", queued: true, want: nil},
		{name: "silent, not queued", queued: false, want: errStalled},
	} {
		w := &worker{stderr: &tailBuffer{max: 64, progress: make(chan struct{}, 1)}}
		done := make(chan struct{})
		start := time.Now()
		go func() {
			time.Sleep(6 * idle)
			close(done)
		}()
		queued := func() (bool, time.Duration) {
			if !c.queued {
				return false, 0
			}
			return true, time.Since(start)
		}
		if err := w.wait(context.Background(), done, idle, 3*idle, queued); !errors.Is(err, c.want) {
			t.Errorf("%s: wait = %v, want %v", c.name, err, c.want)
		}
		<-done
	}
	w := &worker{stderr: &tailBuffer{max: 64, progress: make(chan struct{}, 1)}}
	never := make(chan struct{})
	go func() { // steady progress, never done
		for range 8 {
			time.Sleep(idle / 2)
			w.stderr.Write([]byte(progressMark))
		}
	}()
	if err := w.wait(context.Background(), never, idle, 3*idle, nil); !errors.Is(err, errTooLong) {
		t.Errorf("steady progress past the time limit: wait = %v, want %v", err, errTooLong)
	}
}
