package layouts

import (
	"fmt"
	"strings"
)

// Compendia typeset with groff: ms with unnumbered section headings and
// kerned pairs in the text ("Two", "AVAILABLE"), and ms with numbered
// headings in two levels.

func init() {
	register("groff-ms-kerned", "gropdf", groffKerned)
	register("groff-ms-numbered", "gropdf", groffNumbered)
}

func groffKerned(dir string) (Layout, error) {
	l := Layout{Compendium: true, Title: "Casebook on Transit Interventions: Railways, Roads and Borders", Year: 2018}
	var ms strings.Builder
	ms.WriteString(".nr PS 10\n.nr VS 12\n.nr HY 0\n.ds CH\n.ds CF \\- % \\-\n.ds LH TRANSIT CASEBOOK\n")
	ms.WriteString(".TL\n\\s+6Casebook on Transit Interventions:\nRailways, Roads and Borders\\s0\n.AU\nState Crime Records Bureau, 2018\n.AB no\n")
	ms.WriteString("Two hundred officers at railway junctions, bus stands and border posts took part in the practices collected here.\n.AE\n.bp\n")
	for _, pr := range practices(9, 5) {
		ms.WriteString(".SH\n\\s+4" + pr.Title + "\\s0\n")
		ms.WriteString(".LP\n\\fI" + pr.District + " district, " + pr.State + ", " + pr.period() + ".\\fP\n")
		for _, part := range [][2]string{{"The problem", pr.Problem}, {"What was done", "Two teams, AVAILABLE at all hours, watched the trains. " + pr.Action}, {"Outcome", pr.Results}, {"What others can learn", pr.Lessons}} {
			ms.WriteString(".LP\n\\fI" + part[0] + "\\fP\n.PP\n" + part[1] + "\n")
		}
		l.Cases = append(l.Cases, Case{Title: pr.Title, Years: pr.years()})
	}
	var err error
	if l.File, err = groffPDF(dir, "groff-kerned", "-ms", ms.String()); err != nil {
		return l, err
	}
	return l, locate(l.File, l.Cases, 1)
}

func groffNumbered(dir string) (Layout, error) {
	l := Layout{Compendium: true, Title: "Compendium of Practices of the Railway Police", Year: 2014}
	var ms strings.Builder
	ms.WriteString(".nr PS 10\n.nr VS 12\n.nr HY 0\n.TL\nCompendium of Practices of the Railway Police\n.AU\nGovernment Railway Police, 2014\n.bp\n")
	sections := []string{"Rescue at stations", "Investigation and trial"}
	for i, pr := range practices(30, 4) {
		s := i / 2
		if i%2 == 0 {
			ms.WriteString(".NH 1\n" + sections[s] + "\n")
		}
		ms.WriteString(".NH 2\n" + pr.Title + "\n")
		ms.WriteString(".LP\n\\fI" + pr.District + " district, " + pr.period() + ".\\fP\n")
		for _, part := range [][2]string{{"Background", pr.Problem}, {"Action", pr.Action}, {"Results", pr.Results}, {"Lessons", pr.Lessons}} {
			ms.WriteString(".LP\n\\fB" + part[0] + "\\fP\n.PP\n" + part[1] + "\n")
		}
		l.Cases = append(l.Cases, Case{Title: pr.Title, Section: fmt.Sprintf("%d. %s", s+1, sections[s]), Years: pr.years()})
	}
	var err error
	if l.File, err = groffPDF(dir, "groff-numbered", "-ms", ms.String()); err != nil {
		return l, err
	}
	return l, locate(l.File, l.Cases, 0)
}
