package evaluation

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"

	"github.com/compendium-kb/compendium/indexer"
	"github.com/compendium-kb/compendium/kb"
	"github.com/compendium-kb/compendium/samples"
)

// Fields are the facts the labelled set scores, in the order reports list
// them.
var Fields = []string{"states", "districts", "routes", "laws", "exploitation", "figures"}

// Floors are the precision and recall the reader must reach on the
// held-out cases, per field; fields not listed are reported only.
var Floors = map[string][2]float64{
	"states": {0.95, 0.9}, "routes": {0.95, 0.9}, "laws": {0.95, 0.9}, "exploitation": {0.95, 0.9},
}

// FieldCase is one labelled case: its text, what a person reads in it
// per field (a field absent was not labelled for this case), and whether
// it is held out from tuning.
type FieldCase struct {
	Source  string
	Title   string
	Text    string
	Heldout bool
	Labels  map[string][]string
	// Read is what the reader gives, per field.
	Read map[string][]string
}

// labelFile is samples/facts.json: hand labels for the sample
// compendia's cases (found by title) and for submissions written for
// the set (with their text).
type labelFile struct {
	Cases []struct {
		Source string              `json:"source"`
		Title  string              `json:"title"`
		Text   string              `json:"text,omitempty"`
		Labels map[string][]string `json:"labels"`
	} `json:"cases"`
}

// FieldCases is the labelled set, read by the reader: the layout corpus's
// English practices, the sample compendia's cases (read from their PDFs
// as an import reads them), the Hindi sample practices, and the
// submissions of samples/facts.json. Every fourth case is held out from
// tuning.
func FieldCases() ([]FieldCase, error) {
	cases := layoutCases()
	pdfCases, err := samplePDFCases()
	if err != nil {
		return nil, err
	}
	js, err := fs.ReadFile(samples.FS, "facts.json")
	if err != nil {
		return nil, err
	}
	var lf labelFile
	if err := json.Unmarshal(js, &lf); err != nil {
		return nil, fmt.Errorf("facts.json: %w", err)
	}
	for _, c := range lf.Cases {
		fc := FieldCase{Source: c.Source, Title: c.Title, Labels: c.Labels}
		if c.Text != "" {
			fc.Text = c.Text
			fc.Read = readText(c.Title, c.Text)
		} else if read, ok := pdfCases[c.Title]; ok {
			fc.Text, fc.Read = read.Text, read.Read
		} else {
			return nil, fmt.Errorf("facts.json: no sample case is titled %q", c.Title)
		}
		cases = append(cases, fc)
	}
	hindi, err := hindiCases()
	if err != nil {
		return nil, err
	}
	cases = append(cases, hindi...)
	for i := range cases {
		cases[i].Heldout = i%4 == 3
	}
	return cases, nil
}

// readText is what the reader gives for a case known by its text.
func readText(title, text string) map[string][]string {
	return readFields(indexer.ReadFieldsFromText(title, text), text)
}

// readFields puts a case's fields as the labels write them; routes are
// proposed from the text without its title, as an import proposes them.
func readFields(f indexer.Fields, text string) map[string][]string {
	out := map[string][]string{
		"states": f.States, "districts": f.Districts,
		"laws": f.Laws, "exploitation": f.Exploitation,
	}
	for _, fg := range f.Figures {
		out["figures"] = append(out["figures"], fmt.Sprintf("%s:%d", fg.Measure, fg.Count))
	}
	for _, r := range kb.ProposeRoutes(text) {
		out["routes"] = append(out["routes"], routeLabel(r.Source.Region, r.Destination.Region))
	}
	return out
}

// routeLabel writes a route as the labels do: its two ends' regions, an
// end not known as "?": "Jharkhand > Delhi", "Nepal > ?".
func routeLabel(source, destination string) string {
	or := func(s string) string {
		if s == "" {
			return "?"
		}
		return s
	}
	return or(source) + " > " + or(destination)
}

// samplePDFCases are the sample compendia's cases as an import reads
// them, by title.
func samplePDFCases() (map[string]FieldCase, error) {
	names, err := fs.Glob(samples.FS, "*.pdf")
	if err != nil {
		return nil, err
	}
	out := map[string]FieldCase{}
	for _, name := range names {
		data, err := fs.ReadFile(samples.FS, name)
		if err != nil {
			return nil, err
		}
		doc, err := indexer.Extract(name, data, indexer.DefaultLimits)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		for _, cs := range doc.Practices {
			out[cs.Title] = FieldCase{Text: cs.Text, Read: readFields(cs.Fields, cs.Text)}
		}
	}
	return out, nil
}

// hindiCases are the Hindi sample practices, labelled where they were
// written (states, laws and forms of exploitation).
func hindiCases() ([]FieldCase, error) {
	_, ps, err := samples.Hindi()
	if err != nil {
		return nil, err
	}
	var out []FieldCase
	for _, p := range ps {
		laws := make([]string, len(p.Laws))
		for i, l := range p.Laws {
			laws[i] = lawName(l)
		}
		out = append(out, FieldCase{Source: "hindi-practices.json", Title: p.Title, Text: p.Text, Read: readText(p.Title, p.Text),
			Labels: map[string][]string{"states": p.States, "laws": laws, "exploitation": p.Exploitation}})
	}
	return out, nil
}

// lawName is a law under the reader's name for it: the Hindi samples
// write "POCSO" for "POCSO Act, 2012".
func lawName(s string) string {
	for _, name := range indexer.LawNames() {
		if strings.HasPrefix(name, s) {
			return name
		}
	}
	return s
}
