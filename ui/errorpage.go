package ui

import (
	"net/http"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"github.com/compendium-kb/compendium/ui/redirect"
)

// plainMessage is an error's own sentence, without the sentinel that
// classified it: "conflict: this submission is approved (published), so
// it cannot be approved now" reads "This submission is approved
// (published), so it cannot be approved now." kb writes these sentences
// for people; driver errors never reach here (5xx say nothing of them).
func plainMessage(err, sentinel error) string {
	msg := err.Error()
	if i := strings.Index(msg, sentinel.Error()+": "); i >= 0 {
		msg = msg[i+len(sentinel.Error())+2:]
	}
	msg = strings.TrimSpace(msg)
	if msg == "" || msg == sentinel.Error() {
		return ""
	}
	r, n := utf8.DecodeRuneInString(msg)
	msg = string(unicode.ToUpper(r)) + msg[n:]
	if !strings.HasSuffix(msg, ".") && !strings.HasSuffix(msg, "?") {
		msg += "."
	}
	return msg
}

// errorHeadings say what happened in plain words, instead of the status
// line's reason phrase.
var errorHeadings = map[int]string{
	http.StatusBadRequest:            "This address or form could not be read",
	http.StatusUnauthorized:          "Please sign in",
	http.StatusForbidden:             "You cannot do this",
	http.StatusNotFound:              "Page not found",
	http.StatusMethodNotAllowed:      "This address cannot be used that way",
	http.StatusConflict:              "Someone acted first, or this cannot be done now",
	http.StatusGone:                  "This is no longer here",
	http.StatusRequestEntityTooLarge: "The file or form is too large",
	http.StatusUnprocessableEntity:   "Some of what you sent needs attention",
	http.StatusTooManyRequests:       "Too many tries",
}

// plainStatus says what to do about an error that came with no sentence
// of its own.
func plainStatus(status int) string {
	switch status {
	case http.StatusNotFound:
		return "There is nothing at this address. It may have been mistyped, or the page may have moved: search for what you need."
	case http.StatusMethodNotAllowed:
		return "This address is for another kind of request. Go back and use the page's own links and buttons."
	case http.StatusRequestEntityTooLarge:
		return "What you sent is larger than this server accepts. Send a smaller file, or split it."
	case http.StatusTooManyRequests:
		return "Wait a minute, then try again."
	case http.StatusUnauthorized:
		return "Sign in to go on."
	}
	if status >= 500 {
		return "Something went wrong on our side. Please try again."
	}
	return "This could not be done. Go back and try again."
}

func errorHeading(status int) string {
	if h, ok := errorHeadings[status]; ok {
		return h
	}
	if status >= 500 {
		return "Something went wrong on our side"
	}
	return "This could not be done"
}

// backLink is where an error page leads back to: the page of this site
// the person came from, or the search page. Only a Referer on this host
// counts, and its path and query pass redirect.Safe, the check every
// redirect of the app uses.
func backLink(c *fiber.Ctx) string {
	ref, err := url.Parse(c.Get(fiber.HeaderReferer))
	if err != nil || ref.Host != c.Hostname() || ref.Path == c.Path() {
		return "/"
	}
	return redirect.Safe(ref.RequestURI(), "/")
}
