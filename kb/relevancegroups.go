package kb

import "sort"

// RelevanceSummary is the mean of each figure over a group of queries.
type RelevanceSummary struct {
	Queries                        int
	Recall3, Recall10, NDCG10, MRR float64
}

// Summarise means the figures of the queries given.
func Summarise(qs []QueryScore) RelevanceSummary {
	s := RelevanceSummary{Queries: len(qs)}
	for _, q := range qs {
		s.Recall3 += q.Recall3
		s.Recall10 += q.Recall10
		s.NDCG10 += q.NDCG10
		s.MRR += q.RR
	}
	if n := float64(len(qs)); n > 0 {
		s.Recall3, s.Recall10, s.NDCG10, s.MRR = s.Recall3/n, s.Recall10/n, s.NDCG10/n, s.MRR/n
	}
	return s
}

// RelevanceGroup is the summary of one part of a report: tuning or held
// out, one language (or "" for all), one kind (or "" for all).
type RelevanceGroup struct {
	Heldout    bool
	Lang, Kind string
	RelevanceSummary
}

// Groups sums a report up for each part (tuning first, then held out):
// per language and, when byKind, per kind within it; then the language
// over all kinds; then the part over all languages. A part without
// queries is left out.
func (r RelevanceReport) Groups(byKind bool) []RelevanceGroup {
	var out []RelevanceGroup
	for _, heldout := range []bool{false, true} {
		var part []QueryScore
		for _, q := range r.Queries {
			if q.Heldout == heldout {
				part = append(part, q)
			}
		}
		if len(part) == 0 {
			continue
		}
		for _, lang := range keysOf(part, func(q QueryScore) string { return q.Lang }) {
			inLang := filterScores(part, func(q QueryScore) bool { return q.Lang == lang })
			if byKind {
				for _, kind := range keysOf(inLang, func(q QueryScore) string { return q.Kind }) {
					ofKind := filterScores(inLang, func(q QueryScore) bool { return q.Kind == kind })
					out = append(out, RelevanceGroup{heldout, lang, kind, Summarise(ofKind)})
				}
			}
			out = append(out, RelevanceGroup{heldout, lang, "", Summarise(inLang)})
		}
		out = append(out, RelevanceGroup{heldout, "", "", Summarise(part)})
	}
	return out
}

// Summary sums up the queries that keep says to keep.
func (r RelevanceReport) Summary(keep func(QueryScore) bool) RelevanceSummary {
	return Summarise(filterScores(r.Queries, keep))
}

func filterScores(qs []QueryScore, keep func(QueryScore) bool) []QueryScore {
	var out []QueryScore
	for _, q := range qs {
		if keep(q) {
			out = append(out, q)
		}
	}
	return out
}

// keysOf lists the distinct values of key over the queries, sorted.
func keysOf(qs []QueryScore, key func(QueryScore) string) []string {
	seen := map[string]bool{}
	var keys []string
	for _, q := range qs {
		if k := key(q); !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}
