package gazetteer

import (
	"slices"
	"testing"
	"unicode"
)

func TestLookupResolvesPlaces(t *testing.T) {
	cases := []struct {
		name           string
		want           string
		kind           Kind
		state, country string
	}{
		// States and union territories, by English, Hindi and old names.
		{"Jharkhand", "Jharkhand", KindState, "Jharkhand", "India"},
		{"झारखंड", "Jharkhand", KindState, "Jharkhand", "India"},
		{"झारखण्ड", "Jharkhand", KindState, "Jharkhand", "India"},
		{"Orissa", "Odisha", KindState, "Odisha", "India"},
		{"उड़ीसा", "Odisha", KindState, "Odisha", "India"},
		{"Uttaranchal", "Uttarakhand", KindState, "Uttarakhand", "India"},
		{"Pondicherry", "Puducherry", KindUT, "Puducherry", "India"},
		{"tamilnadu", "Tamil Nadu", KindState, "Tamil Nadu", "India"},
		{"  west   BENGAL ", "West Bengal", KindState, "West Bengal", "India"},
		{"पश्चिम बंगाल", "West Bengal", KindState, "West Bengal", "India"},
		{"Jammu & Kashmir", "Jammu and Kashmir", KindUT, "Jammu and Kashmir", "India"},
		{"छत्तीसगढ़", "Chhattisgarh", KindState, "Chhattisgarh", "India"},
		// Districts named on trafficking routes.
		{"Simdega", "Simdega", KindDistrict, "Jharkhand", "India"},
		{"सिमडेगा", "Simdega", KindDistrict, "Jharkhand", "India"},
		{"Pakur", "Pakur", KindDistrict, "Jharkhand", "India"},
		{"Lohardaga", "Lohardaga", KindDistrict, "Jharkhand", "India"},
		{"गुमला", "Gumla", KindDistrict, "Jharkhand", "India"},
		{"Sundargarh", "Sundargarh", KindDistrict, "Odisha", "India"},
		{"Sundergarh", "Sundargarh", KindDistrict, "Odisha", "India"},
		{"Katihar", "Katihar", KindDistrict, "Bihar", "India"},
		{"कटिहार", "Katihar", KindDistrict, "Bihar", "India"},
		{"Darjeeling", "Darjeeling", KindDistrict, "West Bengal", "India"},
		{"Murshidabad", "Murshidabad", KindDistrict, "West Bengal", "India"},
		{"Howrah", "Howrah", KindDistrict, "West Bengal", "India"},
		{"North 24 Parganas", "North 24 Parganas", KindDistrict, "West Bengal", "India"},
		{"Gurgaon", "Gurugram", KindDistrict, "Haryana", "India"},
		{"Mewat", "Nuh", KindDistrict, "Haryana", "India"},
		{"Bombay", "Mumbai", KindDistrict, "Maharashtra", "India"},
		{"बम्बई", "Mumbai", KindDistrict, "Maharashtra", "India"},
		{"Calcutta", "Kolkata", KindDistrict, "West Bengal", "India"},
		{"Madras", "Chennai", KindDistrict, "Tamil Nadu", "India"},
		{"Belgaum", "Belagavi", KindDistrict, "Karnataka", "India"},
		{"Kutch", "Kutch", KindDistrict, "Gujarat", "India"},
		// Towns.
		{"Bhiwandi", "Bhiwandi", KindCity, "Maharashtra", "India"},
		{"Raxaul", "Raxaul", KindCity, "Bihar", "India"},
		{"रक्सौल", "Raxaul", KindCity, "Bihar", "India"},
		{"Siliguri", "Siliguri", KindCity, "West Bengal", "India"},
		{"Bangalore", "Bengaluru", KindCity, "Karnataka", "India"},
		// Neighbours.
		{"Nepal", "Nepal", KindCountry, "", "Nepal"},
		{"बांग्लादेश", "Bangladesh", KindCountry, "", "Bangladesh"},
		{"Burma", "Myanmar", KindCountry, "", "Myanmar"},
		{"UAE", "United Arab Emirates", KindCountry, "", "United Arab Emirates"},
		{"Kathmandu", "Kathmandu", KindDistrict, "Bagmati Province", "Nepal"},
		{"काठमांडू", "Kathmandu", KindDistrict, "Bagmati Province", "Nepal"},
		{"Birgunj", "Birgunj", KindCity, "Madhesh", "Nepal"},
		{"Biratnagar", "Biratnagar", KindCity, "Koshi", "Nepal"},
		{"Jashore", "Jessore", KindDistrict, "Khulna", "Bangladesh"},
		{"Satkhira", "Satkhira", KindDistrict, "Khulna", "Bangladesh"},
		{"Phuentsholing", "Phuntsholing", KindCity, "Chukha", "Bhutan"},
		{"Tibet", "Tibet", KindProvince, "Tibet", "China"},
	}
	for _, c := range cases {
		ps := Lookup(c.name)
		if len(ps) == 0 {
			t.Errorf("Lookup(%q) found nothing, want %s", c.name, c.want)
			continue
		}
		p := ps[0]
		if p.Name != c.want || p.Kind != c.kind || p.State != c.state || p.Country != c.country {
			t.Errorf("Lookup(%q)[0] = %s (%s) in %q, %q; want %s (%s) in %q, %q",
				c.name, p.Name, p.Kind, p.State, p.Country, c.want, c.kind, c.state, c.country)
		}
	}
}

