package indexer

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Line is one line of text on a page, in reading order, with what the
// segmenter needs to tell headings from body text.
type Line struct {
	Text string  `json:"text"`
	X    float64 `json:"x"`
	Y    float64 `json:"y"` // baseline, from the top of the page
	X2   float64 `json:"x2"`
	Size float64 `json:"size"`
	Bold bool    `json:"bold,omitempty"`
	// Cells holds the parts of a line set apart by wide gaps, as in a
	// two-column table of fields ("State" | "Goa"); nil for plain lines.
	Cells []string `json:"cells,omitempty"`
}

// fragment is a run of words on one baseline with no wide gap inside.
type fragment struct {
	words          []word
	x0, x1, y, top float64 // top: y of the baseline measured downwards
	size           float64
	bold           bool
}

type word struct {
	text   string
	x0, x1 float64
	size   float64
	bold   int // glyphs in a bold font
	n      int
}

// layoutPage turns glyphs into lines in reading order. height is the page
// height, used to measure y downwards.
func layoutPage(glyphs []placed, height float64) []Line {
	glyphs = dropOverprint(glyphs)
	upright, turned := splitByAngle(glyphs)
	lines := readRegions(buildFragments(upright, height))
	// Turned text (table headers, margin notes) is read in its own frame,
	// after the upright text.
	for _, a := range sortedAngles(turned) {
		gs := turned[a]
		rotateGlyphs(gs, a)
		top := 0.0
		for _, g := range gs {
			top = math.Max(top, g.y)
		}
		lines = append(lines, readRegions(buildFragments(gs, top+10))...)
	}
	return lines
}

func readRegions(frags []*fragment) []Line {
	var lines []Line
	for _, region := range xyCut(frags, 0) {
		lines = append(lines, regionLines(region)...)
	}
	return lines
}

func splitByAngle(gs []placed) ([]placed, map[int][]placed) {
	var upright []placed
	turned := map[int][]placed{}
	for _, g := range gs {
		if g.angle == 0 {
			upright = append(upright, g)
		} else {
			turned[g.angle] = append(turned[g.angle], g)
		}
	}
	return upright, turned
}

func sortedAngles(m map[int][]placed) []int {
	var out []int
	for a := range m {
		out = append(out, a)
	}
	sort.Ints(out)
	return out
}

// rotateGlyphs turns glyph positions by -angle so that their baseline runs
// left to right.
func rotateGlyphs(gs []placed, angle int) {
	rad := float64(angle) * math.Pi / 180
	cos, sin := math.Cos(rad), math.Sin(rad)
	for i := range gs {
		x, y := gs[i].x, gs[i].y
		gs[i].x = x*cos + y*sin
		gs[i].y = -x*sin + y*cos
	}
}

// dropOverprint removes glyphs painted again at (nearly) the same place,
// the way fake bold and shadows are made.
func dropOverprint(gs []placed) []placed {
	type pos struct{ x, y float64 }
	seen := make(map[string][]pos, len(gs))
	out := gs[:0:0]
	for _, g := range gs {
		if g.text != " " {
			// Tolerances as poppler's: a tenth of the size along the line,
			// a fifth across it.
			along, across := 0.1*g.size, 0.2*g.size
			dup := false
			prev := seen[g.text]
			for i := len(prev) - 1; i >= 0 && i >= len(prev)-64; i-- {
				if math.Abs(prev[i].x-g.x) < along && math.Abs(prev[i].y-g.y) < across {
					dup = true
					break
				}
			}
			if dup {
				continue
			}
			seen[g.text] = append(prev, pos{g.x, g.y})
		}
		out = append(out, g)
	}
	return out
}

