package search

import (
	"path/filepath"
	"slices"
	"testing"
)

// TestMarksFoundInText: the words a query marks are found in a text as
// the index would have found them: stemmed, plurals of both kinds, in
// either script, a phrase only where its words follow each other.
func TestMarksFoundInText(t *testing.T) {
	x, _, err := Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	an := x.query.analyzers["text"]
	for _, tt := range []struct {
		marks, text string
		want        []string // the marked words, in order
	}{
		{"rescue", "Police Rescued 12 girls; the rescue team's rescuers (another word)", []string{"Rescued", "rescue"}},
		{"person", "People were moved; a person stayed.", []string{"People", "person"}},
		{"child trafficking", "Child trafficking is rising; a child was saved from trafficking.", []string{"Child", "trafficking"}},
		{"human trafficking unit", "the Anti Human Trafficking Unit of the human rights trafficking unit", []string{"Human", "Trafficking", "Unit"}},
		{"थाना", "पुलिस थाने में रिपोर्ट, थानों से", []string{"थाने", "थानों"}},
		{"rescue", "nothing here to mark", nil},
	} {
		var m marker
		m.add(an, tt.marks)
		locs := m.locate(an, tt.text)
		var starts []int
		for _, ls := range locs {
			for _, l := range ls {
				starts = append(starts, int(l.Start))
			}
		}
		slices.Sort(starts)
		var got []string
		for _, s := range starts {
			got = append(got, tt.text[s:wordEnd(tt.text, s)])
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q in %q: marked %q, want %q", tt.marks, tt.text, got, tt.want)
		}
	}
}
