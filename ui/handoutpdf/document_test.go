package handoutpdf

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The Hindi the tests write: a handout title, conjuncts (क्ष त्र श्र द्व
// त्त), the short i-matra that is drawn before its consonant (किशोरियों),
// reph (कार्यक्रम), nukta (ज़िला) and anusvara, chandrabindu and visarga.
const (
	hindiTitle = "उत्तम पहल 1: रेलवे स्टेशनों के माध्यम से लापता बच्चों का पता लगाना"
	hindiBody  = "ज़िला पुलिस ने रेलवे सुरक्षा बल के साथ मिलकर कार्यक्रम चलाया। " +
		"क्षेत्र के मित्र थानों में श्रमिक किशोरियों और द्वार पर खड़े बच्चों से बात की गई। " +
		"उत्तर प्रदेश, बिहार और पश्चिम बंगाल के गाँवों से आए 1,240 बच्चों को उनके परिवारों तक पहुँचाया गया; " +
		"मानव तस्करी विरोधी इकाई (AHTU) ने प्राथमिकी दर्ज की और पॉक्सो अधिनियम के अंतर्गत कार्रवाई हुई। " +
		"दुःख की बात है कि कई किशोरियाँ स्वयं घर छोड़ चुकी थीं।"
	englishBody = "The Railway Protection Force and the district police rescued 1,240 children – " +
		"“Operation Nanhe Farishte” – and handed them to the Child Welfare Committee."
)

func hindiDocument(t testing.TB) []byte {
	t.Helper()
	d, err := New(hindiTitle)
	if err != nil {
		t.Fatal(err)
	}
	d.Creator = "Compendium"
	d.Footer = func(n int) string { return hindiTitle + " · page " + string(rune('0'+n)) }
	d.AddPage()
	d.Text(Bold, 18, 9, hindiTitle)
	d.Space(3)
	d.Row(30, 10, 5.5, "राज्य", "उत्तर प्रदेश, बिहार")
	d.Row(30, 10, 5.5, "Exploitation", "बाल श्रम, बंधुआ श्रम")
	d.Text(Regular, 10.5, 5.2, hindiBody+"\n\n"+englishBody)
	d.Text(Italic, 10, 5, englishBody)
	out, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// pdftotext reads the file with poppler, or skips the test without it.
func pdftotext(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	path := filepath.Join(t.TempDir(), "h.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", path, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v %s", err, out)
	}
	return string(out)
}

func TestHindiReadsBack(t *testing.T) {
	text := pdftotext(t, hindiDocument(t))
	t.Log(text)
	if !strings.Contains(strings.Join(strings.Fields(text), " "), hindiTitle) {
		t.Errorf("pdftotext does not give back the title %q", hindiTitle)
	}
}
