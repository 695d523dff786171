package indexer

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkFieldPatterns times the theme, exploitation and law patterns
// over a whole sample compendium: the costliest part of reading fields.
//
//	go test ./indexer -run '^$' -bench FieldPatterns -benchtime 200x
func BenchmarkFieldPatterns(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "samples", "law-enforcement-compendium.pdf"))
	if err != nil {
		b.Fatal(err)
	}
	doc, err := Extract("x.pdf", data, DefaultLimits)
	if err != nil {
		b.Fatal(err)
	}
	text := doc.Text()
	b.ResetTimer()
	for b.Loop() {
		themesOf(text)
		matchAll(exploitationRE, text, 1)
		lawsOf(text, "")
	}
}
