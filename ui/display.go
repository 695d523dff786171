package ui

import (
	"net/url"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/compendium-kb/compendium/ui/redirect"
)

// prefs are a reader's display choices: text size and contrast, kept in a
// cookie for a year. They work without JavaScript: the controls are links.
type prefs struct {
	Size     string // "small", "" (normal) or "large"
	Contrast string // "" or "high"
}

const prefsCookie = "compendium_display"

func readPrefs(c *fiber.Ctx) prefs {
	v, _ := url.ParseQuery(c.Cookies(prefsCookie))
	p := prefs{Size: v.Get("size"), Contrast: v.Get("contrast")}
	if p.Size != "small" && p.Size != "large" {
		p.Size = ""
	}
	if p.Contrast != "high" {
		p.Contrast = ""
	}
	return p
}

// Class is the class of the html element for these choices.
func (p prefs) Class() string {
	class := ""
	if p.Size != "" {
		class += "text-" + p.Size
	}
	if p.Contrast != "" {
		if class != "" {
			class += " "
		}
		class += "contrast-" + p.Contrast
	}
	return class
}

// setDisplay changes one choice and goes back to the page it came from.
func (h *handlers) setDisplay(c *fiber.Ctx) error {
	p := readPrefs(c)
	if s := c.Query("size"); s != "" {
		p.Size = map[string]string{"small": "small", "normal": "", "large": "large"}[s]
	}
	if s := c.Query("contrast"); s != "" {
		p.Contrast = map[string]string{"high": "high", "normal": ""}[s]
	}
	v := url.Values{}
	if p.Size != "" {
		v.Set("size", p.Size)
	}
	if p.Contrast != "" {
		v.Set("contrast", p.Contrast)
	}
	c.Cookie(&fiber.Cookie{Name: prefsCookie, Value: v.Encode(), Path: "/", Expires: time.Now().AddDate(1, 0, 0),
		HTTPOnly: true, SameSite: fiber.CookieSameSiteLaxMode, Secure: secure(c)})
	return c.Redirect(redirect.Safe(c.Query("back"), "/"), fiber.StatusSeeOther)
}
