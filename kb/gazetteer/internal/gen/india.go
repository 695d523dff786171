package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"
)

// The files fetch-sources.sh leaves in the source folder.
const (
	lgdStatesFile    = "lgd-states.csv"    // LGD: all states of India
	lgdDistrictsFile = "lgd-districts.csv" // LGD: all districts of India
	lgdTownsFile     = "lgd-towns.csv"     // LGD: all urban local bodies of India
	hindiStatesFile  = "hindi-states.json" // states with their Hindi names
	hindiDistsFile   = "hindi-districts.json"
)

// hindiName is one entry of the Hindi name lists.
type hindiName struct {
	ID      int    `json:"id"`
	English string `json:"en_name"`
	Hindi   string `json:"hi_name"`
	StateID int    `json:"state_id"`
}

// readIndia adds the states, districts and towns of India.
func readIndia(g *gazetteer, s sources, ov *overrides, words map[string]bool) error {
	hindi, err := readHindi(s)
	if err != nil {
		return err
	}
	states, err := readCSV(s.path(lgdStatesFile))
	if err != nil {
		return err
	}
	byCode := map[string]*record{}
	for _, row := range states[1:] {
		byCode[row[1]] = addState(g, row, ov, hindi)
	}
	districts, err := readCSV(s.path(lgdDistrictsFile))
	if err != nil {
		return err
	}
	for _, row := range districts[1:] {
		st := byCode[row[0]]
		if st == nil {
			return fmt.Errorf("district %s: no state with LGD code %s", row[3], row[0])
		}
		addDistrict(g, st, row, ov, hindi, words)
	}
	return readTowns(g, s, byCode)
}

// addState adds a state from a row of LGD's list: S.No., State Code,
// State Version, State Name, State Name, Census 2001 Code, Census 2011
// Code, State or UT.
func addState(g *gazetteer, row []string, ov *overrides, hindi hindiNames) *record {
	r := &record{Kind: "state", Name: titleCase(row[3]), Country: "India", Code: row[1], Census: census(row[6])}
	if row[7] == "U" {
		r.Kind = "union territory"
	}
	fix := ov.fix("state", row[1])
	lgdName := r.Name
	r.source = lgdName
	if fix.Name != "" {
		r.Name = fix.Name
	}
	r.State = r.Name
	r.Hindi = fix.Hindi
	r.addAlias(lgdName)
	r.addAlias(fix.Aliases...)
	if h, ok := hindi.state(r); ok && r.Hindi == "" {
		r.Hindi = h.Hindi
	} else if ok {
		r.addAlias(h.Hindi)
	}
	return g.add(r)
}

// addDistrict adds a district from a row of LGD's list: State Code,
// State Name, District Code, District Name, Census 2001 Code, Census 2011
// Code.
func addDistrict(g *gazetteer, st *record, row []string, ov *overrides, hindi hindiNames, words map[string]bool) {
	r := &record{Kind: "district", Name: titleCase(row[3]), State: st.Name, Country: "India", Code: row[2], Census: census(row[5])}
	fix := ov.fix("district", row[2])
	if fix.Name != "" {
		lgdName := r.Name
		r.Name = fix.Name
		if !words[strings.ToLower(lgdName)] {
			r.addAlias(lgdName) // "East" alone is no name for East Delhi
		}
	}
	r.Hindi = fix.Hindi
	r.addAlias(fix.Aliases...)
	if h, ok := hindi.district(st, r); ok && isDevanagari(h.Hindi) {
		if r.Hindi == "" {
			r.Hindi = h.Hindi
		} else {
			r.addAlias(h.Hindi)
		}
		r.addAlias(h.English)
	}
	g.add(r)
}

// census is a Census 2011 code, "" where LGD has none (0 or 00).
func census(code string) string {
	if strings.Trim(code, "0") == "" {
		return ""
	}
	return code
}

func readCSV(path string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close() // read only: a close error loses nothing
	cr := csv.NewReader(f)
	cr.FieldsPerRecord = -1
	rows, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(rows) < 2 {
		return nil, fmt.Errorf("%s: no rows", path)
	}
	return rows, nil
}

// hindiNames are the Hindi name lists, states by id.
type hindiNames struct {
	states    []hindiName
	districts map[int][]hindiName // by state id
}

func readHindi(s sources) (hindiNames, error) {
	var h hindiNames
	var districts []hindiName
	for name, dst := range map[string]*[]hindiName{hindiStatesFile: &h.states, hindiDistsFile: &districts} {
		b, err := os.ReadFile(s.path(name))
		if err != nil {
			return h, err
		}
		if err := json.Unmarshal(b, dst); err != nil {
			return h, fmt.Errorf("%s: %w", name, err)
		}
	}
	h.districts = map[int][]hindiName{}
	for _, d := range districts {
		h.districts[d.StateID] = append(h.districts[d.StateID], d)
	}
	return h, nil
}

var andThe = regexp.MustCompile(`\b(and|the)\b`)

// stateKey compares the lists' state names: "Jammu Kashmir" is "Jammu and
// Kashmir", "Daman Diu" part of "The Dadra and Nagar Haveli and Daman and Diu".
func stateKey(s string) string { return fold(andThe.ReplaceAllString(strings.ToLower(s), "")) }

// statesOf are the Hindi list's states that make up st.
func (h hindiNames) statesOf(st *record) []hindiName {
	var out []hindiName
	for _, x := range h.states {
		if k := stateKey(x.English); k != "" && strings.Contains(stateKey(st.Name)+"|"+stateKey(st.source), k) {
			out = append(out, x)
		}
	}
	return out
}

func (h hindiNames) state(st *record) (hindiName, bool) {
	parts := h.statesOf(st)
	if len(parts) == 1 {
		return parts[0], true
	}
	for _, x := range parts {
		if stateKey(x.English) == stateKey(st.Name) || stateKey(x.English) == stateKey(st.source) {
			return x, true
		}
	}
	return hindiName{}, false
}

// district finds a district by its name or any alias in its state.
func (h hindiNames) district(st, r *record) (hindiName, bool) {
	for _, x := range h.statesOf(st) {
		for _, d := range h.districts[x.ID] {
			for _, n := range append([]string{r.Name}, r.Aliases...) {
				if fold(n) == fold(d.English) {
					return d, true
				}
			}
		}
	}
	return hindiName{}, false
}
