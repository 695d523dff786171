package indexer

import (
	"maps"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// removeFurniture drops running headers, footers and page numbers: lines
// near the top or bottom of a page whose text (digits aside) repeats on
// many pages, and lines that are nothing but a page number.
func removeFurniture(pages []Page) {
	const band = 3 // lines from each edge that may be furniture
	exact := map[string]int{}
	offsets := map[string]map[int]int{} // key -> (number - page) -> pages
	for _, p := range pages {
		seen := map[string]bool{}
		for _, i := range edgeLines(len(p.Lines), band) {
			t := strings.ToLower(strings.TrimSpace(p.Lines[i].Text))
			if len(t) < 2 || seen[t] {
				continue
			}
			seen[t] = true
			exact[t]++
			if n, ok := lastNumber(t); ok {
				k := furnitureKey(t)
				if offsets[k] == nil {
					offsets[k] = map[int]int{}
				}
				offsets[k][n-p.Number]++
			}
		}
	}
	minRepeat := max(3, len(pages)/3)
	furniture := func(p Page, t string) bool {
		if pageNumber(p, t) {
			return true
		}
		if len(pages) < 3 {
			return false
		}
		t = strings.ToLower(strings.TrimSpace(t))
		if exact[t] >= minRepeat {
			return true
		}
		// "Page 7 of 12", "Chapter 2 | 15": a number that moves with the page.
		n, ok := lastNumber(t)
		return ok && offsets[furnitureKey(t)][n-p.Number] >= minRepeat
	}
	// How often each whole line recurs anywhere: pages that mostly repeat
	// other pages (a form, a duplicated page) have no furniture to tell
	// apart from their text.
	anywhere := map[string]int{}
	for _, p := range pages {
		seen := map[string]bool{}
		for _, l := range p.Lines {
			t := strings.ToLower(strings.TrimSpace(l.Text))
			if !seen[t] {
				seen[t] = true
				anywhere[t]++
			}
		}
	}
	for pi := range pages {
		p := &pages[pi]
		repeated := 0
		for _, l := range p.Lines {
			if anywhere[strings.ToLower(strings.TrimSpace(l.Text))] >= minRepeat {
				repeated++
			}
		}
		duplicate := len(p.Lines) > 6 && repeated*10 > len(p.Lines)*4
		drop := map[int]bool{}
		for _, i := range edgeLines(len(p.Lines), band) {
			t := p.Lines[i].Text
			// A cover keeps its lines: its title may also be every
			// page's running header.
			if pageNumber(*p, t) || !duplicate && p.Number > 1 && furniture(*p, t) {
				drop[i] = true
			}
		}
		// Furniture stands apart from the text block; a repeating line set
		// close to its neighbours ("Case Study 4:" above its title) is text.
		// Every candidate is judged against the same set, so the answer
		// does not depend on the order they are looked at in.
		candidates := maps.Clone(drop)
		for i := range candidates {
			if !pageNumber(*p, p.Lines[i].Text) && !isolated(p.Lines, i, candidates) {
				delete(drop, i)
			}
		}
		if len(drop) == 0 {
			continue
		}
		kept := p.Lines[:0]
		for i, l := range p.Lines {
			if !drop[i] {
				kept = append(kept, l)
			}
		}
		p.Lines = kept
	}
}

// lastNumber returns the first number in s that is followed by no other
// digits-with-page meaning: for "page 7 of 12" that is 7.
func lastNumber(s string) (int, bool) {
	m := numberRE.FindString(s)
	if m == "" {
		return 0, false
	}
	n, err := strconv.Atoi(m)
	return n, err == nil
}

var numberRE = regexp.MustCompile(`\d{1,4}`)

func edgeLines(n, band int) []int {
	var idx []int
	for i := 0; i < n; i++ {
		if i < band || i >= n-band {
			idx = append(idx, i)
		}
	}
	return idx
}

var pageNumberRE = regexp.MustCompile(`(?i)^\s*(page\s*)?(\d{1,4}|[ivxlc]{1,7})(\s*(of|/)\s*\d{1,4})?\s*$|^\s*[-–—]\s*\d{1,4}\s*[-–—]\s*$`)

// pageNumber reports whether a line is nothing but a page number. A year
// alone on a cover ("2019") is the year of publication, not page 2019.
func pageNumber(p Page, t string) bool {
	if !pageNumberRE.MatchString(t) {
		return false
	}
	n, err := strconv.Atoi(strings.TrimSpace(t))
	return err != nil || p.Number > 2 || n < 1900 || n > 2100
}

// furnitureKey folds digits so that "Page 3" and "Page 4" repeat.
func furnitureKey(s string) string {
	s = strings.TrimSpace(s)
	if len(s) < 2 {
		return ""
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) {
			return '#'
		}
		return unicode.ToLower(r)
	}, s)
}

// joinLines joins lines into text, mending words hyphenated at a line end.
func joinLines(lines []Line) string {
	var b strings.Builder
	for i, l := range lines {
		t := l.Text
		if i > 0 {
			prev := lines[i-1].Text
			if hyphenated(prev, t) {
				// The hyphen was already written; take it back.
				s := b.String()
				b.Reset()
				b.WriteString(s[:len(s)-1])
			} else {
				b.WriteByte('\n')
			}
		}
		b.WriteString(t)
	}
	return b.String()
}

func hyphenated(prev, next string) bool {
	if len(prev) < 3 || !strings.HasSuffix(prev, "-") || next == "" {
		return false
	}
	before := rune(prev[len(prev)-2])
	first := []rune(next)[0]
	return unicode.IsLower(before) && unicode.IsLower(first)
}

// isolated reports whether line i is further from every other line (not
// itself furniture) than normal line spacing.
func isolated(lines []Line, i int, furniture map[int]bool) bool {
	l := lines[i]
	for j, o := range lines {
		if j == i || furniture[j] {
			continue
		}
		dy := math.Abs(o.Y - l.Y)
		if dy < 0.5*l.Size {
			// Same baseline as body text: a side note, not furniture,
			// unless it is far to the side (a header split in two).
			if o.X > l.X2+3*l.Size || l.X > o.X2+3*l.Size {
				continue
			}
			return false
		}
		if dy < 1.9*math.Max(l.Size, o.Size) {
			return false
		}
	}
	return true
}
