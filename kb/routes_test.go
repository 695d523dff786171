package kb

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRoutesFromForm(t *testing.T) {
	got := RoutesFromForm("Gumla, Jharkhand; Nepal", "Raxaul", "Delhi")
	want := []Route{
		{Source: Place{Region: "Jharkhand", Locality: "Gumla"}, Transit: []Place{{Region: "Bihar", Locality: "Raxaul"}}, Destination: Place{Region: "Delhi"}},
		{Source: Place{Region: "Nepal"}, Transit: []Place{{Region: "Bihar", Locality: "Raxaul"}}, Destination: Place{Region: "Delhi"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("routes from the form (-want +got):\n%s", diff)
	}
	if k := got[0].Key(); k != "Jharkhand → Delhi" {
		t.Errorf("key %q, want Jharkhand → Delhi", k)
	}
	if rs := RoutesFromForm("", "", ""); rs != nil {
		t.Errorf("no places listed gave routes %v, want none", rs)
	}
}
