package ui

import (
	"strings"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"github.com/compendium-kb/compendium/kb/gazetteer"
)

// Bounds of the places API.
const (
	maxPlaces       = 20  // places in one answer
	maxPlaceQuery   = 100 // characters of what was typed
	placesCacheTime = "public, max-age=300"
)

type apiPlace struct {
	Name    string `json:"name"`
	Kind    string `json:"kind"`
	State   string `json:"state"`
	Country string `json:"country"`
	Hindi   string `json:"hindi"`
}

// apiPlaces completes a place name as it is typed, in English or Hindi,
// by its current or an old name (?q=Bomb finds Mumbai): states first,
// then districts and towns; when nothing starts so, the nearest names
// (?q=Jharkhnd finds Jharkhand). The gazetteer changes only with a
// release, so browsers and proxies may keep an answer for five minutes.
func (h *handlers) apiPlaces(c *fiber.Ctx) error {
	q := strings.TrimSpace(c.Query("q"))
	if utf8.RuneCountInString(q) > maxPlaceQuery {
		return fiber.NewError(fiber.StatusBadRequest, "q: give at most 100 characters")
	}
	found := gazetteer.Prefix(q, maxPlaces)
	if len(found) == 0 {
		found = gazetteer.Near(q, maxPlaces)
	}
	out := make([]apiPlace, len(found))
	for i, p := range found {
		out[i] = apiPlace{Name: p.Name, Kind: string(p.Kind), State: p.State, Country: p.Country, Hindi: p.Hindi}
	}
	c.Set(fiber.HeaderCacheControl, placesCacheTime)
	return c.JSON(fiber.Map{"places": out})
}
