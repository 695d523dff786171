package main

import (
	"fmt"
	"os"
	"strings"
)

// overrides are the hand-kept corrections in overrides.tsv: a line is
// tab-separated fields, the first saying what the line does.
//
//	state     LGD code  name  hindi  aliases      renames a state, gives its Hindi name and other names
//	district  LGD code  name  hindi  aliases      the same for a district ("" keeps the source's)
//	place     kind  name  state  country  hindi  aliases   a place the sources lack
//	alias     name  region  hindi  aliases        adds names to the places called name in region
//	common    name...                              names that need context in running text
//
// Aliases are separated by ";".
type overrides struct {
	states, districts map[string]fix
	places            []*record
	aliases           []aliasLine
	common            map[string]bool // by fold
	used              map[string]bool // "state 21", "district 603": fixes a source row took
}

// fix returns the override of the state or district with this LGD code
// and notes that the sources have it.
func (ov *overrides) fix(kind, code string) fix {
	m := map[string]map[string]fix{"state": ov.states, "district": ov.districts}[kind]
	if f, ok := m[code]; ok {
		ov.used[kind+" "+code] = true
		return f
	}
	return fix{}
}

// unused fails when a state or district line names an LGD code that no
// row of the sources has: a source that renumbers places must not lose
// their overrides unseen.
func (ov *overrides) unused() error {
	for kind, m := range map[string]map[string]fix{"state": ov.states, "district": ov.districts} {
		for code, f := range m {
			if !ov.used[kind+" "+code] {
				return fmt.Errorf("overrides: %s line for LGD code %s (%q) names no place of the sources", kind, code, f.Name)
			}
		}
	}
	return nil
}

type fix struct {
	Name, Hindi string
	Aliases     []string
}

type aliasLine struct {
	line                int
	name, region, hindi string
	aliases             []string
}

func readOverrides(path string) (*overrides, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	ov := &overrides{states: map[string]fix{}, districts: map[string]fix{}, common: map[string]bool{}, used: map[string]bool{}}
	for i, line := range strings.Split(string(b), "\n") {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := ov.read(strings.Split(line, "\t")); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, i+1, err)
		}
	}
	return ov, nil
}

func (ov *overrides) read(f []string) error {
	get := func(i int) string {
		if i < len(f) {
			return strings.TrimSpace(f[i])
		}
		return ""
	}
	switch f[0] {
	case "state", "district":
		m := map[string]map[string]fix{"state": ov.states, "district": ov.districts}[f[0]]
		m[get(1)] = fix{Name: get(2), Hindi: get(3), Aliases: list(get(4))}
	case "place":
		r := &record{Kind: get(1), Name: get(2), State: get(3), Country: get(4), Hindi: get(5)}
		if _, ok := kindRank[r.Kind]; !ok || r.Name == "" || r.Country == "" {
			return fmt.Errorf("place needs a known kind, a name and a country: %q", f)
		}
		r.addAlias(list(get(6))...)
		ov.places = append(ov.places, r)
	case "alias":
		ov.aliases = append(ov.aliases, aliasLine{name: get(1), region: get(2), hindi: get(3), aliases: list(get(4))})
	case "common":
		for _, n := range f[1:] {
			for _, v := range append(hindiVariants(n), n) {
				ov.common[fold(v)] = fold(v) != ""
			}
		}
	default:
		return fmt.Errorf("unknown line %q", f[0])
	}
	return nil
}

func list(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ";") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// apply adds the places and the aliases. An alias line that names no
// place is an error: a source that renames a place must not leave its
// old names behind unseen.
func (ov *overrides) apply(g *gazetteer) error {
	for _, r := range ov.places {
		if len(g.find(r.Name, r.State, r.Kind)) > 0 && r.State != "" {
			return fmt.Errorf("overrides: place %q (%s) is in the sources already: use an alias line", r.Name, r.State)
		}
		g.add(r)
	}
	for _, a := range ov.aliases {
		found := g.find(a.name, a.region)
		if len(found) == 0 {
			return fmt.Errorf("overrides: alias line for %q in %q names no place", a.name, a.region)
		}
		for _, r := range found {
			if a.hindi != "" && r.Hindi == "" {
				r.Hindi = a.hindi
			} else {
				r.addAlias(a.hindi)
			}
			r.addAlias(a.aliases...)
			g.index(r)
		}
	}
	return nil
}
