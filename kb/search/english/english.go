// Package english knows the words of English, so that spelling
// suggestions never "correct" a word that is spelt right but happens not
// to be in the knowledge base ("begging" is not a typo of "being").
//
// The list is SCOWL's, as Debian packages it in wbritish and wamerican
// (British and American spellings both: officers write "labor" too); its
// licence is in COPYING-SCOWL. gen/ makes words.txt.gz from them.
package english

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"io"
	"sort"
	"strings"
	"sync"
)

//go:generate go run ./gen

//go:embed words.txt.gz
var packed []byte

// words is the sorted list, read on first use (12 ms): 75,000 words
// sharing one string, 1.9 MB of heap, searched by bisection, where a map
// would take about three times as much.
var words = sync.OnceValue(func() []string {
	zr, err := gzip.NewReader(bytes.NewReader(packed))
	if err != nil {
		panic("english: the embedded word list is damaged: " + err.Error()) // built into the binary: every test sees it
	}
	text, err := io.ReadAll(zr)
	if err != nil {
		panic("english: the embedded word list is damaged: " + err.Error())
	}
	return strings.Split(strings.TrimSuffix(string(text), "\n"), "\n")
})

// IsWord reports whether w, in any case, is an English word.
func IsWord(w string) bool {
	w = strings.ToLower(w)
	list := words()
	i := sort.SearchStrings(list, w)
	return i < len(list) && list[i] == w
}

// Len is how many words the list has.
func Len() int { return len(words()) }
