package evaluation

import (
	"fmt"
	"slices"
)

// FieldScore counts, for one field over a part of the labelled set, the
// values read that a person labelled (TP), read but not labelled (FP),
// and labelled but not read (FN). Only cases labelled for the field
// count.
type FieldScore struct {
	Field      string
	Cases      int
	TP, FP, FN int
}

// Precision is TP / (TP + FP); 1 when nothing was read.
func (s FieldScore) Precision() float64 {
	if s.TP+s.FP == 0 {
		return 1
	}
	return float64(s.TP) / float64(s.TP+s.FP)
}

// Recall is TP / (TP + FN); 1 when nothing was labelled.
func (s FieldScore) Recall() float64 {
	if s.TP+s.FN == 0 {
		return 1
	}
	return float64(s.TP) / float64(s.TP+s.FN)
}

// ScoreFields scores every field over the held-out cases (heldout) or
// the tuning ones.
func ScoreFields(cases []FieldCase, heldout bool) []FieldScore {
	out := make([]FieldScore, len(Fields))
	for i, field := range Fields {
		out[i].Field = field
		for _, c := range cases {
			labels, ok := c.Labels[field]
			if !ok || c.Heldout != heldout {
				continue
			}
			out[i].Cases++
			tp, fp, fn := compare(labels, c.Read[field])
			out[i].TP, out[i].FP, out[i].FN = out[i].TP+len(tp), out[i].FP+len(fp), out[i].FN+len(fn)
		}
	}
	return out
}

// Mistakes lists, case by case, what the reader read wrongly in a field:
// "+X" read and not labelled, "-Y" labelled and not read.
func Mistakes(cases []FieldCase, field string) []string {
	var out []string
	for _, c := range cases {
		labels, ok := c.Labels[field]
		if !ok {
			continue
		}
		_, fp, fn := compare(labels, c.Read[field])
		if len(fp)+len(fn) == 0 {
			continue
		}
		part := "tuning"
		if c.Heldout {
			part = "held out"
		}
		out = append(out, fmt.Sprintf("%s (%s, %s): read +%q, missed -%q", c.Title, c.Source, part, fp, fn))
	}
	return out
}

// compare splits the values read into those labelled and not, and lists
// the labelled values not read; each value counts once.
func compare(labels, read []string) (tp, fp, fn []string) {
	labels, read = distinct(labels), distinct(read)
	for _, r := range read {
		if slices.Contains(labels, r) {
			tp = append(tp, r)
		} else {
			fp = append(fp, r)
		}
	}
	for _, l := range labels {
		if !slices.Contains(read, l) {
			fn = append(fn, l)
		}
	}
	return tp, fp, fn
}

func distinct(xs []string) []string {
	var out []string
	for _, x := range xs {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}
