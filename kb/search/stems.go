package search

import (
	"sync"

	porterstemmer "github.com/blevesearch/go-porterstemmer"
)

// porterStems remembers the Porter stems of the English words indexed and
// asked for. Stemming is a pure function of the word, and a practice's
// words repeat: its text goes through the stemmer twice (the text and its
// pairs of words) and again when its listed terms are found, and most of
// its words are among a few thousand. Porter took 9% of an import's
// processor time; a lookup costs a fraction of a stem.
var porterStems = stemCache{m: map[string]string{}}

// stemCacheSize bounds the cache: at most this many words (a few MiB).
// Once full it starts again, so odd words in queries cannot grow it.
const stemCacheSize = 1 << 16

// maxCachedWord is the longest word kept: longer ones are rare (a run of
// letters the tokenizer did not split) and would only take room.
const maxCachedWord = 32

// stemCache maps lower-case words to their stems.
type stemCache struct {
	mu sync.RWMutex
	m  map[string]string
}

// stem returns Porter's stem of a lower-case word, as Bleve's Porter filter
// makes it.
func (c *stemCache) stem(w []byte) string {
	if len(w) > maxCachedWord {
		return string(porterstemmer.StemWithoutLowerCasing([]rune(string(w))))
	}
	c.mu.RLock()
	s, ok := c.m[string(w)] // no allocation for a lookup
	c.mu.RUnlock()
	if ok {
		return s
	}
	s = string(porterstemmer.StemWithoutLowerCasing([]rune(string(w))))
	c.mu.Lock()
	if len(c.m) >= stemCacheSize {
		clear(c.m)
	}
	c.m[string(w)] = s
	c.mu.Unlock()
	return s
}
