package gazetteer

import (
	"runtime"
	"strings"
	"testing"
)

// BenchmarkLoad reads the data file and builds the maps, as the first
// call does, and reports the heap they keep.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	var kept *index
	for b.Loop() {
		list, err := parse(data)
		if err != nil {
			b.Fatal(err)
		}
		kept = newIndex(list)
	}
	b.StopTimer()
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	list, _ := parse(data)
	kept = newIndex(list)
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "MiB-kept")
	runtime.KeepAlive(kept)
}

func BenchmarkLookup(b *testing.B) {
	places()
	for b.Loop() {
		Lookup("झारखण्ड")
		Lookup("Aurangabad")
	}
}

func BenchmarkNear(b *testing.B) {
	places()
	for b.Loop() {
		Near("Jharkhnd", 5)
	}
}

// BenchmarkFind runs over about 50 KB of a case study's English and Hindi.
func BenchmarkFind(b *testing.B) {
	places()
	text := strings.Repeat(plainEnglish+"\nGirls from Gumla and Simdega were taken via Howrah to Bhiwandi. गुमला जिले की लड़कियों को दिल्ली ले जाया गया।\n", 20)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Find(text, func(int, int, []Place) {})
	}
}