// buildFragments joins glyphs into words and words into fragments. Glyphs
// are taken in content-stream order, which follows reading order within a
// line for nearly every producer; a jump in position starts a new word.
func buildFragments(gs []placed, height float64) []*fragment {
	var frags []*fragment
	var cur *fragment
	spaced := writesSpaces(gs)
	var w *word
	flushWord := func() {
		if w != nil && strings.TrimSpace(w.text) != "" {
			w.text = reorderPreBase(w.text)
			cur.words = append(cur.words, *w)
		}
		w = nil
	}
	flushFrag := func() {
		flushWord()
		if cur != nil && len(cur.words) > 0 {
			frags = append(frags, cur)
		}
		cur = nil
	}
	var prev *placed
	reach := 0.0 // where the previous glyph ends, or its base when it is a mark
	for i := range gs {
		g := &gs[i]
		y := height - g.y
		if prev != nil {
			size := math.Max(prev.size, g.size)
			dy := math.Abs((height - prev.y) - y)
			gap := g.x - reach
			sameLine := dy < 0.5*math.Min(prev.size, g.size) || (g.rise(prev) && dy < 0.8*size)
			switch {
			case !sameLine || gap < -0.6*size || gap > 2.5*size:
				flushFrag()
			case (gap > wordGap(prev, g, spaced)*size && !onlyMarks(g.text)) || g.text == " ":
				// A combining mark belongs to the letter before it,
				// wherever its producer placed it.
				flushWord()
			}
		}
		if prev == nil || !onlyMarks(g.text) || prev.y != g.y {
			reach = g.x + g.w
		} else {
			// A combining mark drawn over its base (a Devanagari vowel
			// sign with no advance) does not end the base's word early.
			reach = math.Max(reach, g.x+g.w)
		}
		if cur == nil {
			cur = &fragment{y: y, top: y, size: g.size}
		}
		if g.text == " " || strings.TrimSpace(g.text) == "" {
			flushWord()
			prev = g
			continue
		}
		if w == nil {
			w = &word{x0: g.x, size: g.size}
		}
		w.text += g.text
		w.x1 = g.x + g.w
		w.n++
		if g.bold {
			w.bold++
		}
		if g.size > cur.size {
			cur.size = g.size
		}
		prev = g
	}
	flushFrag()
	for _, f := range frags {
		f.x0, f.x1 = f.words[0].x0, f.words[len(f.words)-1].x1
		bold, n := 0, 0
		for _, w := range f.words {
			f.x0, f.x1 = math.Min(f.x0, w.x0), math.Max(f.x1, w.x1)
			bold += w.bold
			n += w.n
		}
		f.bold = bold*2 > n
	}
	return mergeFragments(frags)
}

// rise reports a superscript or subscript next to the previous glyph.
func (g *placed) rise(prev *placed) bool { return g.size < 0.8*prev.size || prev.size < 0.8*g.size }

// mergeFragments joins fragments that share a baseline and touch, as when
// a producer draws one line in several text objects.
func mergeFragments(frags []*fragment) []*fragment {
	out := frags[:0]
	for _, f := range frags {
		if n := len(out); n > 0 {
			p := out[n-1]
			gap := f.x0 - p.x1
			if math.Abs(p.y-f.y) < 0.3*p.size && gap > -0.5*p.size && gap < 1.2*p.size {
				p.words = append(p.words, f.words...)
				p.x1 = math.Max(p.x1, f.x1)
				p.size = math.Max(p.size, f.size)
				continue
			}
		}
		out = append(out, f)
	}
	return out
}

// xyCut splits fragments into regions in reading order: recursively cut on
// a vertical gutter (columns, left to right) or a horizontal gap (top to
// bottom). A region that cannot be cut is read line by line.
func xyCut(frags []*fragment, depth int) [][]*fragment {
	if len(frags) <= 1 || depth > 40 {
		return [][]*fragment{frags}
	}
	med := medianSize(frags)
	if parts := cutColumns(frags, med); parts != nil {
		var out [][]*fragment
		for _, p := range parts {
			out = append(out, xyCut(p, depth+1)...)
		}
		return out
	}
	if parts := cutRows(frags, med); parts != nil {
		var out [][]*fragment
		for _, p := range parts {
			out = append(out, xyCut(p, depth+1)...)
		}
		return out
	}
	return [][]*fragment{frags}
}

func medianSize(frags []*fragment) float64 {
	s := make([]float64, len(frags))
	for i, f := range frags {
		s[i] = f.size
	}
	sort.Float64s(s)
	return math.Max(s[len(s)/2], 1)
}

// cutColumns finds the widest vertical band free of text that runs the
// whole height of the region, with text on both sides of it.
func cutColumns(frags []*fragment, med float64) [][]*fragment {
	if len(frags) < 4 {
		return nil
	}
	sorted := append([]*fragment(nil), frags...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].x0 < sorted[j].x0 })
	reach := sorted[0].x1
	bestGap, bestX := 0.0, 0.0
	for _, f := range sorted[1:] {
		if gap := f.x0 - reach; gap > bestGap {
			bestGap, bestX = gap, reach+gap/2
		}
		reach = math.Max(reach, f.x1)
	}
	if bestGap < 1.2*med {
		return nil
	}
	var left, right []*fragment
	for _, f := range frags {
		if f.x1 <= bestX {
			left = append(left, f)
		} else {
			right = append(right, f)
		}
	}
	// A column needs a few lines; two short labels side by side are a row.
	if rows(left) < 2 || rows(right) < 2 {
		return nil
	}
	return [][]*fragment{left, right}
}

func rows(frags []*fragment) int {
	ys := map[int]bool{}
	for _, f := range frags {
		ys[int(f.y/2)] = true
	}
	return len(ys)
}

