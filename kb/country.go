package kb

import (
	"strings"

	"github.com/compendium-kb/compendium/kb/gazetteer"
)

// countriesAbroad are the countries the gazetteer does not list as
// places abroad (India itself; America and Britain, where most published
// reports on trafficking come from), with the other names a reviewer may
// type.
var countriesAbroad = map[string]string{
	"united states": "United States", "united states of america": "United States", "usa": "United States", "us": "United States", "u.s.": "United States", "america": "United States",
	"india": "India", "भारत": "India", "bharat": "India",
	"united kingdom": "United Kingdom", "uk": "United Kingdom", "britain": "United Kingdom", "great britain": "United Kingdom",
}

// CountryName is a country under its English name ("भारत" and "india"
// are India, "USA" the United States); what is no known country is
// returned as typed, trimmed, for validation to name.
func CountryName(s string) string {
	s = strings.TrimSpace(s)
	if c, ok := countriesAbroad[strings.ToLower(s)]; ok {
		return c
	}
	for _, p := range gazetteer.Lookup(s) {
		if p.Kind == gazetteer.KindCountry {
			return p.Name
		}
	}
	return s
}

// knownCountry says whether name is a country under its English name.
func knownCountry(name string) bool {
	for _, c := range countriesAbroad {
		if c == name {
			return true
		}
	}
	for _, p := range gazetteer.Lookup(name) {
		if p.Kind == gazetteer.KindCountry && p.Name == name {
			return true
		}
	}
	return false
}
