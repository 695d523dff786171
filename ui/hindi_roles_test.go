package ui_test

import (
	"html"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
)

// TestHindiRolePages opens the officer's, reviewer's and admin's pages
// with Hindi chosen, as each role, and checks that each shows its main
// labels in Hindi, no message id in place of a missing message, and none
// of the English messages' words.
func TestHindiRolePages(t *testing.T) {
	ra := newReviewApp(t)
	ps := proposed(t, ra)
	for _, p := range ps[:2] {
		if status, body := ra.api(t, "reviewer", "POST", "/api/v1/proposals/"+p.ID+"/decision", map[string]any{"decision": "publish"}); status != 200 {
			t.Fatalf("publish %s: %d %.200s", p.ID, status, body)
		}
	}
	if status, body := ra.api(t, "reviewer", "POST", "/api/v1/practices/"+ps[1].ID+"/withdraw", map[string]string{"reason": "A table of figures, not a practice."}); status != 200 {
		t.Fatalf("withdraw: %d %.200s", status, body)
	}
	sub := ra.submitted(t)
	if status, body := ra.api(t, "reviewer", "POST", "/api/v1/submissions/"+sub+"/decision", map[string]string{"decision": "request_changes", "reason": "Add the FIR numbers."}); status != 200 {
		t.Fatalf("request changes: %d %.200s", status, body)
	}
	// A submission for the reviewer's decision, with a route through a
	// transit point.
	fields := map[string]any{"sources": "Gumla, Jharkhand", "transit": "Patna Junction, Bihar", "destinations": "Delhi"}
	for k, v := range fullSubmission {
		fields[k] = v
	}
	status, body := ra.api(t, "officer", "POST", "/api/v1/submissions", fields)
	var waiting string
	if m := regexp.MustCompile(`"id":"([^"]+)"`).FindStringSubmatch(string(body)); status == 201 && m != nil {
		waiting = m[1]
	} else {
		t.Fatalf("create: %d %.200s", status, body)
	}
	if status, body := ra.api(t, "officer", "POST", "/api/v1/submissions/"+waiting+"/submit", nil); status != 200 {
		t.Fatalf("submit: %d %.200s", status, body)
	}
	hindi := func(email string) *browser {
		b := &browser{t: t, app: ra.app, cookies: map[string]string{}}
		b.login(email)
		if status, _, _ := b.do("GET", "/display?lang=hi&back=/", nil); status != 303 {
			t.Fatalf("choosing Hindi: %d, want 303", status)
		}
		return b
	}
	officer := hindi("officer@police.example")
	_, page, _ := officer.do("GET", "/packs", nil)
	status, _, h := officer.do("POST", "/packs", url.Values{"_csrf": {lastCSRF(page)}, "title": {"Induction"}, "practice": {ps[0].ID}})
	if status != 303 {
		t.Fatalf("creating a pack: %d, want 303", status)
	}
	pack := h.Get("Location")
	reviewer, admin := hindi("reviewer@police.example"), hindi("admin@police.example")
	for _, c := range []struct {
		who    *browser
		role   string
		target string
		want   []string
	}{
		{officer, "officer", "/packs", []string{"प्रशिक्षण पैक", "1 मामला", "नया पैक", "शीर्षक", "परिचय"}},
		{officer, "officer", pack, []string{"प्रिंट योग्य हैंडआउट", "इस मामले पर टिप्पणी", "ऊपर ले जाएँ", "शीर्षक और परिचय"}},
		{officer, "officer", pack + "/handout", []string{"1 मामला", "संदर्भ सूची", "ऐसे उद्धृत करें:"}},
		{officer, "officer", "/notices", []string{"सूचनाएँ", "आपकी प्रस्तुति “Rescue of girls from a placement agency in Ranchi” में बदलाव चाहिए", "कारण: Add the FIR numbers."}},
		{officer, "officer", "/submissions", []string{"मेरी प्रस्तुतियाँ", "उत्तम कार्यप्रणाली दर्ज करें", "बदलाव माँगे गए", "स्थिति"}},
		{officer, "officer", "/submissions/new", []string{"उत्तम कार्यप्रणाली दर्ज करें", "इकाई या थाना", "(आवश्यक)", "उनमें से नाबालिग", "सहायक PDF (वैकल्पिक)", "सहेजें और समीक्षा के लिए भेजें"}},
		{officer, "officer", "/submissions/" + sub, []string{"बदलाव माँगे गए", "समीक्षक का कारण:", "संपादित करें", "समस्या", "क्या किया गया", "इतिहास", "इसे समीक्षा के लिए भेजा", "प्रस्तुत → बदलाव माँगे गए"}},
		{reviewer, "reviewer", "/submissions/" + sub, []string{"प्रस्तुतियाँ", "सीख", "ज़िला", "अधिकारी"}},
		{reviewer, "reviewer", "/submissions/" + waiting, []string{"निर्णय", "स्वीकृत करें और प्रकाशित करें", "बदलाव माँगें", "अस्वीकार करें", "समीक्षा के लिए लें", "होकर", "मार्ग सहेजें", "गंतव्य"}},
		{reviewer, "reviewer", "/inbox", []string{"इम्पोर्ट इनबॉक्स", "प्रतीक्षारत", "दस्तावेज़ का पृष्ठ"}},
		{reviewer, "reviewer", "/inbox?document=casebook", []string{"एक साथ कई पर निर्णय लें", "पृष्ठ क्रम में प्रस्ताव", "प्रकाशित करें", "अगले से मिलाएँ", "विश्वसनीयता", "प्रस्तावित", "पढ़ा गया पाठ", "मार्ग: लोगों को कहाँ से, कहाँ होकर और कहाँ ले जाया गया", "नया मार्ग (जोड़ने के लिए भरें)"}},
		{reviewer, "reviewer", "/inbox?document=casebook&done=split&title=Tracing&page=4", []string{"Tracing: पृष्ठ 4 पर विभाजित किया गया।"}},
		{reviewer, "reviewer", "/inbox?document=casebook&done=bulk_publish&n=100000", []string{"1,00,000 प्रस्ताव प्रकाशित किए गए।"}},
		{reviewer, "reviewer", "/submissions?status=all", []string{"प्रस्तुतियाँ", "समीक्षाधीन", "अद्यतन"}},
		{reviewer, "reviewer", "/admin/documents/casebook", []string{"विवरण", "प्रकाशक", "प्रस्ताव (11)", "इतिहास", "प्रस्ताव प्रकाशित किया", "वापस ली गईं", "प्रस्तावित"}},
		{reviewer, "reviewer", "/admin/practices/" + ps[0].ID, []string{"सुधारें:", "नए संस्करण के रूप में सहेजें", "प्रमाण", "कारगर सिद्ध", "यह कार्यप्रणाली वापस लें"}},
		{reviewer, "reviewer", "/practices/" + ps[1].ID, []string{"वापस ली गई:", "क्यों", "अंतिम संस्करण"}},
		{reviewer, "reviewer", "/stats", []string{"आँकड़े", "राज्य के अनुसार कार्यप्रणालियाँ", "कार्यप्रणालियों और मार्गों का मानचित्र", "दर्ज आँकड़े, राज्य के अनुसार", "मुक्त कराए गए लोग"}},
		{reviewer, "reviewer", "/stats?state=Jharkhand", []string{"राज्य: झारखंड", "झारखंड: 1 कार्यप्रणाली"}},
		{reviewer, "reviewer", "/admin/searches", []string{"लोग क्या खोजते हैं", "कमियाँ: जिन खोजों का उत्तर किसी कार्यप्रणाली में नहीं मिला", "यहाँ जोड़े गए पर्यायवाची"}},
		{reviewer, "reviewer", "/documents", []string{"स्रोत दस्तावेज़", "केस स्टडी"}},
		{admin, "admin", "/admin/users", []string{"खाते", "भूमिका", "समीक्षक", "व्यवस्थापक", "खाता जोड़ें", "साइन इन खोलें"}},
		{admin, "admin", "/admin/import", []string{"संग्रह इम्पोर्ट करें", "इम्पोर्ट इनबॉक्स", "विश्वसनीयता की सीमा", "ज्ञानकोश में"}},
		{admin, "admin", "/admin/documents/casebook", []string{"दस्तावेज़ दोबारा पढ़ें", "OCR की भाषाएँ", "स्थायी रूप से हटाएँ"}},
		{admin, "admin", "/admin/audit", []string{"ऑडिट ट्रेल", "किसने", "क्या बदला", "प्रस्ताव प्रकाशित किया"}},
		{admin, "admin", "/admin/searches", []string{"सेटिंग", "आँकड़े कौन पढ़ सकता है", "सेटिंग सहेजें"}},
	} {
		status, page, _ := c.who.do("GET", c.target, nil)
		if status != 200 && status != 410 { // 410: the withdrawn practice
			t.Errorf("%s %s in Hindi: status %d, want 200", c.role, c.target, status)
			continue
		}
		checkHindiPage(t, c.role+" "+c.target, page, c.want)
	}
	// What the handlers say back, in Hindi too; an address cannot choose
	// the inbox's words.
	if _, page, _ := reviewer.do("GET", "/inbox?done="+url.QueryEscape("Call 99999 99999 to claim your prize"), nil); strings.Contains(visibleText(page), "99999") {
		t.Errorf("the inbox shows words from its address")
	}
	_, page, _ = officer.do("GET", "/submissions/new", nil)
	status, page, _ = officer.do("POST", "/submissions", url.Values{"_csrf": {lastCSRF(page)}, "title": {"Naka"}, "then": {"submit"}})
	if status != 422 {
		t.Errorf("submitting a practice with a short title: %d, want 422", status)
	}
	checkHindiPage(t, "officer submitting an incomplete form", page, []string{"कुछ फ़ील्ड पर ध्यान देना है", "कार्यप्रणाली को कम से कम 10 अक्षरों का शीर्षक दें।", "कम से कम एक राज्य लिखें।"})
	_, page, _ = admin.do("GET", "/admin/users", nil)
	status, page, _ = admin.do("POST", "/admin/users", url.Values{"_csrf": {lastCSRF(page)}, "email": {"si@police.example"}, "name": {"SI Verma"}, "role": {"officer"}, "password": {"short"}})
	if status != 422 {
		t.Errorf("an account with a short password: %d, want 422", status)
	}
	checkHindiPage(t, "admin adding an account with a short password", page, []string{"कम से कम 10 अक्षरों का पासवर्ड रखें।"})
	status, page, _ = admin.do("POST", "/admin/users/admin@police.example", url.Values{"_csrf": {lastCSRF(page)}, "change": {"role"}, "role": {"officer"}})
	if status != 409 {
		t.Errorf("the last admin making themselves an officer: %d, want 409", status)
	}
	checkHindiPage(t, "the last admin demoting themselves", page, []string{"यह अंतिम सक्रिय व्यवस्थापक है; पहले किसी और को व्यवस्थापक बनाएँ।"})
}

