package search

import "github.com/compendium-kb/compendium/kb/lexicon"

// foldRoman folds a romanised Hindi term's spelling ("bacche",
// "bachhe" → one key), so that any spelling an officer types finds the
// term the lexicon lists; "" for text in another script.
func foldRoman(text string) string {
	if !isASCII(text) {
		return ""
	}
	return lexicon.FoldRoman(text)
}
