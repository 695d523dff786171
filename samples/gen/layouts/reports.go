package layouts

import (
	"fmt"
	"strings"
)

// Documents that are not compendia: the right answer is no case, or very
// few with low confidence. They are written the way hotline reports,
// codebooks, guides and research reports are.

func init() {
	register("report-hotline-statistics", "", hotlineStatistics)
	register("report-codebook", "", codebook)
	register("report-guide", "", guide)
	register("report-research", "", research)
}

var states = []string{"Texas", "California", "Florida", "New York", "Ohio", "Georgia", "Michigan", "Tennessee", "Nevada", "Arizona", "Illinois", "Virginia"}

// hotlineStatistics: headings over tables of counts and percentages.
func hotlineStatistics(dir string) (Layout, error) {
	l := Layout{Title: "National Hotline Statistics Report 2022", Year: 2023}
	p := newPen("A4", "Helvetica")
	p.cover(l.Title, "Signals and cases reported to the hotline", l.Year)
	for t, topic := range []string{"Cases by State", "Victims by Type of Trafficking", "Signals by Method of Contact", "Top Venues and Industries", "Demographics of Likely Victims", "Recruitment Tactics"} {
		p.AddPage()
		p.heading("B", 16, topic)
		p.para(fmt.Sprintf("The table below shows the %s identified through the hotline in 2022, compared with the previous year. Counts under three are not shown to protect the privacy of the people who called.", strings.ToLower(topic)))
		p.SetFont("Helvetica", "B", 10)
		for _, h := range []string{"Category", "2021", "2022", "Share"} {
			p.CellFormat(40, 7, h, "1", 0, "L", false, 0, "")
		}
		p.Ln(-1)
		p.SetFont("Helvetica", "", 10)
		for i, s := range states {
			a, b := 40+(i*97+t*31)%900, 50+(i*89+t*17)%950
			for _, c := range []string{s, fmt.Sprint(a), fmt.Sprint(b), fmt.Sprintf("%.1f%%", float64(b)/60)} {
				p.CellFormat(40, 7, c, "1", 0, "L", false, 0, "")
			}
			p.Ln(-1)
			if i%4 == 3 {
				p.SetFont("Helvetica", "B", 12)
				p.Ln(3)
				p.MultiCell(0, 6, fmt.Sprintf("Total Unique Victims %d %d", 2049+i, 2227+i), "", "L", false)
				p.SetFont("Helvetica", "", 10)
			}
		}
	}
	return l, p.save(dir, "hotline-statistics", &l)
}

// codebook: a bold variable name, then its description and values.
func codebook(dir string) (Layout, error) {
	l := Layout{Title: "Human Trafficking Indicators Data Codebook", Year: 2013}
	p := newPen("A4", "Times")
	p.cover(l.Title, "Variables, sources and coding rules, 2000-2011", l.Year)
	vars := []string{"ccode", "year", "tip_tier", "prosecutions", "convictions", "victims_identified", "shelter_beds", "hotline", "nap_adopted", "labour_law", "visa_regime", "border_checks", "training_police", "ngo_funding", "source_country", "destination_country"}
	for i, v := range vars {
		if i%4 == 0 {
			p.AddPage()
		}
		p.heading("B", 12, fmt.Sprintf("Variable %d: %s", i+1, v))
		p.para(fmt.Sprintf("Description: the value of %s for the country in the given year, as coded from the annual reports. Values: 0 = absent, 1 = partial, 2 = full; missing values are coded -99. Source: national reports and the 2012 survey of ministries.", v))
		p.para(fmt.Sprintf("Coding notes: where two reports disagree, the later one is used. %d country-years are coded; %d are missing.", 1800+i*7, 40+i))
	}
	return l, p.save(dir, "codebook", &l)
}

// guide: questions as headings, short answers and lists of signs.
func guide(dir string) (Layout, error) {
	l := Layout{Title: "Human Trafficking Awareness Guide for Retail Employees", Year: 2021}
	p := newPen("A4", "Helvetica")
	p.cover(l.Title, "What to look for and what to do", l.Year)
	qs := []string{"What is human trafficking?", "Who is at risk?", "Signs to look for at the counter", "Signs of labour trafficking", "What should you do?", "What not to do", "How to call the hotline", "Resources for employees"}
	for i, q := range qs {
		if i%2 == 0 {
			p.AddPage()
		}
		p.heading("B", 15, q)
		p.para("Human trafficking is the use of force, fraud or coercion to make a person work or sell sex. Anyone can be a victim, and victims may not see themselves as victims.")
		for _, s := range []string{"Does the person seem afraid of the person with them?", "Does someone else speak for them or hold their documents?", "Do they buy large amounts of prepaid cards or food for many people?"} {
			p.para("- " + s)
		}
	}
	return l, p.save(dir, "guide", &l)
}

// research: numbered sections of a research report with findings.
func research(dir string) (Layout, error) {
	l := Layout{Title: "Exploring Characteristics of Sex Trafficking Victims in Arizona", Year: 2017}
	p := newPen("Letter", "Times")
	p.cover(l.Title, "A research report of the Office of Sex Trafficking Intervention Research, April 2017", l.Year)
	secs := []string{"Introduction", "Methodology", "Findings on Recruitment", "Findings on Victim Age and Background", "Discussion of the Findings", "Recommendations for Law Enforcement", "Limitations of the Study"}
	for i, s := range secs {
		p.AddPage()
		p.heading("B", 15, fmt.Sprintf("%d. %s", i+1, s))
		for k := 0; k < 3; k++ {
			p.para(fmt.Sprintf("Of the 231 cases in the sample, %d%% involved a victim under 18 and %d%% were recruited by someone they knew. The study reviewed police reports from 2014 to 2016 and interviews with 45 detectives; these figures are compared with national data in Table %d.", 20+i*3+k, 30+i*2, i+1))
		}
	}
	return l, p.save(dir, "research", &l)
}