// checkHindiPage fails for each of want the page lacks, for a message id
// shown in place of its text, and for an English message's words.
func checkHindiPage(t *testing.T, where, page string, want []string) {
	t.Helper()
	if !strings.Contains(page, `<html lang="hi"`) {
		t.Errorf("%s: <html lang> is not hi", where)
	}
	text := visibleText(page)
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s: the page lacks %q", where, w)
		}
	}
	en, hi := catalogueTexts(t, "en"), catalogueTexts(t, "hi")
	for id, msg := range en {
		if strings.Contains(id, "_") && regexp.MustCompile(`(^|[^\w:])`+id+`($|[^\w])`).MatchString(text) {
			t.Errorf("%s: shows the message id %q instead of its text", where, id)
		}
		for _, words := range englishWords(msg) {
			if !strings.Contains(hi[id], words) && strings.Contains(text, words) {
				t.Errorf("%s: shows the English %q (message %s)", where, words, id)
			}
		}
	}
}

var (
	scriptRE   = regexp.MustCompile(`(?s)<(script|style|textarea)\b.*?</(script|style|textarea)>|<p class="pre">.*?</p>`)
	labelAttRE = regexp.MustCompile(`\b(aria-label|placeholder|title|alt)="([^"]*)"`)
	tagRE      = regexp.MustCompile(`(?s)<[^>]*>`)
	fieldRE    = regexp.MustCompile(`\{\{[^}]*\}\}`)
)

