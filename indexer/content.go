package indexer

import (
	"math"
	"strings"

	"github.com/ledongthuc/pdf"
)

// matrix is a PDF transformation [a b c d e f].
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

// placed is one glyph in page space.
type placed struct {
	text  string
	x, y  float64 // origin of the glyph on the baseline
	w     float64 // advance along the baseline
	size  float64 // rendered font size
	bold  bool
	angle int // direction of the baseline in degrees, 0 for upright text
	seq   int // position in the content stream
}

type gstate struct {
	ctm                    matrix
	font                   *font
	size, cs, ws, th, lead float64
	rise                   float64
}

// pageReader interprets a page's content stream, Form XObjects included,
// and collects the glyphs it paints.
type pageReader struct {
	glyphs []placed
	images int
	fonts  map[string]*font // by resource dictionary and name
	budget int              // operators left before the page is cut short
	marks  []markedContent  // open marked-content sections
	// actualOpen counts open sections with ActualText; while one is open,
	// glyphs without text are kept too, for the span's position.
	actualOpen int
	pageRes    pdf.Value // forms that lack a resource fall back to the page's
	maxForm    int
}

const maxOpsPerPage = 2_000_000

func readPage(page pdf.Value, fonts map[string]*font, base matrix) (glyphs []placed, images int) {
	res := inherited(page, "Resources")
	pr := &pageReader{fonts: fonts, budget: maxOpsPerPage, maxForm: 8, pageRes: res}
	pr.run(page.Key("Contents"), res, base, 0)
	pr.annotations(page, base)
	return pr.glyphs, pr.images
}

func (pr *pageReader) run(content, res pdf.Value, ctm matrix, depth int) {
	if content.Kind() != pdf.Stream && content.Kind() != pdf.Array {
		return
	}
	gs := gstate{ctm: ctm, th: 1}
	// Fonts by resource name: res is fixed for the run, and looking a font
	// up resolves its dictionary again, so each name is looked up once.
	inRun := map[string]*font{}
	var stack []gstate
	var tm, tlm matrix
	// Sections left open by a stream that ends early are closed with it.
	defer func(open int) {
		for len(pr.marks) > open {
			pr.endMarked()
		}
	}(len(pr.marks))
	defer func() {
		// A malformed stream ends this page's text where it broke; what was
		// read before stays. Runtime errors in our own code still surface.
		if r := recover(); r != nil {
			if _, ok := r.(interface{ RuntimeError() }); ok {
				panic(r)
			}
		}
	}()
	pdf.Interpret(content, func(stk *pdf.Stack, op string) {
		pr.budget--
		if pr.budget < 0 {
			panic(errTooManyOps)
		}
		n := stk.Len()
		args := make([]pdf.Value, n)
		for i := n - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		num := func(i int) float64 {
			if i < len(args) {
				return args[i].Float64()
			}
			return 0
		}
		switch op {
		case "q":
			if len(stack) < 256 {
				stack = append(stack, gs)
			}
		case "Q":
			if len(stack) > 0 {
				gs = stack[len(stack)-1]
				stack = stack[:len(stack)-1]
			}
		case "cm":
			if n >= 6 {
				gs.ctm = matrix{num(0), num(1), num(2), num(3), num(4), num(5)}.mul(gs.ctm)
			}
		case "BT":
			tm, tlm = identity, identity
		case "Tf":
			if n >= 2 {
				name := args[0].Name()
				f, ok := inRun[name]
				if !ok {
					f = pr.font(res, name)
					inRun[name] = f
				}
				gs.font = f
				gs.size = num(1)
			}
		case "Tc":
			gs.cs = num(0)
		case "Tw":
			gs.ws = num(0)
		case "Tz":
			gs.th = num(0) / 100
		case "TL":
			gs.lead = num(0)
		case "Ts":
			gs.rise = num(0)
		case "Td", "TD":
			if n >= 2 {
				if op == "TD" {
					gs.lead = -num(1)
				}
				tlm = matrix{1, 0, 0, 1, num(0), num(1)}.mul(tlm)
				tm = tlm
			}
		case "Tm":
			if n >= 6 {
				tlm = matrix{num(0), num(1), num(2), num(3), num(4), num(5)}
				tm = tlm
			}
		case "T*":
			tlm = matrix{1, 0, 0, 1, 0, -gs.lead}.mul(tlm)
			tm = tlm
		case "Tj":
			if n >= 1 {
				pr.show(&gs, &tm, args[0].RawString())
			}
		case "'", "\"":
			if op == "\"" && n >= 3 {
				gs.ws, gs.cs = num(0), num(1)
			}
			tlm = matrix{1, 0, 0, 1, 0, -gs.lead}.mul(tlm)
			tm = tlm
			if n >= 1 {
				pr.show(&gs, &tm, args[n-1].RawString())
			}
		case "TJ":
			if n < 1 {
				return
			}
			arr := args[0]
			for i := 0; i < arr.Len(); i++ {
				v := arr.Index(i)
				if v.Kind() == pdf.String {
					pr.show(&gs, &tm, v.RawString())
					continue
				}
				tx := -v.Float64() / 1000 * gs.size * gs.th
				tm = matrix{1, 0, 0, 1, tx, 0}.mul(tm)
			}
		case "Do":
			if n >= 1 {
				pr.do(res, args[0].Name(), gs.ctm, depth)
			}
		case "BI", "EI":
			pr.images++
		case "BMC", "BDC":
			pr.beginMarked(op, args, res)
		case "EMC":
			pr.endMarked()
		}
	})
}

