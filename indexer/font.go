package indexer

import (
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

// font decodes the bytes of a shown string into glyphs with Unicode text
// and advance widths. The library's own decoder is not used: it mishandles
// codes above 255 (Identity-H fonts with large ToUnicode maps) and reuses
// one font cache for every page, so a font name reused on a later page
// decodes with the wrong font.
type font struct {
	name      string
	bold      bool
	composite bool              // Type0: codes are 1-4 bytes per the codespace
	spaces    []codespace       // composite code lengths
	toUnicode map[uint32]string // from /ToUnicode, wins over everything else
	encoding  *[256]string      // simple fonts: code to Unicode text
	widths    map[uint32]float64
	dw        float64 // default width, 1/1000 em
	vertical  bool
}

type codespace struct {
	n      int
	lo, hi uint32
}

type glyph struct {
	text  string
	width float64 // 1/1000 em
	code  uint32
	n     int // bytes consumed
}

// loadFont reads a font dictionary. It never panics on a malformed font:
// missing parts fall back to Latin-1 text and default widths.
func loadFont(v pdf.Value) *font {
	f := &font{dw: 500, widths: map[uint32]float64{}}
	base := v.Key("BaseFont").Name()
	f.name = base
	f.bold = isBoldName(base) || v.Key("FontDescriptor").Key("FontWeight").Float64() >= 600 ||
		int(v.Key("FontDescriptor").Key("Flags").Int64())&(1<<18) != 0
	if tu := v.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		f.toUnicode, f.spaces = readToUnicode(tu, v)
	}
	if v.Key("Subtype").Name() == "Type0" {
		f.loadComposite(v)
		return f
	}
	f.loadSimple(v, base)
	return f
}

func isBoldName(base string) bool {
	b := strings.ToLower(base)
	return strings.Contains(b, "bold") || strings.Contains(b, "black") || strings.Contains(b, "heavy") ||
		strings.Contains(b, "semibold") || strings.HasSuffix(b, ",bd")
}

func (f *font) loadComposite(v pdf.Value) {
	f.composite = true
	enc := v.Key("Encoding").Name()
	f.vertical = strings.HasSuffix(enc, "-V")
	if len(f.spaces) == 0 || enc == "Identity-H" || enc == "Identity-V" {
		f.spaces = []codespace{{n: 2, lo: 0, hi: 0xffff}}
	}
	d := v.Key("DescendantFonts").Index(0)
	f.dw = 1000
	if dw := d.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
		f.dw = dw.Float64()
	}
	if fd := d.Key("FontDescriptor"); fd.Kind() == pdf.Dict {
		if fd.Key("FontWeight").Float64() >= 600 || int(fd.Key("Flags").Int64())&(1<<18) != 0 {
			f.bold = true
		}
	}
	if isBoldName(d.Key("BaseFont").Name()) {
		f.bold = true
	}
	w := d.Key("W")
	for i, n := 0, w.Len(); i < n && i < 1<<16; {
		first := w.Index(i)
		next := w.Index(i + 1)
		if next.Kind() == pdf.Array {
			for j := 0; j < next.Len() && j < 1<<16; j++ {
				f.widths[uint32(first.Int64())+uint32(j)] = next.Index(j).Float64()
			}
			i += 2
			continue
		}
		last, width := next.Int64(), w.Index(i+2).Float64()
		for c := first.Int64(); c <= last && c-first.Int64() < 1<<16; c++ {
			f.widths[uint32(c)] = width
		}
		i += 3
	}
}

