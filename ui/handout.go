package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/compendium-kb/compendium/kb"
	"github.com/compendium-kb/compendium/ui/handoutpdf"
)

// handoutCase is a case as the handout shows it.
type handoutCase struct {
	N                            int
	Practice                     kb.Practice
	Note, Summary, Done, Lessons string
	Facts                        []fact
	Citation                     string
}

type fact struct{ Label, Value string }

type handoutPage struct {
	page
	Pack         kb.Pack
	Cases        []handoutCase
	Bibliography []string
	Made         string
}

func (h *handlers) handoutData(c *fiber.Ctx) (handoutPage, error) {
	p, err := h.packFor(c)
	if err != nil {
		return handoutPage{}, err
	}
	cases, err := h.packs.Cases(c.UserContext(), p)
	if err != nil {
		return handoutPage{}, err
	}
	hp := handoutPage{page: h.pageFor(c, p.Title), Pack: p}
	hp.Made = formatDate(hp.Lang, time.Now())
	for i, pc := range cases {
		pr := pc.Practice
		cite := h.cite(c, pr)
		hc := handoutCase{N: i + 1, Practice: pr, Note: pc.Note, Summary: pr.Summary,
			Done: sectionText(pr, actionHeadings), Lessons: sectionText(pr, lessonHeadings), Citation: cite.APA()}
		add := func(label, value string) {
			if value != "" {
				hc.Facts = append(hc.Facts, fact{label, value})
			}
		}
		if e := pr.Evidence; e != nil && e.Label != "" {
			add("Evidence", messages.value(hp.Lang, e.Label.Text())+": "+e.Basis)
		}
		add("States", messages.values(hp.Lang, pr.States, ", "))
		add("Districts", strings.Join(pr.Districts, ", "))
		add("Routes", routesInWords(hp.Lang, pr.Routes))
		var years []string
		for _, y := range pr.Years {
			years = append(years, fmt.Sprint(y))
		}
		add("Years", strings.Join(years, ", "))
		add("Themes", messages.values(hp.Lang, pr.Themes, ", "))
		add("Exploitation", messages.values(hp.Lang, pr.Exploitation, ", "))
		add("Laws", strings.Join(pr.Laws, "; "))
		for _, f := range pr.Figures {
			add(f.Label(), formatNumber(hp.Lang, f.Count))
		}
		hp.Cases = append(hp.Cases, hc)
		hp.Bibliography = append(hp.Bibliography, cite.APA())
	}
	return hp, nil
}

// Headings that introduce what was done, and what to learn, in
// compendia and in submitted practices ("What was done", "Lessons and
// replication").
var (
	actionHeadings = []string{"what was done", "action", "intervention", "response", "approach", "strategy", "initiative", "how it worked", "steps"}
	lessonHeadings = []string{"lesson", "learn", "replicat"}
)

// sectionText is the part of a case under a heading that mentions one of
// the words: the paragraphs after it, up to the next heading.
func sectionText(p kb.Practice, words []string) string {
	var out []string
	taking := false
	for _, b := range blocks(p) {
		if b.Heading {
			l := strings.ToLower(b.Text)
			taking = false
			for _, w := range words {
				taking = taking || strings.Contains(l, w)
			}
			continue
		}
		if taking {
			out = append(out, b.Text)
		}
	}
	return strings.Join(out, "\n\n")
}

func (h *handlers) handout(c *fiber.Ctx) error {
	hp, err := h.handoutData(c)
	if err != nil {
		return err
	}
	return h.render(c, "handout", hp)
}

// handoutPDF renders the handout as a PDF: a cover with the title and the
// introduction, a page per case, and the bibliography. handoutpdf shapes
// Hindi and keeps it extractable, which fpdf's core fonts could not.
func (h *handlers) handoutPDF(c *fiber.Ctx) error {
	hp, err := h.handoutData(c)
	if err != nil {
		return err
	}
	d, err := handoutDocument(hp)
	if err != nil {
		return fmt.Errorf("making the handout PDF: %w", err)
	}
	pdf, err := d.Bytes()
	if err != nil {
		return fmt.Errorf("making the handout PDF: %w", err)
	}
	c.Set("Content-Type", "application/pdf")
	c.Set("Content-Disposition", contentDisposition("inline", hp.Pack.Title, "handout", "pdf"))
	return c.Send(pdf)
}

// contentDisposition names a download after a title in any script: the
// title itself in filename* (RFC 6266, UTF-8 percent-encoded), and an
// ASCII slug in filename for older clients, or fallback when the title
// has no Latin letters ("उत्तम पहल 1: ..." would slug to "1").
func contentDisposition(kind, title, fallback, ext string) string {
	slug := kb.Slugify(title, 60)
	if !strings.ContainsFunc(slug, func(r rune) bool { return r >= 'a' && r <= 'z' }) {
		slug = fallback
	}
	var enc strings.Builder
	for _, b := range []byte(strings.TrimSpace(title) + "." + ext) {
		if 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || strings.IndexByte("!#$&+-.^_`|~", b) >= 0 {
			enc.WriteByte(b)
		} else {
			fmt.Fprintf(&enc, "%%%02X", b)
		}
	}
	return fmt.Sprintf(`%s; filename="%s.%s"; filename*=UTF-8''%s`, kind, slug, ext, enc.String())
}

// handoutDocument lays the handout out: the cover, a page per case with
// its facts as a table, and the bibliography.
func handoutDocument(hp handoutPage) (*handoutpdf.Document, error) {
	d, err := handoutpdf.New(hp.Pack.Title)
	if err != nil {
		return nil, err
	}
	t := func(id string, args ...any) string { return messages.text(hp.Lang, id, args...) }
	d.Creator = "Compendium"
	d.Footer = func(n int) string { return hp.Pack.Title + " · " + strings.ToLower(t("page_number", "Page", n)) }
	d.AddPage()
	d.SetY(70)
	d.Text(handoutpdf.Bold, 24, 11, hp.Pack.Title)
	d.Space(6)
	d.Text(handoutpdf.Regular, 12, 6, hp.Pack.Intro)
	d.Space(6)
	d.Text(handoutpdf.Italic, 10, 5, t("n_cases", "Count", len(hp.Cases))+" · "+t("handout_prepared", "Date", hp.Made))
	for _, hc := range hp.Cases {
		d.AddPage()
		d.Text(handoutpdf.Bold, 15, 7, fmt.Sprintf("%d. %s", hc.N, hc.Practice.Title))
		d.Space(2)
		for _, f := range hc.Facts {
			d.Row(30, 10, 5.5, messages.value(hp.Lang, f.Label), f.Value)
		}
		for _, part := range []struct{ head, body string }{{t("handout_note"), hc.Note}, {t("field_summary"), hc.Summary}, {t("field_action"), hc.Done}, {t("field_lessons"), hc.Lessons}} {
			if strings.TrimSpace(part.body) == "" {
				continue
			}
			d.Space(3)
			d.Text(handoutpdf.Bold, 11, 6, part.head)
			d.Text(handoutpdf.Regular, 10.5, 5.2, part.body)
		}
		d.Space(3)
		d.Text(handoutpdf.Bold, 10, 5, strings.TrimSuffix(t("cite_as"), ":"))
		d.Text(handoutpdf.Regular, 9.5, 4.8, hc.Citation)
	}
	d.AddPage()
	d.Text(handoutpdf.Bold, 15, 7, t("bibliography"))
	d.Space(2)
	for _, b := range hp.Bibliography {
		d.Text(handoutpdf.Regular, 10, 5, b)
		d.Space(2)
	}
	return d, nil
}
