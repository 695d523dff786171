package evaluation

import (
	"github.com/compendium-kb/compendium/kb/gazetteer"
	"github.com/compendium-kb/compendium/samples/gen/layouts"
)

// layoutLabel is what a person reads in one of the layout corpus's
// topics beyond what the generator printed of it: the form of
// exploitation its work shows (none where the work does not say: hotels,
// dairies, jobs abroad), the region victims were taken to when the text
// names it, and the district that place is.
type layoutLabel struct {
	exploitation []string
	destination  string // a region; "" when the text names none
	source       string // when not the topic's state
	district     string // a district the destination names
}

const (
	cse      = "commercial sexual exploitation"
	bonded   = "forced and bonded labour"
	child    = "child labour"
	domestic = "domestic servitude"
	marriage = "forced marriage"
)

var layoutLabels = map[string]layoutLabel{
	"Rescue of Bonded Labourers from Brick Kilns in Tiruvallur":          {exploitation: []string{bonded}},
	"Tracing Missing Girls through a Shared Register in Dehradun":        {exploitation: []string{domestic}, destination: "Delhi"},
	"Village Vigilance Committees against Child Marriage in Murshidabad": {exploitation: []string{marriage}},
	"Joint Raids on Placement Agencies in Ranchi":                        {exploitation: []string{domestic}},
	"Financial Investigation of a Spa Network in Gurugram":               {exploitation: []string{cse}},
	"Night Patrols at the Howrah Railway Station":                        {exploitation: []string{child}, destination: "Maharashtra"},
	"Counselling Rooms at the Women Police Station in Kozhikode":         {},
	"Digital Evidence from Mobile Phones in a Trafficking Ring at Pune":  {exploitation: []string{cse}},
	"Fast-Track Trials of Traffickers in Guntur":                         {exploitation: []string{cse}},
	"Border Checks with the SSB at Raxaul":                               {exploitation: []string{cse}, destination: "West Bengal", district: "Kolkata"},
	"Skills and Shelter for Survivors in Bhubaneswar":                    {exploitation: []string{bonded}},
	"Helpline Posters in Every Bus of Rajasthan":                         {exploitation: []string{child}},
	"Training Hotel Staff to Spot Trafficked Girls in Goa":               {},
	"Rescue of Child Workers from Zari Units in Hyderabad":               {exploitation: []string{child}},
	"School Awareness Campaign in the Tea Gardens of Assam":              {exploitation: []string{domestic}, destination: "Delhi"},
	"Cyber Patrolling against Online Recruitment in Bengaluru":           {exploitation: []string{"cyber-enabled recruitment"}},
	"Inter-State Repatriation of Children from Surat Textile Units":      {exploitation: []string{child}},
	"Panchayat Registers of Migrant Workers in Balangir":                 {exploitation: []string{bonded}},
	"Rescue at Sea of Fishermen Held in Debt in Kutch":                   {exploitation: []string{bonded}},
	"Mapping Vulnerable Villages with Anganwadi Workers in Sundargarh":   {exploitation: []string{domestic}, destination: "Delhi"},
	"Victim Compensation through the Legal Services Authority in Nagpur": {exploitation: []string{cse}},
	"Joint Operation against Organ Brokers in Kanpur":                    {exploitation: []string{"organ removal"}},
	"Beggary Rackets Broken up at Temple Towns in Madurai":               {exploitation: []string{"begging"}},
	"Anti Human Trafficking Unit Desk at Guwahati Airport":               {},
	"Rescue of Circus Children in Sitapur":                               {exploitation: []string{child}},
	"Tracking Trafficked Brides from Haryana to Assam":                   {exploitation: []string{marriage}, source: "Assam", destination: "Haryana"},
	"Community Policing with Self-Help Groups in Mandla":                 {exploitation: []string{domestic}},
	"Raids on Embroidery Units Employing Children in Seelampur":          {exploitation: []string{child}},
	"Protecting Witnesses in a Brothel Case in Pune":                     {exploitation: []string{cse}},
	"Checking Buses at the Inter-State Border in Kathua":                 {},
	"Rehabilitation through Dairy Cooperatives in Anand":                 {},
	"Tracing Children Lost at the Kumbh Mela in Prayagraj":               {exploitation: []string{"begging"}},
	"Special Juvenile Police Units in Every Station of Mizoram":          {exploitation: []string{domestic}, destination: "Assam", district: "Kamrup Metropolitan"},
	"Investigating Fake Modelling Agencies in Chandigarh":                {},
	"Rescue of Domestic Workers Taken to the Gulf from Malappuram":       {exploitation: []string{domestic}, destination: "Gulf states"},
	"Convictions through Scientific Evidence in Raipur":                  {exploitation: []string{domestic}, destination: "Delhi"},
}

// layoutCases are the layout corpus's English practices, labelled from
// what the generator printed (state, district, the two laws every one
// cites, its figures) and from layoutLabels.
func layoutCases() []FieldCase {
	var out []FieldCase
	for _, p := range layouts.Practices() {
		l, ok := layoutLabels[p.Title]
		if p.Lang != "en" || !ok {
			continue
		}
		states, routes := []string{p.State}, []string{}
		if l.destination != "" && l.destination != "Gulf states" && l.destination != p.State {
			states = append(states, l.destination)
		}
		if l.source != "" && l.source != p.State {
			states = append(states, l.source)
		}
		if l.destination != "" {
			routes = append(routes, routeLabel(first(l.source, p.State), l.destination))
		}
		districts := []string{districtOf(p.District)}
		if l.district != "" {
			districts = append(districts, l.district)
		}
		out = append(out, FieldCase{Source: "layout corpus", Title: p.Title, Text: p.Text, Read: readText(p.Title, p.Text),
			Labels: map[string][]string{"states": states, "districts": districts, "routes": routes,
				"laws": {"IPC 370", "Bonded Labour System (Abolition) Act, 1976"}, "exploitation": nonNil(l.exploitation), "figures": p.Figures}})
	}
	return out
}

// districtOf is a district under its current name ("Mewat" is Nuh).
func districtOf(name string) string {
	for _, p := range gazetteer.Lookup(name) {
		if p.Kind == gazetteer.KindDistrict {
			return p.Name
		}
	}
	return name
}

func first(xs ...string) string {
	for _, x := range xs {
		if x != "" {
			return x
		}
	}
	return ""
}

func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}
