package indexer

import (
	"slices"
	"testing"
)

func TestCaseLabel(t *testing.T) {
	tests := []struct{ line, number, title string }{
		{"Case Study 3: Night patrols", "3", "Night patrols"},
		{"Case 4:", "4", ""},
		{"उत्तम पहल १: रेलवे स्टेशनों पर निगरानी", "1", "रेलवे स्टेशनों पर निगरानी"},
		{"सर्वोत्तम प्रथा 12 – ईंट भट्ठों से मुक्ति", "12", "ईंट भट्ठों से मुक्ति"},
		{"केस अध्ययन २", "2", ""},
		{"प्रकरण क्रमांक ३: यशस्वी कारवाई", "3", "यशस्वी कारवाई"},
		{"উত্তম উদ্যোগ ২: ইটভাটা থেকে মুক্তি", "2", "ইটভাটা থেকে মুক্তি"},
		{"কেস স্টাডি ১০। সীমান্তে নজরদারি", "10", "সীমান্তে নজরদারি"},
	}
	for _, tt := range tests {
		m := caseLabel(tt.line)
		if m == nil {
			t.Errorf("%q: no label", tt.line)
			continue
		}
		if m[1] != tt.number || m[2] != tt.title {
			t.Errorf("%q: number %q title %q, want %q %q", tt.line, m[1], m[2], tt.number, tt.title)
		}
	}
	for _, line := range []string{"उत्तम प्रदेश की पुलिस", "Casework in districts", "प्रकरणों की संख्या बढ़ी"} {
		if m := caseLabel(line); m != nil {
			t.Errorf("%q read as a label: %q", line, m)
		}
	}
}

func TestIndicDigits(t *testing.T) {
	if got := asciiDigits("वर्ष २०१९ से २०२१, ৩৭ জন"); got != "वर्ष 2019 से 2021, 37 জন" {
		t.Errorf("asciiDigits = %q", got)
	}
	if got := readYears("पटना ज़िला, २०१९ से २०२१"); !slices.Equal(got, []int{2019, 2020, 2021}) {
		t.Errorf("years in Devanagari digits: %v", got)
	}
}

func TestCoverYearFromARange(t *testing.T) {
	cover := func(lines ...string) []Page {
		p := Page{Number: 1}
		for _, l := range lines {
			p.Lines = append(p.Lines, Line{Text: l})
		}
		return []Page{p}
	}
	tests := []struct {
		lines []string
		want  int
	}{
		{[]string{"Police Practices against Trafficking", "2004-2021"}, 2021},
		{[]string{"Compendium", "Practices of 2004-2021", "Ministry of Home Affairs, 2022"}, 2022},
		{[]string{"मानव तस्करी", "गृह मंत्रालय, २०२३"}, 2023},
		{[]string{"Compendium", "1999-2090"}, 0},
	}
	for _, tt := range tests {
		if got := coverYear(cover(tt.lines...)); got != tt.want {
			t.Errorf("coverYear(%q) = %d, want %d", tt.lines, got, tt.want)
		}
	}
}
