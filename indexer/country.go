package indexer

import (
	"regexp"

	"github.com/compendium-kb/compendium/kb/gazetteer"
)

// Signs of the country a text is about, beyond the places the gazetteer
// finds: its institutions, laws, currency and words. The gazetteer knows
// India and its neighbours only; the United States, where most published
// reports on trafficking come from, is known by these.
var countrySigns = []struct {
	country string
	re      *regexp.Regexp
}{
	{"India", regexp.MustCompile(`\b(India|Indian|IPC|AHTUs?|FIRs?|crores?|lakhs?|Ministry of Home Affairs|NCRB|Childline|Panchayats?|Anganwadi|ITPA|BNS|POCSO|Superintendent of Police|Sub-Inspector|thana)\b`)},
	{"United States", regexp.MustCompile(`\b(United States|U\.S\.A?|USA|American|FBI|Homeland Security|Department of Justice|DOJ|OJJDP|Polaris|TVPA|Trafficking Victims Protection Act|National Human Trafficking Hotline|[Cc]ounty|Sheriff'?s?|Attorney General|Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Hawaii|Idaho|Illinois|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Wisconsin|Wyoming)\b`)},
	{"United Kingdom", regexp.MustCompile(`\b(United Kingdom|UK|Modern Slavery Act|Home Office|England|Scotland|Wales)\b`)},
}

// CountryOf is the country a text is about, from the places it names
// (every Indian state, district and town, the neighbours' places) and
// its institutions and laws (an AHTU and an FIR are Indian, a county
// sheriff and the FBI American): the country with at least two signs
// and at least twice as many as any other, or "" when the text does not
// say. A case about girls taken from Nepal to Mumbai is Indian: a
// neighbour named among Indian places is a place on a route.
func CountryOf(text string) string {
	count := map[string]int{}
	gazetteer.Find(text, func(_, _ int, places []gazetteer.Place) {
		count[places[0].Country]++
	})
	for _, s := range countrySigns {
		count[s.country] += len(s.re.FindAllStringIndex(text, 50))
	}
	best, second := "", 0
	for c, n := range count {
		if c == "" {
			continue
		}
		if best == "" || n > count[best] || n == count[best] && c < best {
			if best != "" {
				second = max(second, count[best])
			}
			best = c
		} else {
			second = max(second, n)
		}
	}
	if best == "" || count[best] < 2 || count[best] < 2*second {
		return ""
	}
	return best
}
