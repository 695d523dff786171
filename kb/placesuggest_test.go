package kb

import (
	"strings"
	"testing"
	"time"
)

// TestDidYouMeanPlaces: a mistyped state or place is answered with the
// nearest known names, in the field's problem; a known name, or one near
// nothing, is left alone.
func TestDidYouMeanPlaces(t *testing.T) {
	for _, c := range []struct {
		name   string
		states bool
		want   string // a name the suggestions must hold, or "" for none
	}{
		{"Jharkhnd", true, "Jharkhand"},
		{"Jharkhand", true, ""},
		{"Maharastra", true, "Maharashtra"},
		{"Ranchhi", false, "Ranchi"},
		{"Gumla", false, ""},
		{"Qqqqzzzzxxxx", false, ""},
	} {
		got := SuggestPlaces(c.name, c.states)
		if c.want == "" && len(got) > 0 || c.want != "" && !containsString(got, c.want) {
			t.Errorf("SuggestPlaces(%q, %v) = %v, want %q", c.name, c.states, got, c.want)
		}
		if len(got) > maxSuggestions {
			t.Errorf("SuggestPlaces(%q) offers %d names", c.name, len(got))
		}
	}

	err := SubmissionFields{Title: "Rescue at the railway station", States: []string{"Jharkhnd"}, District: "Ranchhi",
		Sources: "Gumla, Jharkhand", Destinations: "Dilli"}.Validate(false)
	ve, ok := err.(*ValidationError)
	if !ok {
		t.Fatalf("Validate: %v, want a ValidationError", err)
	}
	for field, want := range map[string]string{
		"states":   `"Jharkhnd" is not a state or union territory of India. Did you mean Jharkhand?`,
		"district": `"Ranchhi" is not a place we know. Did you mean Ranchi`,
	} {
		if !strings.HasPrefix(ve.Fields[field], want) {
			t.Errorf("%s: %q, want it to begin %q", field, ve.Fields[field], want)
		}
	}
	if msg, bad := ve.Fields["sources"]; bad {
		t.Errorf("known places are a problem: %q", msg)
	}

	_, err = ReadRoutes([]RouteRow{{Source: "Jharkhnd", Destination: "Delhi"}})
	if ve, ok := err.(*ValidationError); !ok || !strings.Contains(ve.Fields["routes"], "route 1: source “Jharkhnd” is not a known state, country, district or city (did you mean Jharkhand") {
		t.Errorf("a route's mistyped source: %v, want the problem to offer Jharkhand", err)
	}
}

// TestDidYouMeanIsBounded: a form listing many unknown places costs a
// bounded number of "did you mean" look-ups, each of which compares the
// name with the whole gazetteer; the places past the bound are still
// named.
func TestDidYouMeanIsBounded(t *testing.T) {
	var rows []RouteRow
	for range MaxRoutes {
		rows = append(rows, RouteRow{Source: "Jharkhnd", Transit: strings.Repeat("Biharr; ", MaxTransitPlaces), Destination: "Dilhi"})
	}
	_, err := ReadRoutes(rows)
	ve, ok := err.(*ValidationError)
	if !ok {
		t.Fatalf("ReadRoutes: %v, want a ValidationError", err)
	}
	msg := ve.Fields["routes"]
	if got := strings.Count(msg, "did you mean"); got != maxNearLookups {
		t.Errorf("%d suggestions for %d unknown places, want %d", got, strings.Count(msg, "is not a known"), maxNearLookups)
	}
	if got := strings.Count(msg, "is not a known"); got != MaxRoutes*(MaxTransitPlaces+2) {
		t.Errorf("%d unknown places named, want every one (%d)", got, MaxRoutes*(MaxTransitPlaces+2))
	}
	start := time.Now()
	SubmissionFields{Title: "Rescue at the railway station", District: strings.Repeat("Qqzzxx, ", 2000)}.Validate(false)
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("validating a district field of 2,000 unknown names took %v", d)
	}
}
