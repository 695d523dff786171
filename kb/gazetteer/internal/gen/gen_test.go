package main

import (
	"bytes"
	"io"
	"os"
	"slices"
	"strings"
	"testing"
)

// dataFile is the committed data, which the generator wrote.
const dataFile = "../../places.tsv"

// TestGeneratorMakesTheCommittedFile regenerates the data from the
// sources when GAZETTEER_SRC names the folder fetch-sources.sh filled, and
// compares it with the committed file. Without the sources it skips: they
// are downloaded, not kept in the repository.
func TestGeneratorMakesTheCommittedFile(t *testing.T) {
	dir := os.Getenv("GAZETTEER_SRC")
	if dir == "" {
		t.Skip("GAZETTEER_SRC is not set: run fetch-sources.sh and set it to compare the generator's output")
	}
	places, err := build(sources{dir: dir, overrides: "overrides.tsv", words: "/usr/share/dict/british-english"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if err := write(&got, places); err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(dataFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Error("the generator's output differs from places.tsv: run it again and commit the file")
	}
}

// TestDataFileHoldsTheOverrides checks, without the sources, that every
// name overrides.tsv gives is in the committed data file: an override
// edited without running the generator fails here.
func TestDataFileHoldsTheOverrides(t *testing.T) {
	b, err := os.ReadFile(dataFile)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Split(line, "\t")
		if len(f) < 6 || strings.HasPrefix(line, "#") {
			continue
		}
		names[f[1]], names[f[4]] = true, true
		for _, a := range strings.Split(f[5], "|") {
			names[a] = true
		}
	}
	ov, err := readOverrides("overrides.tsv")
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, fx := range append(mapValues(ov.states), mapValues(ov.districts)...) {
		want = append(append(want, fx.Name, fx.Hindi), fx.Aliases...)
	}
	for _, r := range ov.places {
		want = append(append(want, r.Name, r.Hindi), r.Aliases...)
	}
	for _, a := range ov.aliases {
		want = append(append(want, a.name, a.hindi), a.aliases...)
	}
	for _, n := range want {
		if n != "" && !names[n] {
			t.Errorf("overrides.tsv gives %q, which places.tsv lacks: run the generator", n)
		}
	}
}

func mapValues(m map[string]fix) []fix {
	var out []fix
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

func TestHindiVariants(t *testing.T) {
	cases := []struct {
		name string
		want []string
	}{
		{"झारखंड", []string{"झारखण्ड"}},
		{"झारखण्ड", []string{"झारखंड"}},
		{"छत्तीसगढ़", []string{"छत्तीसगढ"}},
		{"गाँव", []string{"गांव"}},
		{"बिहार", nil},
	}
	for _, c := range cases {
		if got := hindiVariants(c.name); !slices.Equal(got, c.want) {
			t.Errorf("hindiVariants(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestTownName(t *testing.T) {
	cases := map[string]string{
		"Giridih Municipal Corporation": "Giridih",
		"Municipal Committee Katra":     "Katra",
		"Atmakur (Kurnool)":             "Atmakur",
		"GADCHANDUR NAGAR PARISHAD":     "Gadchandur",
		"Dhone(M)":                      "Dhone",
		"Clement Town":                  "Clement Town",
		"Nagar Palika, Nainpur":         "Nainpur",
		"Tura Municipal Board":          "Tura",
	}
	for in, want := range cases {
		if got := townName(in); got != want {
			t.Errorf("townName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCommonNames(t *testing.T) {
	words := map[string]bool{"erode": true, "madras": true}
	common := map[string]bool{fold("Gaya"): true}
	cases := []struct {
		r    record
		want bool
	}{
		{record{Kind: "district", Name: "Erode"}, true},
		{record{Kind: "district", Name: "Una"}, true},
		{record{Kind: "state", Name: "Goa"}, false},
		{record{Kind: "district", Name: "Gaya"}, true},
		{record{Kind: "district", Name: "Chennai", Aliases: []string{"Madras"}}, false},
		{record{Kind: "state", Name: "Uttar Pradesh", Aliases: []string{"UP"}}, false},
	}
	for _, c := range cases {
		if got := isCommon(&c.r, words, common); got != c.want {
			t.Errorf("isCommon(%s) = %v, want %v", c.r.Name, got, c.want)
		}
	}
}
