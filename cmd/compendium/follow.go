package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/compendium-kb/compendium/kb"
	"github.com/compendium-kb/compendium/kb/mongodb"
)

// maxBehind is how many change-log entries a node catches up on at start;
// further behind, rebuilding its index from the database is quicker.
const maxBehind = 5000

// follower keeps this node's index in step with a database that other
// nodes write too: it records this node's index changes in the shared
// change log, and applies the other nodes' entries to its index.
type follower struct {
	store   *mongodb.Store
	index   kb.Index // this node's own index
	node    string
	posFile string // the last entry applied, kept beside the index
	pos     atomic.Int64
	behind  int64 // the most entries caught up on at start (maxBehind)
	log     *slog.Logger
	stop    context.CancelFunc // ends run
	done    chan struct{}      // closed when run has ended

	settle     time.Duration // how long counts may differ, the log still, before a repair
	now        func() time.Time
	mismatchAt time.Time // when index and database were first seen to differ; zero if not
	mismatchOf int64     // the position then
}

func newFollower(store *mongodb.Store, index kb.Index, posFile string, log *slog.Logger) *follower {
	var b [6]byte
	_, _ = rand.Read(b[:])
	host, _ := os.Hostname()
	return &follower{store: store, index: index, node: fmt.Sprintf("%s/%d/%s", host, os.Getpid(), hex.EncodeToString(b[:])), posFile: posFile, behind: maxBehind, settle: time.Minute, now: time.Now, log: log}
}

// start finds where this node's index stands in the log. It returns true
// when the index must be rebuilt from the database (new, or too far
// behind); the position is then the log's end as read before the rebuild,
// so entries written during it are applied again, which is harmless.
// It trims the log first: the entries it keeps are those a node within
// its limit needs.
func (f *follower) start(ctx context.Context, freshIndex bool) (rebuild bool, err error) {
	if err := f.trim(ctx); err != nil {
		return false, err
	}
	last, err := f.store.LastChange(ctx)
	if err != nil {
		return false, err
	}
	raw, err := os.ReadFile(f.posFile)
	pos, perr := strconv.ParseInt(strings.TrimSpace(string(raw)), 10, 64)
	if freshIndex || err != nil || perr != nil || pos > last || last-pos > f.behind {
		return true, f.moveTo(last)
	}
	f.pos.Store(pos)
	n, err := f.catchUp(ctx)
	if n > 0 {
		f.log.Info("caught up with the other nodes", "changes", n, "position", f.pos.Load())
	}
	return false, err
}

// moveTo records the position of the last entry applied.
func (f *follower) moveTo(seq int64) error {
	f.pos.Store(seq)
	tmp := f.posFile + ".tmp"
	if err := os.WriteFile(tmp, []byte(strconv.FormatInt(seq, 10)+"\n"), 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, f.posFile)
}

// catchUp applies every entry after the position, in order.
func (f *follower) catchUp(ctx context.Context) (int, error) {
	n := 0
	for {
		c, found, err := f.store.ChangeAt(ctx, f.pos.Load()+1)
		if err != nil || !found {
			return n, err
		}
		if c.Node != f.node {
			if err := f.apply(ctx, c); err != nil {
				return n, err
			}
		}
		if err := f.moveTo(c.Seq); err != nil {
			return n, err
		}
		n++
	}
}

// apply re-reads the practices an entry names and puts what exists into
// the index, deleting what no longer does.
func (f *follower) apply(ctx context.Context, c mongodb.Change) error {
	ids := append(append([]string{}, c.Put...), c.Deleted...)
	ps, err := f.store.Practices(ctx, ids)
	if err != nil {
		return err
	}
	found := map[string]bool{}
	for _, p := range ps {
		found[p.ID] = true
	}
	var gone []string
	for _, id := range ids {
		if !found[id] {
			gone = append(gone, id)
		}
	}
	if len(ps) > 0 {
		if err := f.index.Put(ctx, ps); err != nil {
			return err
		}
	}
	if len(gone) > 0 {
		return f.index.Delete(ctx, gone)
	}
	return nil
}

// follow starts polling the log; close stops it.
func (f *follower) follow(ctx context.Context) {
	ctx, f.stop = context.WithCancel(ctx)
	f.done = make(chan struct{})
	go func() {
		defer close(f.done)
		f.run(ctx)
	}()
}

// close stops following and waits for an entry being applied, so that
// the index is closed after its last write.
func (f *follower) close() {
	if f.stop != nil {
		f.stop()
		<-f.done
	}
}

