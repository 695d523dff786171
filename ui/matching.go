package ui

import (
	"slices"
	"strings"

	"github.com/compendium-kb/compendium/kb"
)

// matching is what the search page says about how the words of a query
// matched (kb.Matching): a count line, the hits counted in the total and
// the partial matches that follow them, the filters the words name, and
// themes to try when no practice answers.
type matching struct {
	Count       string // the count line, in the reader's language
	Counted     []kb.Hit
	PartialHits []kb.Hit     // after the counted hits: they match only some of the words
	Frequent    string       // the frequent words, which rank and do not filter, in a sentence
	Named       []filterChip // filters the words name, not on yet
	NearThemes  []filterChip // themes to search when nothing answers
}

// filterChip is a filter offered as a link that adds it.
type filterChip struct {
	Label, Link string
}

// explainMatching says in lang what the results of q are and how its
// words matched.
func explainMatching(lang string, q kb.Query, res kb.Results) matching {
	m := matching{Count: countLine(lang, q, res)}
	for _, h := range res.Hits {
		if h.Partial {
			m.PartialHits = append(m.PartialHits, h)
		} else {
			m.Counted = append(m.Counted, h)
		}
	}
	if len(res.Frequent) > 0 {
		m.Frequent = messages.text(lang, "frequent_words", "Count", len(res.Frequent), "Words", quotedList(lang, res.Frequent))
	}
	m.Named = namedChips(lang, q, res.Named)
	m.NearThemes = nearThemes(lang, q, res.NearThemes)
	return m
}

// quotedList is “police”, “rescue” and “railway”.
func quotedList(lang string, words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = "“" + w + "”"
	}
	if len(q) < 2 {
		return strings.Join(q, "")
	}
	return strings.Join(q[:len(q)-1], ", ") + " " + messages.text(lang, "and") + " " + q[len(q)-1]
}

// countLine is "1–10 of 23 practices · 5 with every word · 12 more with
// some of your words": how many practices match (the total, which facets,
// exports and statistics count), how many of them have every word when
// frequent words make that differ, and the partial matches that follow.
func countLine(lang string, q kb.Query, res kb.Results) string {
	listed := res.Total + res.More
	pages := (listed + q.Size - 1) / q.Size
	first := (q.Page-1)*q.Size + 1
	switch {
	case listed > 0 && q.Page > pages:
		return messages.text(lang, "count_past_end", "Count", listed, "Pages", messages.text(lang, "n_pages", "Count", pages))
	case res.Total == 0 && res.More > 0:
		return messages.text(lang, "no_match_query", "Query", q.Text)
	case res.Total == 0:
		return messages.text(lang, "no_match")
	}
	var parts []string
	if first <= res.Total {
		last := min(q.Page*q.Size, res.Total)
		parts = append(parts, messages.text(lang, "count_range", "Count", res.Total, "First", formatNumber(lang, first), "Last", formatNumber(lang, last)))
	} else { // a page of partial matches only
		parts = append(parts, messages.text(lang, "count_total", "Count", res.Total))
	}
	if len(res.Frequent) > 0 && res.EveryWord < res.Total {
		parts = append(parts, messages.text(lang, "count_every_word", "Count", res.EveryWord))
	}
	if res.More > 0 {
		parts = append(parts, messages.text(lang, "count_more", "Count", res.More))
	}
	return strings.Join(parts, " · ")
}

// namedChips offers each field the words name ("झारखंड" names the state
// Jharkhand) as a filter to add, keeping the words; only fields the
// search can filter on, and not a filter that is on already.
func namedChips(lang string, q kb.Query, named []kb.NamedField) []filterChip {
	filters := q.Filters()
	seen := map[string]bool{}
	var out []filterChip
	for _, n := range named {
		on, filterable := filters[n.Facet]
		key := n.Facet + "\x00" + n.Value
		if !filterable || n.Value == "" || slices.Contains(on, n.Value) || seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, filterChip{Label: messages.text(lang, "facet_"+n.Facet) + ": " + valueName(lang, n.Facet, n.Value),
			Link: searchLink(q, n.Facet, n.Value, true)})
	}
	return out
}

// nearThemes links each theme to its practices, with the query's other
// filters but without its words, which no practice has.
func nearThemes(lang string, q kb.Query, themes []string) []filterChip {
	alt := q
	alt.Text = ""
	var out []filterChip
	for _, t := range themes {
		if t == "" || slices.Contains(q.Themes, t) {
			continue
		}
		out = append(out, filterChip{Label: valueName(lang, "theme", t), Link: searchLink(alt, "theme", t, true)})
	}
	return out
}

// valueName is a facet's value as the reader reads it.
func valueName(lang, param, value string) string {
	if l := facetValueLabel(lang, param, value, nil); l != "" {
		return l
	}
	return value
}
