package kb

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/compendium-kb/compendium/indexer"
)

// SubmissionFields are what an officer writes about a practice.
type SubmissionFields struct {
	Title     string   `json:"title" bson:"title"`
	States    []string `json:"states" bson:"states"`
	District  string   `json:"district" bson:"district"`
	Unit      string   `json:"unit" bson:"unit"` // unit or police station
	Period    string   `json:"period" bson:"period"`
	Problem   string   `json:"problem" bson:"problem"`
	Action    string   `json:"action" bson:"action"` // what was done
	Results   string   `json:"results" bson:"results"`
	Resources string   `json:"resources" bson:"resources"`
	Lessons   string   `json:"lessons" bson:"lessons"`             // and what others need to replicate it
	Evidence  string   `json:"evidence" bson:"evidence,omitempty"` // what shows it worked: an evaluation, figures, court outcomes
	Laws      string   `json:"laws" bson:"laws"`
	Partners  string   `json:"partners" bson:"partners"`
	Contact   string   `json:"contact" bson:"contact"`
	Links     []string `json:"links" bson:"links"`
	// Places of the routes the practice dealt with (routes.go).
	Sources      string `json:"sources,omitempty" bson:"sources,omitempty"`
	Transit      string `json:"transit,omitempty" bson:"transit,omitempty"`
	Destinations string `json:"destinations,omitempty" bson:"destinations,omitempty"`
	// Figures the officer gives (FigureQuestions); the practice shows these
	// rather than figures guessed from the text.
	Figures Figures `json:"figures,omitempty" bson:"figures,omitempty"`
}

// Version is a submission as it was sent for review.
type Version struct {
	N           int              `json:"n" bson:"n"`
	Fields      SubmissionFields `json:"fields" bson:"fields"`
	SubmittedAt time.Time        `json:"submitted_at" bson:"submitted_at"`
}

// Submission is a practice on its way to publication.
type Submission struct {
	ID         string           `json:"id" bson:"_id"`
	Rev        int              `json:"rev" bson:"rev"` // bumped by every change; guards against lost updates
	Status     Status           `json:"status" bson:"status"`
	OwnerID    string           `json:"owner_id" bson:"owner_id"`
	OwnerName  string           `json:"owner_name" bson:"owner_name"`
	OwnerUnit  string           `json:"owner_unit" bson:"owner_unit"`
	Fields     SubmissionFields `json:"fields" bson:"fields"`
	Versions   []Version        `json:"versions" bson:"versions"`
	Files      []Attachment     `json:"files,omitempty" bson:"files,omitempty"`
	ReviewerID string           `json:"reviewer_id,omitempty" bson:"reviewer_id,omitempty"`
	Reason     string           `json:"reason,omitempty" bson:"reason,omitempty"` // of the last decision
	PracticeID string           `json:"practice_id,omitempty" bson:"practice_id,omitempty"`
	// Submitted is set by the first submission for review: until then the
	// submission is a draft its author alone may see.
	Submitted bool `json:"submitted,omitempty" bson:"submitted,omitempty"`
	// ReviewedRoutes are the routes as a reviewer confirmed or corrected
	// them (RoutesReviewed): the practice records these rather than those
	// read from the fields, until the officer changes the route fields.
	ReviewedRoutes []Route   `json:"reviewed_routes,omitempty" bson:"reviewed_routes,omitempty"`
	RoutesReviewed bool      `json:"routes_reviewed,omitempty" bson:"routes_reviewed,omitempty"`
	CreatedAt      time.Time `json:"created_at" bson:"created_at"`
	UpdatedAt      time.Time `json:"updated_at" bson:"updated_at"`
}

// Attachment is a supporting PDF of a submission, with its text as the
// indexer reads it.
type Attachment struct {
	Name    string    `json:"name" bson:"name"`
	SHA256  string    `json:"sha256" bson:"sha256"`
	Size    int64     `json:"size" bson:"size"`
	Pages   int       `json:"pages" bson:"pages"`
	Text    string    `json:"-" bson:"text"`
	Note    string    `json:"note,omitempty" bson:"note,omitempty"` // e.g. no text layer
	AddedAt time.Time `json:"added_at" bson:"added_at"`
}

// Limits on supporting files.
const (
	MaxAttachmentBytes = 10 << 20
	MaxAttachments     = 5
	maxAttachmentText  = 200 << 10
)

