package ui

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"mime/multipart"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/compendium-kb/compendium/kb"
)

// formFields reads the submission form, and the problems of the figures
// typed into it (the other fields are checked by kb). States and links
// come one per line or comma-separated.
func formFields(c *fiber.Ctx) (kb.SubmissionFields, map[string]string) {
	list := func(name string) []string {
		var out []string
		for _, s := range strings.FieldsFunc(c.FormValue(name), func(r rune) bool { return r == '\n' || r == ',' || r == ';' }) {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	figures, problems := kb.ReadFigureAnswers(func(name string) string { return c.FormValue(name) })
	return kb.SubmissionFields{
		Title: c.FormValue("title"), States: list("states"), District: c.FormValue("district"), Unit: c.FormValue("unit"),
		Period: c.FormValue("period"), Problem: c.FormValue("problem"), Action: c.FormValue("action"),
		Results: c.FormValue("results"), Resources: c.FormValue("resources"), Lessons: c.FormValue("lessons"), Evidence: c.FormValue("evidence"),
		Laws: c.FormValue("laws"), Partners: c.FormValue("partners"), Contact: c.FormValue("contact"), Links: list("links"),
		Sources: c.FormValue("sources"), Transit: c.FormValue("transit"), Destinations: c.FormValue("destinations"),
		Figures: figures,
	}, problems
}

type submissionsPage struct {
	page
	Submissions []kb.Submission
	Status      string
	Statuses    []kb.Status
	Reviewer    bool
	Older       string // the next page's address, when there may be one
}

func (h *handlers) submissionsList(c *fiber.Ctx) error {
	u := *current(c).user
	status := kb.Status(c.Query("status"))
	if status == "" && u.Role.CanReview() {
		status = kb.StatusSubmitted // the queue
	}
	if c.Query("status") == "all" {
		status = ""
	}
	pg := listPage(c)
	subs, err := h.reviews.List(c.UserContext(), u, status, pg)
	if err != nil {
		return err
	}
	p := submissionsPage{page: h.pageFor(c, "Submissions"), Submissions: subs, Status: string(status),
		Reviewer: u.Role.CanReview(), Statuses: []kb.Status{kb.StatusDraft, kb.StatusSubmitted, kb.StatusInReview, kb.StatusChangesRequested, kb.StatusApproved, kb.StatusRejected, kb.StatusWithdrawn}}
	if len(subs) == pg.Size {
		p.Older = fmt.Sprintf("/submissions?status=%s&page=%d", url.QueryEscape(c.Query("status", "all")), pg.Number+1)
	}
	return h.render(c, "submissions", p)
}

// listPage reads a listing's page and size from the query, within bounds.
func listPage(c *fiber.Ctx) kb.ListPage {
	return kb.ListPage{Number: c.QueryInt("page", 1), Size: c.QueryInt("size", 50)}.Bounded()
}

type formPage struct {
	page
	Submission kb.Submission
	Fields     kb.SubmissionFields
	States     string // as typed
	Links      string
	Errors     map[string]string
	Similar    []kb.Hit
	New        bool
	// FormKey makes the submission a new form creates, so that a form a
	// phone sends again when back online makes one (kb.CreateOnce).
	FormKey string
	// Kept says whether what was typed was kept as a draft when the form
	// came back with problems.
	Kept draftKept
	// TypedFigures are the figures as the officer typed them, "about 41"
	// included, when the form comes back with a problem.
	TypedFigures map[string]string
}

// Figure is the answer a figure's field shows: as typed, else as saved.
func (p formPage) Figure(name string) string {
	if v, ok := p.TypedFigures[name]; ok {
		return v
	}
	return p.Fields.Figures.Answer(name)
}

// problem is one field's problem, for the list at the top of the form.
type problem struct{ Field, Message string }

// formOrder is the order of the form's fields, top to bottom.
var formOrder = []string{"title", "states", "district", "unit", "period", "problem", "action", "results",
	"fig_rescued", "fig_minors", "fig_arrested", "fig_firs", "fig_chargesheeted", "fig_convicted", "resources",
	"lessons", "laws", "partners", "contact", "links", "files"}

// Problems lists the form's problems in the order of its fields, so the
// list reads as the form does; fields it does not know come last.
func (p formPage) Problems() []problem {
	var out []problem
	for _, f := range formOrder {
		if msg, ok := p.Errors[f]; ok {
			out = append(out, problem{f, msg})
		}
	}
	var rest []string
	for f := range p.Errors {
		if !slices.Contains(formOrder, f) {
			rest = append(rest, f)
		}
	}
	slices.Sort(rest)
	for _, f := range rest {
		out = append(out, problem{f, p.Errors[f]})
	}
	return out
}

func (h *handlers) newSubmission(c *fiber.Ctx) error {
	u := current(c).user
	return h.render(c, "submission_form", formPage{page: h.pageTitled(c, "subs_record"), New: true, FormKey: kb.RandomToken(), Fields: kb.SubmissionFields{Unit: u.Unit, Title: c.Query("title")}}) // a title from an invitation (/admin/searches)
}

// createSubmission saves a draft, or submits it at once when asked.
func (h *handlers) createSubmission(c *fiber.Ctx) error {
	u := *current(c).user
	f, bad := formFields(c)
	if err := checkBeforeSave(c, f, bad); err != nil {
		s, kept := h.keepDraft(c, u, kb.Submission{}, f, bad)
		return h.formKept(c, s, f, err, kept)
	}
	s, created, err := h.reviews.CreateOnce(c.UserContext(), u, bodyValue(c, "form_key"), f)
	if err != nil {
		return h.formAgain(c, kb.Submission{}, f, err, true)
	}
	if !created { // the same form again: what it made is there already
		return c.Redirect("/submissions/"+s.ID, fiber.StatusSeeOther)
	}
	return h.afterSave(c, u, s)
}

func (h *handlers) editSubmission(c *fiber.Ctx) error {
	u := *current(c).user
	s, err := h.reviews.Get(c.UserContext(), u, c.Params("id"))
	if err != nil {
		return err
	}
	p := formPage{page: h.pageTitled(c, "sub_edit_heading", "Title", s.Fields.Title), Submission: s, Fields: s.Fields,
		States: strings.Join(s.Fields.States, ", "), Links: strings.Join(s.Fields.Links, "\n")}
	p.Similar = h.similarTo(c, s.Fields)
	return h.render(c, "submission_form", p)
}

func (h *handlers) updateSubmission(c *fiber.Ctx) error {
	u := *current(c).user
	f, bad := formFields(c)
	rev, _ := strconv.Atoi(c.FormValue("rev")) // 0 when absent: no revision check
	if err := checkBeforeSave(c, f, bad); err != nil {
		prev, gerr := h.reviews.Get(c.UserContext(), u, c.Params("id"))
		if gerr != nil {
			return gerr
		}
		kept := draftKept{}
		if rev == 0 || rev == prev.Rev { // never over someone else's change
			prev, kept = h.keepDraft(c, u, prev, f, bad)
		}
		return h.formKept(c, prev, f, err, kept)
	}
	s, err := h.reviews.Edit(c.UserContext(), u, c.Params("id"), rev, f)
	if err != nil {
		prev, _ := h.reviews.Get(c.UserContext(), u, c.Params("id"))
		return h.formAgain(c, prev, f, err, false)
	}
	return h.afterSave(c, u, s)
}

// checkBeforeSave checks the form before anything is saved, so that
// every problem is listed in one round: the figures typed, and the fields
// as a draft needs them or, when the form is sent to be submitted at
// once, as review needs them.
func checkBeforeSave(c *fiber.Ctx, f kb.SubmissionFields, figureProblems map[string]string) error {
	err := f.Validate(c.FormValue("then") == "submit")
	if len(figureProblems) == 0 {
		return err
	}
	all := map[string]string{}
	var ve *kb.ValidationError
	if errors.As(err, &ve) {
		maps.Copy(all, ve.Fields)
	} else if err != nil {
		return err
	}
	maps.Copy(all, figureProblems)
	return &kb.ValidationError{Fields: all}
}

// afterSave attaches uploaded files, submits when the officer pressed
// "Submit for review", and goes to the submission's page.
func (h *handlers) afterSave(c *fiber.Ctx, u kb.User, s kb.Submission) error {
	s, err := h.attachFiles(c, u, s)
	if err != nil {
		return h.formAgain(c, s, s.Fields, err, false)
	}
	if c.FormValue("then") == "submit" {
		if _, err := h.reviews.Act(c.UserContext(), u, s.ID, kb.ActionSubmit, ""); err != nil {
			return h.formAgain(c, s, s.Fields, err, false)
		}
	}
	return c.Redirect("/submissions/"+s.ID, fiber.StatusSeeOther)
}

// formAgain shows the form with everything typed and a message by field.
func (h *handlers) formAgain(c *fiber.Ctx, s kb.Submission, f kb.SubmissionFields, err error, isNew bool) error {
	return h.formWith(c, s, f, err, isNew, draftKept{})
}

// formWith is formAgain saying what became of the draft.
func (h *handlers) formWith(c *fiber.Ctx, s kb.Submission, f kb.SubmissionFields, err error, isNew bool, kept draftKept) error {
	var ve *kb.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	p := formPage{page: h.pageTitled(c, "sub_check_title"), Submission: s, Fields: f, Errors: ve.Fields, New: isNew, Kept: kept,
		States: c.FormValue("states"), Links: c.FormValue("links"), TypedFigures: map[string]string{}, FormKey: bodyValue(c, "form_key")}
	for _, q := range kb.FigureQuestions {
		p.TypedFigures[q.Name] = c.FormValue(q.Name)
	}
	p.Similar = h.similarTo(c, f)
	return h.render(c.Status(fiber.StatusUnprocessableEntity), "submission_form", p)
}

// similarTo finds published practices that look like what is being
// written, so that a known practice is not submitted twice.
func (h *handlers) similarTo(c *fiber.Ctx, f kb.SubmissionFields) []kb.Hit {
	text := strings.TrimSpace(f.Title)
	if len(text) < 10 {
		return nil
	}
	res, err := h.svc.Search(c.UserContext(), kb.Query{Text: text, Size: 3})
	if err != nil {
		return nil
	}
	return res.Hits
}

type submissionPage struct {
	page
	Submission kb.Submission
	History    []kb.AuditEntry
	Changes    []change
	Owner      bool
	Reviewer   bool
	Can        map[string]bool // actions the user may take, by name
	// ActionError says why the action just sent was not taken; Reason is
	// the reason typed with it, kept.
	ActionError, Reason string
	RouteEditor         routeForm // for a reviewer: the routes to confirm or correct
	// Withdrawn is set when the practice the submission was published as
	// has since been withdrawn: the officer is told, with the reason.
	Withdrawn *kb.Withdrawal
}

// change is a field that differs between the last two versions.
type change struct {
	Field, Before, After string
}

func (h *handlers) showSubmission(c *fiber.Ctx) error {
	p, err := h.submissionView(c, *current(c).user, c.Params("id"))
	if err != nil {
		return err
	}
	return h.render(c, "submission", p)
}

// submissionView is a submission as its page shows it to a user: its
// history, what changed, and the actions the user may take.
func (h *handlers) submissionView(c *fiber.Ctx, u kb.User, id string) (submissionPage, error) {
	s, err := h.reviews.Get(c.UserContext(), u, id)
	if err != nil {
		return submissionPage{}, err
	}
	hist, err := h.reviews.History(c.UserContext(), u, s.ID)
	if err != nil {
		return submissionPage{}, err
	}
	p := submissionPage{page: h.pageFor(c, s.Fields.Title), Submission: s, History: hist, Owner: s.OwnerID == u.ID,
		Reviewer: u.Role.CanReview(), Can: map[string]bool{}}
	for _, a := range []kb.Action{kb.ActionEdit, kb.ActionSubmit, kb.ActionClaim, kb.ActionApprove, kb.ActionRequestChanges, kb.ActionReject, kb.ActionWithdraw, kb.ActionEditRoutes} {
		if _, err := kb.Transition(s.Status, a, u.Actor(), s.OwnerID, "a reason"); err == nil {
			p.Can[string(a)] = true
		}
	}
	if n := len(s.Versions); n >= 2 {
		p.Changes = diff(s.Versions[n-2].Fields, s.Versions[n-1].Fields)
	}
	p.RouteEditor = newRouteForm("sr-", kb.RouteRows(s.Routes()), "")
	if s.PracticeID != "" && h.curation != nil {
		if t, err := h.curation.Tombstone(c.UserContext(), s.PracticeID); err == nil {
			p.Withdrawn = &t.Withdrawal
		}
	}
	return p, nil
}

// actOnSubmission takes a decision or another action. When it cannot be
// taken, the same page comes back with the reason typed so far and what
// went wrong, beside the decision.
func (h *handlers) actOnSubmission(c *fiber.Ctx) error {
	u := *current(c).user
	reason := c.FormValue("reason")
	_, err := h.reviews.Act(c.UserContext(), u, c.Params("id"), kb.Action(c.FormValue("action")), reason)
	if err == nil {
		return c.Redirect("/submissions/"+c.Params("id"), fiber.StatusSeeOther)
	}
	status, msg, ok := actionProblem(err, "Give a reason: the officer will see it, and needs it to know what to change.")
	if !ok {
		return err
	}
	p, perr := h.submissionView(c, u, c.Params("id"))
	if perr != nil {
		return err
	}
	p.ActionError, p.Reason = msg, reason
	return h.render(c.Status(status), "submission", p)
}

// actionProblem is the status and sentence for an action on a submission
// that was not taken; ok is false for an error the app's handler maps.
// invalid is the sentence for a ValidationError.
func actionProblem(err error, invalid string) (status int, msg string, ok bool) {
	var ve *kb.ValidationError
	switch {
	case errors.As(err, &ve):
		return http.StatusUnprocessableEntity, invalid, true
	case errors.Is(err, kb.ErrConflict):
		return http.StatusConflict, plainMessage(err, kb.ErrConflict) + " The page now shows where it stands.", true
	case errors.Is(err, kb.ErrForbidden):
		return http.StatusForbidden, plainMessage(err, kb.ErrForbidden), true
	}
	return 0, "", false
}

// editSubmissionRoutes saves the routes a reviewer confirmed or corrected
// on a submission's page. When they cannot be saved, the page comes back
// with the routes as typed and what is wrong, naming the route.
func (h *handlers) editSubmissionRoutes(c *fiber.Ctx) error {
	u, id := *current(c).user, c.Params("id")
	rev, _ := strconv.Atoi(c.FormValue("rev"))
	rows, _ := formRouteRows(c)
	routes, err := kb.ReadRoutes(rows)
	if err == nil {
		_, err = h.reviews.EditRoutes(c.UserContext(), u, id, rev, routes)
	}
	if err == nil {
		return c.Redirect("/submissions/"+id+"#routes-h", fiber.StatusSeeOther)
	}
	var ve *kb.ValidationError
	problem := ""
	if errors.As(err, &ve) {
		problem = ve.Fields["routes"]
	}
	status, msg, ok := actionProblem(err, problem)
	if !ok {
		return err
	}
	p, perr := h.submissionView(c, u, id)
	if perr != nil {
		return err
	}
	if problem != "" {
		p.RouteEditor = newRouteForm(p.RouteEditor.Prefix, typedRoutes(rows), problem)
	} else {
		p.RouteEditor.Error = msg
	}
	return h.render(c.Status(status), "submission", p)
}

// apiSubmissionRoutes is editSubmissionRoutes for the API:
// {"rev": N, "routes": [{"source": {"region": …}, "transit": […], "destination": {…}}]}.
func (h *handlers) apiSubmissionRoutes(c *fiber.Ctx) error {
	var body struct {
		Rev    int        `json:"rev"`
		Routes []kb.Route `json:"routes"`
	}
	if err := json.Unmarshal(c.Body(), &body); err != nil {
		return &kb.ValidationError{Fields: map[string]string{"body": `Send {"rev": N, "routes": [{"source": {"region": "Jharkhand"}, "destination": {"region": "Delhi"}}]}.`}}
	}
	s, err := h.reviews.EditRoutes(c.UserContext(), *current(c).user, c.Params("id"), body.Rev, body.Routes)
	if err != nil {
		return err
	}
	return c.JSON(s)
}

type noticesPage struct {
	page
	Notices []kb.Notice
}

func (h *handlers) notices(c *fiber.Ctx) error {
	u := *current(c).user
	ns, err := h.reviews.Notices(c.UserContext(), u)
	if err != nil {
		return err
	}
	p := noticesPage{page: h.pageFor(c, "Notices"), Notices: ns}
	if err := h.reviews.MarkNoticesRead(c.UserContext(), u); err != nil {
		h.log.Warn("marking notices read failed; they stay unread", "user", u.ID, "err", err) // shown again next time: nothing lost
	}
	return h.render(c, "notices", p)
}

func diff(a, b kb.SubmissionFields) []change {
	var out []change
	add := func(name, x, y string) {
		if x != y {
			out = append(out, change{name, x, y})
		}
	}
	add("Title", a.Title, b.Title)
	add("States", strings.Join(a.States, ", "), strings.Join(b.States, ", "))
	add("District", a.District, b.District)
	add("Unit", a.Unit, b.Unit)
	add("Period", a.Period, b.Period)
	add("Problem", a.Problem, b.Problem)
	add("What was done", a.Action, b.Action)
	add("Results", a.Results, b.Results)
	add("Resources", a.Resources, b.Resources)
	add("Lessons", a.Lessons, b.Lessons)
	add("Evidence", a.Evidence, b.Evidence)
	add("Laws", a.Laws, b.Laws)
	add("Partners", a.Partners, b.Partners)
	add("Contact", a.Contact, b.Contact)
	add("Links", strings.Join(a.Links, " "), strings.Join(b.Links, " "))
	return out
}

// The JSON API.

func (h *handlers) apiCreateSubmission(c *fiber.Ctx) error {
	var f kb.SubmissionFields
	if err := json.Unmarshal(c.Body(), &f); err != nil {
		return &kb.ValidationError{Fields: map[string]string{"body": "Send a JSON object whose fields are strings, and lists of strings for states and links."}}
	}
	s, err := h.reviews.Create(c.UserContext(), *current(c).user, f)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(s)
}

func (h *handlers) apiListSubmissions(c *fiber.Ctx) error {
	subs, err := h.reviews.List(c.UserContext(), *current(c).user, kb.Status(c.Query("status")), listPage(c))
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"submissions": subs})
}

