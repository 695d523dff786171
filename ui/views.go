package ui

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"mime"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/compendium-kb/compendium/kb"
)

// views holds one template set per page, each with the layout.
type views struct {
	pages map[string]*template.Template
}

// static serves embedded files under content-hashed names, so that they
// can be cached for a year and still change with a release.
type static struct {
	byName   map[string]string // style.css -> style.1a2b3c4d.css
	byHashed map[string][]byte
}

func newStatic() (*static, error) {
	s := &static{byName: map[string]string{}, byHashed: map[string][]byte{}}
	entries, err := fs.ReadDir(assets, "static")
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		data, err := fs.ReadFile(assets, "static/"+e.Name())
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(data)
		ext := path.Ext(e.Name())
		hashed := strings.TrimSuffix(e.Name(), ext) + "." + hex.EncodeToString(sum[:4]) + ext
		s.byName[e.Name()] = hashed
		s.byHashed[hashed] = data
	}
	return s, nil
}

func parseViews(st *static) (*views, error) {
	funcs := template.FuncMap{
		"asset":       func(name string) string { return "/static/" + st.byName[name] },
		"practiceURL": PracticeURL,
		"pdfURL":      PDFURL,
		"join":        strings.Join,
		"date":        func(t time.Time) string { return t.Format("2 Jan 2006, 15:04") },
		// t, num, value and dateIn speak the reader's language ($.Lang).
		"t":          messages.text,
		"num":        formatNumber,
		"value":      messages.value,
		"dateIn":     formatDate,
		"langs":      func() []string { return messages.langs },
		"metaLineIn": metaLineIn,
		"placeIn":    placeIn,
		"values":     messages.values,
		"fieldName":  messages.fieldName,
		"notice":     messages.notice,
		// withLang hands a sub-template its data (V) and the reader's
		// language, which a {{template}} call would otherwise lose.
		"withLang":        func(lang string, v any) langData { return langData{lang, v} },
		"statusLabel":     func(s kb.Status) string { return s.Label() },
		"formField":       formField,
		"roles":           func() []kb.Role { return kb.Roles },
		"landing":         landing,
		"evidence":        func(l kb.EvidenceLabel) string { return l.Text() },
		"percent":         func(f float64) int { return int(f*100 + 0.5) },
		"metaLine":        metaLine,
		"figureQuestions": func() any { return kb.FigureQuestions },
		"add":             func(a, b int) int { return a + b },
		"tables":          func(ts ...figureTable) []figureTable { return ts },
		// safe marks snippets from the index as HTML: the highlighter
		// escapes the text and adds only <mark> tags.
		"safe": func(s string) template.HTML { return template.HTML(s) },
	}
	v := &views{pages: map[string]*template.Template{}}
	for _, name := range []string{"search", "practice", "documents", "error", "login", "submissions", "submission", "submission_form", "notices", "users", "packs", "pack", "handout", "import",
		"stats", "searches", "inbox", "document", "correct", "gone", "audit", "saved"} {
		t, err := template.New(name).Funcs(funcs).ParseFS(assets, "templates/layout.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("parsing template %s: %w", name, err)
		}
		v.pages[name] = t
	}
	return v, nil
}

// langData is a sub-template's data with the reader's language.
type langData struct {
	Lang string
	V    any
}

// PracticeURL is a practice's permanent address: its id, then a readable
// slug that may change without breaking the link.
func PracticeURL(p kb.Practice) string {
	return "/practices/" + p.ID + "/" + p.Slug
}

// PDFURL opens the source PDF at the first page of the case.
func PDFURL(p kb.Practice) string {
	if p.Provenance.File == "" {
		return "" // a submitted practice has no source PDF
	}
	return fmt.Sprintf("/documents/%s.pdf#page=%d", url.PathEscape(p.Provenance.DocumentID), p.Provenance.PageStart)
}

// page is what every page's layout needs.
type page struct {
	Prefs      prefs
	Lang       string // the reader's language: "en", "hi"…
	Back       string // this page's address, for the display controls to return to
	Title      string
	Query      string
	SearchPage bool // the page has its own search form
	User       *kb.User
	CSRF       string // for the forms a signed-in user sends
	Unread     int    // notices not yet seen
	Version    string // the running version, in the footer
	Keeps      bool   // saved practices and follows are on (Config.Library)
}

// pageFor fills what every page needs for the request's user.
func (h *handlers) pageFor(c *fiber.Ctx, title string) page {
	p := page{Title: title, Prefs: readPrefs(c), Back: c.OriginalURL(), Version: h.version, Keeps: h.library != nil}
	p.Lang = messages.pickLang(c, p.Prefs.Lang)
	p.Title = messages.value(p.Lang, title)
	w := current(c)
	p.User = w.user
	if w.session != nil {
		p.CSRF = w.session.CSRF
	}
	if w.user != nil && h.reviews != nil {
		p.Unread, _ = h.reviews.Unread(c.UserContext(), *w.user) // a count that fails shows none
	}
	return p
}

// pageTitled is pageFor with a title from the catalogue: message id
// with its args, for titles that carry a name ("Correct: …").
func (h *handlers) pageTitled(c *fiber.Ctx, id string, args ...any) page {
	p := h.pageFor(c, "")
	p.Title = messages.text(p.Lang, id, args...)
	return p
}

type errorPage struct {
	page
	Heading, Message string
	BackTo           string // the page the person came from on this site, or the search
}

func (h *handlers) render(c *fiber.Ctx, name string, data any) error {
	t := h.views.pages[name]
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", data); err != nil {
		return fmt.Errorf("rendering %s: %w", name, err)
	}
	c.Type("html", "utf-8")
	return c.Send(buf.Bytes())
}

func (h *handlers) asset(c *fiber.Ctx) error {
	data, ok := h.static.byHashed[c.Params("name")]
	if !ok {
		return fiber.ErrNotFound
	}
	c.Set("Cache-Control", "public, max-age=31536000, immutable")
	c.Set("Content-Type", mime.TypeByExtension(path.Ext(c.Params("name"))))
	return c.Send(data)
}

// fieldArgs is what the form's field template needs for one field.
type fieldArgs struct {
	Lang, Name, Label, Hint, Value, Error string
	Long, Required                        bool
	Places                                bool // completed from the gazetteer; places separated by semicolons
}

// placeFields are the submission form's fields that name places.
var placeFields = map[string]bool{"states": true, "district": true, "sources": true, "transit": true, "destinations": true}

// formField is one field of the submission form with its label, hint
// and error in lang: messages sub_NAME and sub_NAME_hint (a field may
// have no hint), the error sentence translated as stored.
func formField(lang, name, value string, errs map[string]string, long bool) fieldArgs {
	f := fieldArgs{Lang: lang, Name: name, Label: messages.text(lang, "sub_"+name), Value: value, Long: long, Required: kb.RequiredForReview[name], Places: placeFields[name]}
	if hint, ok := messages.lookup(lang, "sub_"+name+"_hint"); ok {
		f.Hint = hint
	}
	if e := errs[name]; e != "" {
		f.Error = messages.value(lang, e)
	}
	return f
}
