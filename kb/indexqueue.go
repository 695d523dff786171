package kb

import (
	"context"
	"runtime"
	"sync"
)

// indexBatch is how many practices go to the index at once. Bleve's
// batches of 1,000 indexed 3,700 practices/s where single ones managed 240.
const indexBatch = 1000

// indexQueue puts parts of practices into the index while the database
// takes the next ones, several parts at a time: Bleve analyses a batch on
// every processor but builds its segment on one, so a second batch in
// flight keeps the other processor busy, and the database's writes (one
// connection, one processor) overlap the index's.
type indexQueue struct {
	index Index
	parts chan []Practice
	wg    sync.WaitGroup

	mu  sync.Mutex
	err error
	n   int // practices indexed
}

// newIndexQueue starts a queue holding up to room parts waiting: enough
// for a whole import, so the database's writer never waits for the index
// (it holds the store's lock); a few for a rebuild, so the database is
// not read into memory faster than it is indexed.
func newIndexQueue(ctx context.Context, index Index, room int) *indexQueue {
	q := &indexQueue{index: index, parts: make(chan []Practice, room)}
	for range indexWorkers() {
		q.wg.Add(1)
		go q.work(ctx)
	}
	return q
}

// indexWorkers is how many batches are indexed at once: one per processor,
// up to four (each holds a batch's analysis in memory).
func indexWorkers() int { return max(1, min(runtime.GOMAXPROCS(0), 4)) }

// add queues a part; the queue keeps it, so the caller must not reuse it.
func (q *indexQueue) add(part []Practice) {
	if len(part) > 0 {
		q.parts <- part
	}
}

func (q *indexQueue) work(ctx context.Context) {
	defer q.wg.Done()
	for part := range q.parts {
		if q.failed() != nil {
			continue // drain: the first error is the answer
		}
		err := q.index.Put(ctx, part)
		q.mu.Lock()
		if err != nil && q.err == nil {
			q.err = err
		} else if err == nil {
			q.n += len(part)
		}
		q.mu.Unlock()
	}
}

// failed returns the first error of the index, if any yet.
func (q *indexQueue) failed() error {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.err
}

// wait indexes what is queued and returns how many practices were indexed
// and the first error.
func (q *indexQueue) wait() (int, error) {
	close(q.parts)
	q.wg.Wait()
	return q.n, q.err
}
