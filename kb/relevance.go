package kb

import (
	"context"
	"math"
	"sort"
)

// JudgedQuery is a query with the practices that answer it, by title:
// grade 2 for the answer, 1 for also useful.
type JudgedQuery struct {
	Query    string `json:"query"`
	Kind     string `json:"kind,omitempty"`
	Relevant []struct {
		Title string `json:"title"`
		Grade int    `json:"grade"`
	} `json:"relevant"`
}

// QueryScore is how search did on one judged query.
type QueryScore struct {
	Query   string
	NDCG10  float64
	Recall3 float64
	Top     []string // the first titles returned
}

// RelevanceReport sums up a judged query set.
type RelevanceReport struct {
	Queries []QueryScore
	NDCG10  float64 // mean over queries
	Recall3 float64 // mean share of grade-2 answers in the first three
}

// EvaluateRelevance runs each judged query through search and scores the
// ranking: nDCG@10 with gains 2^grade-1, and recall@3 of the answers.
func (s *Service) EvaluateRelevance(ctx context.Context, queries []JudgedQuery) (RelevanceReport, error) {
	var rep RelevanceReport
	for _, jq := range queries {
		res, err := s.Search(ctx, Query{Text: jq.Query, Size: 10})
		if err != nil {
			return rep, err
		}
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
		qs := QueryScore{Query: jq.Query}
		dcg, found := 0.0, 0
		for i, h := range res.Hits {
			qs.Top = append(qs.Top, h.Practice.Title)
			g := grade[h.Practice.Title]
			dcg += (math.Pow(2, float64(g)) - 1) / math.Log2(float64(i)+2)
			if i < 3 && g >= 2 {
				found++
			}
		}
		idcg := 0.0
		for i, g := range ideal {
			if i >= 10 {
				break
			}
			idcg += (math.Pow(2, float64(g)) - 1) / math.Log2(float64(i)+2)
		}
		if idcg > 0 {
			qs.NDCG10 = dcg / idcg
		}
		if answers > 0 {
			qs.Recall3 = float64(found) / float64(min(answers, 3))
		}
		rep.Queries = append(rep.Queries, qs)
		rep.NDCG10 += qs.NDCG10
		rep.Recall3 += qs.Recall3
	}
	if n := float64(len(rep.Queries)); n > 0 {
		rep.NDCG10 /= n
		rep.Recall3 /= n
	}
	return rep, nil
}
