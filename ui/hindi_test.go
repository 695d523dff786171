package ui_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/compendium-kb/compendium/samples"
)

// newHindiApp is an app over the Hindi sample practices.
func newHindiApp(t *testing.T) *fiber.App {
	t.Helper()
	ra := newReviewApp(t) // with accounts: the sign-in page is there
	app, svc := ra.app, ra.svc
	doc, ps, err := samples.Hindi()
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.SavePractices(context.Background(), doc, nil, ps); err != nil {
		t.Fatal(err)
	}
	return app
}

// TestHindiInterface checks that Accept-Language and the language
// control choose the page's language, that <html lang> follows, and that
// a Hindi search shows Hindi labels, counts and field values.
func TestHindiInterface(t *testing.T) {
	app := newHindiApp(t)
	page := func(target string, header map[string]string) (*http.Response, string) {
		req := httptest.NewRequest(http.MethodGet, target, nil)
		for k, v := range header {
			req.Header.Set(k, v)
		}
		resp, err := app.Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		buf.ReadFrom(resp.Body)
		return resp, buf.String()
	}
	q := "/?q=" + url.QueryEscape("थाना")
	_, en := page(q, nil)
	if !strings.Contains(en, `<html lang="en"`) || !strings.Contains(en, "Text size") {
		t.Errorf("without a choice the page is not in English")
	}
	_, hi := page(q, map[string]string{"Accept-Language": "hi-IN,hi;q=0.9,en;q=0.8"})
	for _, want := range []string{`<html lang="hi"`, "अक्षर का आकार", "“थाना” से मेल खाती कार्यप्रणालियाँ", "थानों के पुलिसकर्मियों", "राज्य", "उत्तर प्रदेश"} {
		if !strings.Contains(hi, want) {
			t.Errorf("Accept-Language hi: the page lacks %q", want)
		}
	}
	// The control sets a cookie that wins over Accept-Language.
	resp, _ := page("/display?lang=hi&back=/", nil)
	var cookie string
	for _, c := range resp.Cookies() {
		if c.Name == "compendium_display" {
			cookie = c.Name + "=" + c.Value
		}
	}
	if resp.StatusCode != http.StatusSeeOther || cookie == "" {
		t.Fatalf("/display?lang=hi: status %d, cookie %q; want a redirect that sets the display cookie", resp.StatusCode, cookie)
	}
	_, chosen := page("/?q=bihar", map[string]string{"Cookie": cookie, "Accept-Language": "en"})
	if !strings.Contains(chosen, `<html lang="hi"`) || !strings.Contains(chosen, "बिहार") {
		t.Errorf("with the Hindi cookie and Accept-Language en: want a Hindi page with बिहार")
	}
	_, practice := page("/practices/hi-3/rajasthan-int-bhatta-bandhua", map[string]string{"Cookie": cookie})
	for _, want := range []string{"<dt>राज्य</dt><dd>राजस्थान, उत्तर प्रदेश, छत्तीसगढ़</dd>", "बलात् और बंधुआ श्रम", "इस कार्यप्रणाली का हवाला दें"} {
		if !strings.Contains(practice, want) {
			t.Errorf("the practice page in Hindi lacks %q", want)
		}
	}
	_, login := page("/login", map[string]string{"Cookie": cookie})
	if !strings.Contains(login, `<label for="password">पासवर्ड</label>`) {
		t.Errorf("the sign-in page in Hindi lacks its password label: %.300s", login)
	}
	_, missing := page("/nowhere", map[string]string{"Cookie": cookie})
	if !strings.Contains(missing, "पृष्ठ नहीं मिला") {
		t.Errorf("the error page in Hindi lacks its heading पृष्ठ नहीं मिला")
	}
}
