package indexer

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Years are read as a person reads them: "2014-2016" is three years; the
// year of a statute ("Act, 1976"), a section number ("18 USC § 1952"), a
// count ("1985 calls") and a year not yet come are not years of the
// practice.
var (
	yearRangeRE  = regexp.MustCompile(`\b((?:19|20)\d\d)\s*(?:-|–|—|to|till|until|से|থেকে)\s*((?:19|20)?\d\d)\b`)
	statuteRE    = regexp.MustCompile(`(?i)(?:\bact|\bcode|\bordinance|\brules|\bregulations?|\bsanhita|\bconvention|\bprotocol)\s*,?\s*(?:of\s+)?\(?$`)
	sectionRE2   = regexp.MustCompile(`(?i)(?:§+|\bsections?|\bsec\.|\bs\.|\bu/s|\busc|\bipc|\bcrpc|\barticle|\bno\.|\bnumber|#|\btotal\s+of|\bover|\babout|\bnearly|\bsome)\s*$`)
	countAfterRE = regexp.MustCompile(`^\s+([a-z]+s)\b`)
	notCountWord = wordSet("was is has as its this thus towards onwards afterwards whereas")
)

// thisYear bounds the years a text may state; a variable so tests can
// read documents as of a fixed date.
var thisYear = func() int { return time.Now().Year() }

// readYears returns the years a text gives for what it tells, sorted.
func readYears(text string) []int {
	text = asciiDigits(text) // "२०१९ से २०२१" reads as 2019 to 2021
	var ys []int
	add := func(y int) {
		if y >= 1950 && y <= thisYear() && !slices.Contains(ys, y) {
			ys = append(ys, y)
		}
	}
	for _, m := range yearRangeRE.FindAllStringSubmatchIndex(text, -1) {
		if !isYearAt(text, m[2], m[3]) {
			continue
		}
		from, _ := strconv.Atoi(text[m[2]:m[3]])
		to, _ := strconv.Atoi(text[m[4]:m[5]])
		if to < 100 {
			to += from / 100 * 100
		}
		if to > from && to-from <= 15 {
			for y := from; y <= to; y++ {
				add(y)
			}
		}
	}
	for _, m := range yearRE.FindAllStringIndex(text, -1) {
		if isYearAt(text, m[0], m[1]) {
			y, _ := strconv.Atoi(text[m[0]:m[1]])
			add(y)
		}
	}
	slices.Sort(ys)
	return ys
}

// isYearAt reports whether the number at text[i:j] reads as a year.
func isYearAt(text string, i, j int) bool {
	before := text[max(0, i-40):i]
	if statuteRE.MatchString(before) || sectionRE2.MatchString(before) {
		return false
	}
	if m := countAfterRE.FindStringSubmatch(text[j:min(len(text), j+40)]); m != nil && !notCountWord[m[1]] {
		return false // "1985 calls", "2049 victims"
	}
	return true
}

// datedLineRE is a cover line that dates the document: "2019", "March
// 2012", "Ministry of Home Affairs, 2013", "(2020)"; not "NSW 2006".
var datedLineRE = regexp.MustCompile(`(?i)^(?:(?:[a-z]+\.?\s+)?(?:\d{1,2}\s+)?(?:19|20)\d\d|.*[,(]\s*(?:[a-z]+\s+)?(?:19|20)\d\d\)?)\.?$`)

// coverYear is the year a document's cover states: the first year on the
// first page standing alone, after a month or closing a line ("Ministry of
// Home Affairs, 2013"), not inside a range of years; failing that, the
// last year of a range the cover gives ("2004-2021": the practices of
// those years, collected in 2021).
func coverYear(pages []Page) int {
	if len(pages) == 0 {
		return 0
	}
	lines := pages[0].Lines
	last := 0
	for _, l := range lines[:min(len(lines), 15)] {
		t := asciiDigits(strings.TrimSpace(l.Text))
		if m := yearRangeRE.FindStringSubmatch(t); m != nil {
			if last == 0 {
				last = rangeEnd(m[1], m[2])
			}
			continue
		}
		for _, m := range yearRE.FindAllStringIndex(t, -1) {
			y, _ := strconv.Atoi(t[m[0]:m[1]])
			if y <= thisYear() && isYearAt(t, m[0], m[1]) && datedLineRE.MatchString(t) {
				return y
			}
		}
	}
	return last
}

// rangeEnd is the last year of a range "2004-2021" or "2019-21", or 0
// when the range is not one of years gone by.
func rangeEnd(from, to string) int {
	f, _ := strconv.Atoi(from)
	t, _ := strconv.Atoi(to)
	if t < 100 {
		t += f / 100 * 100
	}
	if t <= f || t > thisYear() {
		return 0
	}
	return t
}
