// Package search keeps the full-text index of practices in Bleve. The
// index is derived from the database and can always be rebuilt from it.
package search

import (
	"encoding/json"
	"strconv"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/shingle"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/whitespace"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/compendium-kb/compendium/kb"
)

// Version changes whenever the mapping or what is indexed changes; an
// index of another version is deleted and rebuilt from the database.
// The synonym list is indexed too (its terms found in each practice), so
// an index built with another list is rebuilt as well.
const Version = "15"

func indexVersion() string { return Version + "+" + defaultSynonyms.hash }

const (
	docType = "practice"
	// rawAnalyzer lower-cases words and does nothing else: prefix, fuzzy
	// and suggestion queries are not analysed, so they need words as
	// typed, not stems: "warehouse*" would miss the stemmed "warehous".
	rawAnalyzer = "raw"
	// pairsAnalyzer makes a token of each two adjacent words, stemmed
	// ("train polic"); a removed stop word leaves a "_".
	pairsAnalyzer = "pairs"
	pairsFilter   = "pairs"
	// termsAnalyzer reads the tokens of termsField as they are.
	termsAnalyzer = "terms"
)

// doc is what is indexed for a practice. BleveType names its mapping:
// Bleve finds the type by method, not by a json tag: with a field tagged
// json:"type" every document silently went to the default mapping.
type doc struct {
	Title        string   `json:"title"`
	TitleRaw     string   `json:"title_raw"`
	Summary      string   `json:"summary"`
	Text         string   `json:"text"`
	TextRaw      string   `json:"text_raw"`
	States       []string `json:"states"`
	Themes       []string `json:"themes"`
	Exploitation []string `json:"exploitation"`
	Document     string   `json:"document"`
	Years        []string `json:"years"` // four digits: filters and sorting by year
	Decades      []string `json:"decades"`
	Added        []string `json:"added"` // the day the practice was added, "20061231"
	// Route places by role, and routes as "Source → Destination".
	Source      []string `json:"source"`
	Transit     []string `json:"transit"`
	Destination []string `json:"destination"`
	Route       []string `json:"route"`
	Figures     []string `json:"figures"` // "rescued:28", for totals (stats.go)
	// Districts, laws and agencies: what a query's words name is
	// matched here as well as in the text, and filtered on.
	Districts []string `json:"districts"`
	Laws      []string `json:"laws"`
	Agencies  []string `json:"agencies"`
	Evidence  []string `json:"evidence"` // the label, when a reviewer gave one
	// The synonym list's terms found in the title and in the summary and
	// text, once per occurrence, and the text again as pairs of
	// adjacent words: synonyms and proximity then cost a term lookup
	// each instead of a phrase search.
	TitleTerms string   `json:"title_terms"`
	Terms      string   `json:"terms"`
	TitlePairs string   `json:"title_pairs"`
	TextPairs  []string `json:"text_pairs"` // summary and text apart: no pair across them
	// Card is the practice without its text, stored (not searched) so
	// that a page of results needs no read from the database.
	Card string `json:"card"`
}

func (doc) BleveType() string { return docType }

func toDoc(p kb.Practice) doc {
	d := doc{
		Title: p.Title, TitleRaw: p.Title, Summary: p.Summary, Text: p.Text, TextRaw: p.Text,
		States: p.States, Themes: p.Themes, Exploitation: p.Exploitation,
		Document:   p.Provenance.DocumentID,
		TitleTerms: defaultSynonyms.termsField(p.Title), Terms: defaultSynonyms.termsField(p.Summary + "\n" + p.Text),
		TitlePairs: p.Title, TextPairs: []string{p.Summary, p.Text}, Card: card(p),
		Source: p.RouteRegions("source"), Transit: p.RouteRegions("transit"), Destination: p.RouteRegions("destination"), Route: p.RouteRegions("route"),
		Figures:   figureTerms(p),
		Districts: p.Districts, Laws: p.Laws, Agencies: p.Agencies,
	}
	if p.Evidence != nil && p.Evidence.Label != "" {
		d.Evidence = []string{string(p.Evidence.Label)}
	}
	if !p.CreatedAt.IsZero() {
		d.Added = []string{addedTerm(p.CreatedAt)}
	}
	seen := map[string]bool{}
	for _, y := range p.Years {
		d.Years = append(d.Years, yearTerm(y))
		if dec := decade(y); !seen[dec] {
			seen[dec] = true
			d.Decades = append(d.Decades, dec)
		}
	}
	return d
}

