// Package search keeps the full-text index of practices in Bleve. The
// index is derived from the database and can always be rebuilt from it.
package search

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
)

// Version changes whenever the mapping or what is indexed changes; an
// index of another version is deleted and rebuilt from the database.
const Version = "3"

const docType = "practice"

// doc is what is indexed for a practice. BleveType names its mapping:
// Bleve finds the type by method, not by a json tag (dependencies.md).
type doc struct {
	Title        string    `json:"title"`
	Summary      string    `json:"summary"`
	Text         string    `json:"text"`
	Section      string    `json:"section"`
	States       []string  `json:"states"`
	Themes       []string  `json:"themes"`
	Exploitation []string  `json:"exploitation"`
	Laws         []string  `json:"laws"`
	Agencies     []string  `json:"agencies"`
	Document     string    `json:"document"`
	Years        []float64 `json:"years"`
}

func (doc) BleveType() string { return docType }

func buildMapping() mapping.IndexMapping {
	text := func(store bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = en.AnalyzerName
		f.Store = store
		f.IncludeTermVectors = store // highlighting needs both
		f.IncludeInAll = false
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
	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt("title", text(true))
	dm.AddFieldMappingsAt("summary", text(false))
	dm.AddFieldMappingsAt("text", text(true))
	dm.AddFieldMappingsAt("section", text(false))
	dm.AddFieldMappingsAt("laws", text(false))
	dm.AddFieldMappingsAt("agencies", text(false))
	dm.AddFieldMappingsAt("states", kw())
	dm.AddFieldMappingsAt("themes", kw())
	dm.AddFieldMappingsAt("exploitation", kw())
	dm.AddFieldMappingsAt("document", kw())
	years := bleve.NewNumericFieldMapping()
	years.IncludeInAll = false
	dm.AddFieldMappingsAt("years", years)

	im := bleve.NewIndexMapping()
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
