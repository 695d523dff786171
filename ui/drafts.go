package ui

import (
	"errors"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/compendium-kb/compendium/kb"
)

// What the officer typed is kept on the server when the form comes back
// with problems: a form left open on a phone, a tab closed, a signal
// lost, and an hour's writing was gone. It is saved as a draft, as "Save
// draft" would, without the fields that have a problem (a draft cannot
// hold an unknown state or a figure that is not a number); the form shown
// still holds everything as typed.

// draftKept says what became of the typed form: saved as a draft (Partly
// when some fields were left out of it), or not, because a draft needs a
// title.
type draftKept struct {
	Saved, Partly bool
}

// keepDraft saves f, less its fields with a problem a draft cannot hold
// (figureProblems are the figures typed that are not numbers, already
// left out of f), as the draft s (a new one when s has no id), with the
// files sent, and returns the submission as saved. It saves nothing when
// what is left is no draft: without a title.
func (h *handlers) keepDraft(c *fiber.Ctx, u kb.User, s kb.Submission, f kb.SubmissionFields, figureProblems map[string]string) (kb.Submission, draftKept) {
	var problems map[string]string
	var ve *kb.ValidationError
	if err := f.Validate(false); errors.As(err, &ve) {
		problems = ve.Fields
	}
	draft, partly := withoutProblems(f, problems)
	if draft.Validate(false) != nil {
		return s, draftKept{}
	}
	var saved kb.Submission
	var err error
	if s.ID == "" {
		saved, err = h.reviews.Create(c.UserContext(), u, draft)
	} else {
		saved, err = h.reviews.Edit(c.UserContext(), u, s.ID, s.Rev, draft)
	}
	if err != nil {
		return s, draftKept{}
	}
	if attached, err := h.attachFiles(c, u, saved); err == nil {
		saved = attached
	} else {
		partly = true // the files are asked for again
	}
	return saved, draftKept{Saved: true, Partly: partly || len(figureProblems) > 0}
}

// withoutProblems is f without the fields named in problems; partly says
// whether any was left out.
func withoutProblems(f kb.SubmissionFields, problems map[string]string) (kb.SubmissionFields, bool) {
	partly := false
	text := map[string]*string{"title": &f.Title, "district": &f.District, "unit": &f.Unit, "period": &f.Period,
		"problem": &f.Problem, "action": &f.Action, "results": &f.Results, "resources": &f.Resources, "lessons": &f.Lessons,
		"evidence": &f.Evidence, "laws": &f.Laws, "partners": &f.Partners, "contact": &f.Contact,
		"sources": &f.Sources, "transit": &f.Transit, "destinations": &f.Destinations}
	for name := range problems {
		p, isText := text[name]
		switch {
		case isText && strings.TrimSpace(*p) != "":
			*p, partly = "", true
		case name == "states" && len(f.States) > 0:
			f.States, partly = nil, true
		case name == "links" && len(f.Links) > 0:
			f.Links, partly = nil, true
		case name == "figures" && len(f.Figures) > 0:
			f.Figures, partly = nil, true
		}
	}
	return f, partly
}

// attachFiles attaches the PDFs sent with the form to s; a file too
// large or not a PDF is a ValidationError on "files", the files before it
// attached.
func (h *handlers) attachFiles(c *fiber.Ctx, u kb.User, s kb.Submission) (kb.Submission, error) {
	form, err := c.MultipartForm()
	if err != nil {
		return s, nil // a form without files
	}
	for _, fh := range form.File["files"] {
		if fh.Size == 0 {
			continue
		}
		if fh.Size > kb.MaxAttachmentBytes {
			return s, &kb.ValidationError{Fields: map[string]string{"files": fh.Filename + " is larger than 10 MB."}}
		}
		data, err := readUpload(fh)
		if err != nil {
			return s, err
		}
		attached, err := h.reviews.Attach(c.UserContext(), u, s.ID, fh.Filename, data)
		if err != nil {
			return s, err
		}
		s = attached
	}
	return s, nil
}

// formKept is formAgain after keepDraft: the form as typed, its
// problems, and whether it was kept as a draft (the form then edits that
// draft, so that saving again does not make a second one).
func (h *handlers) formKept(c *fiber.Ctx, s kb.Submission, f kb.SubmissionFields, err error, kept draftKept) error {
	return h.formWith(c, s, f, err, s.ID == "", kept)
}
