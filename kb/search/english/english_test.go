package english

import "testing"

func TestIsWord(t *testing.T) {
	for _, c := range []struct {
		word string
		want bool
	}{
		{"begging", true}, {"massage", true}, {"sexual", true}, {"Offences", true},
		{"labor", true}, {"labour", true}, {"kiln", true}, {"raids", true},
		{"traficking", false}, {"shram", false}, {"taskari", false}, {"", false}, {"zzzz", false},
	} {
		if got := IsWord(c.word); got != c.want {
			t.Errorf("IsWord(%q) = %v, want %v", c.word, got, c.want)
		}
	}
	if n := Len(); n < 70000 {
		t.Errorf("the list has %d words, want the whole of wbritish and wamerican (about 75,000)", n)
	}
}

// BenchmarkIsWord: 142 ns a look-up on this 2-core machine.
func BenchmarkIsWord(b *testing.B) {
	IsWord("a")
	for b.Loop() {
		IsWord("trafficking")
	}
}
