package layouts

import "testing"

// TestPracticesAreDistinctAndPlaced checks what relevance judgements rely
// on: one practice per title, each with a state, years and a text.
func TestPracticesAreDistinctAndPlaced(t *testing.T) {
	ps := Practices()
	if want := len(topics) + len(hindiPractices) + len(bengaliPractices); len(ps) != want {
		t.Fatalf("%d practices, want %d (every topic, Hindi and Bengali practice once)", len(ps), want)
	}
	seen := map[string]bool{}
	for _, p := range ps {
		if seen[p.Title] {
			t.Errorf("%q appears twice", p.Title)
		}
		seen[p.Title] = true
		if p.State == "" || p.District == "" || len(p.Years) == 0 || len(p.Text) < 200 {
			t.Errorf("%q: state %q, district %q, years %v, %d bytes of text", p.Title, p.State, p.District, p.Years, len(p.Text))
		}
	}
}
