// Package gazetteer knows the places of India and of the neighbouring
// countries that trafficking routes name: the 36 states and union
// territories, every district (LGD codes), the towns, and the countries'
// provinces, districts and towns, each with its Hindi name, old names and
// other spellings. It finds them by name in either script, completes and
// corrects typed names, and finds them in running text.
//
// The data is places.tsv, made by internal/gen from the open data listed
// in SOURCES.md, and read once, on first use.
package gazetteer

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// Kind is what sort of place a place is.
type Kind string

// The kinds of places.
const (
	KindState    Kind = "state"
	KindUT       Kind = "union territory"
	KindCountry  Kind = "country"
	KindProvince Kind = "province" // a first-level division abroad: Nepal's Koshi, Bangladesh's Khulna Division
	KindDistrict Kind = "district" // India's districts; Nepal's, Bangladesh's and Sri Lanka's too
	KindCity     Kind = "city"     // a town or city
)

// Place is one place.
type Place struct {
	Name    string   // canonical English name: "Odisha", "Pakur", "Kathmandu"
	Kind    Kind     //
	State   string   // for Indian places the state/UT it lies in (a state: itself); abroad: province or ""
	Country string   // "India", "Nepal", ...
	Hindi   string   // Devanagari name
	Aliases []string // old names and other spellings, any script
	Code    string   // LGD code where known (a town's: its local body's)
	Census  string   // Census 2011 code where known
	Common  bool     // the name is also an ordinary word or too ambiguous to find in running text alone

	commonAliases []string // other names that are ordinary words ("Madras")
}

// Names lists every name of a place for matching text in both scripts:
// Name, Aliases, Hindi.
func (p Place) Names() []string {
	names := make([]string, 0, len(p.Aliases)+2)
	names = append(names, p.Name)
	names = append(names, p.Aliases...)
	if p.Hindi != "" {
		names = append(names, p.Hindi)
	}
	return names
}

// InIndia says whether the place is in India.
func (p Place) InIndia() bool { return p.Country == "India" }

// NeedsContext says whether name, one of the place's names, is an
// ordinary word or too ambiguous to be taken for the place in running text
// without context: every name of a Common place, and an alias such as
// "Madras" (a cloth) of a place that is not.
func (p Place) NeedsContext(name string) bool {
	return p.Common || slices.Contains(p.commonAliases, name)
}

// clone copies a place so that a caller may change what it gets.
func (p Place) clone() Place {
	p.Aliases = slices.Clone(p.Aliases)
	p.commonAliases = slices.Clone(p.commonAliases)
	return p
}

//go:generate go run ./internal/gen -src $GAZETTEER_SRC -overrides internal/gen/overrides.tsv -out places.tsv

//go:embed places.tsv
var data string

// places is the data, read on first use. Reading the file and building
// the maps and the matcher takes 50 to 80 ms and keeps 4.4 MiB for 7,386
// places (BenchmarkLoad on a shared 2-core machine); after it a Lookup
// takes 2 to 3 µs, a Near 3 to 8 ms (it measures every name), and Find
// reads 18 to 37 MB of text a second.
var places = sync.OnceValue(func() *index {
	list, err := parse(data)
	if err != nil {
		panic("gazetteer: places.tsv: " + err.Error()) // the file is built in: its tests read it
	}
	return newIndex(list)
})

// parse reads the data file: a place a line, tab-separated as its header
// says, "#" lines are comments.
func parse(s string) ([]Place, error) {
	var out []Place
	for n, line := range strings.Split(s, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 10 {
			return nil, fmt.Errorf("line %d: %d fields, want 10", n+1, len(f))
		}
		p := Place{Kind: Kind(f[0]), Name: f[1], State: f[2], Country: f[3], Hindi: f[4],
			Aliases: split(f[5]), Code: f[6], Census: f[7], Common: f[8] == "common", commonAliases: split(f[9])}
		if _, ok := kindRank[p.Kind]; !ok || p.Name == "" || p.Country == "" {
			return nil, fmt.Errorf("line %d: not a place: %q", n+1, line)
		}
		out = append(out, p)
	}
	return out, nil
}

func split(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "|")
}

// kindRank orders the answers: states first, then districts, then towns.
var kindRank = map[Kind]int{KindState: 0, KindUT: 1, KindCountry: 2, KindProvince: 3, KindDistrict: 4, KindCity: 5}