// AuditEntry records one action on a submission. The trail is append-only.
type AuditEntry struct {
	ID           string    `json:"id" bson:"_id"`
	SubmissionID string    `json:"submission_id" bson:"submission_id"`
	ActorID      string    `json:"actor_id" bson:"actor_id"`
	ActorName    string    `json:"actor_name" bson:"actor_name"`
	Role         Role      `json:"role" bson:"role"`
	Action       Action    `json:"action" bson:"action"`
	From         Status    `json:"from" bson:"from"`
	To           Status    `json:"to" bson:"to"`
	Reason       string    `json:"reason,omitempty" bson:"reason,omitempty"`
	Changes      []Change  `json:"changes,omitempty" bson:"changes,omitempty"` // what an edit changed, such as the routes
	At           time.Time `json:"at" bson:"at"`
}

// Words is the entry's action in plain words, as a history reads it.
func (e AuditEntry) Words() string {
	if e.Action == ActionEditRoutes && len(e.Changes) == 0 {
		return "confirmed the routes"
	}
	return e.Action.Done()
}

// Notice tells a user that something happened to their submission.
type Notice struct {
	ID           string    `json:"id" bson:"_id"`
	UserID       string    `json:"user_id" bson:"user_id"`
	SubmissionID string    `json:"submission_id" bson:"submission_id"`
	Text         string    `json:"text" bson:"text"`
	At           time.Time `json:"at" bson:"at"`
	Read         bool      `json:"read" bson:"read"`
	// Title, Status and Reason are what Text says, kept apart so that a
	// page can say it in the reader's language (empty on older notices).
	Title  string `json:"title,omitempty" bson:"title,omitempty"`
	Status Status `json:"status,omitempty" bson:"status,omitempty"`
	Reason string `json:"reason,omitempty" bson:"reason,omitempty"`
	// PracticeID is the new practice a notice about a followed search
	// names (Status NoticeFollowed); empty on a submission's notice.
	PracticeID string `json:"practice_id,omitempty" bson:"practice_id,omitempty"`
}

// SubmissionFilter says which submissions to list; empty fields match
// all.
type SubmissionFilter struct {
	OwnerID string
	Status  Status
	Page    ListPage
	// SentOrOwnedBy, when not empty, keeps the submissions sent for review
	// at least once and this user's own: what a reviewer may see.
	SentOrOwnedBy string
}

// VisibleTo says whether u may see s. A draft never submitted is its
// author's alone: reviewers and admins see a submission once it has been
// sent for review (also when it was returned for changes or withdrawn
// afterwards). Before, they could read officers' unsubmitted drafts and
// their files.
func (s Submission) VisibleTo(u User) bool {
	if s.OwnerID == u.ID {
		return true
	}
	return u.Role.CanReview() && (s.Submitted || len(s.Versions) > 0)
}

// SubmissionStore keeps submissions, their audit trail and notices.
type SubmissionStore interface {
	Submission(ctx context.Context, id string) (Submission, error)
	// ListSubmissions returns a page of submissions, latest change
	// first, without their versions or files' text.
	ListSubmissions(ctx context.Context, f SubmissionFilter) ([]Submission, error)
	// ChangeStore decides between concurrent changes and keeps the
	// outbox of their effects.
	ChangeStore
	// AppendAudit adds an entry to a trail; an entry already there (by
	// id) is not added again.
	AppendAudit(ctx context.Context, e AuditEntry) error
	Audit(ctx context.Context, submissionID string) ([]AuditEntry, error)
	// AddNotice stores a notice; one already there (by id) is not added
	// again.
	AddNotice(ctx context.Context, n Notice) error
	Notices(ctx context.Context, userID string) ([]Notice, error)
	// UnreadNotices counts a user's unseen notices without reading them:
	// every page shows it.
	UnreadNotices(ctx context.Context, userID string) (int, error)
	MarkNoticesRead(ctx context.Context, userID string) error
	PutFile(ctx context.Context, sha256 string, data []byte) error
	OpenFile(ctx context.Context, sha256 string) (io.ReadCloser, int64, error)
	SavePractice(ctx context.Context, p Practice) error
}

