// Package fuzz_test holds fuzz targets of the kb package apart from its
// other tests, so that a fuzzing build instruments kb and what kb imports,
// not the embedded database that kb's other tests start.
package fuzz_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/compendium-kb/compendium/kb"
)

// FuzzSubmissionFields: any JSON body the API may receive is either
// refused by decoding or validated without a panic; a refusal is a
// ValidationError whose every message is there; a field over its limit
// is always among the refused. Run longer by hand:
// go test ./kb/fuzz -run '^$' -fuzz FuzzSubmissionFields -fuzztime 10m
func FuzzSubmissionFields(f *testing.F) {
	good, _ := json.Marshal(kb.SubmissionFields{Title: "Rescue of girls from a placement agency in Ranchi", States: []string{"Jharkhand", "Delhi"},
		District: "Ranchi", Problem: "Girls were sent to Delhi as domestic workers by an agency that kept their wages.",
		Action: "The AHTU traced the agency's accounts and rescued the girls with the Delhi police.", Results: "12 girls rescued.",
		Lessons: "Trace the money first.", Links: []string{"https://police.example/report"}})
	f.Add(good, 1)
	f.Add([]byte(`{"title": "x", "states": ["Goa", "Atlantis"], "links": ["javascript:alert(1)"]}`), 1)
	f.Add([]byte(`{"title": "Vigilance at the bus stand", "district": "A, B; C", "states": ["  odisha "]}`), 30)
	f.Fuzz(func(t *testing.T, body []byte, repeat int) {
		var sf kb.SubmissionFields
		if json.Unmarshal(body, &sf) != nil {
			return
		}
		if repeat = repeat % 64; repeat > 1 && len(sf.States) > 0 {
			sf.States = append(sf.States, strings.Split(strings.Repeat(sf.States[0]+"\x00", repeat), "\x00")...)
		}
		for _, complete := range []bool{false, true} {
			err := sf.Validate(complete)
			if err == nil {
				if len(sf.States) > kb.MaxStates || len(sf.Links) > kb.MaxLinks || len(sf.Title) > kb.MaxTitleLength {
					t.Fatalf("fields over their limits were accepted: %d states, %d links, title %d bytes", len(sf.States), len(sf.Links), len(sf.Title))
				}
				continue
			}
			var ve *kb.ValidationError
			if !errors.As(err, &ve) || len(ve.Fields) == 0 {
				t.Fatalf("Validate: %v, want a ValidationError naming fields", err)
			}
			for name, msg := range ve.Fields {
				if strings.TrimSpace(msg) == "" {
					t.Fatalf("field %s refused without a message", name)
				}
			}
			if len(sf.States) > kb.MaxStates && !strings.Contains(ve.Fields["states"], "40") {
				t.Fatalf("%d states refused as %q, want the limit named", len(sf.States), ve.Fields["states"])
			}
		}
	})
}
