package layouts

import "strings"

// PracticeText is one distinct practice of the layout corpus as a
// knowledge base holds it once read: what relevance tests put straight
// into a knowledge base, since laying the corpus out needs groff,
// LibreOffice and Chromium.
type PracticeText struct {
	Title    string
	Lang     string // "en", "hi" or "bn"
	State    string // as the gazetteer names it, in English
	District string
	Years    []int
	Text     string   // problem, action, results and lessons, a paragraph each
	Figures  []string // the English texts' figures as printed, "rescued:40"
}

// Practices returns every distinct practice of the layout corpus, one per
// title, in every language it is written in. An English topic appears in
// several layouts with texts drawn from different lures, teams and
// lessons; the one kept is the text a layout starting at the first topic
// prints (the fpdf compendium's first six are these), so each topic's
// text is fixed and differs from its neighbours'.
func Practices() []PracticeText {
	var out []PracticeText
	for _, p := range practices(0, len(topics)) {
		out = append(out, PracticeText{
			Title: p.Title, Lang: "en", State: p.State, District: p.District, Years: p.years(), Figures: p.Figures,
			Text: strings.Join([]string{p.Problem, p.Action, p.Results, p.Lessons}, "\n\n"),
		})
	}
	for _, set := range []struct {
		lang string
		ps   []hindiPractice
	}{{"hi", hindiPractices}, {"bn", bengaliPractices}} {
		for _, p := range set.ps {
			place := places[p.Place]
			out = append(out, PracticeText{
				Title: p.Title, Lang: set.lang, State: place[0], District: place[1], Years: p.Years,
				Text: strings.Join([]string{p.Place + ", " + p.Period, p.Problem, p.Action, p.Results, p.Lessons}, "\n\n"),
			})
		}
	}
	return out
}

// places names the Hindi and Bengali practices' places in English: the
// state for the filter, the district as the gazetteer spells it.
var places = map[string][2]string{
	"पटना ज़िला, बिहार":          {"Bihar", "Patna"},
	"किशनगंज, बिहार":             {"Bihar", "Kishanganj"},
	"रंगारेड्डी ज़िला, तेलंगाना": {"Telangana", "Ranga Reddy"},
	"इंदौर, मध्य प्रदेश":         {"Madhya Pradesh", "Indore"},
	"উত্তর ২৪ পরগনা, পশ্চিমবঙ্গ": {"West Bengal", "North 24 Parganas"},
	"মুর্শিদাবাদ, পশ্চিমবঙ্গ":    {"West Bengal", "Murshidabad"},
}
