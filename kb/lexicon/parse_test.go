package lexicon

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// header is the start of each test lexicon: one source, one kind.
const header = "# a test lexicon\n@s = common spoken Hindi\n[general]\n" // entries from line 4

// TestParseReportsTheLine checks that each kind of mistake is reported
// with its line and what is wrong.
func TestParseReportsTheLine(t *testing.T) {
	ok := "en: village | hi: गाँव | ro: gaon | src: s"
	for _, tc := range []struct {
		name, entries string
		line          int
		says          string
	}{
		{"no Hindi", "en: village | ro: gaon | src: s", 4, "without hi:"},
		{"no source", "en: village | hi: गाँव | ro: gaon", 4, "without src:"},
		{"Latin in Hindi", "en: village | hi: gaon | ro: gaon | src: s", 4, "not Devanagari"},
		{"Devanagari in romanised", "en: village | hi: गाँव | ro: गाँव | src: s", 4, "not ASCII"},
		{"unknown source", "en: village | hi: गाँव | ro: gaon | src: press", 4, "no source @press"},
		{"unknown label", ok + " | kind: place", 4, `unknown label "kind"`},
		{"label twice", ok + " | hi: गांव", 4, "want one each"},
		{"part without label", ok + " | गांव", 4, "want one each"},
		{"empty term", "en: village;; hamlet | hi: गाँव | ro: gaon | src: s", 4, "empty term"},
		{"term twice", "en: village | hi: गाँव | ro: gaon; gaon | src: s", 4, `"gaon" listed twice`},
		{"unknown kind", "[places]\n" + ok, 4, "a kind is one of"},
		{"bad source line", "@x\n" + ok, 4, "a source is @key = text"},
		{"unknown related", ok + " | see: town", 4, `"town" is not the preferred English term`},
		{"preferred twice", ok + "\nen: village; hamlet | hi: ग्राम | ro: gram | src: s", 5, "already the preferred term of line 4"},
		{"Hindi in two concepts", ok + "\nen: hamlet | hi: गांव | ro: gram | src: s", 5, `"गांव" is also in "village" (line 4)`},
		{"romanised folded in two", ok + "\nen: hamlet | hi: ग्राम | ro: gaaon | src: s", 5, `"gaon" is also in "village" (line 4)`},
		{"English as romanised", ok + "\nen: gaon | hi: ग्राम | ro: gram | src: s", 5, `"gaon" is also in "village" (line 4)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(header + tc.entries + "\n"))
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v, want a ParseError", err)
			}
			if pe.Line != tc.line || !strings.Contains(pe.Msg, tc.says) {
				t.Errorf("line %d: %s\nwant line %d saying %q", pe.Line, pe.Msg, tc.line, tc.says)
			}
		})
	}
}

// TestParseRelatedMayShare checks that related concepts may share a term,
// that the relation is recorded on both sides, and a source expanded.
func TestParseRelatedMayShare(t *testing.T) {
	text := header +
		"en: agent | hi: दलाल | ro: dalal | src: s | see: pimp\n" +
		"en: pimp | hi: दलाल; भड़वा | ro: dalal | src: s\n"
	cs, err := Parse(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 2 || !slices.Equal(cs[0].Related, []string{"pimp"}) || !slices.Equal(cs[1].Related, []string{"agent"}) {
		t.Fatalf("concepts %+v, want agent and pimp related both ways", cs)
	}
	if cs[1].Source != "common spoken Hindi" || cs[1].Kind != "general" {
		t.Errorf("source %q, kind %q: want the header's", cs[1].Source, cs[1].Kind)
	}
}

// TestParseReportsEveryProblem checks that an editor sees all the lines
// to fix at once.
func TestParseReportsEveryProblem(t *testing.T) {
	text := header + "en: a | ro: a | src: s\nen: b | hi: ब | ro: b\n"
	_, err := Parse(strings.NewReader(text))
	if err == nil || !strings.Contains(err.Error(), "line 4:") || !strings.Contains(err.Error(), "line 5:") {
		t.Errorf("error %v, want lines 4 and 5", err)
	}
}

// TestFoldHindi checks the spelling variants a Hindi lookup joins, and
// that it keeps a nasal before a semivowel.
func TestFoldHindi(t *testing.T) {
	for _, pair := range [][2]string{
		{"मज\u093cदूर", "मजदूर"},
		{"\u092e\u095bदूर", "मजदूर"},
		{"गाँव", "गांव"},
		{"झारखण्ड", "झारखंड"},
		{"सम्बन्ध", "संबंध"},
		{"ईंट-भट्ठा", "ईंट  भट्ठा"},
	} {
		if a, b := foldHindi(pair[0]), foldHindi(pair[1]); a != b {
			t.Errorf("foldHindi(%q) = %q, foldHindi(%q) = %q: want one", pair[0], a, pair[1], b)
		}
	}
	if got := foldHindi("अन्य"); got != "अन्य" {
		t.Errorf("foldHindi(अन्य) = %q, want it unchanged", got)
	}
}