// visibleText is what a reader sees or hears of a page: its text and
// the labels in its attributes, without what a form holds to be edited
// or a stored text shown as written (class "pre").
func visibleText(page string) string {
	page = scriptRE.ReplaceAllString(page, " ")
	var labels []string
	for _, m := range labelAttRE.FindAllStringSubmatch(page, -1) {
		labels = append(labels, m[2])
	}
	return html.UnescapeString(tagRE.ReplaceAllString(page, " ") + " " + strings.Join(labels, " "))
}

// englishWords are the stretches of a message, between its fields, long
// enough (two words or more) not to occur by chance in a Hindi page.
func englishWords(msg string) []string {
	var out []string
	for _, part := range fieldRE.Split(msg, -1) {
		part = strings.Trim(part, " .,:;()“”")
		if strings.Count(part, " ") >= 1 && len(part) >= 10 {
			out = append(out, part)
		}
	}
	return out
}

// catalogueTexts is a message file's messages, id to text (the "other"
// form of a plural).
func catalogueTexts(t *testing.T, lang string) map[string]string {
	t.Helper()
	data, err := os.ReadFile("locales/" + lang + ".toml")
	if err != nil {
		t.Fatal(err)
	}
	mf, err := i18n.ParseMessageFileBytes(data, lang+".toml", map[string]i18n.UnmarshalFunc{"toml": toml.Unmarshal})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, m := range mf.Messages {
		out[m.ID] = m.Other
	}
	return out
}
