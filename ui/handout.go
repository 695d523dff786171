package ui

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
	"github.com/gofiber/fiber/v2"

	"github.com/compendium-kb/compendium/kb"
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
	hp := handoutPage{page: h.pageFor(c, p.Title), Pack: p, Made: time.Now().Format("2 January 2006")}
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
			add("Evidence", e.Label.Text()+": "+e.Basis)
		}
		add("States", strings.Join(pr.States, ", "))
		add("Districts", strings.Join(pr.Districts, ", "))
		add("Routes", kb.RoutesText(pr.Routes))
		var years []string
		for _, y := range pr.Years {
			years = append(years, fmt.Sprint(y))
		}
		add("Years", strings.Join(years, ", "))
		add("Themes", strings.Join(pr.Themes, ", "))
		add("Exploitation", strings.Join(pr.Exploitation, ", "))
		add("Laws", strings.Join(pr.Laws, "; "))
		for _, f := range pr.Figures {
			add(f.Label(), fmt.Sprint(f.Count))
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
// introduction, a page per case, and the bibliography.
func (h *handlers) handoutPDF(c *fiber.Ctx) error {
	hp, err := h.handoutData(c)
	if err != nil {
		return err
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	tr := pdf.UnicodeTranslatorFromDescriptor("") // core fonts speak cp1252
	pdf.SetTitle(hp.Pack.Title, true)
	pdf.SetCreator("Compendium", true)
	pdf.SetMargins(20, 20, 20)
	pdf.SetAutoPageBreak(true, 20)
	pdf.SetFooterFunc(func() {
		pdf.SetY(-13)
		pdf.SetFont("Helvetica", "", 8)
		pdf.CellFormat(0, 5, tr(fmt.Sprintf("%s · page %d", hp.Pack.Title, pdf.PageNo())), "", 0, "C", false, 0, "")
	})
	text := func(style string, size, lh float64, s string) {
		pdf.SetFont("Helvetica", style, size)
		pdf.MultiCell(0, lh, tr(s), "", "L", false)
	}
	pdf.AddPage()
	pdf.SetY(70)
	text("B", 24, 11, hp.Pack.Title)
	pdf.Ln(6)
	text("", 12, 6, hp.Pack.Intro)
	pdf.Ln(6)
	text("I", 10, 5, fmt.Sprintf("%d cases · prepared %s", len(hp.Cases), hp.Made))
	for _, hc := range hp.Cases {
		pdf.AddPage()
		text("B", 15, 7, fmt.Sprintf("%d. %s", hc.N, hc.Practice.Title))
		pdf.Ln(2)
		for _, f := range hc.Facts {
			pdf.SetFont("Helvetica", "B", 10)
			pdf.CellFormat(30, 5.5, tr(f.Label), "", 0, "L", false, 0, "")
			pdf.SetFont("Helvetica", "", 10)
			pdf.MultiCell(0, 5.5, tr(f.Value), "", "L", false)
		}
		for _, part := range []struct{ head, body string }{{"Trainer's note", hc.Note}, {"Summary", hc.Summary}, {"What was done", hc.Done}, {"Lessons", hc.Lessons}} {
			if strings.TrimSpace(part.body) == "" {
				continue
			}
			pdf.Ln(3)
			text("B", 11, 6, part.head)
			text("", 10.5, 5.2, part.body)
		}
		pdf.Ln(3)
		text("B", 10, 5, "Cite as")
		text("", 9.5, 4.8, hc.Citation)
	}
	pdf.AddPage()
	text("B", 15, 7, "Bibliography")
	pdf.Ln(2)
	for _, b := range hp.Bibliography {
		text("", 10, 5, b)
		pdf.Ln(2)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return fmt.Errorf("making the handout PDF: %w", err)
	}
	c.Set("Content-Type", "application/pdf")
	c.Set("Content-Disposition", `inline; filename="`+kb.Slugify(hp.Pack.Title, 60)+`.pdf"`)
	return c.Send(buf.Bytes())
}
