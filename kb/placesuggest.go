package kb

import (
	"fmt"
	"strings"

	"github.com/compendium-kb/compendium/indexer"
	"github.com/compendium-kb/compendium/kb/gazetteer"
)

// maxSuggestions is how many names a "did you mean" offers: enough for
// "Aurangabad" in two states, few enough to read at a glance.
const maxSuggestions = 3

// maxNearLookups bounds the "did you mean" look-ups one form costs: a
// look-up compares the name with every name of the gazetteer, 8.5 ms on
// two shared cores (BenchmarkNear in kb/gazetteer), and a 20,000-character
// field could list two thousand unknown names. Past the bound an unknown
// name is kept (a place field) or named without suggestions (a route).
const maxNearLookups = 5

// SuggestPlaces is what a typed place name that no gazetteer knows may
// have meant: the nearest known names by spelling ("Jharkhnd": Jharkhand),
// at most three; states limits them to states and union territories. A
// known name, or one near nothing, has none.
func SuggestPlaces(name string, states bool) []string {
	name = strings.TrimSpace(name)
	if name == "" || knownPlace(name, states) {
		return nil
	}
	var out []string
	for _, p := range gazetteer.Near(name, 20) {
		if states && p.Kind != gazetteer.KindState && p.Kind != gazetteer.KindUT {
			continue
		}
		if !containsString(out, p.Name) {
			out = append(out, p.Name)
		}
		if len(out) == maxSuggestions {
			break
		}
	}
	return out
}

// knownPlace says whether a name is a state (for a states field) or any
// place the route reader knows.
func knownPlace(name string, states bool) bool {
	if states {
		return indexer.StateOf(name) != ""
	}
	_, ok := placeOf(strings.TrimSpace(strings.TrimSuffix(name, " district")))
	return ok
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// didYouMean is the question that ends a place's problem: " Did you mean
// Jharkhand?", or "" when there is nothing to offer. The names are
// joined by ", " and " or " (no place's name holds either), so that the
// interface can read them back to say the sentence in its language.
func didYouMean(names []string) string {
	if len(names) == 0 {
		return ""
	}
	return " Did you mean " + joinOr(names) + "?"
}

// joinOr joins names as a question offers them: "A", "A or B", "A, B or C".
func joinOr(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// placeProblems are the problems of the submission's district field: a
// name no gazetteer knows but near a known one is taken for a typo and
// named with what it may have meant; a name near nothing is kept as
// typed. The route fields (sources, transit, destinations) are never
// refused for an unknown place: it is kept as written and flagged for the
// reviewer, whose route editor offers the nearest names (routeedit.go),
// and the form offers them as the officer types.
func (f SubmissionFields) placeProblems() map[string]string {
	problems := map[string]string{}
	for field, text := range map[string]string{"district": f.District} {
		_, unknown := readPlaces(text)
		for _, name := range unknown[:min(len(unknown), maxNearLookups)] {
			if near := SuggestPlaces(name, false); len(near) > 0 {
				problems[field] = fmt.Sprintf("%q is not a place we know.", truncate(name, 40)) + didYouMean(near)
				break
			}
		}
	}
	return problems
}
