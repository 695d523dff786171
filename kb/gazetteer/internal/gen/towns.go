package main

import (
	"regexp"
	"strings"
)

// LGD names towns by their local bodies: "Giridih Municipal Corporation",
// "Municipal Committee Katra", "Atmakur (Kurnool)". These patterns leave
// the town's name.
var (
	bodyWords  = `municipal corporation|municipal co-operation|municipal council|muncipal council|municipal committee|municipal board|municipality|city corporation|town council|nagar ?panchayat|nagar parishad|nagar palika|cantonment board`
	bodyPrefix = regexp.MustCompile(`(?i)^(` + bodyWords + `)[\s,]+`)
	bodySuffix = regexp.MustCompile(`(?i)\s+(` + bodyWords + `)$`)
	bracketed  = regexp.MustCompile(`\s*\([^)]*\)?`)
	hindiBody  = regexp.MustCompile(`\s*(नगर निगम|नगर पालिका परिषद|नगर पालिका|नगरपालिका|नगर परिषद|नगर पंचायत)\s*`)
)

// hindiStates are the states whose local names LGD writes in Hindi
// (Marathi and Nepali are also in Devanagari, with other spellings).
var hindiStates = map[string]bool{
	"Bihar": true, "Jharkhand": true, "Uttar Pradesh": true, "Madhya Pradesh": true, "Chhattisgarh": true,
	"Rajasthan": true, "Haryana": true, "Himachal Pradesh": true, "Uttarakhand": true, "Delhi": true, "Chandigarh": true,
}

// readTowns adds LGD's urban local bodies as cities: S.No., Local Body
// Code, Local Body Version, Local Body Name, Local Body Name (In Local),
// Localbody Type Code, Census 2011 Code, State Code, State Name. A town
// that shares its name with a district of its state is that district's
// town, already listed.
func readTowns(g *gazetteer, s sources, states map[string]*record) error {
	rows, err := readCSV(s.path(lgdTownsFile))
	if err != nil {
		return err
	}
	for _, row := range rows[1:] {
		st := states[row[7]]
		name := townName(row[3])
		if st == nil || name == "" || len(g.find(name, st.Name)) > 0 {
			continue
		}
		r := &record{Kind: "city", Name: name, State: st.Name, Country: "India", Code: row[1], Census: census(row[6])}
		if local := townName(hindiBody.ReplaceAllString(row[4], "")); hindiStates[st.Name] && isDevanagari(local) {
			r.Hindi = local
		}
		g.add(r)
	}
	return nil
}

func townName(s string) string {
	s = bracketed.ReplaceAllString(s, "")
	for {
		t := bodySuffix.ReplaceAllString(bodyPrefix.ReplaceAllString(strings.TrimSpace(s), ""), "")
		if t == s {
			break
		}
		s = t
	}
	return titleCase(strings.Trim(s, " ,.-"))
}

// dropDistrictTowns drops the towns named like a district of their state
// by any of the district's names, old ones too: the town "Allahabad" is
// the district Prayagraj's seat, listed already.
func (g *gazetteer) dropDistrictTowns() {
	kept := g.records[:0]
	for _, r := range g.records {
		if r.Kind != "city" || r.Country != "India" || len(g.find(r.Name, r.State, "district")) == 0 {
			kept = append(kept, r)
		}
	}
	g.records = kept
	g.byKey = map[string][]*record{}
	for _, r := range g.records {
		g.index(r)
	}
}
