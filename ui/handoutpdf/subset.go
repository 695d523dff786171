package handoutpdf

import (
	"encoding/binary"
	"errors"
	"maps"
	"math/bits"
	"slices"

	"github.com/go-text/typesetting/font"
)

// The tables a PDF viewer reads from an embedded TrueType font shown
// through CIDToGIDMap Identity: outlines, metrics and hinting. Shaping
// tables (GSUB, GPOS, GDEF), cmap, name and post are of no use in the file
// and are most of what the font weighs besides its outlines.
var keptTables = []string{"cvt ", "fpgm", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "prep"}

// subset is the TrueType font with outlines only for the glyphs used
// (and glyph 0, and the parts of composite glyphs). Every other glyph keeps
// its id with an empty outline, so glyph ids, widths and the Identity
// CIDToGIDMap stay as they are. A handout's Latin and a few hundred
// Devanagari glyphs take a fraction of the font's 155 KB.
func subset(data []byte, used []font.GID) ([]byte, error) {
	head, maxp := fontTable(data, "head"), fontTable(data, "maxp")
	glyf, loca := fontTable(data, "glyf"), fontTable(data, "loca")
	if len(head) < 54 || len(maxp) < 6 || glyf == nil || loca == nil {
		return nil, errors.New("the font lacks a TrueType table")
	}
	n := int(binary.BigEndian.Uint16(maxp[4:]))
	long := binary.BigEndian.Uint16(head[50:]) == 1
	outline := func(g int) []byte {
		if g >= n {
			return nil
		}
		var from, to int
		if long {
			from, to = int(binary.BigEndian.Uint32(loca[4*g:])), int(binary.BigEndian.Uint32(loca[4*g+4:]))
		} else {
			from, to = 2*int(binary.BigEndian.Uint16(loca[2*g:])), 2*int(binary.BigEndian.Uint16(loca[2*g+2:]))
		}
		if from > to || to > len(glyf) {
			return nil
		}
		return glyf[from:to]
	}
	if entry := map[bool]int{true: 4, false: 2}[long]; len(loca) < (n+1)*entry {
		return nil, errors.New("the font's loca table is short")
	}
	keep := map[int]bool{0: true}
	for _, g := range used {
		keepWithParts(keep, int(g), outline)
	}
	newGlyf, newLoca := make([]byte, 0, len(glyf)/4), make([]byte, 0, 4*(n+1))
	for g := 0; g < n; g++ {
		newLoca = binary.BigEndian.AppendUint32(newLoca, uint32(len(newGlyf)))
		if keep[g] {
			newGlyf = append(newGlyf, outline(g)...)
			for len(newGlyf)%4 != 0 {
				newGlyf = append(newGlyf, 0)
			}
		}
	}
	newLoca = binary.BigEndian.AppendUint32(newLoca, uint32(len(newGlyf)))
	newHead := slices.Clone(head)
	binary.BigEndian.PutUint32(newHead[8:], 0) // checksum adjustment: not checked by viewers
	binary.BigEndian.PutUint16(newHead[50:], 1)
	tables := map[string][]byte{"glyf": newGlyf, "loca": newLoca, "head": newHead}
	for _, tag := range keptTables {
		if tables[tag] == nil {
			if t := fontTable(data, tag); t != nil {
				tables[tag] = t
			}
		}
	}
	return sfnt(tables), nil
}

// keepWithParts marks g kept, and the glyphs a composite g is built from.
func keepWithParts(keep map[int]bool, g int, outline func(int) []byte) {
	if keep[g] {
		return
	}
	keep[g] = true
	o := outline(g)
	if len(o) < 10 || int16(binary.BigEndian.Uint16(o)) >= 0 {
		return // empty, or a simple glyph
	}
	const (
		argsAreWords = 0x0001
		hasScale     = 0x0008
		moreParts    = 0x0020
		hasXYScale   = 0x0040
		hasTwoByTwo  = 0x0080
	)
	for at := 10; at+4 <= len(o); {
		flags, part := binary.BigEndian.Uint16(o[at:]), int(binary.BigEndian.Uint16(o[at+2:]))
		keepWithParts(keep, part, outline)
		at += 4 + 2
		if flags&argsAreWords != 0 {
			at += 2
		}
		switch {
		case flags&hasScale != 0:
			at += 2
		case flags&hasXYScale != 0:
			at += 4
		case flags&hasTwoByTwo != 0:
			at += 8
		}
		if flags&moreParts == 0 {
			return
		}
	}
}

// sfnt lays tables out as a TrueType file, in tag order, each with its
// checksum and padded to four bytes.
func sfnt(tables map[string][]byte) []byte {
	tags := slices.Sorted(maps.Keys(tables))
	num := len(tags)
	pow := 1
	for pow*2 <= num {
		pow *= 2
	}
	out := binary.BigEndian.AppendUint32(nil, 0x00010000)
	out = binary.BigEndian.AppendUint16(out, uint16(num))
	out = binary.BigEndian.AppendUint16(out, uint16(pow*16))
	out = binary.BigEndian.AppendUint16(out, uint16(bits.Len(uint(pow))-1))
	out = binary.BigEndian.AppendUint16(out, uint16(num*16-pow*16))
	offset := 12 + 16*num
	var body []byte
	for _, tag := range tags {
		t := tables[tag]
		out = append(out, tag...)
		out = binary.BigEndian.AppendUint32(out, checksum(t))
		out = binary.BigEndian.AppendUint32(out, uint32(offset+len(body)))
		out = binary.BigEndian.AppendUint32(out, uint32(len(t)))
		body = append(body, t...)
		for len(body)%4 != 0 {
			body = append(body, 0)
		}
	}
	return append(out, body...)
}

func checksum(t []byte) uint32 {
	var sum uint32
	for i := 0; i < len(t); i += 4 {
		var word [4]byte
		copy(word[:], t[i:])
		sum += binary.BigEndian.Uint32(word[:])
	}
	return sum
}