// cutRows cuts the region at horizontal gaps clearly larger than line
// spacing, so that a full-width heading above two columns is read first.
func cutRows(frags []*fragment, med float64) [][]*fragment {
	sorted := append([]*fragment(nil), frags...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].y < sorted[j].y })
	var parts [][]*fragment
	start := 0
	bottom := sorted[0].y + 0.25*sorted[0].size
	for i := 1; i < len(sorted); i++ {
		f := sorted[i]
		top := f.y - 0.8*f.size
		if top-bottom > 0.6*med {
			parts = append(parts, sorted[start:i])
			start = i
		}
		bottom = math.Max(bottom, f.y+0.25*f.size)
	}
	if start == 0 {
		return nil
	}
	return append(parts, sorted[start:])
}

// regionLines reads a region that has no gutter: fragments on one baseline
// form a line, left to right.
func regionLines(frags []*fragment) []Line {
	sorted := append([]*fragment(nil), frags...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].y < sorted[j].y })
	var lines []Line
	for i := 0; i < len(sorted); {
		j := i + 1
		for j < len(sorted) && math.Abs(sorted[j].y-sorted[i].y) < 0.4*math.Min(sorted[i].size, sorted[j].size) {
			j++
		}
		row := sorted[i:j]
		sort.SliceStable(row, func(a, b int) bool { return row[a].x0 < row[b].x0 })
		lines = append(lines, joinRow(row))
		i = j
	}
	return lines
}

func joinRow(row []*fragment) Line {
	var b strings.Builder
	l := Line{X: row[0].x0, Y: row[0].y, Size: row[0].size, X2: row[0].x1}
	bold, n := 0, 0
	var cells []string
	cell := strings.Builder{}
	for i, f := range row {
		if i > 0 {
			b.WriteByte(' ')
			if f.x0-row[i-1].x1 > 2*f.size {
				cells = append(cells, normalizeText(cell.String()))
				cell.Reset()
			} else {
				cell.WriteByte(' ')
			}
		}
		for k, w := range f.words {
			if k > 0 {
				cell.WriteByte(' ')
			}
			cell.WriteString(w.text)
			if k > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(w.text)
			bold += w.bold
			n += w.n
		}
		l.Size = math.Max(l.Size, f.size)
		l.X2 = math.Max(l.X2, f.x1)
	}
	l.Text = normalizeText(b.String())
	l.Bold = bold*2 > n
	if len(cells) > 0 {
		l.Cells = append(cells, normalizeText(cell.String()))
	}
	return l
}

// normalizeText folds ligatures and compatibility forms (NFKC-like for the
// characters PDFs produce) and collapses spaces.
func normalizeText(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if rep, ok := foldRunes[r]; ok {
			b.WriteString(rep)
			space = false
			continue
		}
		if unicode.IsSpace(r) {
			if !space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return strings.TrimRight(b.String(), " ")
}

var foldRunes = map[rune]string{
	0xfb00: "ff", 0xfb01: "fi", 0xfb02: "fl", 0xfb03: "ffi", 0xfb04: "ffl", 0xfb05: "st", 0xfb06: "st",
	0x00ad: "", 0x200b: "", 0xfeff: "", 0x2002: " ", 0x2003: " ", 0x2009: " ", 0x00a0: " ", 0x2212: "-",
}

// onlyMarks reports whether s is made of combining marks only.
func onlyMarks(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Mn, r) && !unicode.Is(unicode.Mc, r) {
			return false
		}
	}
	return s != ""
}

// writesSpaces reports whether the page's producer draws spaces as glyphs
// (one glyph in 25 or more is a space), as browsers and word processors do.
func writesSpaces(gs []placed) bool {
	n := 0
	for _, g := range gs {
		if g.text == " " {
			n++
		}
	}
	return n*25 >= len(gs) && n > 0
}

// wordGap is the gap, in ems, that parts two words. Between the letters
// of an Indic script on a page whose producer draws its spaces, a gap is
// only a word break when it is as wide as a space: fake bold (a font with
// no bold face, widened by the browser) leaves gaps of a fifth of an em
// between the clusters of one word.
func wordGap(prev, g *placed, spaced bool) float64 {
	if spaced && indicText(prev.text) && (indicText(g.text) || closingPunct(g.text)) {
		return 0.3
	}
	return 0.12
}

// closingPunct reports whether s starts with punctuation that follows a
// word without a space (":" ",", ".", "?").
func closingPunct(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune(":;,.?!)", r)
}

// indicText reports whether s starts with a letter of the Indic blocks
// (Devanagari to Malayalam).
func indicText(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r >= 0x0900 && r <= 0x0DFF
}
