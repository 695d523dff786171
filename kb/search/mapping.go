// Package search keeps the full-text index of practices in Bleve. The
// index is derived from the database and can always be rebuilt from it.
package search

import (
	"strconv"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/compendium-kb/compendium/kb"
)

// Version changes whenever the mapping or what is indexed changes; an
// index of another version is deleted and rebuilt from the database.
const Version = "5"

const (
	docType = "practice"
	// rawAnalyzer lower-cases words and does nothing else: prefix, fuzzy
	// and suggestion queries are not analysed, so they need words as
	// typed, not stems (dependencies.md).
	rawAnalyzer = "raw"
)

// doc is what is indexed for a practice. BleveType names its mapping:
// Bleve finds the type by method, not by a json tag (dependencies.md).
type doc struct {
	Title        string    `json:"title"`
	TitleRaw     string    `json:"title_raw"`
	Summary      string    `json:"summary"`
	Text         string    `json:"text"`
	TextRaw      string    `json:"text_raw"`
	Section      string    `json:"section"`
	States       []string  `json:"states"`
	Themes       []string  `json:"themes"`
	Exploitation []string  `json:"exploitation"`
	Laws         []string  `json:"laws"`
	Agencies     []string  `json:"agencies"`
	Document     string    `json:"document"`
	Years        []float64 `json:"years"`
	Year         float64   `json:"year"`     // latest year, for sorting by newest
	YearMin      float64   `json:"year_min"` // earliest year, for oldest
	Decades      []string  `json:"decades"`
}

func (doc) BleveType() string { return docType }

func toDoc(p kb.Practice) doc {
	d := doc{
		Title: p.Title, TitleRaw: p.Title, Summary: p.Summary, Text: p.Text, TextRaw: p.Text, Section: p.Section,
		States: p.States, Themes: p.Themes, Exploitation: p.Exploitation, Laws: p.Laws, Agencies: p.Agencies,
		Document: p.Provenance.DocumentID,
	}
	seen := map[string]bool{}
	for _, y := range p.Years {
		d.Years = append(d.Years, float64(y))
		if float64(y) > d.Year {
			d.Year = float64(y)
		}
		if d.YearMin == 0 || float64(y) < d.YearMin {
			d.YearMin = float64(y)
		}
		if dec := decade(y); !seen[dec] {
			seen[dec] = true
			d.Decades = append(d.Decades, dec)
		}
	}
	return d
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
		f.DocValues = true
		return f
	}
	num := func() *mapping.FieldMapping {
		f := bleve.NewNumericFieldMapping()
		f.IncludeInAll = false
		f.Store = false
		return f
	}
	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt("title", text(en.AnalyzerName, true))
	dm.AddFieldMappingsAt("title_raw", text(rawAnalyzer, false))
	dm.AddFieldMappingsAt("summary", text(en.AnalyzerName, false))
	dm.AddFieldMappingsAt("text", text(en.AnalyzerName, true))
	dm.AddFieldMappingsAt("text_raw", text(rawAnalyzer, false))
	dm.AddFieldMappingsAt("section", text(en.AnalyzerName, false))
	dm.AddFieldMappingsAt("laws", text(en.AnalyzerName, false))
	dm.AddFieldMappingsAt("agencies", text(en.AnalyzerName, false))
	for _, f := range []string{"states", "themes", "exploitation", "document", "decades"} {
		dm.AddFieldMappingsAt(f, kw())
	}
	for _, f := range []string{"years", "year", "year_min"} {
		dm.AddFieldMappingsAt(f, num())
	}

	im := bleve.NewIndexMapping()
	if err := im.AddCustomAnalyzer(rawAnalyzer, map[string]interface{}{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": []string{lowercase.Name},
	}); err != nil {
		panic(err) // a static definition: fails in every test if wrong
	}
	im.TypeField = "-" // documents name their type through BleveType
	im.DefaultMapping = bleve.NewDocumentDisabledMapping()
	im.AddDocumentMapping(docType, dm)
	im.DefaultAnalyzer = en.AnalyzerName
	im.ScoringModel = index.BM25Scoring
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false
	return im
}
