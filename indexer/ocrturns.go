package indexer

import (
	"context"
	"sync"
	"time"
)

// ocrTurns shares the pages read by OCR at once between owners, page by
// page and in turn: an owner is the officer a file belongs to, or the
// imports. Sharing by file was not enough: two officers' 500-page scans
// held both extraction workers, and a third officer's one-page file
// waited for them, up to the 30-minute cap. Now each page a worker is
// about to read asks for a turn; the owners with pages waiting take turns
// as places free up, so a one-page file waits for about one page of each
// owner ahead of it, and an owner's own files are read oldest first.
type ocrTurns struct {
	mu   sync.Mutex
	free int                  // places not in use
	ring []*ocrOwner          // owners with pages waiting, in turn order
	byID map[string]*ocrOwner // the owners in ring
	read map[string]int       // pages given a turn, by owner
	now  func() time.Time
}

type ocrOwner struct {
	id   string
	jobs []*ocrJob // files with pages waiting, oldest first
}

// ocrJob is one file's share of the turns.
type ocrJob struct {
	owner string
	// grant lets the file's worker read one page; woken tells the worker's
	// waiter that the file moves again.
	grant, woken func()
	waiting      int // pages asking for a turn
	held         int // pages being read
	idleSince    time.Time
	idle         time.Duration // time spent only waiting for turns
	ended        bool
}

func newOCRTurns(places int) *ocrTurns {
	return &ocrTurns{free: max(places, 1), byID: map[string]*ocrOwner{}, read: map[string]int{}, now: time.Now}
}

// ask queues n pages of j for turns.
func (t *ocrTurns) ask(j *ocrJob, n int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if j.ended || n <= 0 {
		return
	}
	if j.waiting == 0 {
		o := t.byID[j.owner]
		if o == nil {
			o = &ocrOwner{id: j.owner}
			t.byID[j.owner] = o
			t.ring = append(t.ring, o)
		}
		o.jobs = append(o.jobs, j)
	}
	if j.held == 0 && j.waiting == 0 {
		j.idleSince = t.now()
	}
	j.waiting += n
	t.dispatchLocked()
}

// done gives back the places of n pages of j that have been read.
func (t *ocrTurns) done(j *ocrJob, n int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	n = min(n, j.held)
	if j.ended || n <= 0 {
		return
	}
	j.held -= n
	t.free += n
	if j.held == 0 && j.waiting > 0 {
		j.idleSince = t.now()
	}
	t.dispatchLocked()
}

// end takes j out of the turns, its places freed: its file is read, or
// its worker was stopped.
func (t *ocrTurns) end(j *ocrJob) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if j.ended {
		return
	}
	j.ended = true
	t.free += j.held
	j.held = 0
	if j.waiting > 0 {
		j.waiting = 0
		t.dropLocked(j)
	}
	t.dispatchLocked()
}

// dispatchLocked gives free places to the owners in turn, one page each.
func (t *ocrTurns) dispatchLocked() {
	for t.free > 0 && len(t.ring) > 0 {
		o := t.ring[0]
		t.ring = t.ring[1:]
		j := o.jobs[0]
		if j.held == 0 {
			j.idle += t.now().Sub(j.idleSince)
		}
		j.waiting--
		j.held++
		t.free--
		t.read[j.owner]++
		if j.waiting == 0 {
			o.jobs = o.jobs[1:]
		}
		if len(o.jobs) > 0 {
			t.ring = append(t.ring, o) // back of the line
		} else {
			delete(t.byID, o.id)
		}
		j.grant()
		if j.woken != nil {
			j.woken()
		}
	}
}

// dropLocked removes j from its owner's files waiting.
func (t *ocrTurns) dropLocked(j *ocrJob) {
	o := t.byID[j.owner]
	if o == nil {
		return
	}
	for i, x := range o.jobs {
		if x == j {
			o.jobs = append(o.jobs[:i], o.jobs[i+1:]...)
			break
		}
	}
	if len(o.jobs) > 0 {
		return
	}
	delete(t.byID, o.id)
	for i, x := range t.ring {
		if x == o {
			t.ring = append(t.ring[:i], t.ring[i+1:]...)
			break
		}
	}
}

// waiting reports whether j is only waiting for turns (no page of it is
// being read), and for how long in all it has been: time that counts
// neither as a stall nor against its time limit.
func (t *ocrTurns) waiting(j *ocrJob) (now bool, idle time.Duration) {
	t.mu.Lock()
	defer t.mu.Unlock()
	idle = j.idle
	now = j.waiting > 0 && j.held == 0 && !j.ended
	if now {
		idle += t.now().Sub(j.idleSince)
	}
	return now, idle
}

// pagesRead is how many pages of owner have been given a turn.
func (t *ocrTurns) pagesRead(owner string) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.read[owner]
}

type ocrOwnerKey struct{}

// WithOCROwner says whose file is extracted with ctx ("officer:42"), so
// that its scanned pages take turns with other owners' pages. Files with
// no owner share one: the imports.
func WithOCROwner(ctx context.Context, owner string) context.Context {
	return context.WithValue(ctx, ocrOwnerKey{}, owner)
}

// OCROwnerOf is the owner WithOCROwner put in ctx, "" for none.
func OCROwnerOf(ctx context.Context) string {
	owner, _ := ctx.Value(ocrOwnerKey{}).(string)
	return owner
}
