package kb

import (
	"strings"
	"testing"
	"time"
)

func TestCitationStyles(t *testing.T) {
	compendium := Cite{URL: "https://kb.example/practices/abc/x?v=2", Practice: Practice{
		ID: "abc", Title: "Inter-State Rescue from Bhiwandi", Version: 2,
		Provenance: Provenance{DocumentTitle: "Compendium on Best Practices", File: "c.pdf", PageStart: 51, PageEnd: 53, Publisher: "Ministry of Home Affairs", Year: 2007},
	}}
	submission := Cite{URL: "https://kb.example/practices/def/y?v=1", Practice: Practice{
		ID: "def", Title: "Bus Stand Vigilance", Version: 1, Unit: "AHTU Gumla", ApprovedAt: time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC),
	}}
	noAuthor := compendium
	noAuthor.Practice.Provenance.Publisher = ""
	noAuthor.Practice.Provenance.Year = 0
	tests := []struct {
		name, got, want string
	}{
		{"APA, compendium", compendium.APA(), "Ministry of Home Affairs. (2007). Inter-State Rescue from Bhiwandi [Version 2]. In Compendium on Best Practices (pp. 51–53). https://kb.example/practices/abc/x?v=2"},
		{"APA, no author", noAuthor.APA(), "Inter-State Rescue from Bhiwandi. (n.d.) [Version 2]. In Compendium on Best Practices (pp. 51–53). https://kb.example/practices/abc/x?v=2"},
		{"APA, submission", submission.APA(), "AHTU Gumla. (2025). Bus Stand Vigilance. Compendium of good practices against human trafficking. https://kb.example/practices/def/y?v=1"},
		{"Chicago note", compendium.ChicagoNote(), "“Inter-State Rescue from Bhiwandi,” in Compendium on Best Practices (Ministry of Home Affairs, 2007), 51–53, version 2, https://kb.example/practices/abc/x?v=2."},
		{"Chicago bibliography", compendium.ChicagoBibliography(), "“Inter-State Rescue from Bhiwandi.” In Compendium on Best Practices, 51–53. Ministry of Home Affairs, 2007. Version 2. https://kb.example/practices/abc/x?v=2."},
		{"MLA", compendium.MLA(), "“Inter-State Rescue from Bhiwandi.” Compendium on Best Practices, version 2, Ministry of Home Affairs, 2007, pp. 51–53. https://kb.example/practices/abc/x?v=2."},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, tt.got, tt.want)
		}
	}
	bib := BibTeX([]Cite{compendium, submission})
	for _, want := range []string{"@incollection{inter-abc,", "pages = {51--53}", "@misc{bus-def,", "author = {{AHTU Gumla}}"} {
		if !strings.Contains(bib, want) {
			t.Errorf("BibTeX lacks %q:\n%s", want, bib)
		}
	}
	if _, err := compendium.Format("harvard"); err == nil {
		t.Error("an unknown format must fail")
	}
}
