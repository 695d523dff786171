package indexer

import (
	"regexp"
	"strconv"
	"strings"
)

// tocEntry is a line of a table of contents: a title and its printed page.
type tocEntry struct {
	number, title string
	page          int
}

var tocEntryRE = regexp.MustCompile(`^(?:(\d{1,3}(?:\.\d{1,2})?)[.)]?\s+)?(.*?\S)\s*(?:\.{2,}|…+|\s)\s*(\d{1,4})$`)

// readContents reads the case entries of the contents pages: numbered or
// not, a title wrapped over lines joined, front and back matter and
// section lines left out.
func readContents(pages []Page) []tocEntry {
	var out []tocEntry
	for _, p := range pages {
		if !isContentsPage(p) {
			continue
		}
		carry := ""
		for _, l := range p.Lines {
			t := strings.TrimSpace(l.Text)
			if t == "" || strings.EqualFold(t, "contents") || strings.EqualFold(t, "table of contents") {
				continue
			}
			m := tocEntryRE.FindStringSubmatch(t)
			if m == nil {
				carry = strings.TrimSpace(carry + " " + t) // a title that wraps
				continue
			}
			number, title := m[1], strings.TrimSpace(m[2])
			if carry != "" {
				if cm := regexp.MustCompile(`^(\d{1,3}(?:\.\d{1,2})?)[.)]?\s+(.*)$`).FindStringSubmatch(carry); cm != nil && number == "" {
					number, carry = cm[1], cm[2]
				}
				title = carry + " " + title
				carry = ""
			}
			page, _ := strconv.Atoi(m[3])
			title = strings.TrimRight(title, " .…")
			if otherRE.MatchString(title) || sectionRE.MatchString(title) || len(strings.Fields(title)) < 3 {
				continue
			}
			out = append(out, tocEntry{number: number, title: title, page: page})
		}
	}
	return out
}

// markFromContents finds, for each entry of the contents, the line where
// its case starts, when the headings themselves were not told apart by
// style or numbering. It returns the titles to use, by line.
func markFromContents(lines []at, kinds []headingKind, toc []tocEntry) map[int]string {
	found := 0
	for _, k := range kinds {
		if k == kindCase {
			found++
		}
	}
	if len(toc) < 2 || found >= len(toc) {
		return nil
	}
	titles := map[int]string{}
	from := 0
	for _, e := range toc {
		probe := foldWords(firstWords(e.title, 5))
		for i := from; i < len(lines); i++ {
			if kinds[i] == kindSection || kinds[i] == kindOther {
				continue
			}
			text := foldWords(lines[i].Text)
			if strings.HasPrefix(strings.TrimLeft(text, "0123456789. "), probe) {
				kinds[i] = kindCase
				titles[i] = e.title
				from = i + 1
				break
			}
		}
	}
	if len(titles) < 2 {
		return nil
	}
	return titles
}

func firstWords(s string, n int) string {
	w := strings.Fields(s)
	if len(w) > n {
		w = w[:n]
	}
	return strings.Join(w, " ")
}
