package kb

import (
	"context"
	"fmt"
	"sync"

	"github.com/compendium-kb/compendium/indexer"
)

// The queue of attachments to read. Reading runs in worker processes, and
// a hostile file can hold one for its whole time limit: two such files
// from one officer once held both workers for 60 s while another
// officer's 3-page file waited 58 s. So each user has at most one file
// being read, users with files waiting take turns, and a user can have
// only a few files waiting.
const maxQueuedPerUser = 10

// readingAtOnce is how many users' files are read at once. The extractor
// parses two at a time and shares OCR page by page between users, so a
// file with hundreds of scanned pages must not keep another user's file
// from reaching it: with two places, two officers' 500-page scans kept a
// third officer's one page queued until one of them ended. Four leaves
// the extractor's other files in workers (six) to imports.
const readingAtOnce = 4

type extraction struct {
	doc *indexer.Document
	err error
}

type extractJob struct {
	run  func(context.Context) (*indexer.Document, error)
	done chan extraction
}

type extractQueue struct {
	mu       sync.Mutex
	free     int                      // worker places not in use
	running  map[string]bool          // users with a file being read
	waiting  map[string][]*extractJob // files waiting, by user
	turns    []string                 // users with files waiting, in turn order
	maxQueue int
}

func newExtractQueue(workers, maxQueue int) *extractQueue {
	return &extractQueue{free: workers, running: map[string]bool{}, waiting: map[string][]*extractJob{}, maxQueue: maxQueue}
}

// add queues a file of a user's; its result comes on the channel.
func (q *extractQueue) add(user string, run func(context.Context) (*indexer.Document, error)) (<-chan extraction, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.waiting[user]) >= q.maxQueue {
		return nil, &ValidationError{Fields: map[string]string{"files": fmt.Sprintf(
			"You have %d files waiting to be read; add more when they are done.", q.maxQueue)}}
	}
	j := &extractJob{run: run, done: make(chan extraction, 1)}
	if len(q.waiting[user]) == 0 {
		q.turns = append(q.turns, user)
	}
	q.waiting[user] = append(q.waiting[user], j)
	q.startLocked()
	return j.done, nil
}

// startLocked starts the next files in turn while places are free: the
// first user in turn order without a file being read.
func (q *extractQueue) startLocked() {
	for q.free > 0 {
		i := 0
		for i < len(q.turns) && q.running[q.turns[i]] {
			i++
		}
		if i == len(q.turns) {
			return
		}
		user := q.turns[i]
		j := q.waiting[user][0]
		q.waiting[user] = q.waiting[user][1:]
		q.turns = append(q.turns[:i], q.turns[i+1:]...)
		if len(q.waiting[user]) > 0 {
			q.turns = append(q.turns, user) // back of the line
		} else {
			delete(q.waiting, user)
		}
		q.free--
		q.running[user] = true
		go q.run(user, j)
	}
}

func (q *extractQueue) run(user string, j *extractJob) {
	doc, err := j.run(context.Background())
	j.done <- extraction{doc: doc, err: err}
	q.mu.Lock()
	defer q.mu.Unlock()
	q.free++
	delete(q.running, user)
	q.startLocked()
}