// Validate checks the fields; complete asks for what a submission needs
// before review, not only what a draft needs.
func (f SubmissionFields) Validate(complete bool) error {
	problems := map[string]string{}
	need := func(name, value, what string, minLen int) {
		if len(strings.TrimSpace(value)) < minLen {
			problems[name] = what
		}
	}
	need("title", f.Title, "Give the practice a title of at least 10 characters.", 10)
	for name, msg := range f.sizeProblems() {
		problems[name] = msg
	}
	for _, s := range f.States {
		if problems["states"] == "" && indexer.StateOf(s) == "" {
			problems["states"] = fmt.Sprintf("%q is not a state or union territory of India.", truncate(s, 40)) + didYouMean(SuggestPlaces(s, true))
		}
	}
	for name, msg := range f.placeProblems() {
		if problems[name] == "" {
			problems[name] = msg
		}
	}
	for _, l := range f.Links {
		if problems["links"] != "" {
			break
		}
		u, err := url.Parse(l)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(l) > MaxLinkLength {
			problems["links"] = fmt.Sprintf("%q is not a web address (https://…).", truncate(l, 60))
		}
	}
	if complete {
		if len(f.States) == 0 && problems["states"] == "" {
			problems["states"] = "Name at least one state."
		}
		need("problem", f.Problem, "Describe the problem the practice answered (at least 30 characters).", 30)
		need("action", f.Action, "Say what was done (at least 30 characters).", 30)
		need("results", f.Results, "Give the results, with numbers where you have them.", 10)
		need("lessons", f.Lessons, "Say what others need to replicate it.", 10)
	}
	if len(problems) > 0 {
		return &ValidationError{Fields: problems}
	}
	return nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// normalize trims the fields and writes states under their current names.
func (f SubmissionFields) normalize() SubmissionFields {
	trim := func(p *string) { *p = strings.TrimSpace(*p) }
	for _, p := range []*string{&f.Title, &f.District, &f.Unit, &f.Period, &f.Problem, &f.Action, &f.Results, &f.Resources, &f.Lessons, &f.Evidence, &f.Laws, &f.Partners, &f.Contact} {
		trim(p)
	}
	var states []string
	for _, s := range f.States {
		if st := indexer.StateOf(s); st != "" {
			states = append(states, st)
		} else if strings.TrimSpace(s) != "" {
			states = append(states, strings.TrimSpace(s)) // kept, so that validation names it
		}
	}
	f.States = states
	var links []string
	for _, l := range f.Links {
		if l = strings.TrimSpace(l); l != "" {
			links = append(links, l)
		}
	}
	f.Links = links
	return f
}

// Reviews runs the submission and review workflow.
type Reviews struct {
	Store   SubmissionStore
	Service *Service // to publish approved practices into the index
	Now     func() time.Time
	// AttachWait is how long an upload waits for its file to be read
	// before it is answered with the file queued (default 3 s).
	AttachWait time.Duration

	queueOnce sync.Once
	queue     *extractQueue
}

// Create saves a new draft.
func (r *Reviews) Create(ctx context.Context, u User, f SubmissionFields) (Submission, error) {
	if err := f.checkSizes(); err != nil {
		return Submission{}, err
	}
	f = f.normalize()
	if err := f.Validate(false); err != nil {
		return Submission{}, err
	}
	return r.create(ctx, u, "s"+RandomToken()[:11], f)
}

// create stores a new draft under id.
func (r *Reviews) create(ctx context.Context, u User, id string, f SubmissionFields) (Submission, error) {
	now := r.Now().UTC()
	s := Submission{ID: id, Rev: 1, Status: StatusDraft, OwnerID: u.ID, OwnerName: u.Name,
		OwnerUnit: firstNonEmpty(f.Unit, u.Unit), Fields: f, CreatedAt: now, UpdatedAt: now}
	entry := r.auditEntry(s, u.Actor(), ActionCreate, "", StatusDraft, "")
	if err := r.commit(ctx, SubmissionChange{Submission: s, Audit: &entry}); err != nil {
		return Submission{}, err
	}
	return s, nil
}

// Get returns a submission its owner or a reviewer may see.
func (r *Reviews) Get(ctx context.Context, u User, id string) (Submission, error) {
	s, err := r.Store.Submission(ctx, id)
	if errors.Is(err, ErrNotFound) {
		s, err = Submission{ID: id}, nil // its first revision may be recorded, not yet stored
	}
	if err != nil {
		return Submission{}, err
	}
	if s, err = r.catchUp(ctx, s); err != nil {
		return Submission{}, err
	}
	if s.Rev == 0 {
		return Submission{}, fmt.Errorf("submission %s: %w", id, ErrNotFound)
	}
	if !s.VisibleTo(u) {
		return Submission{}, fmt.Errorf("submission %s: %w", id, ErrNotFound) // do not confirm it exists
	}
	return s, nil
}

// List returns a page of the submissions a user may see, latest change
// first: an officer's own; for reviewers, everyone's. status filters when
// not empty. The store filters, pages and leaves out the versions, so a
// listing costs one page, however many or large the submissions.
func (r *Reviews) List(ctx context.Context, u User, status Status, page ListPage) ([]Submission, error) {
	f := SubmissionFilter{Status: status, Page: page.Bounded(), SentOrOwnedBy: u.ID}
	if !u.Role.CanReview() {
		f.OwnerID, f.SentOrOwnedBy = u.ID, ""
	}
	return r.Store.ListSubmissions(ctx, f)
}

// Edit changes a draft, or a submission sent back for changes.
func (r *Reviews) Edit(ctx context.Context, u User, id string, rev int, f SubmissionFields) (Submission, error) {
	s, err := r.Get(ctx, u, id)
	if err != nil {
		return Submission{}, err
	}
	if rev != 0 && rev != s.Rev {
		return Submission{}, fmt.Errorf("%w: the submission changed since you opened it; reload it", ErrConflict)
	}
	if _, err := Transition(s.Status, ActionEdit, u.Actor(), s.OwnerID, ""); err != nil {
		return Submission{}, err
	}
	if err := f.checkSizes(); err != nil {
		return Submission{}, err
	}
	f = f.normalize()
	if err := f.Validate(false); err != nil {
		return Submission{}, err
	}
	if f.Sources != s.Fields.Sources || f.Transit != s.Fields.Transit || f.Destinations != s.Fields.Destinations {
		s.ReviewedRoutes, s.RoutesReviewed = nil, false // the officer's new places are read again
	}
	s.Fields, s.OwnerUnit = f, firstNonEmpty(f.Unit, s.OwnerUnit)
	return s, r.save(ctx, &s, SubmissionChange{})
}

// Act applies a workflow action. Exactly one of two concurrent actions on
// the same submission wins; the other gets ErrConflict.
func (r *Reviews) Act(ctx context.Context, u User, id string, a Action, reason string) (Submission, error) {
	s, err := r.Get(ctx, u, id)
	if err != nil {
		return Submission{}, err
	}
	if len(reason) > MaxReason {
		return Submission{}, &ValidationError{Fields: map[string]string{"reason": fmt.Sprintf("Keep the reason under %d characters.", MaxReason)}}
	}
	from := s.Status
	to, err := Transition(from, a, u.Actor(), s.OwnerID, reason)
	if err != nil {
		return Submission{}, err
	}
	if a == ActionSubmit {
		if err := s.Fields.Validate(true); err != nil {
			return Submission{}, err
		}
		s.Versions = append(s.Versions, Version{N: len(s.Versions) + 1, Fields: s.Fields, SubmittedAt: r.Now().UTC()})
		s.Reason, s.Submitted = "", true
	}
	s.Status = to
	switch a {
	case ActionClaim:
		s.ReviewerID = u.ID
	case ActionApprove, ActionRequestChanges, ActionReject:
		s.ReviewerID, s.Reason = u.ID, strings.TrimSpace(reason)
	}
	if a == ActionApprove {
		s.PracticeID = PracticeID("submissions", s.ID) // stable: never changes afterwards
	}
	entry := r.auditEntry(Submission{ID: s.ID, Rev: s.Rev + 1}, u.Actor(), a, from, to, reason)
	change := SubmissionChange{Audit: &entry, Publish: a == ActionApprove}
	if s.OwnerID != u.ID {
		change.Notice = r.noticeFor(s, to)
	}
	if err := r.save(ctx, &s, change); err != nil {
		if errors.Is(err, ErrConflict) {
			return Submission{}, fmt.Errorf("%w: someone else acted on this submission at the same moment; reload it to see what changed", ErrConflict)
		}
		return Submission{}, err
	}
	return s, nil
}

// noticeFor tells the owner of s what it became by its next revision.
func (r *Reviews) noticeFor(s Submission, to Status) *Notice {
	text := fmt.Sprintf("Your submission “%s” %s.", s.Fields.Title, to.Notice())
	if s.Reason != "" {
		text += " Reason: " + s.Reason
	}
	return &Notice{ID: "n" + ChangeID(s.ID, s.Rev+1), UserID: s.OwnerID, SubmissionID: s.ID, Text: text, At: r.Now().UTC(),
		Title: s.Fields.Title, Status: to, Reason: s.Reason}
}

// History returns a submission's audit trail, oldest first.
func (r *Reviews) History(ctx context.Context, u User, id string) ([]AuditEntry, error) {
	if _, err := r.Get(ctx, u, id); err != nil {
		return nil, err
	}
	return r.Store.Audit(ctx, id)
}

// Notices returns a user's notices, newest first.
func (r *Reviews) Notices(ctx context.Context, u User) ([]Notice, error) {
	return r.Store.Notices(ctx, u.ID)
}

// Unread counts a user's unseen notices.
func (r *Reviews) Unread(ctx context.Context, u User) (int, error) {
	return r.Store.UnreadNotices(ctx, u.ID)
}

// File opens a submission's supporting file for someone who may see it.
func (r *Reviews) File(ctx context.Context, u User, id, sha string) (io.ReadCloser, Attachment, error) {
	s, err := r.Get(ctx, u, id)
	if err != nil {
		return nil, Attachment{}, err
	}
	for _, a := range s.Files {
		if a.SHA256 == sha {
			rc, _, err := r.Store.OpenFile(ctx, sha)
			return rc, a, err
		}
	}
	return nil, Attachment{}, fmt.Errorf("file %s: %w", truncate(sha, 16), ErrNotFound)
}

// MarkNoticesRead marks all of a user's notices as seen.
func (r *Reviews) MarkNoticesRead(ctx context.Context, u User) error {
	return r.Store.MarkNoticesRead(ctx, u.ID)
}

// save records the next revision of s with the change's effects.
func (r *Reviews) save(ctx context.Context, s *Submission, c SubmissionChange) error {
	s.Rev++
	s.UpdatedAt = r.Now().UTC()
	c.Submission = *s
	if err := r.commit(ctx, c); err != nil {
		s.Rev--
		return err
	}
	return nil
}

// auditEntry is the trail's entry for the change that makes revision
// s.Rev; its id is the revision's, so that writing it twice keeps one.
func (r *Reviews) auditEntry(s Submission, a Actor, action Action, from, to Status, reason string) AuditEntry {
	return AuditEntry{ID: "a" + ChangeID(s.ID, s.Rev), SubmissionID: s.ID, ActorID: a.UserID, ActorName: a.Name,
		Role: a.Role, Action: action, From: from, To: to, Reason: strings.TrimSpace(reason), At: r.Now().UTC()}
}

// publish turns an approved submission into a practice, searchable at
// once and credited to the submitting unit.
func (r *Reviews) publish(ctx context.Context, s Submission) error {
	f := s.Fields
	body := SubmissionText(f)
	fields := indexer.ReadFieldsFromText(f.Title, body)
	now := s.UpdatedAt // the decision's time, the same however often this runs
	p := Practice{
		ID: s.PracticeID, Slug: Slugify(f.Title, 80), Title: f.Title, Summary: truncate(strings.Join(strings.Fields(f.Problem), " "), 300),
		Text: body, States: f.States, Districts: splitList(f.District), Years: submissionYears(f, fields.Years, now), Themes: nonNil(fields.Themes),
		Exploitation: fields.Exploitation, Laws: fields.Laws, Agencies: fields.Agencies, Figures: submissionFigures(f, fields.Figures),
		Routes: s.Routes(), Country: firstNonEmpty(fields.Country, "India"), // submitted by India's police
		Origin: OriginSubmission, Unit: s.OwnerUnit, SubmissionID: s.ID, ApprovedAt: now, Version: 1,
		Provenance: Provenance{DocumentID: "submissions", DocumentTitle: "Submitted by " + firstNonEmpty(s.OwnerUnit, s.OwnerName)},
		CreatedAt:  now, UpdatedAt: now,
	}
	// Saved already when a change is completed a second time: its id never
	// changes, and the stored one is the same practice.
	if err := r.Store.SavePractice(ctx, p); err != nil && !errors.Is(err, ErrConflict) {
		return err
	}
	return r.Service.Index.Put(ctx, []Practice{p})
}

func splitList(s string) []string {
	var out []string
	for _, x := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' }) {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

func firstNonEmpty(xs ...string) string {
	for _, x := range xs {
		if strings.TrimSpace(x) != "" {
			return strings.TrimSpace(x)
		}
	}
	return ""
}
