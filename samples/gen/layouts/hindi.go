package layouts

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	texttemplate "text/template"
)

// Hindi compendia, set in Lohit Devanagari: one printed from a browser,
// one from LibreOffice. Both tools shape the script (conjuncts, the short
// i drawn before its consonant, reph) and say what each cluster reads in
// ActualText, so pdftotext reads them back in logical order.

func init() {
	register("chromium-hindi", "chromium", func(dir string) (Layout, error) { return hindi(dir, "chromium") })
	register("soffice-hindi", "soffice", func(dir string) (Layout, error) { return hindi(dir, "soffice") })
}

type hindiPractice struct {
	Title, Place, Period string
	Years                []int
	Problem, Action      string
	Results, Lessons     string
}

// hindiPractices are written in the register of a state police report,
// with the words a reader gets wrong when it drops glyphs or keeps the
// drawing order: किशोरियों, ज़िला, क्षेत्र, कार्यक्रम, प्रशिक्षित, द्वितीय.
var hindiPractices = []hindiPractice{
	{Title: "उत्तम पहल 1: रेलवे स्टेशनों के माध्यम से लापता बच्चों का पता लगाना", Place: "पटना ज़िला, बिहार", Period: "2019 से 2021", Years: []int{2019, 2020, 2021},
		Problem: "पटना और दानापुर स्टेशनों पर हर महीने अकेले यात्रा करते बच्चे मिलते थे। कई किशोरियों को काम के बहाने दिल्ली और पंजाब ले जाया जाता था।",
		Action:  "रेलवे सुरक्षा बल और ज़िला पुलिस ने संयुक्त दल बनाए। प्रशिक्षित महिला कांस्टेबलों ने प्लेटफ़ॉर्म पर निगरानी रखी और चाइल्डलाइन के साथ मिलकर हर बच्चे का विवरण दर्ज किया।",
		Results: "दो वर्षों में 212 बच्चों को छुड़ाया गया, जिनमें 61 किशोरियाँ थीं। 14 तस्करों को गिरफ़्तार किया गया और 9 प्राथमिकी दर्ज की गईं।",
		Lessons: "स्टेशन पर लगातार उपस्थिति और स्वयंसेवी संस्थाओं से तालमेल सबसे अधिक काम आया।"},
	{Title: "उत्तम पहल 2: सीमावर्ती गाँवों में जागरूकता कार्यक्रम", Place: "किशनगंज, बिहार", Period: "2020", Years: []int{2020},
		Problem: "नेपाल सीमा से लगे गाँवों में विवाह और नौकरी के झूठे वादों से लड़कियों की तस्करी होती थी।",
		Action:  "मानव तस्करी विरोधी इकाई ने पंचायतों, विद्यालयों और आंगनवाड़ी केंद्रों में शिविर लगाए। द्वितीय चरण में ग्राम निगरानी समितियाँ बनाई गईं।",
		Results: "सत्तर गाँवों में समितियाँ बनीं और 38 संदिग्ध मामलों की सूचना थाना पुलिस तक पहुँची।",
		Lessons: "स्थानीय भाषा में बात करने वाले प्रशिक्षक और महिला समूहों की भागीदारी ज़रूरी है।"},
	{Title: "उत्तम पहल 3: ईंट भट्ठों से बंधुआ श्रमिकों की मुक्ति", Place: "रंगारेड्डी ज़िला, तेलंगाना", Period: "2021", Years: []int{2021},
		Problem: "ओडिशा और छत्तीसगढ़ से लाए गए श्रमिक परिवार अग्रिम राशि के बदले भट्ठों पर बंधक थे।",
		Action:  "राजस्व विभाग, श्रम विभाग और पुलिस के संयुक्त दल ने एक साथ छापे मारे। मुक्त श्रमिकों को मुक्ति प्रमाण पत्र और तत्काल सहायता दी गई।",
		Results: "तीन भट्ठों से 146 श्रमिक मुक्त कराए गए, जिनमें 40 बच्चे थे। भट्ठा मालिकों पर मुक़दमा चलाया गया।",
		Lessons: "छापे से पहले श्रमिकों के गृह ज़िलों से संपर्क करने से पुनर्वास तेज़ हुआ।"},
	{Title: "उत्तम पहल 4: साइबर निगरानी से ऑनलाइन भर्ती का पर्दाफ़ाश", Place: "इंदौर, मध्य प्रदेश", Period: "2022 से 2023", Years: []int{2022, 2023},
		Problem: "सामाजिक माध्यमों पर मॉडलिंग और विदेश में नौकरी के विज्ञापनों से युवतियों को फँसाया जा रहा था।",
		Action:  "साइबर प्रकोष्ठ ने संदिग्ध खातों की पहचान की और विशेष रूप से प्रशिक्षित अधिकारियों ने जाँच की। क्षेत्रीय भाषाओं में चेतावनी संदेश प्रसारित किए गए।",
		Results: "छह गिरोहों का पर्दाफ़ाश हुआ, 23 गिरफ़्तारियाँ हुईं और 31 युवतियों को सुरक्षित लौटाया गया।",
		Lessons: "सामाजिक माध्यम कंपनियों से शीघ्र जानकारी मिलना जाँच की गति तय करता है।"},
}