func TestLookupReturnsEveryPlaceOfAnAmbiguousName(t *testing.T) {
	cases := []struct {
		name string
		want []string // "name/state/country" in order
	}{
		{"Aurangabad", []string{"Aurangabad/Bihar/India", "Aurangabad/Maharashtra/India"}},
		{"Punjab", []string{"Punjab/Punjab/India", "Punjab/Punjab/Pakistan"}},
		{"Hyderabad", []string{"Hyderabad/Telangana/India"}},
		{"Bhojpur", []string{"Bhojpur/Bihar/India", "Bhojpur/Koshi/Nepal"}}, // India's first among districts
	}
	for _, c := range cases {
		var got []string
		for _, p := range Lookup(c.name) {
			got = append(got, p.Name+"/"+p.State+"/"+p.Country)
		}
		for i, w := range c.want {
			if i >= len(got) || got[i] != w {
				t.Errorf("Lookup(%q) = %q, want it to start %q", c.name, got, c.want)
				break
			}
		}
	}
	if got := Lookup("Hyderabad"); len(got) < 2 {
		t.Errorf("Lookup(Hyderabad) = %d places, want Telangana's and Sindh's at least", len(got))
	}
	if got := Lookup("Nowhere-on-earth"); got != nil {
		t.Errorf("Lookup of an unknown name = %v, want nil", got)
	}
}

func TestPrefixCompletesInBothScripts(t *testing.T) {
	cases := []struct {
		q, want string
	}{
		{"Jhar", "Jharkhand"},
		{"jhark", "Jharkhand"},
		{"झार", "Jharkhand"},
		{"Oris", "Odisha"},
		{"उड़ी", "Odisha"},
		{"Simd", "Simdega"},
		{"सिमडे", "Simdega"},
		{"Kathm", "Kathmandu"},
		{"Gurg", "Gurugram"},
	}
	for _, c := range cases {
		ps := Prefix(c.q, 5)
		if len(ps) == 0 || ps[0].Name != c.want {
			t.Errorf("Prefix(%q, 5) = %v, want %s first", c.q, names(ps), c.want)
		}
		if len(ps) > 5 {
			t.Errorf("Prefix(%q, 5) gave %d places", c.q, len(ps))
		}
	}
	if ps := Prefix("Goa", 3); len(ps) == 0 || ps[0].Kind != KindState {
		t.Errorf("Prefix(Goa) = %v, want the state whose whole name it is first", names(ps))
	}
	if ps := Prefix("", 5); ps != nil {
		t.Errorf("Prefix(\"\") = %v, want nil", names(ps))
	}
}

