package search

import (
	"container/list"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/compendium-kb/compendium/kb"
)

// resultCache keeps the answers to recent searches, as search engines'
// query result caches do: popular searches ("rescue", a state's cases)
// repeat, and scoring and counting facets over a large index costs far
// more than a lookup. Any change to the index makes every entry stale.
type resultCache struct {
	mu      sync.Mutex
	max     int
	order   *list.List // most recent first
	entries map[string]*list.Element
	gen     atomic.Uint64 // bumped by every change to the index
	hits    atomic.Uint64
	misses  atomic.Uint64
}

type cached struct {
	key string
	gen uint64
	res kb.IndexResults
}

func newResultCache(max int) *resultCache {
	return &resultCache{max: max, order: list.New(), entries: map[string]*list.Element{}}
}

// cacheKey is the whole query, every field printed with its name: a
// field added to kb.Query is part of the key without a change here
// (TestCacheKeyCoversEveryField).
func cacheKey(q kb.Query) string { return fmt.Sprintf("%#v", q) }

func (c *resultCache) get(key string) (kb.IndexResults, bool) {
	if c == nil || c.max == 0 {
		return kb.IndexResults{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.entries[key]
	if !ok || el.Value.(*cached).gen != c.gen.Load() {
		c.misses.Add(1)
		return kb.IndexResults{}, false
	}
	c.order.MoveToFront(el)
	c.hits.Add(1)
	return el.Value.(*cached).res, true
}

func (c *resultCache) put(key string, gen uint64, res kb.IndexResults) {
	if c == nil || c.max == 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen.Load() {
		return // the index changed while this search ran
	}
	if el, ok := c.entries[key]; ok {
		el.Value = &cached{key, gen, res}
		c.order.MoveToFront(el)
		return
	}
	c.entries[key] = c.order.PushFront(&cached{key, gen, res})
	for c.order.Len() > c.max {
		old := c.order.Back()
		c.order.Remove(old)
		delete(c.entries, old.Value.(*cached).key)
	}
}

// invalidate marks every entry stale.
func (c *resultCache) invalidate() {
	if c != nil {
		c.gen.Add(1)
	}
}
