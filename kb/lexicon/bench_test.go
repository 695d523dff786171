package lexicon

import (
	"runtime"
	"strings"
	"testing"
)

// Figures on a shared two-core amd64 machine (AMD EPYC), Go 1.26, 569
// concepts (go test ./kb/lexicon -run NONE -bench . -benchmem); times
// moved between runs by up to three times, as other programs ran:
//
//	BenchmarkParse      12-33 ms/op  2.6 MB/op  63,000 allocs/op
//	BenchmarkIndex      12-21 ms/op  2.4 MB/op  51,000 allocs/op
//	BenchmarkRetained   1.25 MB kept on the heap by a loaded lexicon
//	BenchmarkAll        110 µs/op    74 kB/op   1 alloc/op
//	BenchmarkLookup     1.0-1.7 µs/op  241 B/op  8 allocs/op
//	BenchmarkIsWord     0.5-1.1 µs/op   40 B/op  2 allocs/op
//
// Parsing and indexing happen once per process, at the first use: 25 to
// 55 ms, once. Building a replacer per key made Lookup take 8 µs and
// 4.7 kB; the replacers are built once.

// BenchmarkParse measures reading and checking the embedded data.
func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(strings.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkIndex measures building the look-up tables of parsed data.
func BenchmarkIndex(b *testing.B) {
	concepts, err := Parse(strings.NewReader(data))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		index(concepts)
	}
}

// BenchmarkRetained measures the heap a loaded lexicon keeps.
func BenchmarkRetained(b *testing.B) {
	var before, after runtime.MemStats
	for b.Loop() {
		runtime.GC()
		runtime.ReadMemStats(&before)
		concepts, err := Parse(strings.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		l := index(concepts)
		runtime.GC()
		runtime.ReadMemStats(&after)
		runtime.KeepAlive(l)
		b.ReportMetric(float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)), "retained-B")
	}
}

// BenchmarkAll measures All, which copies the list of concepts.
func BenchmarkAll(b *testing.B) {
	load()
	b.ReportAllocs()
	for b.Loop() {
		All()
	}
}

// lookups are queries as officers type them, in each script.
var lookups = []string{"bachche gayab", "लापता बच्चे", "brick kiln", "int bhatta", "मज़दूर", "xyzzy"}

// BenchmarkLookup measures one look-up, the queries above in turn.
func BenchmarkLookup(b *testing.B) {
	load()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		Lookup(lookups[i%len(lookups)])
		i++
	}
}

// BenchmarkIsWord measures one word's check, as the spelling suggester
// makes it for each word of a query.
func BenchmarkIsWord(b *testing.B) {
	load()
	words := []string{"bacche", "तस्करी", "kiln", "xyzzy"}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		IsWord(words[i%len(words)])
		i++
	}
}