const hindiHTML = `<!doctype html>
<html lang="hi"><head><meta charset="utf-8"><title>{{.Title}}</title>
<style>
@page { size: A4; margin: 18mm; }
body { font-family: "Lohit Devanagari", sans-serif; font-size: 11pt; line-height: 1.5; }
.cover { padding-top: 60mm; page-break-after: always; }
.cover h1 { font-size: 24pt; }
h2 { font-size: 15pt; page-break-before: always; margin: 0 0 4mm; }
h3 { font-size: 12pt; margin: 3mm 0 1mm; }
p { margin: 0 0 2mm; }
</style></head><body>
<div class="cover"><h1>{{.Title}}</h1><p>{{.Sub}}</p><p>गृह मंत्रालय, {{.Year}}</p></div>
{{range .Cases}}<h2>{{.Title}}</h2>
<p>{{.Place}}, {{.Period}}</p>
<h3>समस्या</h3><p>{{.Problem}}</p>
<h3>की गई कार्रवाई</h3><p>{{.Action}}</p>
<h3>परिणाम</h3><p>{{.Results}}</p>
<h3>सीख</h3><p>{{.Lessons}}</p>
{{end}}</body></html>`

const hindiFODT = `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:title>{{html .Title}}</dc:title></office:meta>
<office:styles>
<style:style style:name="Standard" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.2cm"/><style:text-properties fo:font-size="11pt" style:font-name-complex="Lohit Devanagari" style:font-family-complex="'Lohit Devanagari'" style:font-size-complex="11pt" fo:font-family="'Lohit Devanagari'"/></style:style>
<style:style style:name="Title" style:family="paragraph"><style:paragraph-properties fo:margin-top="6cm" fo:margin-bottom="1cm"/><style:text-properties fo:font-size="24pt" style:font-size-complex="24pt" style:font-family-complex="'Lohit Devanagari'" fo:font-family="'Lohit Devanagari'"/></style:style>
<style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:default-outline-level="2"><style:paragraph-properties fo:break-before="page" fo:margin-bottom="0.4cm"/><style:text-properties fo:font-size="15pt" style:font-size-complex="15pt" style:font-family-complex="'Lohit Devanagari'" fo:font-family="'Lohit Devanagari'"/></style:style>
<style:style style:name="Heading_20_3" style:display-name="Heading 3" style:family="paragraph" style:default-outline-level="3"><style:paragraph-properties fo:margin-top="0.3cm" fo:margin-bottom="0.1cm" fo:keep-with-next="always"/><style:text-properties fo:font-size="12pt" style:font-size-complex="12pt" style:font-family-complex="'Lohit Devanagari'" fo:font-family="'Lohit Devanagari'"/></style:style>
</office:styles>
<office:body><office:text>
<text:p text:style-name="Title">{{html .Title}}</text:p>
<text:p>{{html .Sub}}</text:p>
<text:p>गृह मंत्रालय, {{html .Year}}</text:p>
{{range .Cases}}<text:h text:style-name="Heading_20_2" text:outline-level="2">{{html .Title}}</text:h>
<text:p>{{html .Place}}, {{html .Period}}</text:p>
<text:h text:style-name="Heading_20_3" text:outline-level="3">समस्या</text:h><text:p>{{html .Problem}}</text:p>
<text:h text:style-name="Heading_20_3" text:outline-level="3">की गई कार्रवाई</text:h><text:p>{{html .Action}}</text:p>
<text:h text:style-name="Heading_20_3" text:outline-level="3">परिणाम</text:h><text:p>{{html .Results}}</text:p>
<text:h text:style-name="Heading_20_3" text:outline-level="3">सीख</text:h><text:p>{{html .Lessons}}</text:p>
{{end}}</office:text></office:body></office:document>
`

// unlabelled is a case's title as a reader should give it: without the
// label that numbers it ("उत्तम पहल 1: ").
func unlabelled(t string) string {
	if _, after, ok := strings.Cut(t, ": "); ok {
		return after
	}
	return t
}

// hindi makes a Hindi compendium with the tool named.
func hindi(dir, tool string) (Layout, error) {
	l := Layout{Compendium: true, Title: "मानव तस्करी विरोधी उत्तम पहलों का संग्रह", Year: 2023, Script: "Devanagari", Words: HindiWords()}
	for _, p := range hindiPractices {
		l.Cases = append(l.Cases, Case{Title: unlabelled(p.Title), Years: p.Years})
	}
	// The XML goes through text/template, whose html function escapes
	// for XML too; html/template would escape the declaration itself.
	run := template.Must(template.New("").Parse(hindiHTML)).Execute
	if tool == "soffice" {
		run = texttemplate.Must(texttemplate.New("").Parse(hindiFODT)).Execute
	}
	var b bytes.Buffer
	err := run(&b, map[string]any{
		"Title": l.Title, "Sub": "कानून प्रवर्तन एजेंसियों द्वारा", "Year": l.Year, "Cases": hindiPractices,
	})
	if err != nil {
		return l, err
	}
	name := "hindi-" + tool
	switch tool {
	case "chromium":
		l.File, err = chromiumPDF(dir, name, b.String())
	case "soffice":
		l.File, err = sofficePDF(dir, name, "fodt", b.String(), "")
	default:
		err = fmt.Errorf("no Hindi layout for %s", tool)
	}
	if err != nil {
		return l, err
	}
	return l, locate(l.File, l.Cases, 1)
}

// HindiWords are the words of the Hindi practices, for tests that check
// a reader gives them back.
func HindiWords() []string { return practiceWords(hindiPractices) }

func practiceWords(ps []hindiPractice) []string {
	var words []string
	for _, p := range ps {
		for _, s := range []string{p.Title, p.Place, p.Period, p.Problem, p.Action, p.Results, p.Lessons} {
			words = append(words, strings.Fields(s)...)
		}
	}
	return words
}
