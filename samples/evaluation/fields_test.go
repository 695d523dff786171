package evaluation

import (
	"strings"
	"testing"
)

// TestFieldFloors: on the held-out quarter of the labelled set the reader
// reaches the floors per field; the set has at least 140 cases, a
// quarter held out, and every field is labelled somewhere.
func TestFieldFloors(t *testing.T) {
	cases, err := FieldCases()
	if err != nil {
		t.Fatal(err)
	}
	held := 0
	for _, c := range cases {
		if c.Heldout {
			held++
		}
	}
	if len(cases) < 140 || held*4 < len(cases)-3 {
		t.Fatalf("%d cases, %d held out: want at least 140, a quarter held out", len(cases), held)
	}
	for _, part := range []bool{false, true} {
		for _, s := range ScoreFields(cases, part) {
			t.Logf("held out %v: %-12s %3d cases  precision %.3f  recall %.3f", part, s.Field, s.Cases, s.Precision(), s.Recall())
			if s.Cases == 0 {
				t.Errorf("no case is labelled for %s", s.Field)
			}
			floor, ok := Floors[s.Field]
			if !part || !ok {
				continue
			}
			if s.Precision() < floor[0] || s.Recall() < floor[1] {
				t.Errorf("%s on the held-out cases: precision %.3f, recall %.3f; want at least %.2f and %.2f; mistakes:\n%s",
					s.Field, s.Precision(), s.Recall(), floor[0], floor[1], strings.Join(heldOut(Mistakes(cases, s.Field)), "\n"))
			}
		}
	}
}

func heldOut(lines []string) []string {
	var out []string
	for _, l := range lines {
		if strings.Contains(l, "held out") {
			out = append(out, l)
		}
	}
	return out
}