// errTooManyOps stops a content stream that would run for too long.
var errTooManyOps = &extractPanic{"content stream too long"}

type extractPanic struct{ msg string }

func (e *extractPanic) Error() string { return e.msg }

func (pr *pageReader) do(res pdf.Value, name string, ctm matrix, depth int) {
	x := res.Key("XObject").Key(name)
	if x.IsNull() {
		x = pr.pageRes.Key("XObject").Key(name)
	}
	switch x.Key("Subtype").Name() {
	case "Image":
		pr.images++
	case "Form":
		if depth >= pr.maxForm {
			return
		}
		m := formMatrix(x)
		inner := x.Key("Resources")
		if inner.Kind() != pdf.Dict {
			inner = res
		}
		pr.run(x, inner, m.mul(ctm), depth+1)
	}
}

// annotations paints the normal appearance of each visible annotation,
// as viewers do: filled-in form fields and text boxes carry text.
func (pr *pageReader) annotations(page pdf.Value, base matrix) {
	annots := page.Key("Annots")
	for i := 0; i < annots.Len() && i < 2000; i++ {
		a := annots.Index(i)
		if flags := a.Key("F").Int64(); flags&(2|32) != 0 { // Hidden, NoView
			continue
		}
		ap := a.Key("AP").Key("N")
		if ap.Kind() == pdf.Dict {
			ap = ap.Key(a.Key("AS").Name()) // one appearance per state
		}
		if ap.Kind() != pdf.Stream {
			continue
		}
		rect := a.Key("Rect")
		if rect.Len() != 4 {
			continue
		}
		m := formMatrix(ap)
		x0, y0, x1, y1 := bboxUnder(ap.Key("BBox"), m)
		if x1-x0 <= 0 || y1-y0 <= 0 {
			continue
		}
		rx0, ry0 := math.Min(rect.Index(0).Float64(), rect.Index(2).Float64()), math.Min(rect.Index(1).Float64(), rect.Index(3).Float64())
		rx1, ry1 := math.Max(rect.Index(0).Float64(), rect.Index(2).Float64()), math.Max(rect.Index(1).Float64(), rect.Index(3).Float64())
		fit := matrix{(rx1 - rx0) / (x1 - x0), 0, 0, (ry1 - ry0) / (y1 - y0), rx0 - x0*(rx1-rx0)/(x1-x0), ry0 - y0*(ry1-ry0)/(y1-y0)}
		res := ap.Key("Resources")
		if res.Kind() != pdf.Dict {
			res = pr.pageRes
		}
		pr.run(ap, res, m.mul(fit).mul(base), 1)
	}
}

func formMatrix(x pdf.Value) matrix {
	if mv := x.Key("Matrix"); mv.Len() == 6 {
		return matrix{mv.Index(0).Float64(), mv.Index(1).Float64(), mv.Index(2).Float64(),
			mv.Index(3).Float64(), mv.Index(4).Float64(), mv.Index(5).Float64()}
	}
	return identity
}

