package search

import (
	"slices"
	"strings"
	"testing"
)

// oldFind is synonyms.find as it was before the keys' words were split
// once: obviously right, and slow.
func oldFind(s *synonyms, text string) ([]string, int) {
	words := termWords(text)
	var out []string
	for i, w := range words {
		if !s.firsts[prefix2(w)] && !isDevanagari(w) {
			continue
		}
		for _, k := range s.starts[stemWord(w)] {
			n := strings.Count(k, " ") + 1
			if i+n > len(words) {
				continue
			}
			match := true
			for j, kw := range strings.Fields(k)[1:] {
				if stemWord(words[i+1+j]) != kw {
					match = false
					break
				}
			}
			if match {
				out = append(out, k)
			}
		}
	}
	return out, len(words)
}

// TestFindAsBefore: the terms found in a text, and its count of words, are
// what the slow version finds, in texts dense with listed terms.
func TestFindAsBefore(t *testing.T) {
	var keys []string
	for k := range defaultSynonyms.alts {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	texts := []string{"", "the Anti Human Trafficking Unit and the Child Welfare Committee met at the railway station",
		"बाल श्रम और बंधुआ मज़दूरी के मामले में मानव तस्करी विरोधी इकाई ने कार्रवाई की"}
	for _, p := range generated(300, 5) {
		texts = append(texts, p.Title+" "+p.Text)
	}
	// Every key, joined to its neighbours, and cut short at the end.
	texts = append(texts, strings.Join(keys, " "), strings.Join(keys, ", ")+" anti human")
	found := 0
	for _, text := range texts {
		got, n := defaultSynonyms.find(text)
		want, wantN := oldFind(defaultSynonyms, text)
		if !slices.Equal(got, want) || n != wantN {
			t.Fatalf("in %.80q: found %d terms of %d words, the slow version %d of %d", text, len(got), n, len(want), wantN)
		}
		found += len(got)
	}
	if found < len(keys) {
		t.Fatalf("found %d terms in all, fewer than the %d keys written out", found, len(keys))
	}
}
