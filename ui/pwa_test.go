package ui_test

import (
	"bytes"
	"encoding/json"
	"image/png"
	"regexp"
	"testing"
)

// pageAssets finds a page's static files.
var pageAssets = regexp.MustCompile(`(?:href|src)="(/static/[^"]+)"`)

// What Chromium's install criteria read: a manifest with a name, a start
// address, standalone display and icons of 192 and 512 pixels that are
// PNGs of that size; a service worker at the root whose asset list names
// the pages' hashed static files.
func TestInstallable(t *testing.T) {
	ra := newReviewApp(t)
	status, body := ra.api(t, "", "GET", "/manifest.webmanifest", nil)
	var m struct {
		Name, ShortName, StartURL, Display string
		Icons                              []struct{ Src, Sizes, Type string }
	}
	if err := json.Unmarshal(bytes.ReplaceAll(bytes.ReplaceAll(body, []byte(`"short_name"`), []byte(`"ShortName"`)), []byte(`"start_url"`), []byte(`"StartURL"`)), &m); status != 200 || err != nil {
		t.Fatalf("manifest: %d %v %s", status, err, body)
	}
	if m.Name == "" || m.ShortName == "" || m.StartURL != "/" || m.Display != "standalone" || len(m.Icons) != 2 {
		t.Errorf("manifest: %+v", m)
	}
	for _, ic := range m.Icons {
		status, data := ra.api(t, "", "GET", ic.Src, nil)
		img, err := png.Decode(bytes.NewReader(data))
		if status != 200 || err != nil || ic.Sizes != itoa(img.Bounds().Dx())+"x"+itoa(img.Bounds().Dy()) {
			t.Errorf("icon %s (%s): %d %v", ic.Src, ic.Sizes, status, err)
		}
	}
	status, sw := ra.api(t, "", "GET", "/sw.js", nil)
	if status != 200 || bytes.Contains(sw, []byte("__ASSETS__")) || bytes.Contains(sw, []byte("__VERSION__")) {
		t.Fatalf("service worker: %d, placeholders left: %v", status, bytes.Contains(sw, []byte("__")))
	}
	_, page := ra.api(t, "", "GET", "/", nil)
	for _, m := range pageAssets.FindAllStringSubmatch(string(page), -1) {
		if !bytes.Contains(sw, []byte(`"`+m[1]+`"`)) {
			t.Errorf("the service worker does not keep %s", m[1])
		}
	}
	if !bytes.Contains(page, []byte(`<link rel="manifest" href="/manifest.webmanifest">`)) || !bytes.Contains(page, []byte("/static/offline.")) {
		t.Error("pages link neither the manifest nor the script that registers the worker")
	}
}