// bboxUnder returns the bounding box of a form's BBox after its matrix.
func bboxUnder(box pdf.Value, m matrix) (x0, y0, x1, y1 float64) {
	if box.Len() != 4 {
		return 0, 0, 0, 0
	}
	x0, y0 = math.Inf(1), math.Inf(1)
	x1, y1 = math.Inf(-1), math.Inf(-1)
	for _, c := range [][2]int{{0, 1}, {0, 3}, {2, 1}, {2, 3}} {
		x, y := box.Index(c[0]).Float64(), box.Index(c[1]).Float64()
		tx, ty := x*m[0]+y*m[2]+m[4], x*m[1]+y*m[3]+m[5]
		x0, y0, x1, y1 = math.Min(x0, tx), math.Min(y0, ty), math.Max(x1, tx), math.Max(y1, ty)
	}
	return x0, y0, x1, y1
}

func (pr *pageReader) font(res pdf.Value, name string) *font {
	fv := res.Key("Font").Key(name)
	if fv.IsNull() {
		fv = pr.pageRes.Key("Font").Key(name)
	}
	key := name + "|" + fv.Key("BaseFont").Name() + "|" + fv.Key("Subtype").Name()
	if fv.Kind() == pdf.Dict {
		// Distinguish same-named fonts from different resource dictionaries
		// by what they are, not only by their resource name.
		enc := fv.Key("Encoding")
		var encKey string
		if enc.Kind() == pdf.Name {
			encKey = enc.Name()
		} else {
			// A Differences dictionary: its printed form, cut short.
			encKey = enc.String()
			encKey = encKey[:min(64, len(encKey))]
		}
		key += "|" + fv.Key("FirstChar").String() + "|" + encKey
	}
	if f, ok := pr.fonts[key]; ok {
		return f
	}
	f := loadFont(fv)
	pr.fonts[key] = f
	return f
}

func (pr *pageReader) show(gs *gstate, tm *matrix, raw string) {
	f := gs.font
	if f == nil {
		f = &font{dw: 500, widths: map[uint32]float64{}, encoding: &standardEncoding}
		gs.font = f
	}
	for _, g := range f.decode(raw) {
		trm := matrix{gs.size * gs.th, 0, 0, gs.size, 0, gs.rise}.mul(*tm).mul(gs.ctm)
		size := math.Hypot(trm[2], trm[3])
		adv := g.width / 1000 * gs.size
		tx := (adv + gs.cs) * gs.th
		if g.n == 1 && g.code == 32 {
			tx += gs.ws * gs.th
		}
		w := adv * gs.th * math.Hypot(trm[0], trm[1]) / math.Max(gs.size*gs.th, 1e-9)
		if text := cleanGlyph(g.text); (text != "" || pr.actualOpen > 0) && size > 0.5 && len(pr.glyphs) < 1_000_000 {
			pr.glyphs = append(pr.glyphs, placed{
				text: text, x: trm[4], y: trm[5], w: w, size: size, bold: f.bold,
				angle: baselineAngle(trm),
				seq:   len(pr.glyphs),
			})
		}
		*tm = matrix{1, 0, 0, 1, tx, 0}.mul(*tm)
	}
}

// cleanGlyph drops the private-use and replacement characters that carry
// no text, and turns control characters into spaces: some fonts map their
// space glyph to a control code.
func cleanGlyph(s string) string {
	if s == "" {
		return ""
	}
	clean := true
	for _, r := range s {
		if r < 0x20 || r == 0xfffd || (r >= 0xe000 && r <= 0xf8ff) || r == 0x7f {
			clean = false
		}
	}
	if clean {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r < 0x20 || r == 0x7f:
			return ' '
		case r == 0xfffd || (r >= 0xe000 && r <= 0xf8ff):
			return -1
		}
		return r
	}, s)
}

// baselineAngle is the direction of the text's baseline, in whole degrees
// from 0 to 359, snapped to a right angle when within two degrees.
func baselineAngle(trm matrix) int {
	deg := math.Atan2(trm[1], trm[0]) * 180 / math.Pi
	a := int(math.Round(deg))
	a = ((a % 360) + 360) % 360
	for _, r := range []int{0, 90, 180, 270, 360} {
		if a >= r-2 && a <= r+2 {
			return r % 360
		}
	}
	return a
}
