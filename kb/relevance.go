package kb

import (
	"context"
	"math"
	"sort"
	"unicode"
)

// Judgement names a practice that answers a judged query, by title.
type Judgement struct {
	Title string `json:"title"`
	Grade int    `json:"grade"` // 2 the answer, 1 also useful
}

// JudgedQuery is a query with the practices that answer it, by title:
// grade 2 for the answer, 1 for also useful.
type JudgedQuery struct {
	Query string `json:"query"`
	Kind  string `json:"kind,omitempty"`
	// Lang is "en", "hi" (Devanagari) or "hi-Latn" (romanised Hindi);
	// when a file leaves it out it is read from the query's script.
	Lang string `json:"lang,omitempty"`
	// Broad marks a query that many practices answer, where how many
	// search finds matters as much as the first ten.
	Broad bool `json:"broad,omitempty"`
	// Heldout marks a query kept out of tuning, reported apart.
	Heldout  bool        `json:"heldout,omitempty"`
	Relevant []Judgement `json:"relevant"`
}

// QueryScore is how search did on one judged query.
type QueryScore struct {
	Query, Lang, Kind string
	Broad, Heldout    bool
	NDCG10            float64
	Recall3           float64 // share of the answers (grade 2), up to three, in the first three
	Recall10          float64 // share of the relevant practices, up to ten, in the first ten
	RR                float64 // 1/rank of the first answer in the first ten, else 0
	Total             int     // the search's total
	Relevant          int     // practices judged relevant
	Top               []string
}

// Missed says whether search left a relevant practice out of the first
// ten or put something before the first answer.
func (q QueryScore) Missed() bool { return q.Recall10 < 1 || q.RR < 1 }

// RelevanceReport sums up a judged query set.
type RelevanceReport struct {
	Queries []QueryScore
	NDCG10  float64 // mean over queries
	Recall3 float64 // mean share of grade-2 answers in the first three
	// Recall10 and MRR are means over queries of QueryScore's.
	Recall10, MRR float64
}

// EvaluateRelevance runs each judged query through search and scores the
// ranking: nDCG@10 with gains 2^grade-1, recall@3 of the answers,
// recall@10 of every relevant practice, and the reciprocal rank of the
// first answer.
func (s *Service) EvaluateRelevance(ctx context.Context, queries []JudgedQuery) (RelevanceReport, error) {
	var rep RelevanceReport
	for _, jq := range queries {
		res, err := s.Search(ctx, Query{Text: jq.Query, Size: 10})
		if err != nil {
			return rep, err
		}
		titles := make([]string, len(res.Hits))
		for i, h := range res.Hits {
			titles[i] = h.Practice.Title
		}
		qs := scoreRanking(jq, titles)
		qs.Total = res.Total
		rep.Queries = append(rep.Queries, qs)
	}
	sum := Summarise(rep.Queries)
	rep.NDCG10, rep.Recall3, rep.Recall10, rep.MRR = sum.NDCG10, sum.Recall3, sum.Recall10, sum.MRR
	return rep, nil
}

// scoreRanking scores the titles search returned, in order, against a
// judged query.
func scoreRanking(jq JudgedQuery, titles []string) QueryScore {
	grade := map[string]int{}
	var ideal []int
	answers := 0
	for _, r := range jq.Relevant {
		grade[r.Title] = r.Grade
		ideal = append(ideal, r.Grade)
		if r.Grade >= 2 {
			answers++
		}
	}
	sort.Sort(sort.Reverse(sort.IntSlice(ideal)))
	qs := QueryScore{Query: jq.Query, Lang: jq.Lang, Kind: jq.Kind, Broad: jq.Broad, Heldout: jq.Heldout,
		Relevant: len(jq.Relevant), Top: titles}
	if qs.Lang == "" {
		qs.Lang = scriptLang(jq.Query)
	}
	dcg, top3, top10 := 0.0, 0, 0
	for i, t := range titles[:min(10, len(titles))] {
		g := grade[t]
		dcg += gain(g, i)
		if g >= 2 && i < 3 {
			top3++
		}
		if g >= 1 {
			top10++
		}
		if g >= 2 && qs.RR == 0 {
			qs.RR = 1 / float64(i+1)
		}
	}
	idcg := 0.0
	for i, g := range ideal[:min(10, len(ideal))] {
		idcg += gain(g, i)
	}
	if idcg > 0 {
		qs.NDCG10 = dcg / idcg
	}
	if answers > 0 {
		qs.Recall3 = float64(top3) / float64(min(answers, 3))
	}
	if len(jq.Relevant) > 0 {
		qs.Recall10 = float64(top10) / float64(min(len(jq.Relevant), 10))
	}
	return qs
}

// gain is a grade's discounted gain at rank i (from 0).
func gain(grade, i int) float64 {
	return (math.Pow(2, float64(grade)) - 1) / math.Log2(float64(i)+2)
}

// scriptLang is the language of a query that does not say: Hindi when it
// has a Devanagari letter, else English.
func scriptLang(q string) string {
	for _, r := range q {
		if unicode.Is(unicode.Devanagari, r) {
			return "hi"
		}
	}
	return "en"
}