func (f *font) loadSimple(v pdf.Value, base string) {
	first := v.Key("FirstChar").Int64()
	ws := v.Key("Widths")
	for i := 0; i < ws.Len() && i < 256; i++ {
		f.widths[uint32(first)+uint32(i)] = ws.Index(i).Float64()
	}
	if ws.Len() == 0 {
		if core, ok := coreWidths[coreName(base)]; ok {
			for c, w := range core {
				f.widths[uint32(c)] = float64(w)
			}
		} else if strings.Contains(strings.ToLower(base), "courier") {
			f.dw = 600
		}
	}
	if mw := v.Key("FontDescriptor").Key("MissingWidth"); mw.Float64() > 0 {
		f.dw = mw.Float64()
	}
	enc := v.Key("Encoding")
	table := standardEncoding
	if strings.Contains(base, "Symbol") || strings.Contains(base, "Dingbats") {
		table = latin1Encoding
	}
	switch enc.Kind() {
	case pdf.Name:
		table = namedEncoding(enc.Name(), table)
	case pdf.Dict:
		table = namedEncoding(enc.Key("BaseEncoding").Name(), table)
		diffs := enc.Key("Differences")
		code := 0
		for i := 0; i < diffs.Len() && i < 4096; i++ {
			d := diffs.Index(i)
			switch d.Kind() {
			case pdf.Integer:
				code = int(d.Int64())
			case pdf.Name:
				if code >= 0 && code < 256 {
					table[code] = glyphNameText(d.Name())
				}
				code++
			}
		}
	}
	f.encoding = &table
}

// coreName maps the many spellings of the standard fonts to their metrics.
func coreName(base string) string {
	if i := strings.IndexByte(base, '+'); i == 6 {
		base = base[7:]
	}
	b := strings.ToLower(strings.NewReplacer(",", "-", " ", "").Replace(base))
	bold := strings.Contains(b, "bold")
	italic := strings.Contains(b, "italic") || strings.Contains(b, "oblique")
	switch {
	case strings.HasPrefix(b, "helvetica"), strings.HasPrefix(b, "arial"):
		switch {
		case bold && italic:
			return "Helvetica-BoldOblique"
		case bold:
			return "Helvetica-Bold"
		case italic:
			return "Helvetica-Oblique"
		}
		return "Helvetica"
	case strings.HasPrefix(b, "times"):
		switch {
		case bold && italic:
			return "Times-BoldItalic"
		case bold:
			return "Times-Bold"
		case italic:
			return "Times-Italic"
		}
		return "Times-Roman"
	}
	return ""
}

func namedEncoding(name string, fallback [256]string) [256]string {
	switch name {
	case "WinAnsiEncoding":
		return winAnsiEncoding
	case "MacRomanEncoding":
		return macRomanEncoding
	case "StandardEncoding":
		return standardEncoding
	case "PDFDocEncoding":
		return winAnsiEncoding
	}
	return fallback
}

// decode splits raw string bytes into glyphs.
func (f *font) decode(raw string) []glyph {
	var out []glyph
	for i := 0; i < len(raw); {
		code, n := f.nextCode(raw[i:])
		g := glyph{code: code, n: n}
		if t, ok := f.toUnicode[code]; ok {
			g.text = t
		} else if !f.composite && f.encoding != nil {
			g.text = f.encoding[code&0xff]
		} else if (!f.composite || len(f.toUnicode) == 0 || code < 0x20) && utf8.ValidRune(rune(code)) {
			// No map for the code: take it as Unicode, as other readers do
			// for Identity-ordered fonts. An unmapped control code is a
			// space glyph in practice; cleanGlyph makes it one.
			g.text = string(rune(code))
		}
		// A zero width is taken as missing (some producers write zeros for
		// every glyph), except for combining marks, which have none.
		if w, ok := f.widths[code]; ok && (w > 0 || onlyMarks(g.text)) {
			g.width = w
		} else {
			g.width = f.dw
		}
		out = append(out, g)
		i += n
	}
	return out
}

func (f *font) nextCode(s string) (uint32, int) {
	if !f.composite {
		return uint32(s[0]), 1
	}
	for n := 1; n <= 4 && n <= len(s); n++ {
		var c uint32
		for k := 0; k < n; k++ {
			c = c<<8 | uint32(s[k])
		}
		for _, sp := range f.spaces {
			if sp.n == n && c >= sp.lo && c <= sp.hi {
				return c, n
			}
		}
	}
	if len(s) >= 2 {
		return uint32(s[0])<<8 | uint32(s[1]), 2
	}
	return uint32(s[0]), 1
}

