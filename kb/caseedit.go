package kb

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/compendium-kb/compendium/indexer"
)

// CaseEdit is a reviewer's correction of some of a case's fields: a nil
// field is left as it is. The API reads it from JSON; the inbox's form
// fills it from text boxes.
type CaseEdit struct {
	Title     *string   `json:"title,omitempty"`
	PageStart *int      `json:"page_start,omitempty"`
	PageEnd   *int      `json:"page_end,omitempty"`
	Summary   *string   `json:"summary,omitempty"`
	Text      *string   `json:"text,omitempty"`
	States    *[]string `json:"states,omitempty"`
	Districts *[]string `json:"districts,omitempty"`
	Years     *[]int    `json:"years,omitempty"`
	Themes    *[]string `json:"themes,omitempty"`
	Laws      *[]string `json:"laws,omitempty"`
	Figures   *Figures  `json:"figures,omitempty"`
	Routes    *[]Route  `json:"routes,omitempty"` // the whole list: a route left out is removed
	Country   *string   `json:"country,omitempty"`
}

// Apply returns f with the edit applied, or a ValidationError naming the
// fields that are wrong. pages is the document's page count (0: unknown).
func (e CaseEdit) Apply(f CaseFields, pages int) (CaseFields, error) {
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = strings.TrimSpace(*v)
		}
	}
	set(&f.Title, e.Title)
	set(&f.Summary, e.Summary)
	set(&f.Text, e.Text)
	for dst, v := range map[*[]string]*[]string{&f.States: e.States, &f.Districts: e.Districts, &f.Themes: e.Themes, &f.Laws: e.Laws} {
		if v != nil {
			*dst = cleanList(*v)
		}
	}
	if e.PageStart != nil {
		f.PageStart = *e.PageStart
	}
	if e.PageEnd != nil {
		f.PageEnd = *e.PageEnd
	}
	if e.Years != nil {
		f.Years = *e.Years
	}
	if e.Figures != nil {
		f.Figures = *e.Figures
	}
	if e.Country != nil {
		f.Country = CountryName(*e.Country)
		if e.Laws == nil {
			// India's laws cited by section alone go with a case moved
			// abroad; those it names stay.
			f.Laws = indexer.LawsFor(f.Title+"\n"+f.Text, f.Laws, f.Country)
		}
	}
	err := f.validate(pages)
	if e.Routes != nil {
		// Checked only when edited: a submitter's places are kept as
		// typed, and correcting a title must not fail on them.
		f.Routes = canonicalRoutes(*e.Routes)
		if msg := checkRoutes(f.Routes); msg != "" {
			var ve *ValidationError
			if !errors.As(err, &ve) {
				ve = &ValidationError{Fields: map[string]string{}}
			}
			ve.Fields["routes"] = msg
			err = ve
		}
	}
	return f, err
}

func (f CaseFields) validate(pages int) error {
	problems := map[string]string{}
	if n := len(strings.TrimSpace(f.Title)); n < 3 || n > 300 {
		problems["title"] = "Give a title of 3 to 300 characters."
	}
	if f.PageStart < 1 || f.PageEnd < f.PageStart || (pages > 0 && f.PageEnd > pages) {
		problems["pages"] = fmt.Sprintf("Pages run from 1 to %d, the first no later than the last.", max(pages, 1))
	}
	for i, s := range f.States {
		if st := indexer.StateOf(s); st != "" {
			f.States[i] = st
		} else if problems["states"] == "" { // the first, with what it may have meant
			problems["states"] = fmt.Sprintf("%q is not a state or union territory of India.", truncate(s, 40)) + didYouMean(SuggestPlaces(s, true))
		}
	}
	if f.Country != "" && !knownCountry(f.Country) {
		problems["country"] = fmt.Sprintf("%q is not a country the knowledge base knows; give it in English, as India, Nepal or United States.", truncate(f.Country, 40))
	}
	for _, y := range f.Years {
		if y < 1900 || y > 2100 {
			problems["years"] = fmt.Sprintf("%d is not a year.", y)
		}
	}
	for _, fg := range f.Figures {
		if strings.TrimSpace(fg.Measure) == "" || fg.Count < 0 {
			problems["figures"] = figuresHint
		}
	}
	if len(problems) > 0 {
		return &ValidationError{Fields: problems}
	}
	return nil
}

func cleanList(xs []string) []string {
	out := []string{}
	for _, x := range xs {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// SplitList reads a list typed as text: items separated by commas,
// semicolons or lines.
func SplitList(s string) []string {
	return cleanList(strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }))
}

// ParseInts reads whole numbers typed as a list; a word that is not one
// is a ValidationError on field.
func ParseInts(field, s string) ([]int, error) {
	out := []int{}
	for _, x := range SplitList(s) {
		n, err := strconv.Atoi(x)
		if err != nil {
			return nil, &ValidationError{Fields: map[string]string{field: fmt.Sprintf("%q is not a whole number.", truncate(x, 20))}}
		}
		out = append(out, n)
	}
	return out, nil
}

// JoinInts writes numbers as a list.
func JoinInts(xs []int) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = strconv.Itoa(x)
	}
	return strings.Join(parts, ", ")
}

const figuresHint = "Write each figure as what=number and what it counts, separated by commas: rescued=212 workers, rescued=61 minors, arrested=9."

// ParseFigures reads figures typed as "rescued=212 workers, arrested=9":
// what was done, the number, and what it counts.
func ParseFigures(s string) (Figures, error) {
	out := Figures{}
	for _, item := range SplitList(s) {
		k, v, ok := strings.Cut(item, "=")
		num, of, _ := strings.Cut(strings.TrimSpace(v), " ")
		n, err := strconv.Atoi(num)
		if !ok || err != nil || n < 0 || strings.TrimSpace(k) == "" {
			return nil, &ValidationError{Fields: map[string]string{"figures": figuresHint}}
		}
		out = append(out, Figure{Measure: strings.ToLower(strings.TrimSpace(k)), Count: n, Of: strings.TrimSpace(of)})
	}
	return out, nil
}

// FormatFigures writes figures the way ParseFigures reads them, in the
// order the text states them.
func FormatFigures(fs Figures) string {
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = strings.TrimSpace(f.Measure + "=" + strconv.Itoa(f.Count) + " " + f.Of)
	}
	return strings.Join(parts, ", ")
}
