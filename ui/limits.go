package ui

import (
	"fmt"
	"io"
	"regexp"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/compendium-kb/compendium/kb"
)

// Request bodies are streamed (fiber's StreamRequestBody): the server
// reads the headers and at most 8 KB before a handler runs, so that the
// limit can depend on the route. Fiber's BodyLimit is one number for
// every route, and an upload's would let anyone make the server hold
// 100 MB per request: eight anonymous posts to /login raised it to 1.9 GB.
const (
	// maxFormBytes bounds a form or a JSON body: a submission's fourteen
	// fields at their limits, written in Devanagari (three bytes a letter).
	maxFormBytes = 1 << 20
	// maxSubmissionUpload is a submission form with its largest files.
	maxSubmissionUpload = kb.MaxAttachments*kb.MaxAttachmentBytes + maxFormBytes
	// maxUploads is how many uploads are read at once; the others wait.
	maxUploads = 4
	// maxUploadsPerUser is how many of them one user's may take: one
	// officer's four slow uploads took every place for 30 s and an
	// admin's import got 503.
	maxUploadsPerUser = 2
	// uploadWait is how long an upload waits for its turn before the
	// answer is "busy, try again".
	uploadWait = 20 * time.Second
)

var submissionForm = regexp.MustCompile(`^/submissions(/[^/]+)?$`)

// uploadLimit is the body limit of a route that takes files, 0 for the
// others.
func uploadLimit(method, path string) int64 {
	switch {
	case method != fiber.MethodPost:
		return 0
	case path == "/admin/import":
		return maxImportBytes + maxFormBytes
	case submissionForm.MatchString(path) && path != "/submissions/new":
		return maxSubmissionUpload
	}
	return 0
}

// limitBody enforces the route's body limit before anything reads the
// body. A form or JSON body is read into memory, at most maxFormBytes; an
// upload must say its length, and multipart files are then read from the
// stream into temporary files (fasthttp keeps 8 KB of a form in memory),
// a few uploads at a time.
func (h *handlers) limitBody(c *fiber.Ctx) error {
	limit := uploadLimit(c.Method(), c.Path())
	upload := limit > 0 && len(c.Request().Header.MultipartFormBoundary()) > 0
	if !upload {
		limit = maxFormBytes
	}
	length := int64(c.Request().Header.ContentLength()) // -1 chunked, -2 none
	if length > limit {
		return tooLarge(c, limit)
	}
	if upload {
		if length < 0 {
			return fiber.NewError(fiber.StatusLengthRequired, "An upload must say its length (Content-Length).")
		}
		// uploadSlots gives it a place once its user is known.
		c.Locals(uploadKey, uploadDeadline(length))
		return c.Next()
	}
	if stream := c.Request().BodyStream(); stream != nil {
		body, err := io.ReadAll(io.LimitReader(stream, limit+1))
		if err != nil {
			return fiber.NewError(fiber.StatusBadRequest, "The request body could not be read.")
		}
		if int64(len(body)) > limit {
			return tooLarge(c, limit)
		}
		c.Request().SetBodyRaw(body)
	}
	return c.Next()
}

func tooLarge(c *fiber.Ctx, limit int64) error {
	c.Context().SetConnectionClose() // the rest of the body is not read
	return fiber.NewError(fiber.StatusRequestEntityTooLarge, fmt.Sprintf("The request is larger than this address takes (%d KB).", limit>>10))
}
