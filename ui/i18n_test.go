package ui

import (
	"github.com/compendium-kb/compendium/kb"
	"io/fs"
	"path"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
)

// TestEveryMessageTranslated fails when a message of en.toml lacks a
// translation in another language's file.
func TestEveryMessageTranslated(t *testing.T) {
	ids := func(name string) map[string]bool {
		data, err := fs.ReadFile(localeFiles, name)
		if err != nil {
			t.Fatal(err)
		}
		mf, err := i18n.ParseMessageFileBytes(data, path.Base(name), map[string]i18n.UnmarshalFunc{"toml": toml.Unmarshal})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out := map[string]bool{}
		for _, m := range mf.Messages {
			out[m.ID] = true
		}
		return out
	}
	en := ids("locales/en.toml")
	if len(en) < 50 {
		t.Fatalf("en.toml has %d messages; the layout and search page alone need more", len(en))
	}
	names, _ := fs.Glob(localeFiles, "locales/*.toml")
	if len(names) < 2 {
		t.Fatalf("message files %v, want English and at least one other", names)
	}
	for _, name := range names {
		other := ids(name)
		for id := range en {
			if !other[id] {
				t.Errorf("%s lacks message %q", name, id)
			}
		}
	}
}

// TestHindiFormats checks plural forms, numbers and dates in Hindi and
// English: international digits, Indian grouping in Hindi.
func TestHindiFormats(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{messages.text("hi", "n_practices", "Count", 100000), "1,00,000 कार्यप्रणालियाँ"},
		{messages.text("en", "n_practices", "Count", 100000), "100,000 practices"},
		{messages.text("en", "n_practices", "Count", 1), "1 practice"},
		{messages.text("hi", "facet_state"), "राज्य"},
		{messages.text("xx", "facet_state"), "State"},
		{messages.value("hi", "Bihar"), "बिहार"},
		{messages.value("hi", "forced and bonded labour"), "बलात् और बंधुआ श्रम"},
		{messages.value("hi", "Atlantis"), "Atlantis"},
		{formatDate("hi", time.Date(2026, 3, 5, 14, 7, 0, 0, time.UTC)), "5 मार्च 2026, 14:07"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

// A handout writes routes in words, in the reader's language: no arrow
// for its font to miss, and a place not in the gazetteer flagged.
func TestRoutesInWords(t *testing.T) {
	rs := []kb.Route{
		{Source: kb.Place{Region: "Jharkhand", Locality: "Gumla"}, Transit: []kb.Place{{Region: "Jharkhand", Locality: "Ranchi"}}, Destination: kb.Place{Region: "Delhi"}},
		{Source: kb.Place{Locality: "Xyzpur"}, Destination: kb.Place{Region: "Nepal"}},
	}
	for lang, want := range map[string]string{
		"en": "Gumla, Jharkhand to Delhi via Ranchi, Jharkhand; Xyzpur (not in the gazetteer) to Nepal",
		"hi": "गुमला, झारखंड से रांची, झारखंड होकर दिल्ली; Xyzpur (स्थान-सूची में नहीं) से नेपाल",
	} {
		if got := routesInWords(lang, rs); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
}
