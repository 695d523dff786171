package gazetteer

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Find calls fn with each place name found in text, in order: the byte
// offsets of the name as written and the places it names (several when
// the name is ambiguous). Names are matched as whole words, longest
// first ("West Champaran" before "Champaran"), in either script, in any
// case except acronyms ("UP" is Uttar Pradesh, "up" is not), with
// spaces, line breaks or hyphens between their words. A place whose name
// is an ordinary word (Common) is found only written with a capital (in
// Latin letters) and with context: "district" or "जिला" beside it, its
// state after a comma ("Una, Himachal Pradesh"), or "from", "to", "in" or
// "at" before it ("trafficked to Salem").
func Find(text string, fn func(start, end int, places []Place)) {
	places().matcher.find(text, fn)
}

// matcher finds names by their first word rather than running one
// alternation of every name over the text: a map look-up a word, and Go's
// regexp \b knows only ASCII letters, so it fails beside Devanagari.
type matcher struct {
	places  []Place
	byFirst map[string][]*spelling // first word, lower case, to spellings: most words first, then longest
}

// spelling is one way of writing a name, shared by the places so named.
type spelling struct {
	words   []string // lower case; for an acronym, as written
	acronym bool
	refs    []ref
}

func (sp *spelling) length() int {
	n := 0
	for _, w := range sp.words {
		n += len(w)
	}
	return n
}

type ref struct {
	id      int
	context bool // this place needs context to be found by this spelling
}

func newMatcher(list []Place) *matcher {
	m := &matcher{places: list, byFirst: map[string][]*spelling{}}
	all := map[string]*spelling{}
	for id, p := range list {
		for _, n := range p.Names() {
			sp := m.spellingOf(all, n)
			if sp == nil || slices.ContainsFunc(sp.refs, func(r ref) bool { return r.id == id }) {
				continue
			}
			sp.refs = append(sp.refs, ref{id: id, context: p.NeedsContext(n)})
		}
	}
	for _, list := range m.byFirst {
		if len(list) > 1 {
			slices.SortStableFunc(list, func(a, b *spelling) int {
				if len(a.words) != len(b.words) {
					return len(b.words) - len(a.words)
				}
				return b.length() - a.length()
			})
		}
	}
	return m
}

// spellingOf returns the spelling of name, made on first sight.
func (m *matcher) spellingOf(all map[string]*spelling, name string) *spelling {
	acronym := isAcronym(name)
	src := name
	if !acronym {
		src = lowerInPlace(name)
	}
	var words []string
	for _, w := range wordSpans(src) {
		words = append(words, src[w[0]:w[1]])
	}
	if len(words) == 0 {
		return nil
	}
	k := strings.Join(words, " ")
	if acronym {
		k = "\x00" + k
	}
	if sp := all[k]; sp != nil {
		return sp
	}
	sp := &spelling{words: words, acronym: acronym}
	all[k] = sp
	first := strings.ToLower(words[0])
	m.byFirst[first] = append(m.byFirst[first], sp)
	return sp
}

// isAcronym: a name in capitals, "UP", "J&K", "NTR".
func isAcronym(s string) bool {
	return strings.ToUpper(s) == s && strings.ToLower(s) != s
}

func (m *matcher) find(text string, fn func(start, end int, places []Place)) {
	lower := lowerInPlace(text)
	t := tokens{text: text, lower: lower, spans: wordSpans(lower)}
	for i := 0; i < len(t.spans); {
		i += max(m.matchAt(t, i, fn), 1)
	}
}

// matchAt reports the longest name that starts at word i and is taken,
// and returns how many words it has; 0 when none is.
func (m *matcher) matchAt(t tokens, i int, fn func(start, end int, places []Place)) int {
	for _, sp := range m.byFirst[t.word(i)] {
		if !t.matches(sp, i) {
			continue
		}
		j := i + len(sp.words)
		if ps := m.accept(sp, t, i, j); len(ps) > 0 {
			fn(t.spans[i][0], t.spans[j-1][1], ps)
			return len(sp.words)
		}
	}
	return 0
}

// accept returns the places a spelling found at words i to j names: all
// of them with context, those that need none without.
func (m *matcher) accept(sp *spelling, t tokens, i, j int) []Place {
	var out []Place
	context := -1
	if partOfName(t, i) {
		return nil
	}
	for _, r := range sp.refs {
		if m.needsMoreContext(sp, t, i, j, m.places[r.id]) {
			continue
		}
		if r.context && context < 0 {
			context = 0
			if m.hasContext(t, i, j) {
				context = 1
			}
		}
		if !r.context || context == 1 {
			out = append(out, m.places[r.id].clone())
		}
	}
	return out
}

// tokens are a text's words: byte spans into text and its lower case.
type tokens struct {
	text, lower string
	spans       [][2]int
}

func (t tokens) word(i int) string { return t.lower[t.spans[i][0]:t.spans[i][1]] }

func (t tokens) gap(i int) string { return t.text[t.spans[i-1][1]:t.spans[i][0]] }

// matches says whether sp's words are the text's from word i on, with
// nothing but spaces, hyphens, dots or "&" between them.
func (t tokens) matches(sp *spelling, i int) bool {
	if i+len(sp.words) > len(t.spans) {
		return false
	}
	for k, w := range sp.words {
		got := t.word(i + k)
		if sp.acronym {
			got = t.text[t.spans[i+k][0]:t.spans[i+k][1]]
		}
		if got != w || (k > 0 && !isJoiner(t.gap(i+k))) {
			return false
		}
	}
	return true
}

func isJoiner(gap string) bool {
	return utf8.RuneCountInString(gap) <= 3 && strings.Trim(gap, " \t\r\n-–.&") == ""
}

// wordSpans splits s into words: runs of letters, digits and the marks
// that Devanagari vowels and viramas are, with the joiners that shape
// conjuncts.
func wordSpans(s string) [][2]int {
	var out [][2]int
	start := -1
	for i, r := range s {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			out = append(out, [2]int{start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, [2]int{start, len(s)})
	}
	return out
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.In(r, unicode.Mn, unicode.Mc) || r == '\u200c' || r == '\u200d'
}

// lowerInPlace lower-cases s rune by rune, keeping each rune's length so
// that offsets into the result are offsets into s (the few letters whose
// lower case is longer or shorter, like 'İ', are kept as they are).
func lowerInPlace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if l := unicode.ToLower(r); l != r && utf8.RuneLen(l) == n {
			b.WriteRune(l)
		} else {
			b.WriteString(s[i : i+n]) // invalid bytes too, as they are
		}
		i += n
	}
	return b.String()
}