func TestNearSuggestsTheNameMeant(t *testing.T) {
	cases := []struct{ typed, want string }{
		{"Jharkhnd", "Jharkhand"},
		{"Jharkand", "Jharkhand"},
		{"Simdegga", "Simdega"},
		{"Murshidbad", "Murshidabad"},
		{"Maharastra", "Maharashtra"},
		{"Kathmando", "Kathmandu"},
		{"झारखन्ड", "Jharkhand"},
	}
	for _, c := range cases {
		ps := Near(c.typed, 3)
		if len(ps) == 0 || ps[0].Name != c.want {
			t.Errorf("Near(%q, 3) = %v, want %s first", c.typed, names(ps), c.want)
		}
	}
	if ps := Near("Xqzzvw", 3); len(ps) != 0 {
		t.Errorf("Near(Xqzzvw) = %v, want nothing near", names(ps))
	}
}

func TestStatesAndDistrictsAllHaveHindiNames(t *testing.T) {
	states := States()
	if len(states) != 36 {
		t.Errorf("States() = %d, want 36 states and union territories", len(states))
	}
	stateNames := map[string]bool{}
	for _, s := range states {
		stateNames[s.Name] = true
	}
	districts := 0
	for _, p := range places().places {
		if !p.InIndia() || (p.Kind != KindState && p.Kind != KindUT && p.Kind != KindDistrict) {
			continue
		}
		if p.Kind == KindDistrict {
			districts++
		}
		if !isDevanagari(p.Hindi) {
			t.Errorf("%s %s has Hindi name %q, want Devanagari", p.Kind, p.Name, p.Hindi)
		}
		if !stateNames[p.State] {
			t.Errorf("%s %s lies in %q, which is no state", p.Kind, p.Name, p.State)
		}
	}
	if districts < 700 {
		t.Errorf("%d districts of India, want 700 or more", districts)
	}
}

func TestDataFileParses(t *testing.T) {
	list, err := parse(data)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[Kind]int{}
	for _, p := range list {
		kinds[p.Kind]++
		if p.Code == "" && p.InIndia() && p.Kind != KindCity {
			t.Errorf("%s %s has no LGD code", p.Kind, p.Name)
		}
	}
	if kinds[KindState]+kinds[KindUT] != 36 || kinds[KindCountry] < 14 {
		t.Errorf("data holds %v, want 36 states and union territories and 14 countries or more", kinds)
	}
	if _, err := parse("state\tGoa\n"); err == nil {
		t.Error("parse took a line of 2 fields")
	}
}

func TestKeyMakesHindiSpellingsOne(t *testing.T) {
	same := [][2]string{
		{"झारखंड", "झारखण्ड"},
		{"छत्तीसगढ़", "छत्तीसगढ"},
		{"गाँव", "गांव"},
		{"हिंदी", "हिन्दी"},
		{"Tamil Nadu", "TAMIL-NADU"},
	}
	for _, s := range same {
		if key(s[0]) != key(s[1]) {
			t.Errorf("key(%q) = %q, key(%q) = %q; want them equal", s[0], key(s[0]), s[1], key(s[1]))
		}
	}
	if key("नमक") == key("नक") {
		t.Error("key dropped a letter")
	}
}

func names(ps []Place) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Name+" ("+string(p.Kind)+")")
	}
	return out
}

func isDevanagari(s string) bool {
	return s != "" && !slices.ContainsFunc([]rune(s), func(r rune) bool {
		return !unicode.Is(unicode.Devanagari, r) && r != ' ' && r != '-' && !unicode.IsDigit(r)
	})
}
