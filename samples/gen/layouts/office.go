package layouts

import (
	"fmt"
	"html"
	"strings"
)

// Compendia written in a word processor and printed by LibreOffice: Word
// heading styles, a table of facts under each title, footnotes, numbered
// lists; one straight from .odt, one saved as .docx and printed from it
// with its headings numbered by the outline ("1.2 Title").

func init() {
	register("soffice-odt-heading-styles", "soffice", func(dir string) (Layout, error) { return office(dir, false) })
	register("soffice-docx-outline-numbers", "soffice", func(dir string) (Layout, error) { return office(dir, true) })
}

const fodtHead = `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:title>%s</dc:title></office:meta>
<office:styles>
<style:style style:name="Standard" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.18cm" fo:text-align="justify"/><style:text-properties fo:font-size="10.5pt" style:font-name="Liberation Serif" fo:font-family="'Liberation Serif'"/></style:style>
<style:style style:name="Title" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-top="6cm" fo:margin-bottom="1cm"/><style:text-properties fo:font-size="24pt" fo:font-weight="bold" fo:font-family="'Liberation Sans'"/></style:style>
<style:style style:name="Subtitle" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.5cm"/><style:text-properties fo:font-size="14pt" fo:font-family="'Liberation Sans'"/></style:style>
<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:default-outline-level="1"><style:paragraph-properties fo:break-before="page" fo:margin-bottom="0.4cm"/><style:text-properties fo:font-size="17pt" fo:font-weight="bold" fo:font-family="'Liberation Sans'"/></style:style>
<style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:default-outline-level="2"><style:paragraph-properties %s fo:margin-top="0.5cm" fo:margin-bottom="0.25cm" fo:keep-with-next="always"/><style:text-properties fo:font-size="13pt" fo:font-weight="bold" fo:font-family="'Liberation Sans'"/></style:style>
<style:style style:name="Heading_20_3" style:display-name="Heading 3" style:family="paragraph" style:default-outline-level="3"><style:paragraph-properties fo:margin-top="0.25cm" fo:margin-bottom="0.1cm" fo:keep-with-next="always"/><style:text-properties fo:font-size="11pt" fo:font-weight="bold" fo:font-style="italic" fo:font-family="'Liberation Sans'"/></style:style>
<style:style style:name="Footnote" style:family="paragraph"><style:text-properties fo:font-size="8pt"/></style:style>
<text:list-style style:name="Numbering_20_123"><text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" fo:text-indent="-0.6cm" fo:margin-left="1.2cm"/></style:list-level-properties></text:list-level-style-number></text:list-style>
%s
</office:styles>
<office:body><office:text>
`

const outlineNumbers = `<text:outline-style style:name="Outline"><text:outline-level-style text:level="1" style:num-format="1" style:num-suffix=". "/><text:outline-level-style text:level="2" style:num-format="1" text:display-levels="2" style:num-suffix=" "/></text:outline-style>`

func office(dir string, docx bool) (Layout, error) {
	l := Layout{Compendium: true, Title: "Compendium on Best Practices on Anti Human Trafficking", Year: 2009}
	breakCase, outline, name, first := "", "", "odt-heading-styles", 0
	if docx {
		l.Title, l.Year = "Good Practices against Trafficking: District Police Experience", 2013
		breakCase, outline, name, first = `fo:break-before="page"`, outlineNumbers, "docx-outline-numbers", 12
	}
	var b strings.Builder
	fmt.Fprintf(&b, fodtHead, "Untitled 1", breakCase, outline)
	cover := strings.SplitN(l.Title, ": ", 2)
	fmt.Fprintf(&b, "<text:p text:style-name=\"Title\">%s</text:p>\n", esc(l.Title))
	if len(cover) == 1 {
		b.WriteString(`<text:p text:style-name="Subtitle">by Law Enforcement Agencies in India</text:p>` + "\n")
	}
	fmt.Fprintf(&b, "<text:p text:style-name=\"Subtitle\">Ministry of Home Affairs, %d</text:p>\n", l.Year)
	sections := []string{"Rescue and investigation", "Victim care and prosecution"}
	for i, pr := range practices(first, 6) {
		s := i / 3
		if i%3 == 0 {
			fmt.Fprintf(&b, "<text:h text:style-name=\"Heading_20_1\" text:outline-level=\"1\">%s</text:h>\n", sections[s])
		}
		fmt.Fprintf(&b, "<text:h text:style-name=\"Heading_20_2\" text:outline-level=\"2\">%s</text:h>\n", esc(pr.Title))
		b.WriteString(factsTable(i, pr))
		writeParts(&b, pr)
		section := sections[s]
		if docx {
			section = fmt.Sprintf("%d. %s", s+1, sections[s])
		}
		l.Cases = append(l.Cases, Case{Title: pr.Title, Section: section, Years: pr.years()})
	}
	b.WriteString("</office:text></office:body></office:document>\n")
	ext, through := "fodt", ""
	if docx {
		through = "docx"
	}
	var err error
	if l.File, err = sofficePDF(dir, name, ext, b.String(), through); err != nil {
		return l, err
	}
	return l, locate(l.File, l.Cases, 1)
}

func factsTable(i int, pr practice) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<table:table table:name=\"Facts%d\"><table:table-column table:number-columns-repeated=\"2\"/>\n", i)
	for _, kv := range [][2]string{{"State", pr.State}, {"District", pr.District}, {"Period", pr.period()}} {
		fmt.Fprintf(&b, "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>%s</text:p></table:table-cell><table:table-cell office:value-type=\"string\"><text:p>%s</text:p></table:table-cell></table:table-row>\n", kv[0], esc(kv[1]))
	}
	b.WriteString("</table:table>\n")
	return b.String()
}

func writeParts(b *strings.Builder, pr practice) {
	h3 := func(t string) {
		fmt.Fprintf(b, "<text:h text:style-name=\"Heading_20_3\" text:outline-level=\"3\">%s</text:h>\n", t)
	}
	h3("Background")
	fmt.Fprintf(b, "<text:p text:style-name=\"Standard\">%s<text:note text:note-class=\"footnote\"><text:note-citation>1</text:note-citation><text:note-body><text:p text:style-name=\"Footnote\">Read with the Immoral Traffic (Prevention) Act, 1956 and section 370 of the Indian Penal Code.</text:p></text:note-body></text:note></text:p>\n", esc(pr.Problem))
	h3("Steps taken")
	b.WriteString("<text:list text:style-name=\"Numbering_20_123\">\n")
	for _, s := range strings.SplitAfter(pr.Action, ". ") {
		if strings.TrimSpace(s) != "" {
			fmt.Fprintf(b, "<text:list-item><text:p text:style-name=\"Standard\">%s</text:p></text:list-item>\n", esc(strings.TrimSpace(s)))
		}
	}
	b.WriteString("</text:list>\n")
	h3("Results")
	fmt.Fprintf(b, "<text:p text:style-name=\"Standard\">%s</text:p>\n", esc(pr.Results))
	h3("Lessons")
	fmt.Fprintf(b, "<text:p text:style-name=\"Standard\">%s</text:p>\n", esc(pr.Lessons))
}

func esc(s string) string { return html.EscapeString(s) }
