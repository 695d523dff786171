package indexer

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func lines(texts ...string) []at {
	var out []at
	for i, t := range texts {
		out = append(out, at{page: 1, Line: Line{Text: t, Y: float64(i * 12), Size: 10}})
	}
	return out
}

func TestReadFields(t *testing.T) {
	const s1, s2 = "28 victims were rescued, 5 of them minors, and 9 traffickers were arrested.", "4 accused were convicted."
	tests := []struct {
		name    string
		content []at
		check   func(Fields) string
	}{
		{"old state names map to new ones", lines("Girls from Orissa and Uttaranchal were taken to Bombay."), func(f Fields) string {
			return cmp.Diff([]string{"Odisha", "Uttarakhand", "Maharashtra"}, f.States)
		}},
		{"a labelled state wins over places in the prose", lines("State: Goa", "Victims came from Karnataka and Nepal."), func(f Fields) string {
			return cmp.Diff([]string{"Goa"}, f.States)
		}},
		{"a two-column table of fields", []at{{page: 1, Line: Line{Text: "District Ganjam", Cells: []string{"District", "Ganjam"}, Size: 10}}}, func(f Fields) string {
			return cmp.Diff([]string{"Ganjam"}, f.Districts)
		}},
		{"countries are kept apart from states", lines("Women from Nepal were rescued in West Bengal."), func(f Fields) string {
			return cmp.Diff([]string{"West Bengal"}, f.States) + cmp.Diff([]string{"Nepal"}, f.Countries)
		}},
		{"source and destination", lines("Children were trafficked from Bihar to Delhi by train."), func(f Fields) string {
			return cmp.Diff([]string{"Bihar"}, f.Source) + cmp.Diff([]string{"Delhi"}, f.Destination)
		}},
		{"figures stated plainly", lines("28 victims were rescued, 5 of them minors, and 9 traffickers were arrested. 4 accused were convicted."), func(f Fields) string {
			return cmp.Diff([]Figure{{"rescued", 28, "victims", s1}, {"rescued", 5, "minors", s1}, {"arrested", 9, "traffickers", s1}, {"convicted", 4, "accused", s2}}, f.Figures)
		}},
		{"figures keep what they count", lines("212 workers including 61 minors were rescued from the kilns; 7 FIRs were registered."), func(f Fields) string {
			s := "212 workers including 61 minors were rescued from the kilns;"
			return cmp.Diff([]Figure{{"rescued", 212, "workers", s}, {"rescued", 61, "minors", s}, {"firs", 7, "", "7 FIRs were registered."}}, f.Figures)
		}},
		{"a count in another clause is not counted", lines("31 girls were stopped before leaving, 12 were rescued from the agency and 5 placement agents were arrested."), func(f Fields) string {
			s := "31 girls were stopped before leaving, 12 were rescued from the agency and 5 placement agents were arrested."
			return cmp.Diff([]Figure{{"rescued", 12, "girls", s}, {"arrested", 5, "agents", s}}, f.Figures)
		}},
		{"a count with its noun before it", lines("47 traffickers were arrested and 12 were convicted by the end of 2008."), func(f Fields) string {
			s := "47 traffickers were arrested and 12 were convicted by the end of 2008."
			return cmp.Diff([]Figure{{"arrested", 47, "traffickers", s}, {"convicted", 12, "traffickers", s}}, f.Figures)
		}},
		{"laws old and new", lines("Cases under the ITPA and IPC 370 were later charged under BNS 143 and the POCSO Act."), func(f Fields) string {
			want := []string{"Immoral Traffic (Prevention) Act, 1956", "IPC 370", "BNS 143", "POCSO Act, 2012"}
			return cmp.Diff(want, f.Laws)
		}},
		{"districts the gazetteer knows, under their current names", lines("Girls from Gumla and Gurgaon district were found in Bangalore Urban; the mandi closed.", "गुमला और सिमडेगा जिले की लड़कियां"), func(f Fields) string {
			return cmp.Diff([]string{"Gurugram", "Gumla", "Bengaluru Urban", "Simdega"}, f.Districts)
		}},
		{"districts and years", lines("In Anantapur district in 2007 and again in 2009 the AHTU worked with Rescue Foundation."), func(f Fields) string {
			d := cmp.Diff([]string{"Anantapur"}, f.Districts) + cmp.Diff([]int{2007, 2009}, f.Years)
			if !strings.Contains(strings.Join(f.Agencies, "|"), "Rescue Foundation") {
				d += "agencies lack Rescue Foundation"
			}
			return d
		}},
		{"forms of exploitation", lines("Families were held in debt bondage at a brick kiln."), func(f Fields) string {
			return cmp.Diff([]string{"forced and bonded labour"}, f.Exploitation)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := tt.check(ReadFields("", tt.content)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestSplitAlternatives(t *testing.T) {
	got := splitAlternatives(`a|b(?:c|d)|[|x]|e\|f`)
	want := []string{"a", "b(?:c|d)", "[|x]", `e\|f`}
	if len(got) != len(want) {
		t.Fatalf("splitAlternatives = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("splitAlternatives = %q, want %q", got, want)
		}
	}
}

func TestPlacesInAnyScript(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"Girls from Jharkhand were found in New Delhi and J&K.", []string{"Jharkhand", "Delhi", "Jammu and Kashmir"}},
		{"झारखंड से दिल्ली लाई गई लड़कियों को बिहार पुलिस ने छुड़ाया।", []string{"Jharkhand", "Delhi", "Bihar"}},
		{"पश्चिम बंगाल और नेपाल की सीमा", []string{"West Bengal", "Nepal"}},
		{"Goalpara and Assamese speakers", nil}, // names inside longer words
		{"बिहारी मज़दूर", nil},                  // a word that begins with a state's name is not the state
	} {
		got := appendPlaces(nil, c.text)
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("appendPlaces(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

// A case names its states by their districts and towns too; a name
// that is also a town abroad, or in two states, gives none.
func TestStatesOfDistricts(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"Girls from Gumla were found in homes in Gurugram and Noida.", []string{"Jharkhand", "Haryana", "Uttar Pradesh"}},
		{"Children from Bihar worked in bangle units in Jaipur.", []string{"Bihar", "Rajasthan"}},
		{"Women were sold in Bharatpur.", nil},                // a district of Rajasthan and a town of Nepal
		{"The court in Phoenix, Arizona convicted him.", nil}, // no place of India
	} {
		got := ReadFieldsFromText("", c.text).States
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("states of %q = %q, want %q", c.text, got, c.want)
		}
	}
}
