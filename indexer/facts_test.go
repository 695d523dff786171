package indexer

import (
	"slices"
	"testing"
)

// The cases the issue found mistagged, and their neighbours: facts only
// where the text shows them.
func TestFactsTaggedWithCare(t *testing.T) {
	tests := []struct {
		name, title, text string
		country           string
		laws, forms       []string
		agencies          []string
	}{
		{"an American case names no Indian act", "Dawn",
			"Dawn was 15 when a man she met online in Phoenix, Arizona began selling her into prostitution. The FBI and the county sheriff's office, funded by the Office of Juvenile Justice and Delinquency Prevention, traced the ads; he was convicted under section 370 of the state code and the U.S. federal law.",
			"United States", nil, []string{"commercial sexual exploitation"}, []string{}},
		{"domestic servitude is not sexual exploitation", "Rescue of Domestic Workers Placed by Agencies in Delhi",
			"Girls from Gumla district of Jharkhand were placed as domestic workers in Delhi homes by a placement agency. The AHTU registered an FIR under section 370 IPC and the ITPA was also invoked.",
			"India", []string{"Immoral Traffic (Prevention) Act, 1956", "IPC 370"}, []string{"domestic servitude"}, []string{"AHTU"}},
		{"the case's subject is no agency", "Breaking the Placement Agency Network",
			"The Placement Agency Network sent girls from Ranchi to Delhi. Shakti Vahini Foundation and the AHTU of Ranchi rescued 23 of them; the agents were charged under the Juvenile Justice (Care and Protection of Children) Act.",
			"India", []string{"Juvenile Justice Act"}, []string{"domestic servitude"}, []string{"Shakti Vahini Foundation", "AHTU"}},
		{"an Indian act named in full counts anywhere", "A Nepali Case",
			"Women from Kathmandu and Sindhupalchok in Nepal were lured by brokers; the Nepal police worked with Indian police under the Immoral Traffic (Prevention) Act.",
			"Nepal", []string{"Immoral Traffic (Prevention) Act, 1956"}, []string{}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := ReadFieldsFromText(tt.title, tt.text)
			if f.Country != tt.country {
				t.Errorf("country %q, want %q", f.Country, tt.country)
			}
			if !sameTags(f.Laws, tt.laws) {
				t.Errorf("laws %q, want %q", f.Laws, tt.laws)
			}
			if !sameTags(f.Exploitation, tt.forms) {
				t.Errorf("forms of exploitation %q, want %q", f.Exploitation, tt.forms)
			}
			if !sameTags(f.Agencies, tt.agencies) {
				t.Errorf("agencies %q, want %q", f.Agencies, tt.agencies)
			}
		})
	}
}

// A case that does not say where it is takes its document's country: in
// an American report it keeps the Indian laws it names, not those cited
// by a section number alone.
func TestLawsForDocumentCountry(t *testing.T) {
	text := "The trafficker was charged under section 370 and the Immoral Traffic (Prevention) Act."
	laws := lawsOf(text, "")
	if !slices.Contains(laws, "IPC 370") {
		t.Fatalf("laws %q read without a country, want IPC 370 among them", laws)
	}
	if got := LawsFor(text, laws, "United States"); !slices.Equal(got, []string{"Immoral Traffic (Prevention) Act, 1956"}) {
		t.Errorf("in an American report: %q, want only the act named", got)
	}
	if got := LawsFor(text, laws, "India"); !slices.Equal(got, laws) {
		t.Errorf("in an Indian compendium: %q, want %q", got, laws)
	}
}

func sameTags(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
