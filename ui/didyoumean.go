package ui

import (
	"strings"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"github.com/compendium-kb/compendium/kb"
)

// apiPlaceCheck answers the "did you mean" of a place field as it is
// typed (static/places.js): for a name no gazetteer knows, the nearest
// known names and a sentence offering them in the page's language (the
// cookie and Accept-Language the page was chosen by come with the
// request): GET /api/v1/places/check?name=Jharkhnd&states=1 gives
// {"suggestions": [{"name": "Jharkhand", "label": "Jharkhand"}], "message": "…"};
// a known name, or one near nothing, gives no suggestions.
// states=1 checks a states field, which takes states and union
// territories only. The server checks the same when the form is sent;
// this only says it sooner.
func (h *handlers) apiPlaceCheck(c *fiber.Ctx) error {
	name := strings.TrimSpace(c.Query("name"))
	if utf8.RuneCountInString(name) > maxPlaceQuery {
		return fiber.NewError(fiber.StatusBadRequest, "name: give at most 100 characters")
	}
	lang := messages.pickLang(c, readPrefs(c).Lang)
	states := c.Query("states") == "1"
	near := kb.SuggestPlaces(name, states)
	type suggestion struct {
		Name  string `json:"name"`  // what the field takes
		Label string `json:"label"` // as the page names it
	}
	out := fiber.Map{"suggestions": []suggestion{}}
	if len(near) > 0 {
		s := make([]suggestion, len(near))
		for i, n := range near {
			s[i] = suggestion{Name: n, Label: messages.value(lang, n)}
			if s[i].Label != n {
				s[i].Label += " (" + n + ")"
			}
		}
		out["suggestions"] = s
		id := "place_did_you_mean"
		if states {
			id = "state_did_you_mean"
		}
		out["message"] = messages.text(lang, id, "Name", name)
	}
	c.Set(fiber.HeaderCacheControl, "private, max-age=300") // the answer's language follows the reader
	return c.JSON(out)
}
