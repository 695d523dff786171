package search

import "testing"

// TestEditDistance: a swap of neighbours is one edit.
func TestEditDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{{"shrm", "shram", 1}, {"raliway", "railway", 1}, {"abc", "abc", 0}, {"kitten", "sitting", 3}, {"पुर्नवास", "पुनर्वास", 2}} {
		if got := editDistance([]rune(c.a), []rune(c.b), 5); got != c.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}