// readToUnicode parses a ToUnicode CMap. Malformed entries are skipped.
//
// scratch is any dictionary value: the CMap's "findresource" must leave a
// dictionary for "begin", and the library offers no way to make one. The
// reader re-parses objects on every access, so nothing is changed for
// anyone else.
func readToUnicode(v, scratch pdf.Value) (m map[uint32]string, spaces []codespace) {
	m = map[uint32]string{}
	defer func() {
		if recover() != nil {
			spaces = nil // keep what was read; a broken tail costs only those codes
		}
	}()
	n := 0
	pdf.Interpret(v, func(stk *pdf.Stack, op string) {
		switch op {
		case "findresource":
			stk.Pop()
			stk.Pop()
			stk.Push(scratch)
		case "defineresource":
			stk.Pop()
			val := stk.Pop()
			stk.Pop()
			stk.Push(val)
		case "begincodespacerange", "beginbfchar", "beginbfrange", "begincidrange":
			n = int(stk.Pop().Int64())
		case "endcodespacerange":
			for i := 0; i < n && stk.Len() >= 2; i++ {
				hi, lo := stk.Pop().RawString(), stk.Pop().RawString()
				if len(lo) == 0 || len(lo) != len(hi) || len(lo) > 4 {
					continue
				}
				spaces = append(spaces, codespace{n: len(lo), lo: bytesToCode(lo), hi: bytesToCode(hi)})
			}
		case "endbfchar":
			for i := 0; i < n && stk.Len() >= 2; i++ {
				dst, src := stk.Pop(), stk.Pop().RawString()
				m[bytesToCode(src)] = utf16Text(dst.RawString())
			}
		case "endbfrange":
			for i := 0; i < n && stk.Len() >= 3; i++ {
				dst, hiS, loS := stk.Pop(), stk.Pop().RawString(), stk.Pop().RawString()
				lo, hi := bytesToCode(loS), bytesToCode(hiS)
				if hi < lo || hi-lo > 1<<16 {
					continue
				}
				if dst.Kind() == pdf.Array {
					for c := lo; c <= hi && int(c-lo) < dst.Len(); c++ {
						m[c] = utf16Text(dst.Index(int(c - lo)).RawString())
					}
					continue
				}
				base := []rune(utf16Text(dst.RawString()))
				if len(base) == 0 {
					continue
				}
				for c := lo; c <= hi; c++ {
					r := append([]rune(nil), base...)
					r[len(r)-1] += rune(c - lo)
					m[c] = string(r)
				}
			}
		}
	})
	return m, spaces
}

func bytesToCode(s string) uint32 {
	var c uint32
	for i := 0; i < len(s) && i < 4; i++ {
		c = c<<8 | uint32(s[i])
	}
	return c
}

func utf16Text(s string) string {
	if len(s) == 1 {
		return string(rune(s[0]))
	}
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	return string(utf16.Decode(u))
}

// glyphNameText maps a PostScript glyph name to text: the Adobe Glyph List
// names that matter for prose, uniXXXX, uXXXX, and ligature names like f_f_i.
func glyphNameText(name string) string {
	if t, ok := glyphNames[name]; ok {
		return t
	}
	if i := strings.IndexByte(name, '.'); i > 0 {
		return glyphNameText(name[:i])
	}
	if strings.Contains(name, "_") {
		var b strings.Builder
		for _, part := range strings.Split(name, "_") {
			b.WriteString(glyphNameText(part))
		}
		return b.String()
	}
	if strings.HasPrefix(name, "uni") && len(name) >= 7 && (len(name)-3)%4 == 0 {
		var b strings.Builder
		for i := 3; i+4 <= len(name); i += 4 {
			if v, err := strconv.ParseUint(name[i:i+4], 16, 32); err == nil {
				b.WriteRune(rune(v))
			}
		}
		return b.String()
	}
	if strings.HasPrefix(name, "u") && len(name) >= 5 && len(name) <= 7 {
		if v, err := strconv.ParseUint(name[1:], 16, 32); err == nil && utf8.ValidRune(rune(v)) {
			return string(rune(v))
		}
	}
	if len(name) == 1 {
		return name
	}
	return ""
}
