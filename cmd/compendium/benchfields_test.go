package main

import (
	"strings"
	"testing"
)

// TestBenchFields prints a row per field and part, the held-out floors
// beside theirs, and with -v the cases read wrongly.
func TestBenchFields(t *testing.T) {
	out, errOut, err := runCmd(t, "bench", "fields", "-v")
	if err != nil {
		t.Fatalf("bench fields: %v\n%s", err, errOut)
	}
	for _, want := range []string{"labelled set: ", "held-out  states", "held-out  routes", "tuning    laws", "held-out  exploitation", "0.95 / 0.90", "\nroutes:\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("the bench does not print %q:\n%s", want, out)
		}
	}
}
