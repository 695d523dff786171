package ui

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// The app installs on a phone and works offline: a web app manifest,
// icons, and a service worker (pwa/sw.js) served from the root so that
// its scope is the whole site. The worker's asset list and version come
// from the hashed static files, so a new release replaces the old cache.

//go:embed pwa/sw.js
var serviceWorkerSource string

// pwa is what the install needs, made once at start.
type pwa struct {
	worker   []byte
	manifest []byte
	icons    map[string][]byte // "192" -> PNG
}

func newPWA(st *static) (*pwa, error) {
	var assets []string
	for _, hashed := range st.byName {
		assets = append(assets, "/static/"+hashed)
	}
	slices.Sort(assets)
	list, err := json.Marshal(assets)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256([]byte(serviceWorkerSource + string(list)))
	worker := strings.Replace(serviceWorkerSource, "__ASSETS__", string(list), 1)
	worker = strings.Replace(worker, "__VERSION__", hex.EncodeToString(sum[:6]), 1)
	p := &pwa{worker: []byte(worker), icons: map[string][]byte{}}
	var icons []map[string]string
	for _, size := range []int{192, 512} {
		img, err := icon(size)
		if err != nil {
			return nil, err
		}
		n := strconv.Itoa(size)
		p.icons[n] = img
		icons = append(icons, map[string]string{"src": "/icons/" + n + ".png", "sizes": n + "x" + n, "type": "image/png", "purpose": "any maskable"})
	}
	p.manifest, err = json.Marshal(map[string]any{
		"name": "Compendium: police good practices against human trafficking", "short_name": "Compendium",
		"start_url": "/", "scope": "/", "display": "standalone", "background_color": "#ffffff", "theme_color": "#1d3557", "icons": icons,
	})
	return p, err
}

// icon draws the app's icon: a white page on the brand's blue, inside
// the safe zone of a maskable icon (the middle 80%).
func icon(size int) ([]byte, error) {
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	blue, white := color.RGBA{0x1d, 0x35, 0x57, 0xff}, color.RGBA{0xff, 0xff, 0xff, 0xff}
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			img.Set(x, y, blue)
			inPage := x > size*35/100 && x < size*65/100 && y > size*30/100 && y < size*70/100
			line := inPage && x > size*40/100 && x < size*60/100 && (y*20/size)%2 == 1 && y > size*35/100 && y < size*65/100
			if inPage && !line {
				img.Set(x, y, white)
			}
		}
	}
	var b bytes.Buffer
	err := png.Encode(&b, img)
	return b.Bytes(), err
}

func (h *handlers) pwaRoutes(app *fiber.App) {
	app.Get("/sw.js", func(c *fiber.Ctx) error {
		// The browser checks for a new worker at each visit; no-cache
		// makes it ask the server rather than its HTTP cache.
		c.Set(fiber.HeaderCacheControl, "no-cache")
		c.Set(fiber.HeaderContentType, "text/javascript; charset=utf-8")
		return c.Send(h.pwa.worker)
	})
	app.Get("/manifest.webmanifest", func(c *fiber.Ctx) error {
		c.Set(fiber.HeaderCacheControl, "public, max-age=86400")
		c.Set(fiber.HeaderContentType, "application/manifest+json")
		return c.Send(h.pwa.manifest)
	})
	app.Get("/icons/:size.png", func(c *fiber.Ctx) error {
		img, ok := h.pwa.icons[c.Params("size")]
		if !ok {
			return fiber.ErrNotFound
		}
		c.Set(fiber.HeaderCacheControl, "public, max-age=86400")
		c.Set(fiber.HeaderContentType, "image/png")
		return c.Send(img)
	})
}
