package search

import (
	"unicode"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/hi"
	"github.com/blevesearch/bleve/v2/analysis/lang/in"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/registry"
)

// A practice may be written in English, in Hindi, or in both (a Hindi
// report quoting "AHTU" or "Section 370 IPC"). Rather than a field per
// language, which would double every field and make the plans ask each
// query twice, the text analyzer stems each word by its script:
// Devanagari words go through Bleve's Hindi chain (Indic and Hindi
// normalisation, Hindi stop words, Hindi light stemmer: "थानों" and
// "थाना" are both "थान"), other words through the English one
// (possessive, stop words, Porter).
const (
	// textAnalyzer analyses the title, summary and text fields.
	textAnalyzer = "text"
	// scriptStemFilter stems a word by its script.
	scriptStemFilter = "script_stem"
)

// scriptStem is a token filter that sends Devanagari tokens through the
// Hindi filters and the others through Porter (porterStems).
type scriptStem struct {
	hindi []analysis.TokenFilter
}

func (f scriptStem) Filter(input analysis.TokenStream) analysis.TokenStream {
	out := input[:0]
	for _, tok := range input {
		one := analysis.TokenStream{tok}
		if isDevanagari(string(tok.Term)) {
			one = hindiStem(one, f.hindi)
		} else {
			if single, ok := irregular[string(tok.Term)]; ok {
				tok.Term = []byte(single)
			}
			if !tok.KeyWord { // as Bleve's Porter filter
				tok.Term = []byte(porterStems.stem(tok.Term))
			}
		}
		out = append(out, one...) // the stop filter may have dropped it
	}
	return out
}

func newScriptStem(_ map[string]interface{}, cache *registry.Cache) (analysis.TokenFilter, error) {
	f := scriptStem{}
	for _, name := range []string{in.NormalizeName, hi.NormalizeName, hi.StopName, hi.StemmerName} {
		h, err := cache.TokenFilterNamed(name)
		if err != nil {
			return nil, err
		}
		f.hindi = append(f.hindi, h)
	}
	return f, nil
}

func init() {
	if err := registry.RegisterTokenFilter(scriptStemFilter, newScriptStem); err != nil {
		panic(err) // a static registration: fails in every test if wrong
	}
}

// textAnalyzerConfig is the English analyzer with the script-aware stem.
var textAnalyzerConfig = map[string]interface{}{
	"type":          "custom",
	"tokenizer":     "unicode",
	"token_filters": []string{en.PossessiveName, lowercase.Name, en.StopName, scriptStemFilter},
}

// isDevanagari reports whether a word has a Devanagari letter.
func isDevanagari(w string) bool {
	for _, r := range w {
		if unicode.Is(unicode.Devanagari, r) {
			return true
		}
	}
	return false
}

// hindiChain is the Hindi chain without its stop words, for single words.
var hindiChain = []analysis.TokenFilter{in.NewIndicNormalizeFilter(), hi.NewHindiNormalizeFilter(), hi.NewHindiStemmerFilter()}

// hindiNouns are nouns the light stemmer takes for verbs: it strips "ना"
// and "ने" as infinitive endings, so "थाना" (police station) became "था"
// while "थानों" became "थान". Keys are normalised forms.
var hindiNouns = map[string]string{
	"थाना": "थान", "थाने": "थान", "ठिकाना": "ठिकान", "ठिकाने": "ठिकान",
	"जुरमाना": "जुरमान", "जुरमाने": "जुरमान", "ठाना": "ठान",
}

// hindiStem runs the Hindi filters (normalisers, then the stop words
// and the stemmer) on one token, with hindiNouns before the stemmer.
func hindiStem(one analysis.TokenStream, chain []analysis.TokenFilter) analysis.TokenStream {
	last := len(chain) - 1 // the stemmer
	for _, h := range chain[:last] {
		one = h.Filter(one)
	}
	if len(one) == 1 {
		if stem, ok := hindiNouns[string(one[0].Term)]; ok {
			one[0].Term = []byte(stem)
			return one
		}
	}
	return chain[last].Filter(one)
}

// irregular are the English plurals Porter leaves alone that the
// practices use most: "missing children" must find the lexicon's
// "missing child", "women police" its "woman police".
var irregular = map[string]string{
	"children": "child", "women": "woman", "men": "man", "people": "person",
	"policemen": "policeman", "policewomen": "policewoman", "fishermen": "fisherman", "watchmen": "watchman",
	"middlemen": "middleman", "businessmen": "businessman", "chairmen": "chairman", "workmen": "workman",
	"wives": "wife", "lives": "life", "thieves": "thief",
}

// stemWord stems one lower-case word as the text analyzer does, for the
// synonym list's keys.
func stemWord(w string) string {
	if !isDevanagari(w) {
		if single, ok := irregular[w]; ok {
			w = single
		}
		return porterStems.stem([]byte(w)) // w is lower-case: as StemString
	}
	toks := hindiStem(analysis.TokenStream{&analysis.Token{Term: []byte(w)}}, hindiChain)
	return string(toks[0].Term)
}