func (h *handlers) apiGetSubmission(c *fiber.Ctx) error {
	s, err := h.reviews.Get(c.UserContext(), *current(c).user, c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(s)
}

func (h *handlers) apiSubmit(c *fiber.Ctx) error {
	s, err := h.reviews.Act(c.UserContext(), *current(c).user, c.Params("id"), kb.ActionSubmit, "")
	if err != nil {
		return err
	}
	return c.JSON(s)
}

func (h *handlers) apiDecision(c *fiber.Ctx) error {
	var d struct {
		Decision string `json:"decision"`
		Reason   string `json:"reason"`
	}
	if err := json.Unmarshal(c.Body(), &d); err != nil {
		return &kb.ValidationError{Fields: map[string]string{"body": `Send {"decision": "approve" | "request_changes" | "reject", "reason": "…"}.`}}
	}
	switch kb.Action(d.Decision) {
	case kb.ActionApprove, kb.ActionRequestChanges, kb.ActionReject, kb.ActionClaim:
	default:
		return &kb.ValidationError{Fields: map[string]string{"decision": "Choose approve, request_changes or reject."}}
	}
	s, err := h.reviews.Act(c.UserContext(), *current(c).user, c.Params("id"), kb.Action(d.Decision), d.Reason)
	if err != nil {
		return err
	}
	return c.JSON(s)
}

func (h *handlers) apiHistory(c *fiber.Ctx) error {
	hist, err := h.reviews.History(c.UserContext(), *current(c).user, c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"history": hist})
}

func readUpload(fh *multipart.FileHeader) ([]byte, error) {
	f, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, kb.MaxAttachmentBytes+1))
}

// submissionFile serves a supporting PDF to its owner and reviewers. It is
// sent as a download, so that a hostile file is never shown by this site.
func (h *handlers) submissionFile(c *fiber.Ctx) error {
	rc, a, err := h.reviews.File(c.UserContext(), *current(c).user, c.Params("id"), c.Params("sha"))
	if err != nil {
		return err
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		return err
	}
	c.Set("Content-Type", "application/pdf")
	c.Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", a.Name))
	c.Set("Content-Security-Policy", "sandbox")
	c.Set(fiber.HeaderCacheControl, privateNoStore) // an officer's file, before and during review
	return c.Send(data)
}
