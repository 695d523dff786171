package kb

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/compendium-kb/compendium/indexer"
)

// CaseEdit is a reviewer's correction of some of a case's fields: a nil
// field is left as it is. The API reads it from JSON; the inbox's form
// fills it from text boxes.
type CaseEdit struct {
	Title     *string         `json:"title,omitempty"`
	PageStart *int            `json:"page_start,omitempty"`
	PageEnd   *int            `json:"page_end,omitempty"`
	Summary   *string         `json:"summary,omitempty"`
	Text      *string         `json:"text,omitempty"`
	States    *[]string       `json:"states,omitempty"`
	Districts *[]string       `json:"districts,omitempty"`
	Years     *[]int          `json:"years,omitempty"`
	Themes    *[]string       `json:"themes,omitempty"`
	Laws      *[]string       `json:"laws,omitempty"`
	Figures   *map[string]int `json:"figures,omitempty"`
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
	return f, f.validate(pages)
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
		} else {
			problems["states"] = fmt.Sprintf("%q is not a state or union territory of India.", truncate(s, 40))
		}
	}
	for _, y := range f.Years {
		if y < 1900 || y > 2100 {
			problems["years"] = fmt.Sprintf("%d is not a year.", y)
		}
	}
	for k, v := range f.Figures {
		if strings.TrimSpace(k) == "" || v < 0 {
			problems["figures"] = "Write figures as name=number, for example rescued=12."
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

// ParseFigures reads "rescued=12, arrested=3".
func ParseFigures(s string) (map[string]int, error) {
	out := map[string]int{}
	for _, item := range SplitList(s) {
		k, v, ok := strings.Cut(item, "=")
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if !ok || err != nil || strings.TrimSpace(k) == "" {
			return nil, &ValidationError{Fields: map[string]string{"figures": "Write figures as name=number, for example rescued=12."}}
		}
		out[strings.ToLower(strings.TrimSpace(k))] = n
	}
	return out, nil
}

// FormatFigures writes figures the way ParseFigures reads them, in order.
func FormatFigures(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + strconv.Itoa(m[k])
	}
	return strings.Join(parts, ", ")
}
