package lexicon

import (
	"slices"
	"strings"
	"testing"
	"unicode"
)

// TestConceptsAreComplete checks the embedded lexicon entry by entry with
// checks of its own, not the parser's.
func TestConceptsAreComplete(t *testing.T) {
	all := All()
	if len(all) < 750 {
		t.Errorf("%d concepts, want at least 750", len(all))
	}
	for _, c := range all {
		name := strings.Join(c.English, "; ")
		switch {
		case !slices.Contains(Kinds(), c.Kind):
			t.Errorf("%s: kind %q is not one of %v", name, c.Kind, Kinds())
		case len(c.English) == 0 || len(c.Hindi) == 0 || len(c.Roman) == 0:
			t.Errorf("%s: %d English, %d Hindi, %d romanised terms: want each", name, len(c.English), len(c.Hindi), len(c.Roman))
		case len(c.Source) < 10:
			t.Errorf("%s: source %q, want where the usage comes from", name, c.Source)
		}
		for _, h := range c.Hindi {
			if !devanagariOnly(h) {
				t.Errorf("%s: Hindi term %q has letters outside Devanagari", name, h)
			}
		}
		for _, r := range append(slices.Clone(c.English), c.Roman...) {
			if strings.IndexFunc(r, func(r rune) bool { return r > unicode.MaxASCII }) >= 0 {
				t.Errorf("%s: term %q is not ASCII", name, r)
			}
		}
	}
}

// devanagariOnly reports whether every letter of s is Devanagari and it
// has one at least.
func devanagariOnly(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsMark(r) {
			if !unicode.Is(unicode.Devanagari, r) {
				return false
			}
			letters++
		}
	}
	return letters > 0
}

// TestEveryTermFindsItsConcept looks up every term of every concept.
func TestEveryTermFindsItsConcept(t *testing.T) {
	for _, c := range All() {
		for _, terms := range [][]string{c.English, c.Hindi, c.Roman} {
			for _, term := range terms {
				if !slices.ContainsFunc(Lookup(term), same(c)) {
					t.Errorf("Lookup(%q) misses %q", term, c.English[0])
				}
			}
		}
	}
}

// TestTermsMeanOneThing checks that no term of a concept finds a concept
// it is not related to: a term must not mean two things.
func TestTermsMeanOneThing(t *testing.T) {
	for _, c := range All() {
		for _, term := range slices.Concat(c.English, c.Hindi, c.Roman) {
			for _, other := range Lookup(term) {
				if other.English[0] != c.English[0] && !slices.Contains(c.Related, other.English[0]) {
					t.Errorf("%q is a term of %q and finds %q, which is not related to it", term, c.English[0], other.English[0])
				}
			}
		}
	}
}

// TestLookup checks what officers type, in each script and spelling.
func TestLookup(t *testing.T) {
	for term, want := range map[string]string{
		"तस्करी":          "trafficking",
		"taskary":         "trafficking",
		"मानव तस्करी":     "trafficking",
		"Manav Taskari":   "trafficking",
		"लापता बच्चे":     "missing child",
		"bachche gayab":   "missing child",
		"bacche gaayab":   "missing child",
		"bachhe gayab":    "missing child",
		"bal shram":       "child labour",
		"child labor":     "child labour",
		"int bhatta":      "brick kiln",
		"Brick-Kiln":      "brick kiln",
		"ईंट भट्टा":       "brick kiln",
		"majdoor":         "worker",
		"mazdur":          "worker",
		"मज\u093cदूर":     "worker", // nukta as a mark
		"\u092e\u095bदूर": "worker", // nukta letter
		"मजदूर":           "worker",
		"बन्धुआ मज़दूरी": "bonded labour",
		"बंधुआ मजदूरी":   "bonded labour",
		"गाँव":           "village",
		"गांव":           "village",
		"F.I.R.":         "FIR",
		"प्राथमिकी":      "FIR",
		"prathmiki":      "FIR",
		"karz":           "debt",
		"क़र्ज़":         "debt",
		"shaadi":         "marriage",
		"kotha":          "brothel",
		"POCSO":          "POCSO",
		"पॉक्सो":         "POCSO",
		"thana":          "police station",
		"1098":           "Childline",
		"anganbadi":      "anganwadi",
	} {
		got := Lookup(term)
		if !slices.ContainsFunc(got, func(c Concept) bool { return c.English[0] == want }) {
			t.Errorf("Lookup(%q) = %v, want %q", term, names(got), want)
		}
	}
	for _, term := range []string{"", "xyzzy", "बलि", "bali"} {
		if got := Lookup(term); len(got) > 0 {
			t.Errorf("Lookup(%q) = %v, want nothing", term, names(got))
		}
	}
}

// TestRelatedGoBothWays checks a relation marked on one side only.
func TestRelatedGoBothWays(t *testing.T) {
	agent, pimp := Lookup("agent"), Lookup("pimp")
	if len(agent) != 1 || len(pimp) != 1 {
		t.Fatalf("agent: %v, pimp: %v, want one concept each", names(agent), names(pimp))
	}
	if !slices.Contains(agent[0].Related, "pimp") || !slices.Contains(pimp[0].Related, "agent") {
		t.Errorf("agent related to %v, pimp to %v: want each other", agent[0].Related, pimp[0].Related)
	}
	if got := names(Lookup("dalal")); !slices.Contains(got, "agent") || !slices.Contains(got, "pimp") {
		t.Errorf("Lookup(dalal) = %v, want agent and pimp", got)
	}
}

// TestGroups checks that each concept is one group with all its terms.
func TestGroups(t *testing.T) {
	all, groups := All(), Groups()
	if len(groups) != len(all) {
		t.Fatalf("%d groups for %d concepts", len(groups), len(all))
	}
	for i, g := range groups {
		for _, term := range slices.Concat(all[i].English, all[i].Hindi, all[i].Roman) {
			if !slices.Contains(g, term) {
				t.Errorf("group %d (%q) lacks %q", i, all[i].English[0], term)
			}
		}
		if len(slices.Compact(slices.Sorted(slices.Values(g)))) != len(g) {
			t.Errorf("group %d (%q) lists a term twice: %v", i, all[i].English[0], g)
		}
	}
}

// TestIsWord checks words of terms in each script, folded spellings, and
// what is not a single word of the lexicon.
func TestIsWord(t *testing.T) {
	for w, want := range map[string]bool{
		"kiln": true, "Kiln": true, "bhatta": true, "gaayab": true, "bacche": true,
		"तस्करी": true, "भट्ठा": true, "मज\u093cदूर": true, "ahtu": true,
		"": false, "xyzzy": false, "brick kiln": false, "bali": false, "बलि": false,
	} {
		if got := IsWord(w); got != want {
			t.Errorf("IsWord(%q) = %v, want %v", w, got, want)
		}
	}
}

// TestAllIsACopy checks that a caller changing All's slice does not
// change the lexicon.
func TestAllIsACopy(t *testing.T) {
	a := All()
	a[0] = Concept{}
	if All()[0].Kind == "" {
		t.Error("changing All's result changed the lexicon")
	}
}

func same(c Concept) func(Concept) bool {
	return func(o Concept) bool { return o.English[0] == c.English[0] }
}

func names(cs []Concept) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.English[0])
	}
	return out
}
