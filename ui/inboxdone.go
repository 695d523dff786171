package ui

import (
	"net/url"
	"strconv"

	"github.com/gofiber/fiber/v2"
)

// After an action the inbox says in a line what was done. The redirect
// carries what happened as a code and its values (done=split&title=…&page=4),
// not the sentence: the page says it in the reader's language, and an
// address cannot make the page show words of someone else's choosing.

// doneLink is the inbox's address for a document ("" for the list of
// documents) reporting what was done; fragment, if any, is the proposal
// to scroll to.
func doneLink(docID, code string, vals url.Values, fragment string) string {
	if vals == nil {
		vals = url.Values{}
	}
	if docID != "" {
		vals.Set("document", docID)
	}
	vals.Set("done", code)
	link := "/inbox?" + vals.Encode()
	if fragment != "" {
		link += "#" + fragment
	}
	return link
}

// doneMessage is the line for the request's done code in lang: message
// inbox_done_CODE with the title, page and count; "" when there is none.
func doneMessage(c *fiber.Ctx, lang string) string {
	code := c.Query("done")
	if code == "" {
		return ""
	}
	n, _ := strconv.Atoi(c.Query("n"))
	s, ok := messages.lookup(lang, "inbox_done_"+code, "Title", c.Query("title"), "Page", c.Query("page"), "Count", n)
	if !ok {
		return ""
	}
	return s
}
