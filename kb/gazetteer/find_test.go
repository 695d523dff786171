package gazetteer

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// found is one name Find reported: the text at its offsets, and the
// first place's name and state.
type found struct{ Text, Place, State string }

func findAll(text string) []found {
	var out []found
	Find(text, func(start, end int, ps []Place) {
		out = append(out, found{text[start:end], ps[0].Name, ps[0].State})
	})
	return out
}

func TestFindNamesWithTheirOffsets(t *testing.T) {
	cases := []struct {
		name, text string
		want       []found
	}{
		{"English route", "Girls from Gumla and Simdega in Jharkhand were taken by train via Howrah to Bhiwandi, Maharashtra.",
			[]found{{"Gumla", "Gumla", "Jharkhand"}, {"Simdega", "Simdega", "Jharkhand"}, {"Jharkhand", "Jharkhand", "Jharkhand"},
				{"Howrah", "Howrah", "West Bengal"}, {"Bhiwandi", "Bhiwandi", "Maharashtra"}, {"Maharashtra", "Maharashtra", "Maharashtra"}}},
		{"Hindi route", "गुमला जिले की लड़कियों को दिल्ली ले जाया गया, कुछ को नेपाल से झारखण्ड लाया गया।",
			[]found{{"गुमला", "Gumla", "Jharkhand"}, {"दिल्ली", "Delhi", "Delhi"}, {"नेपाल", "Nepal", ""}, {"झारखण्ड", "Jharkhand", "Jharkhand"}}},
		{"longest name first", "rescued in West Champaran and North 24 Parganas",
			[]found{{"West Champaran", "West Champaran", "Bihar"}, {"North 24 Parganas", "North 24 Parganas", "West Bengal"}}},
		{"across a line break and a hyphen", "from Tamil\nNadu and Saraikela-Kharsawan",
			[]found{{"Tamil\nNadu", "Tamil Nadu", "Tamil Nadu"}, {"Saraikela-Kharsawan", "Seraikela Kharsawan", "Jharkhand"}}},
		{"old names", "Calcutta, Bombay and Orissa", []found{{"Calcutta", "Kolkata", "West Bengal"}, {"Bombay", "Mumbai", "Maharashtra"}, {"Orissa", "Odisha", "Odisha"}}},
		{"acronym only in capitals", "the UP police set up a unit", []found{{"UP", "Uttar Pradesh", "Uttar Pradesh"}}},
		{"no place inside a word", "Goan fish curry and Nepalese tea", nil},
		{"common name with context", "Gaya district; trafficked to Salem; Una, Himachal Pradesh; मंडी जिले",
			[]found{{"Gaya", "Gaya", "Bihar"}, {"Salem", "Salem", "Tamil Nadu"}, {"Una", "Una", "Himachal Pradesh"},
				{"Himachal Pradesh", "Himachal Pradesh", "Himachal Pradesh"}, {"मंडी", "Mandi", "Himachal Pradesh"}}},
		{"common name without context", "Salem witch trials; una persona; the mandi price; anand was late", nil},
		{"a Hindi word that is also a place's Hindi name", "वह कोटा लेकर गया और लौट आया", nil},
		{"the same names with context, and in English", "गया जिले से Kota police",
			[]found{{"गया", "Gaya", "Bihar"}, {"Kota", "Kota", "Rajasthan"}}},
		{"a place word with a nukta, composed or not", "गया ज़िले, गया \u091c\u093c\u093f\u0932\u0947, गया \u095b\u093f\u0932\u093e",
			[]found{{"गया", "Gaya", "Bihar"}, {"गया", "Gaya", "Bihar"}, {"गया", "Gaya", "Bihar"}}},
		{"a small word after a place word", "taken from the district to Salem", []found{{"Salem", "Salem", "Tamil Nadu"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if diff := cmp.Diff(c.want, findAll(c.text)); diff != "" {
				t.Errorf("Find(%q) (-want +got):\n%s", c.text, diff)
			}
		})
	}
}

func TestFindReportsByteOffsets(t *testing.T) {
	text := "लड़कियाँ झारखंड से, girls from Pakur."
	var got []string
	Find(text, func(start, end int, ps []Place) {
		got = append(got, fmt.Sprintf("%d-%d %s", start, end, ps[0].Name))
	})
	i, j := strings.Index(text, "झारखंड"), strings.Index(text, "Pakur")
	want := []string{fmt.Sprintf("%d-%d Jharkhand", i, i+len("झारखंड")), fmt.Sprintf("%d-%d Pakur", j, j+len("Pakur"))}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("offsets (-want +got):\n%s", diff)
	}
}

// plainEnglish names no place: prose of the kind a compendium's case
// studies are written in, with the words that are also names of small
// towns (along, begun, mango, parole, salon, tank, chamber, march).
const plainEnglish = `The unit began its work in March with a survey of the villages along the
river. Officers had begun to notice that children went missing after the harvest, when families
were short of money and agents came offering work. A mango seller near the bus stand was the first
to report a stranger who paid parents in advance. The team kept a register of every child who left,
and the register became the evidence that later secured a conviction.

Training was given to constables, teachers and members of the village council. Each session
explained the law, the signs of bonded labour and the helpline number. The women of the self-help
group ran a salon and a tailoring unit, so that girls who returned home had a trade and an income.
Those on parole were visited by a probation officer every fortnight, and none went back to crime.

A water tank and a community chamber were built with the help of the district administration.
Meetings were held every month; minutes were kept and sent to the nodal officer. The results were
measured against the baseline: fewer children left, more were enrolled in school, and the number of
complaints fell by half. The lessons are simple: register movement, train those who see it first,
and keep the families in touch with the police station.`

// plainHindi names no place either, with Hindi words that are also the
// Hindi names of districts: गया ("went", Gaya), बस्ती (a settlement,
// Basti), सीधी ("straight", Sidhi), कोटा (a quota, Kota).
const plainHindi = `पुलिस ने गांव में जागरूकता अभियान चलाया और बच्चों के माता-पिता से बात की। टीम ने हर उस
बच्चे का नाम लिखा जो काम के लिए बाहर गया था, और यह सूची बाद में अदालत में सबूत बनी। प्रशिक्षण में
सिपाहियों, शिक्षकों और पंचायत के सदस्यों को कानून, बंधुआ मजदूरी के लक्षण और हेल्पलाइन नंबर के बारे में
बताया गया। स्वयं सहायता समूह की महिलाओं ने सिलाई केंद्र चलाया ताकि लौटने वाली लड़कियों को रोजगार मिल
सके। मानव तस्करी विरोधी इकाई ने रेलवे स्टेशन पर निगरानी रखी, दलालों को पकड़ा और पीड़ितों को बाल
कल्याण समिति के सामने पेश किया। बस्ती के लोगों ने सहयोग किया, सीधी बात की और कोटा तय हुआ।`

func TestFindFindsNoPlaceInPlainText(t *testing.T) {
	for name, text := range map[string]string{"English": plainEnglish, "Hindi": plainHindi} {
		if got := findAll(text); len(got) != 0 {
			t.Errorf("Find found %d places in plain %s, want none: %v", len(got), name, got)
		}
	}
}
