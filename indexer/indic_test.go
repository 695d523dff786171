package indexer

import "testing"

func TestReorderPreBase(t *testing.T) {
	for _, c := range []struct{ drawn, want string }{
		{"िबहार", "बिहार"},         // at the start of a word
		{"पुिलस", "पुलिस"},         // after another vowel sign
		{"िकशोिरयों", "किशोरियों"}, // twice in a word
		{"ित्रपुरा", "त्रिपुरा"},   // before a conjunct
		{"िज़ला", "ज़िला"},         // before a consonant with nukta
		{"बिहार", "बिहार"},         // already logical
		{"समिति", "समिति"},         // after a consonant: left alone
		{"ि", "ि"},                 // a sign alone: nothing to move
		{"police", "police"},       // not Indic
		{"\xe0\xa4", "\xe0\xa4"},   // broken UTF-8 is left alone
		{"িবজয়", "বিজয়"},         // Bengali i
		{"ਿਸੰਘ", "ਸਿੰਘ"},           // Gurmukhi i
	} {
		if got := reorderPreBase(c.drawn); got != c.want {
			t.Errorf("reorderPreBase(%q) = %q, want %q", c.drawn, got, c.want)
		}
	}
}
