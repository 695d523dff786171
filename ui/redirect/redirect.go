// Package redirect decides where a redirect may go: only to a path on
// this site.
package redirect

import (
	"net/url"
	"strings"
	"unicode"
)

// Safe returns a Location on this site built from target, or
// fallback when target could lead anywhere else. Browsers drop tabs and
// line breaks inside a URL and read a backslash as a slash, so
// "/\t/evil.example" and "/\evil.example" both mean "//evil.example", a
// different site; a CR or LF would end the header and start another. So
// the target must be one "/" and then neither "/" nor "\", with no
// control character or white space in it, also after decoding; and the
// Location is written from the parsed URL, never copied from the input.
func Safe(target, fallback string) string {
	if !safePath(target) {
		return fallback
	}
	u, err := url.Parse(target)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return fallback
	}
	loc := (&url.URL{Path: u.Path, RawPath: u.RawPath, RawQuery: u.RawQuery}).String()
	if !safePath(loc) {
		return fallback
	}
	return loc
}

// safePath checks the rules on s and on each decoding of it, up to a few
// levels: an attacker can encode twice, and something on the way (a
// proxy, a browser) may decode once more.
func safePath(s string) bool {
	if hasControlOrSpace(s) { // the raw form goes into the header as it is
		return false
	}
	for range 3 {
		if !onePathStart(s) || hasControlOrSpace(pathPart(s)) || hasControl(s) {
			return false
		}
		d, err := url.PathUnescape(s)
		if err != nil {
			return false
		}
		if d == s {
			return true
		}
		s = d
	}
	return false // encoded more deeply than any link of ours
}

func onePathStart(s string) bool {
	return len(s) >= 1 && s[0] == '/' && (len(s) == 1 || (s[1] != '/' && s[1] != '\\'))
}

// pathPart is s up to its query: a search's words may hold spaces once
// decoded, and they stay encoded in the Location.
func pathPart(s string) string {
	if i := strings.IndexByte(s, '?'); i >= 0 {
		return s[:i]
	}
	return s
}

func hasControlOrSpace(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool {
		return unicode.IsControl(r) || unicode.IsSpace(r) || r == '\\' || r == unicode.ReplacementChar
	})
}

func hasControl(s string) bool {
	return strings.ContainsFunc(s, unicode.IsControl)
}
