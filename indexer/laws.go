package indexer

import (
	"regexp"
	"strings"
)

type lawPattern = struct{ name, named, cited string }

// lawNameRE finds the names of laws whose words also name a form of
// exploitation: a case that cites the Bonded Labour System (Abolition)
// Act, as every case of one compendium does, does not for that show
// bonded labour.
var lawNameRE = regexp.MustCompile(`(?i)Bonded Labou?r System \(Abolition\) Act|Bonded Labou?r (?:\(Abolition\) )?Act|Child Labou?r \(Prohibition[^.]{0,60}Act|Child and Adolescent Labou?r[^.]{0,40}Act|Prohibition of Child Marriage Act|Child Marriage Restraint Act|Protection of Children from Sexual Offences`)

// compileLaws compiles one of the two patterns of every law; a law
// without that pattern gets none (it never matches).
func compileLaws(pattern func(lawPattern) string) []namedRE {
	var list []struct{ name, pattern string }
	for _, l := range lawPatterns {
		if p := pattern(l); p != "" {
			list = append(list, struct{ name, pattern string }{l.name, p})
		}
	}
	return compileAll(list)
}

// lawsOf are the laws a case's text names, in the order of lawPatterns:
// by their own names anywhere, by short forms and section numbers only
// when the case is Indian or does not say where it is.
func lawsOf(text, country string) []string {
	found := map[string]bool{}
	for _, name := range matchAll(namedLawRE, text, 1) {
		found[name] = true
	}
	if country == "" || country == "India" {
		for _, name := range matchAll(citedLawRE, text, 1) {
			found[name] = true
		}
	}
	var out []string
	for _, l := range lawPatterns {
		if found[l.name] {
			out = append(out, l.name)
		}
	}
	return out
}

// LawsFor are the laws that stay when a case's country is known only from
// its document: a case of an American report keeps only laws it names.
func LawsFor(text string, laws []string, country string) []string {
	if country == "" || country == "India" {
		return laws
	}
	named := lawsOf(text, country)
	var out []string
	for _, l := range laws {
		for _, n := range named {
			if l == n {
				out = append(out, l)
			}
		}
	}
	return out
}

// notAgency marks names the agency pattern takes that are the other side:
// a trafficking network or the placement agencies a case is about.
var notAgency = regexp.MustCompile(`(?i)\b(placement|agenc(?:y|ies)|racket|gang|ring|traffick\w*|recruit\w*)\b`)

// agenciesOf are the organisations a case names: acronyms of Indian
// agencies and names ending in Foundation, Trust, Network and the like,
// but not a name the case is about ("Placement Agency Network", in its
// title) nor one of traffickers.
func agenciesOf(title, text string) []string {
	var out []string
	lowerTitle := strings.ToLower(title)
	for _, m := range agencyPattern.FindAllStringSubmatch(text, -1) {
		name := strings.Join(strings.Fields(m[1]+m[2]), " ")
		if m[2] != "" && (notAgency.MatchString(name) || strings.Contains(lowerTitle, strings.ToLower(name))) {
			continue
		}
		out = addUnique(out, name)
	}
	return out
}

// LawNames are the names of the laws the reader tags, in its order.
func LawNames() []string {
	out := make([]string, len(lawPatterns))
	for i, l := range lawPatterns {
		out[i] = l.name
	}
	return out
}
