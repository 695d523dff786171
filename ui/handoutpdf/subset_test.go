package handoutpdf

import (
	"bytes"
	"encoding/binary"
	"testing"

	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
)

// The subset is a font that parses, with the outlines of the glyphs used
// and of the parts of composite ones as they were, and no others.
func TestSubsetKeepsTheGlyphsShown(t *testing.T) {
	full, err := readOutlines(lohit)
	if err != nil {
		t.Fatal(err)
	}
	composite := -1
	for g := 0; g < full.n && composite < 0; g++ {
		if o := full.outline(g); len(o) >= 10 && int16(binary.BigEndian.Uint16(o)) < 0 {
			composite = g
		}
	}
	if composite < 0 {
		t.Fatal("the font has no composite glyph to test with")
	}
	face := font.NewFace(mustFont(t))
	ka, _ := face.NominalGlyph('क')
	used := []font.GID{ka, font.GID(composite)}
	data, err := subset(lohit, used)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := font.NewFont(mustLoader(t, data)); err != nil {
		t.Fatalf("the subset does not parse: %v", err)
	}
	sub, err := readOutlines(data)
	if err != nil {
		t.Fatal(err)
	}
	keep := map[int]bool{0: true}
	for _, g := range used {
		keepWithParts(keep, int(g), full.outline)
	}
	if len(keep) < 4 {
		t.Errorf("kept %v: want glyph 0, क, the composite and its parts", keep)
	}
	for g := 0; g < full.n; g++ {
		want := full.outline(g)
		if !keep[g] {
			want = nil
		}
		if got := bytes.TrimRight(sub.outline(g), "\x00"); !bytes.Equal(got, bytes.TrimRight(want, "\x00")) {
			t.Errorf("glyph %d: outline of %d bytes in the subset, want %d", g, len(got), len(want))
		}
	}
}

func mustFont(t *testing.T) *font.Font {
	f, err := parsedFont()
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func mustLoader(t *testing.T, data []byte) *ot.Loader {
	ld, err := ot.NewLoader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the subset is not an OpenType file: %v", err)
	}
	return ld
}
