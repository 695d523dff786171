package kb

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/compendium-kb/compendium/indexer"
)

// FigureQuestions are the figures the submission form asks for, each a
// measure and what it counts, in the order the form shows them. The
// answers become the practice's figures as they are, not as a reader of
// the results text would guess them ("212 workers including 61 minors
// rescued" is 212 rescued and 61 of them minors, not "rescued 61").
var FigureQuestions = []struct {
	Name, Label string
	Figure      Figure // Count is the answer
}{
	{"fig_rescued", "People rescued", Figure{Measure: "rescued", Of: "people"}},
	{"fig_minors", "Of them, minors", Figure{Measure: "rescued", Of: "minors"}},
	{"fig_arrested", "People arrested", Figure{Measure: "arrested", Of: "people"}},
	{"fig_firs", "FIRs registered", Figure{Measure: "firs"}},
	{"fig_chargesheeted", "People charge-sheeted", Figure{Measure: "chargesheeted", Of: "people"}},
	{"fig_convicted", "People convicted", Figure{Measure: "convicted", Of: "people"}},
}

// MaxFigure is the largest count a figure may give.
const MaxFigure = 1_000_000

// ReadFigureAnswers reads the form's figure answers, by field name;
// blank answers are left out. A problem names the field.
func ReadFigureAnswers(value func(name string) string) (Figures, map[string]string) {
	var out Figures
	problems := map[string]string{}
	for _, q := range FigureQuestions {
		v := strings.TrimSpace(strings.ReplaceAll(value(q.Name), ",", ""))
		if v == "" {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > MaxFigure {
			problems[q.Name] = fmt.Sprintf("%s: give a whole number from 0 to %d, e.g. 41, or leave it empty.", q.Label, MaxFigure)
			continue
		}
		f := q.Figure
		f.Count = n
		out = append(out, f)
	}
	return out, problems
}

// Answer is the form's answer for one question: the count the figures
// give for its measure and what it counts, or "".
func (fs Figures) Answer(name string) string {
	for _, q := range FigureQuestions {
		if q.Name != name {
			continue
		}
		for _, f := range fs {
			if f.Measure == q.Figure.Measure && f.Of == q.Figure.Of {
				return strconv.Itoa(f.Count)
			}
		}
	}
	return ""
}

// submissionFigures are a submitted practice's figures: those the officer
// gave, or failing that those read from the text.
func submissionFigures(f SubmissionFields, fromText []indexer.Figure) Figures {
	if len(f.Figures) > 0 {
		return f.Figures
	}
	return FiguresFrom(fromText)
}
