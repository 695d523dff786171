package handoutpdf

import (
	"encoding/binary"
	"errors"
	"maps"
	"math/bits"
	"slices"

	"github.com/go-text/typesetting/font"
)

// The tables kept in the embedded font: outlines, metrics and hinting,
// which viewers read; cmap and OS/2, which some font readers insist on; and
// name, which carries the font's copyright and licence into the file. The
// shaping tables (GSUB, GPOS, GDEF) and post's glyph names are of no use
// in a PDF and weigh as much as the Latin outlines.
var keptTables = []string{"OS/2", "cmap", "cvt ", "fpgm", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "prep"}

// subset is the TrueType font with outlines only for the glyphs used
// (and glyph 0, and the parts of composite glyphs). Every other glyph keeps
// its id with an empty outline, so glyph ids, widths and the Identity
// CIDToGIDMap stay as they are. A handout's Latin and a few hundred
// Devanagari glyphs take a fraction of the font's 155 KB.
func subset(data []byte, used []font.GID) ([]byte, error) {
	o, err := readOutlines(data)
	if err != nil {
		return nil, err
	}
	keep := map[int]bool{0: true}
	for _, g := range used {
		keepWithParts(keep, int(g), o.outline)
	}
	glyf, loca := make([]byte, 0, len(o.glyf)/4), make([]byte, 0, 4*(o.n+1))
	for g := 0; g < o.n; g++ {
		loca = binary.BigEndian.AppendUint32(loca, uint32(len(glyf)))
		if keep[g] {
			glyf = append(glyf, o.outline(g)...)
			for len(glyf)%4 != 0 {
				glyf = append(glyf, 0)
			}
		}
	}
	loca = binary.BigEndian.AppendUint32(loca, uint32(len(glyf)))
	head := slices.Clone(o.head)
	binary.BigEndian.PutUint32(head[8:], 0)  // checksum adjustment: not checked by viewers
	binary.BigEndian.PutUint16(head[50:], 1) // loca now has long offsets
	tables := map[string][]byte{"glyf": glyf, "loca": loca, "head": head}
	for _, tag := range keptTables {
		if tables[tag] == nil {
			if t := fontTable(data, tag); t != nil {
				tables[tag] = t
			}
		}
	}
	return sfnt(tables), nil
}

// outlines are a TrueType font's glyph outlines, found through its loca
// table.
type outlines struct {
	head, glyf, loca []byte
	n                int // glyphs
	long             bool
}

func readOutlines(data []byte) (outlines, error) {
	o := outlines{head: fontTable(data, "head"), glyf: fontTable(data, "glyf"), loca: fontTable(data, "loca")}
	maxp := fontTable(data, "maxp")
	if len(o.head) < 54 || len(maxp) < 6 || o.glyf == nil || o.loca == nil {
		return o, errors.New("the font lacks a TrueType table")
	}
	o.n = int(binary.BigEndian.Uint16(maxp[4:]))
	o.long = binary.BigEndian.Uint16(o.head[50:]) == 1
	entry := 2
	if o.long {
		entry = 4
	}
	if len(o.loca) < (o.n+1)*entry {
		return o, errors.New("the font's loca table is short")
	}
	return o, nil
}

// outline is glyph g's outline, empty for a glyph without one.
func (o outlines) outline(g int) []byte {
	if g < 0 || g >= o.n {
		return nil
	}
	var from, to int
	if o.long {
		from, to = int(binary.BigEndian.Uint32(o.loca[4*g:])), int(binary.BigEndian.Uint32(o.loca[4*g+4:]))
	} else {
		from, to = 2*int(binary.BigEndian.Uint16(o.loca[2*g:])), 2*int(binary.BigEndian.Uint16(o.loca[2*g+2:]))
	}
	if from > to || to > len(o.glyf) {
		return nil
	}
	return o.glyf[from:to]
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