// run polls the log until ctx ends: four times a second, so a change on
// another node is searchable here well within two seconds.
func (f *follower) run(ctx context.Context) {
	t := time.NewTicker(250 * time.Millisecond)
	defer t.Stop()
	for tick := 1; ; tick++ {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		_, err := f.catchUp(ctx)
		if err == nil && tick%120 == 0 { // every 30 s
			err = f.reconcile(ctx)
		}
		if err == nil && tick%14400 == 0 { // every hour
			err = f.trim(ctx)
		}
		if err != nil && !errors.Is(err, context.Canceled) {
			f.log.Warn("following the change log", "err", err, "position", f.pos.Load())
		}
	}
}

// reconcile repairs what the log cannot tell: a node killed between
// writing practices and logging them leaves them out of the other nodes'
// indexes. When the index holds fewer practices than the database for
// longer than settle while no entry arrives (so no import is merely in
// flight), every practice is put into the index again; puts of practices
// it holds change nothing. Fewer in the database (a deletion not logged)
// is only reported: /readyz says the node is out of step.
func (f *follower) reconcile(ctx context.Context) error {
	if gone, err := f.trimmedPast(ctx); err != nil || gone {
		return err
	}
	indexed, err := f.index.Count()
	if err != nil {
		return err
	}
	stored, err := f.store.CountPractices(ctx)
	if err != nil {
		return err
	}
	switch {
	case int(indexed) == stored:
		f.mismatchAt = time.Time{}
		return nil
	case f.mismatchAt.IsZero() || f.mismatchOf != f.pos.Load():
		f.mismatchAt, f.mismatchOf = f.now(), f.pos.Load()
		return nil
	case f.now().Sub(f.mismatchAt) < f.settle:
		return nil
	case int(indexed) > stored:
		return fmt.Errorf("the index holds %d practices, the database %d: restart the node to rebuild its index", indexed, stored)
	}
	f.log.Warn("the index misses practices the change log did not name: indexing them all again", "indexed", indexed, "stored", stored)
	f.mismatchAt = time.Time{}
	svc := kb.Service{Store: f.store, Index: f.index}
	_, err = svc.Reindex(ctx)
	return err
}

// trim deletes the entries no node needs: all but the newest f.behind,
// the most a node catches up on (trimChanges keeps the same number).
func (f *follower) trim(ctx context.Context) error {
	n, err := f.store.TrimChanges(ctx, f.behind)
	if n > 0 {
		f.log.Info("trimmed the change log", "entries", n, "kept", f.behind)
	}
	return err
}

// trimmedPast handles a node that fell so far behind while running that
// its next entry was trimmed away (the log keeps the newest f.behind, so
// then entry pos+f.behind still exists): it would otherwise wait for that
// entry for ever. It puts every practice into the index again and moves
// to the log's end.
func (f *follower) trimmedPast(ctx context.Context) (bool, error) {
	pos := f.pos.Load()
	if _, next, err := f.store.ChangeAt(ctx, pos+1); err != nil || next {
		return false, err
	}
	if _, later, err := f.store.ChangeAt(ctx, pos+f.behind); err != nil || !later {
		return false, err
	}
	last, err := f.store.LastChange(ctx)
	if err != nil {
		return true, err
	}
	f.log.Warn("this node fell behind the trimmed change log: indexing every practice again", "position", pos, "log_end", last)
	svc := kb.Service{Store: f.store, Index: f.index}
	if _, err := svc.Reindex(ctx); err != nil {
		return true, err
	}
	return true, f.moveTo(last)
}

// record appends this node's own index change to the log.
func (f *follower) record(ctx context.Context, put, deleted []string) error {
	_, err := f.store.AppendChange(ctx, mongodb.Change{Node: f.node, Put: put, Deleted: deleted}, f.pos.Load())
	return err
}

// loggedIndex is the index as the service sees it on a shared database:
// each change goes to this node's index, then to the change log for the
// others. The database was written before the index (kb's order), so a
// node that reads an entry finds the practices it names.
type loggedIndex struct {
	kb.Index
	f *follower
}

func (li loggedIndex) Put(ctx context.Context, ps []kb.Practice) error {
	if err := li.Index.Put(ctx, ps); err != nil {
		return err
	}
	ids := make([]string, len(ps))
	for i, p := range ps {
		ids[i] = p.ID
	}
	return li.f.record(ctx, ids, nil)
}

func (li loggedIndex) Delete(ctx context.Context, ids []string) error {
	if err := li.Index.Delete(ctx, ids); err != nil {
		return err
	}
	return li.f.record(ctx, nil, ids)
}

// followShared starts following the change log of a shared database:
// it catches the index up, or empties it for a rebuild when it is new or
// too far behind. It returns whether the index is now empty.
func (st *storage) followShared(ctx context.Context, cfg config, fresh bool, log *slog.Logger) (bool, error) {
	st.follow = newFollower(st.store, st.index, filepath.Join(cfg.data, "index.position"), log)
	rebuild, err := st.follow.start(ctx, fresh)
	if err != nil || !rebuild || fresh {
		return fresh, err
	}
	return true, st.recreateIndex()
}
