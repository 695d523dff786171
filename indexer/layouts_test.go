package indexer

import (
	"bytes"
	"testing"

	"github.com/go-pdf/fpdf"
)

// layout writes a small compendium: each entry is a heading (style, size,
// text) or, with size 0, a paragraph; "page" starts a new page.
func layout(t *testing.T, entries [][3]any) []byte {
	t.Helper()
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetMargins(20, 20, 20)
	pdf.AddPage()
	for _, e := range entries {
		style, size, text := e[0].(string), e[1].(float64), e[2].(string)
		switch {
		case style == "page":
			pdf.AddPage()
		case size == 0:
			pdf.SetFont("Times", "", 11)
			pdf.MultiCell(0, 5.5, text, "", "L", false)
			pdf.Ln(3)
		default:
			pdf.Ln(2)
			pdf.SetFont("Helvetica", style, size)
			pdf.MultiCell(0, size*0.5, text, "", "L", false)
			pdf.Ln(2)
		}
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const para = "The district police worked with the labour department and an NGO to trace the families, record statements and produce the children before the Child Welfare Committee within a day."

func TestLayouts(t *testing.T) {
	tests := []struct {
		name    string
		entries [][3]any
		want    []ExpectedCase
	}{
		{"one case per chapter", [][3]any{
			{"B", 22.0, "Good Practices of Odisha Police"}, {"", 0.0, "A collection for training."},
			{"page", 0.0, ""}, {"B", 16.0, "Chapter 1: Rescue of Migrant Workers from Brick Kilns"}, {"", 0.0, para}, {"", 0.0, para},
			{"page", 0.0, ""}, {"B", 16.0, "Chapter 2: Tracing Missing Girls through a Shared Register"}, {"", 0.0, para},
			{"page", 0.0, ""}, {"B", 16.0, "Chapter 3: Village Committees against Child Marriage"}, {"", 0.0, para},
		}, []ExpectedCase{
			{Title: "Rescue of Migrant Workers from Brick Kilns", PageStart: 2, PageEnd: 2},
			{Title: "Tracing Missing Girls through a Shared Register", PageStart: 3, PageEnd: 3},
			{Title: "Village Committees against Child Marriage", PageStart: 4, PageEnd: 4},
		}},
		{"sections numbered 1., cases 1.1", [][3]any{
			{"B", 22.0, "Compendium of the State AHTU"},
			{"page", 0.0, ""}, {"B", 16.0, "1. Rescue and investigation"},
			{"B", 13.0, "1.1 Joint Raid on Placement Agencies in Ranchi"}, {"B", 11.0, "Background"}, {"", 0.0, para}, {"B", 11.0, "Results"}, {"", 0.0, para},
			{"B", 13.0, "1.2 Financial Investigation of a Spa Network"}, {"B", 11.0, "Background"}, {"", 0.0, para},
			{"page", 0.0, ""}, {"B", 16.0, "2. Victim care"},
			{"B", 13.0, "2.1 Counselling Rooms at the Women Police Station"}, {"B", 11.0, "Background"}, {"", 0.0, para},
		}, []ExpectedCase{
			{Title: "Joint Raid on Placement Agencies in Ranchi", Section: "1. Rescue and investigation", PageStart: 2, PageEnd: 2},
			{Title: "Financial Investigation of a Spa Network", Section: "1. Rescue and investigation", PageStart: 2, PageEnd: 2},
			{Title: "Counselling Rooms at the Women Police Station", Section: "2. Victim care", PageStart: 3, PageEnd: 3},
		}},
		{"capitals at body size, labels with dashes", [][3]any{
			{"", 14.0, "REPORT ON GOOD PRACTICES"},
			{"page", 0.0, ""}, {"", 11.0, "CASE STUDY - 1"}, {"", 11.0, "RESCUE OF CHILDREN FROM ZARI UNITS"}, {"", 0.0, para},
			{"", 0.0, para},
			{"page", 0.0, ""}, {"", 11.0, "CASE STUDY - 2"}, {"", 11.0, "SHELTER AND SKILLS FOR SURVIVORS"}, {"", 0.0, para},
		}, []ExpectedCase{
			{Title: "RESCUE OF CHILDREN FROM ZARI UNITS", PageStart: 2, PageEnd: 2},
			{Title: "SHELTER AND SKILLS FOR SURVIVORS", PageStart: 3, PageEnd: 3},
		}},
		{"plain headings found through the contents", [][3]any{
			{"", 16.0, "Field Notes of the Anti Human Trafficking Units"},
			{"page", 0.0, ""}, {"", 11.0, "Contents"},
			{"", 0.0, "Preface ........ 1"}, {"", 0.0, "Rescue of girls at the railway station in Patna ........ 3"},
			{"", 0.0, "A shared register of missing persons in Dehradun ........ 4"}, {"", 0.0, "Victim compensation through the legal services authority ........ 5"},
			{"", 0.0, "Annexure: laws ........ 6"},
			// Each page's text differs: a paragraph repeated on every page
			// is furniture, and a case left without text is no case.
			{"page", 0.0, ""}, {"", 0.0, "Preface"}, {"", 0.0, "This book collects what the units learnt in a year."},
			{"page", 0.0, ""}, {"", 0.0, "Rescue of girls at the railway station in Patna"}, {"", 0.0, para + " In Patna the girls were met at the station."}, {"", 0.0, para},
			{"page", 0.0, ""}, {"", 0.0, "A shared register of missing persons in Dehradun"}, {"", 0.0, para + " Dehradun keeps one register for every police station."},
			{"page", 0.0, ""}, {"", 0.0, "Victim compensation through the legal services authority"}, {"", 0.0, para + " The legal services authority paid within a month."},
		}, []ExpectedCase{
			{Title: "Rescue of girls at the railway station in Patna", PageStart: 4, PageEnd: 4},
			{Title: "A shared register of missing persons in Dehradun", PageStart: 5, PageEnd: 5},
			{Title: "Victim compensation through the legal services authority", PageStart: 6, PageEnd: 6},
		}},
		{"a large running head on every page is not a section", [][3]any{
			{"B", 22.0, "Casebook of the Railway Police"},
			{"page", 0.0, ""}, {"B", 18.0, "STAKEHOLDER TOOL"}, {"B", 13.0, "Case Study 1: Night patrols at the Howrah railway station"}, {"", 0.0, para}, {"", 0.0, para},
			{"page", 0.0, ""}, {"B", 18.0, "STAKEHOLDER TOOL"}, {"B", 13.0, "Case Study 2: Helpline posters in every bus of the state"}, {"", 0.0, para},
			{"page", 0.0, ""}, {"B", 18.0, "STAKEHOLDER TOOL"}, {"B", 13.0, "Case Study 3: Training hotel staff to spot trafficked girls"}, {"", 0.0, para},
		}, []ExpectedCase{
			{Title: "Night patrols at the Howrah railway station", PageStart: 2, PageEnd: 2},
			{Title: "Helpline posters in every bus of the state", PageStart: 3, PageEnd: 3},
			{Title: "Training hotel staff to spot trafficked girls", PageStart: 4, PageEnd: 4},
		}},
		{"sub-headings that repeat in every case are not cases", [][3]any{
			{"B", 20.0, "Notes from the Districts"},
			{"page", 0.0, ""}, {"B", 12.0, "Night patrols at the Howrah railway station"},
			{"B", 12.0, "What the district police did"}, {"", 0.0, para}, {"B", 12.0, "What others can take from it"}, {"", 0.0, para},
			{"page", 0.0, ""}, {"B", 12.0, "Helpline posters in every bus of the state"},
			{"B", 12.0, "What the district police did"}, {"", 0.0, para}, {"B", 12.0, "What others can take from it"}, {"", 0.0, para},
			{"page", 0.0, ""}, {"B", 12.0, "Training hotel staff to spot trafficked girls"},
			{"B", 12.0, "What the district police did"}, {"", 0.0, para}, {"B", 12.0, "What others can take from it"}, {"", 0.0, para},
		}, []ExpectedCase{
			{Title: "Night patrols at the Howrah railway station", PageStart: 2, PageEnd: 2},
			{Title: "Helpline posters in every bus of the state", PageStart: 3, PageEnd: 3},
			{Title: "Training hotel staff to spot trafficked girls", PageStart: 4, PageEnd: 4},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Extract(tt.name+".pdf", layout(t, tt.entries), DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			if len(doc.Practices) == 0 {
				t.Fatal("no case study found")
			}
			var want []ExpectedCase
			for _, w := range tt.want {
				w.States = doc.Practices[0].States // states are not what this test is about
				want = append(want, w)
			}
			s := ScoreCases(want, doc.Practices)
			if s.F1() < 1 || s.PageAccuracy() < 1 || s.SectionAccuracy() < 1 {
				var got []string
				for _, p := range doc.Practices {
					got = append(got, p.Title+" | "+p.Section)
				}
				t.Errorf("F1 %.2f pages %.2f sections %.2f; got %q", s.F1(), s.PageAccuracy(), s.SectionAccuracy(), got)
			}
		})
	}
}
