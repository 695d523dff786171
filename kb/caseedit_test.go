package kb

import (
	"encoding/json"
	"fmt"
	"testing"
)

// TestFiguresAsTyped: a reviewer types figures with what they count; they
// read back the same, and a figure without a number is refused.
func TestFiguresAsTyped(t *testing.T) {
	fs, err := ParseFigures("rescued=212 workers, rescued=61 minors; arrested=9")
	if err != nil {
		t.Fatal(err)
	}
	want := Figures{{Measure: "rescued", Count: 212, Of: "workers"}, {Measure: "rescued", Count: 61, Of: "minors"}, {Measure: "arrested", Count: 9}}
	if fmt.Sprint(fs) != fmt.Sprint(want) {
		t.Errorf("parsed %v, want %v", fs, want)
	}
	if got := FormatFigures(fs); got != "rescued=212 workers, rescued=61 minors, arrested=9" {
		t.Errorf("formatted %q", got)
	}
	for _, bad := range []string{"rescued=many", "=3", "rescued", "rescued=-2"} {
		if _, err := ParseFigures(bad); err == nil {
			t.Errorf("%q was accepted", bad)
		}
	}
}

// TestFiguresFromJSON: the API takes figures as a list, and as counts by
// name as earlier clients sent them.
func TestFiguresFromJSON(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`[{"measure":"rescued","count":212,"of":"workers"}]`, "[{rescued 212 workers }]"},
		{`{"rescued":12,"arrested":3}`, "[{arrested 3  } {rescued 12  }]"},
	} {
		var fs Figures
		if err := json.Unmarshal([]byte(c.in), &fs); err != nil {
			t.Fatalf("%s: %v", c.in, err)
		}
		if got := fmt.Sprint(fs); got != c.want {
			t.Errorf("%s read as %s, want %s", c.in, got, c.want)
		}
	}
	var fs Figures
	if err := json.Unmarshal([]byte(`"lots"`), &fs); err == nil {
		t.Error("a string was read as figures")
	}
}
