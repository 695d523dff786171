package handoutpdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"hash/fnv"
	"maps"
	"slices"
	"strings"

	"github.com/go-text/typesetting/font"
)

// The objects every file has, by number; pages follow, two objects each
// (the page and its content stream).
const (
	catalogObj = iota + 1
	pagesObj
	infoObj
	type0Obj
	cidFontObj
	descriptorObj
	fontFileObj
	toUnicodeObj
	firstPageObj
)

// pdfFile collects numbered objects and writes them with their
// cross-reference table.
type pdfFile struct {
	b       bytes.Buffer
	offsets []int // by object number - 1
	z       *zlib.Writer
	zbuf    bytes.Buffer
}

func (p *pdfFile) object(n int, body string) {
	for len(p.offsets) < n {
		p.offsets = append(p.offsets, 0)
	}
	p.offsets[n-1] = p.b.Len()
	fmt.Fprintf(&p.b, "%d 0 obj\n%s\nendobj\n", n, body)
}

// stream writes a stream object, compressed with Flate, dict being the
// entries besides /Length and /Filter. One compressor serves every stream:
// making one allocates about a megabyte. Default compression over the
// fastest: a 20-case handout is 71 KB instead of 93 KB, which an officer on
// a slow link waits for, for some 30 ms more on the server.
func (p *pdfFile) stream(n int, dict string, data []byte) {
	p.zbuf.Reset()
	if p.z == nil {
		p.z, _ = zlib.NewWriterLevel(&p.zbuf, zlib.DefaultCompression)
	} else {
		p.z.Reset(&p.zbuf)
	}
	p.z.Write(data)
	p.z.Close()
	p.object(n, fmt.Sprintf("<< /Length %d /Filter /FlateDecode %s >>\nstream\n%s\nendstream", p.zbuf.Len(), dict, p.zbuf.Bytes()))
}

// Bytes is the finished PDF; text added after it is not shown.
func (d *Document) Bytes() ([]byte, error) {
	if d.done != nil {
		return d.done, nil
	}
	if len(d.pages) == 0 {
		d.AddPage()
	}
	d.footers()
	var p pdfFile
	p.b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	p.object(catalogObj, fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pagesObj))
	var kids []string
	for i := range d.pages {
		kids = append(kids, fmt.Sprintf("%d 0 R", firstPageObj+2*i))
	}
	p.object(pagesObj, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(d.pages)))
	p.object(infoObj, fmt.Sprintf("<< /Title <%s> /Creator <%s> /Producer (Compendium) /CreationDate (D:%s) >>",
		utf16Hex(d.Title), utf16Hex(d.Creator), d.Made.UTC().Format("20060102150405Z")))
	if err := d.writeFont(&p); err != nil {
		return nil, err
	}
	for i, content := range d.pages {
		n := firstPageObj + 2*i
		p.object(n, fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>",
			pagesObj, pageWidth, pageHeight, type0Obj, n+1))
		p.stream(n+1, "", content.Bytes())
	}
	xref := p.b.Len()
	fmt.Fprintf(&p.b, "xref\n0 %d\n0000000000 65535 f \n", len(p.offsets)+1)
	for _, off := range p.offsets {
		fmt.Fprintf(&p.b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&p.b, "trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n",
		len(p.offsets)+1, catalogObj, infoObj, xref)
	d.done = p.b.Bytes()
	return d.done, nil
}

// writeFont writes the font as a CIDFontType2 with Identity-H: each glyph
// is shown by its glyph id in two bytes, which is what a shaper produces
// (conjuncts and half forms have glyphs but no character of their own).
func (d *Document) writeFont(p *pdfFile) error {
	f := d.font
	used := slices.Sorted(maps.Keys(f.width))
	name := subsetTag(used) + "+" + postScriptName
	p.object(type0Obj, fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>",
		name, cidFontObj, toUnicodeObj))
	var w strings.Builder
	for _, g := range used {
		fmt.Fprintf(&w, "%d [%.0f] ", g, f.width[g])
	}
	p.object(cidFontObj, fmt.Sprintf("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /DW 1000 /W [%s] /CIDToGIDMap /Identity >>",
		name, descriptorObj, w.String()))
	ext, _ := f.face.FontHExtents()
	scale := 1000 / float64(f.face.Upem())
	box := f.bbox()
	p.object(descriptorObj, fmt.Sprintf("<< /Type /FontDescriptor /FontName /%s /Flags 4 /FontBBox [%.0f %.0f %.0f %.0f] /ItalicAngle 0 /Ascent %.0f /Descent %.0f /CapHeight %.0f /StemV 80 /FontFile2 %d 0 R >>",
		name, box[0], box[1], box[2], box[3], float64(ext.Ascender)*scale, float64(ext.Descender)*scale, float64(ext.Ascender)*scale*0.7, fontFileObj))
	program, err := subset(lohit, used)
	if err != nil {
		return fmt.Errorf("subsetting the font: %w", err)
	}
	p.stream(fontFileObj, fmt.Sprintf("/Length1 %d", len(program)), program)
	p.stream(toUnicodeObj, "", toUnicode(f.text, used))
	return nil
}

// toUnicode is the CMap that gives each shown glyph its text.
func toUnicode(text map[font.GID]string, used []font.GID) []byte {
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	var mapped []font.GID
	for _, g := range used {
		if text[g] != "" {
			mapped = append(mapped, g)
		}
	}
	// A bfchar block holds at most 100 entries.
	for chunk := range slices.Chunk(mapped, 100) {
		fmt.Fprintf(&b, "%d beginbfchar\n", len(chunk))
		for _, g := range chunk {
			fmt.Fprintf(&b, "<%04X> <%s>\n", uint16(g), utf16Hex(text[g])[4:])
		}
		b.WriteString("endbfchar\n")
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return b.Bytes()
}

// subsetTag is the six capital letters that name a subset of a font, as the
// PDF specification asks, derived from the glyphs it holds.
func subsetTag(used []font.GID) string {
	h := fnv.New32a()
	for _, g := range used {
		h.Write([]byte{byte(g >> 8), byte(g)})
	}
	sum := h.Sum32()
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + byte(sum%26)
		sum /= 26
	}
	return string(tag)
}
