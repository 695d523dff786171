package ui

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/gofiber/fiber/v2"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/compendium-kb/compendium/kb"
	"github.com/compendium-kb/compendium/kb/gazetteer"
)

// The interface's words are in message files, one per language
// (locales/en.toml, locales/hi.toml): go-i18n reads them, picks the
// plural form by each language's CLDR rules and falls back to English
// for a message a file lacks, which we would otherwise write and test
// ourselves. Adding a language is adding a file; its code is the name.
//
//go:embed locales/*.toml
var localeFiles embed.FS

// catalogue holds a localizer per language, and the languages in the
// order the language control lists them (English first).
type catalogue struct {
	bundle *i18n.Bundle
	langs  []string
	loc    map[string]*i18n.Localizer
}

var messages = mustCatalogue()

func mustCatalogue() *catalogue {
	c, err := loadCatalogue(localeFiles)
	if err != nil {
		panic(err) // embedded files: a broken one fails every test
	}
	return c
}

func loadCatalogue(files fs.FS) (*catalogue, error) {
	c := &catalogue{bundle: i18n.NewBundle(language.English), loc: map[string]*i18n.Localizer{}}
	c.bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	names, err := fs.Glob(files, "locales/*.toml")
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		data, err := fs.ReadFile(files, name)
		if err != nil {
			return nil, err
		}
		if _, err := c.bundle.ParseMessageFileBytes(data, path.Base(name)); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		lang := strings.TrimSuffix(path.Base(name), ".toml")
		c.loc[lang] = i18n.NewLocalizer(c.bundle, lang, "en")
		if lang == "en" {
			c.langs = append([]string{lang}, c.langs...)
		} else {
			c.langs = append(c.langs, lang)
		}
	}
	return c, nil
}

// text is message id in lang; args are pairs of a name and a value for
// the message's {{.Name}} fields, and a "Count" pair also chooses the
// plural form. A missing message shows its id, never an empty page.
func (c *catalogue) text(lang, id string, args ...any) string {
	loc := c.loc[lang]
	if loc == nil {
		loc = c.loc["en"]
	}
	data := map[string]any{}
	var count any
	for i := 0; i+1 < len(args); i += 2 {
		name := fmt.Sprint(args[i])
		data[name] = args[i+1]
		if name == "Count" {
			count = args[i+1]
			data[name] = formatNumber(lang, args[i+1])
		}
	}
	s, err := loc.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data, PluralCount: count})
	if err != nil && s == "" {
		return id
	}
	return s
}

// value shows a practice's field value (a state, theme or form of
// exploitation) in lang: the files list them as "en:Bihar", as they do the English sentences of titles and errors; a value
// without a translation shows as stored.
func (c *catalogue) value(lang, v string) string {
	if lang == "en" {
		return v
	}
	loc := c.loc[lang]
	if loc == nil {
		return v
	}
	s, err := loc.Localize(&i18n.LocalizeConfig{MessageID: "en:" + v})
	if err == nil && s != "" {
		return s
	}
	if said, ok := c.sentenceIn(lang, v); ok {
		return said
	}
	return placeName(lang, v)
}

// placeName is a place's name in lang where the gazetteer has it (the
// Hindi names of every state, district and town), else as stored.
func placeName(lang, name string) string {
	if lang != "hi" || name == "" {
		return name
	}
	for _, p := range gazetteer.Lookup(name) {
		if p.Hindi != "" && strings.EqualFold(p.Name, name) {
			return p.Hindi
		}
	}
	return name
}

// placeIn names a route's place in lang: "गुमला, झारखंड".
func placeIn(lang string, p kb.Place) string {
	region := messages.value(lang, p.Region)
	if p.Locality == "" || p.Locality == p.Region {
		return region
	}
	return messages.value(lang, p.Locality) + ", " + region
}

// fieldName names a form field (the key of a validation error) in lang:
// message "field_"+key, or the key itself where there is none, so that a
// new field shows its key rather than a message id.
func (c *catalogue) fieldName(lang, key string) string {
	if s, ok := c.lookup(lang, "field_"+key); ok {
		return s
	}
	return key
}

// lookup is text, and whether the catalogue has message id at all.
func (c *catalogue) lookup(lang, id string, args ...any) (string, bool) {
	s := c.text(lang, id, args...)
	return s, s != id
}

// notice says what became of an officer's submission in lang, from the
// notice's parts; a notice without them, or a status without a message,
// shows its stored English text.
func (c *catalogue) notice(lang string, n kb.Notice) string {
	s, ok := c.lookup(lang, "notice_"+string(n.Status), "Title", n.Title)
	if n.Status == "" || !ok {
		return n.Text
	}
	if n.Reason != "" {
		s += " " + c.text(lang, "notice_reason", "Reason", n.Reason)
	}
	return s
}

// values shows a list of field values in lang, joined by sep.
func (c *catalogue) values(lang string, vs []string, sep string) string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = c.value(lang, v)
	}
	return strings.Join(out, sep)
}

// pickLang is the reader's language: the one chosen with the language
// control (kept with the display choices), else the first of
// Accept-Language that has a file, else English.
func (c *catalogue) pickLang(ctx *fiber.Ctx, chosen string) string {
	if _, ok := c.loc[chosen]; ok {
		return chosen
	}
	if l := ctx.AcceptsLanguages(c.langs...); l != "" {
		return l
	}
	return "en"
}

// formatNumber writes a number with the language's grouping, in
// international digits for every language: Indian government sites
// write Hindi with them, and officers type them ("1,00,000" in Hindi,
// "100,000" in English).
func formatNumber(lang string, n any) string {
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.English
	}
	if _, ok := n.(int); !ok {
		return fmt.Sprint(n)
	}
	if n == kb.HiddenCount { // a count the reader may not see (kb/access.go)
		return ""
	}
	return message.NewPrinter(tag).Sprintf("%d", n)
}

// hindiMonths name the months in Hindi, as Indian government sites do.
var hindiMonths = [...]string{"जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर", "अक्टूबर", "नवंबर", "दिसंबर"}

// formatDate writes a date and time for the language.
func formatDate(lang string, t time.Time) string {
	if lang == "hi" {
		return fmt.Sprintf("%d %s %d, %s", t.Day(), hindiMonths[t.Month()-1], t.Year(), t.Format("15:04"))
	}
	return t.Format("2 Jan 2006, 15:04")
}