// card is the practice without its text, as JSON.
func card(p kb.Practice) string {
	p.Text = ""
	b, err := json.Marshal(p)
	if err != nil {
		return "" // a practice always marshals; without a card, hits are read from the database
	}
	return string(b)
}

// decade names the year range a year falls in, as the year facet shows it.
func decade(y int) string {
	start := y - y%10
	return strconv.Itoa(start) + "-" + strconv.Itoa(start+9)
}

func buildMapping() mapping.IndexMapping {
	text := func(analyzer string, store bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = store
		f.IncludeTermVectors = store // highlighting needs both
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	kw := func() *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = false
		f.IncludeInAll = false
		f.DocValues = false // filters, facets and sorting read postings (view.go)
		return f
	}
	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt("title", text(textAnalyzer, true))
	dm.AddFieldMappingsAt("title_raw", text(rawAnalyzer, false))
	dm.AddFieldMappingsAt("summary", text(textAnalyzer, false))
	dm.AddFieldMappingsAt("text", text(textAnalyzer, true))
	dm.AddFieldMappingsAt("text_raw", text(rawAnalyzer, false))
	dm.AddFieldMappingsAt("title_pairs", text(pairsAnalyzer, false))
	dm.AddFieldMappingsAt("text_pairs", text(pairsAnalyzer, false))
	stored := bleve.NewTextFieldMapping()
	stored.Index, stored.Store, stored.IncludeInAll, stored.DocValues = false, true, false, false
	dm.AddFieldMappingsAt("card", stored)
	dm.AddFieldMappingsAt("title_terms", text(termsAnalyzer, false))
	dm.AddFieldMappingsAt("terms", text(termsAnalyzer, false))
	for _, f := range viewFields {
		dm.AddFieldMappingsAt(f, kw())
	}

	im := bleve.NewIndexMapping()
	if err := im.AddCustomAnalyzer(rawAnalyzer, map[string]interface{}{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": []string{lowercase.Name},
	}); err != nil {
		panic(err) // a static definition: fails in every test if wrong
	}
	if err := im.AddCustomAnalyzer(textAnalyzer, textAnalyzerConfig); err != nil {
		panic(err)
	}
	if err := im.AddCustomAnalyzer(termsAnalyzer, map[string]interface{}{
		"type": custom.Name, "tokenizer": whitespace.Name,
	}); err != nil {
		panic(err)
	}
	if err := im.AddCustomTokenFilter(pairsFilter, map[string]interface{}{
		"type": shingle.Name, "min": 2.0, "max": 2.0, "output_original": false, "separator": " ", "filler": "_",
	}); err != nil {
		panic(err)
	}
	if err := im.AddCustomAnalyzer(pairsAnalyzer, map[string]interface{}{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": []string{en.PossessiveName, lowercase.Name, en.StopName, scriptStemFilter, pairsFilter},
	}); err != nil {
		panic(err)
	}
	im.TypeField = "-" // documents name their type through BleveType
	im.DefaultMapping = bleve.NewDocumentDisabledMapping()
	im.AddDocumentMapping(docType, dm)
	im.DefaultAnalyzer = textAnalyzer
	im.ScoringModel = scoringModel
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false
	return im
}

// addedTerm is a day as the added field indexes it: its terms sort as
// the days do.
func addedTerm(t time.Time) string { return t.UTC().Format("20060102") }
