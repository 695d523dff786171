package kb

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
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
	Lessons   string   `json:"lessons" bson:"lessons"` // and what others need to replicate it
	Laws      string   `json:"laws" bson:"laws"`
	Partners  string   `json:"partners" bson:"partners"`
	Contact   string   `json:"contact" bson:"contact"`
	Links     []string `json:"links" bson:"links"`
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
	CreatedAt  time.Time        `json:"created_at" bson:"created_at"`
	UpdatedAt  time.Time        `json:"updated_at" bson:"updated_at"`
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
	At           time.Time `json:"at" bson:"at"`
}

// Notice tells a user that something happened to their submission.
type Notice struct {
	ID           string    `json:"id" bson:"_id"`
	UserID       string    `json:"user_id" bson:"user_id"`
	SubmissionID string    `json:"submission_id" bson:"submission_id"`
	Text         string    `json:"text" bson:"text"`
	At           time.Time `json:"at" bson:"at"`
	Read         bool      `json:"read" bson:"read"`
}

// SubmissionStore keeps submissions, their audit trail and notices.
type SubmissionStore interface {
	CreateSubmission(ctx context.Context, s Submission) error
	Submission(ctx context.Context, id string) (Submission, error)
	Submissions(ctx context.Context) ([]Submission, error)
	// UpdateSubmission stores s if the stored revision is still s.Rev-1,
	// and fails with ErrConflict otherwise: of two writers, one wins.
	UpdateSubmission(ctx context.Context, s Submission) error
	AppendAudit(ctx context.Context, e AuditEntry) error
	Audit(ctx context.Context, submissionID string) ([]AuditEntry, error)
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

const maxField = 20000

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
	if len(f.Title) > 200 {
		problems["title"] = "Keep the title under 200 characters."
	}
	for name, v := range map[string]string{"district": f.District, "unit": f.Unit, "period": f.Period, "problem": f.Problem,
		"action": f.Action, "results": f.Results, "resources": f.Resources, "lessons": f.Lessons, "laws": f.Laws,
		"partners": f.Partners, "contact": f.Contact} {
		if len(v) > maxField {
			problems[name] = fmt.Sprintf("Keep this under %d characters; attach a PDF for more.", maxField)
		}
	}
	for _, s := range f.States {
		if indexer.StateOf(s) == "" {
			problems["states"] = fmt.Sprintf("%q is not a state or union territory of India.", truncate(s, 40))
		}
	}
	if len(f.Links) > 10 {
		problems["links"] = "Give at most 10 links."
	}
	for _, l := range f.Links {
		u, err := url.Parse(l)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(l) > 500 {
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
	for _, p := range []*string{&f.Title, &f.District, &f.Unit, &f.Period, &f.Problem, &f.Action, &f.Results, &f.Resources, &f.Lessons, &f.Laws, &f.Partners, &f.Contact} {
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
}

// Create saves a new draft.
func (r *Reviews) Create(ctx context.Context, u User, f SubmissionFields) (Submission, error) {
	f = f.normalize()
	if err := f.Validate(false); err != nil {
		return Submission{}, err
	}
	now := r.Now().UTC()
	s := Submission{ID: "s" + RandomToken()[:11], Rev: 1, Status: StatusDraft, OwnerID: u.ID, OwnerName: u.Name,
		OwnerUnit: firstNonEmpty(f.Unit, u.Unit), Fields: f, CreatedAt: now, UpdatedAt: now}
	if err := r.Store.CreateSubmission(ctx, s); err != nil {
		return Submission{}, err
	}
	r.audit(ctx, s, u.Actor(), ActionCreate, "", StatusDraft, "")
	return s, nil
}

// Get returns a submission its owner or a reviewer may see.
func (r *Reviews) Get(ctx context.Context, u User, id string) (Submission, error) {
	s, err := r.Store.Submission(ctx, id)
	if err != nil {
		return Submission{}, err
	}
	if s.OwnerID != u.ID && !u.Role.CanReview() {
		return Submission{}, fmt.Errorf("submission %s: %w", id, ErrNotFound) // do not confirm it exists
	}
	return s, nil
}

// List returns the submissions a user may see, newest first: an officer's
// own; for reviewers, everyone's. status filters when not empty.
func (r *Reviews) List(ctx context.Context, u User, status Status) ([]Submission, error) {
	all, err := r.Store.Submissions(ctx)
	if err != nil {
		return nil, err
	}
	out := []Submission{}
	for _, s := range all {
		if (s.OwnerID == u.ID || u.Role.CanReview()) && (status == "" || s.Status == status) {
			out = append(out, s)
		}
	}
	return out, nil
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
	f = f.normalize()
	if err := f.Validate(false); err != nil {
		return Submission{}, err
	}
	s.Fields, s.OwnerUnit = f, firstNonEmpty(f.Unit, s.OwnerUnit)
	return s, r.save(ctx, &s)
}

// Act applies a workflow action. Exactly one of two concurrent actions on
// the same submission wins; the other gets ErrConflict.
func (r *Reviews) Act(ctx context.Context, u User, id string, a Action, reason string) (Submission, error) {
	s, err := r.Get(ctx, u, id)
	if err != nil {
		return Submission{}, err
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
		s.Reason = ""
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
	if err := r.save(ctx, &s); err != nil {
		if errors.Is(err, ErrConflict) {
			return Submission{}, fmt.Errorf("%w: someone else acted on this submission at the same moment; reload it to see what changed", ErrConflict)
		}
		return Submission{}, err
	}
	r.audit(ctx, s, u.Actor(), a, from, to, reason)
	if a == ActionApprove {
		if err := r.publish(ctx, s); err != nil {
			return s, fmt.Errorf("approved, but publishing failed (run reindex): %w", err)
		}
	}
	if s.OwnerID != u.ID {
		text := fmt.Sprintf("Your submission “%s” is now %s.", s.Fields.Title, to.Label())
		if s.Reason != "" {
			text += " Reason: " + s.Reason
		}
		_ = r.Store.AddNotice(ctx, Notice{ID: "n" + RandomToken()[:11], UserID: s.OwnerID, SubmissionID: s.ID, Text: text, At: r.Now().UTC()})
	}
	return s, nil
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

// Attach adds a supporting PDF to a submission its owner may still edit.
// The file must be a PDF by its content, not its name; its text is read
// with the indexer, in a worker process like every upload.
func (r *Reviews) Attach(ctx context.Context, u User, id, name string, data []byte) (Submission, error) {
	s, err := r.Get(ctx, u, id)
	if err != nil {
		return Submission{}, err
	}
	if _, err := Transition(s.Status, ActionEdit, u.Actor(), s.OwnerID, ""); err != nil {
		return Submission{}, err
	}
	name = truncate(strings.TrimSpace(strings.ReplaceAll(name, "/", "_")), 120)
	bad := func(msg string) (Submission, error) {
		return Submission{}, &ValidationError{Fields: map[string]string{"files": msg}}
	}
	switch {
	case len(s.Files) >= MaxAttachments:
		return bad(fmt.Sprintf("A submission takes at most %d files.", MaxAttachments))
	case len(data) > MaxAttachmentBytes:
		return bad(fmt.Sprintf("%s is larger than %d MB.", name, MaxAttachmentBytes>>20))
	case !bytes.HasPrefix(bytes.TrimLeft(data[:min(len(data), 1024)], "\x00\t\r\n \xef\xbb\xbf"), []byte("%PDF-")):
		return bad(fmt.Sprintf("%s is not a PDF file (only PDFs are accepted).", name))
	}
	sum := sha256.Sum256(data)
	a := Attachment{Name: name, SHA256: hex.EncodeToString(sum[:]), Size: int64(len(data)), AddedAt: r.Now().UTC()}
	doc, err := r.Service.Extract.Extract(ctx, name, data)
	switch c := indexer.ClassOf(err); {
	case err == nil:
		a.Pages, a.Text = doc.Pages, truncate(doc.Text(), maxAttachmentText)
	case c == indexer.ClassNoText:
		a.Note = "no text layer (scanned?)"
	case c != "":
		return bad(fmt.Sprintf("%s cannot be read: %v", name, errors.Unwrap(err)))
	default:
		return Submission{}, err
	}
	if err := r.Store.PutFile(ctx, a.SHA256, data); err != nil {
		return Submission{}, err
	}
	s.Files = append(s.Files, a)
	return s, r.save(ctx, &s)
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

func (r *Reviews) save(ctx context.Context, s *Submission) error {
	s.Rev++
	s.UpdatedAt = r.Now().UTC()
	if err := r.Store.UpdateSubmission(ctx, *s); err != nil {
		s.Rev--
		return err
	}
	return nil
}

func (r *Reviews) audit(ctx context.Context, s Submission, a Actor, action Action, from, to Status, reason string) {
	_ = r.Store.AppendAudit(ctx, AuditEntry{ID: "a" + RandomToken()[:15], SubmissionID: s.ID, ActorID: a.UserID, ActorName: a.Name,
		Role: a.Role, Action: action, From: from, To: to, Reason: strings.TrimSpace(reason), At: r.Now().UTC()})
}

// publish turns an approved submission into a practice, searchable at
// once and credited to the submitting unit.
func (r *Reviews) publish(ctx context.Context, s Submission) error {
	f := s.Fields
	var text strings.Builder
	for _, part := range []struct{ head, body string }{
		{"Problem", f.Problem}, {"What was done", f.Action}, {"Results", f.Results}, {"Resources used", f.Resources},
		{"Lessons and replication", f.Lessons}, {"Laws used", f.Laws}, {"Partners", f.Partners},
	} {
		if strings.TrimSpace(part.body) != "" {
			fmt.Fprintf(&text, "%s\n\n%s\n\n", part.head, strings.TrimSpace(part.body))
		}
	}
	body := strings.TrimSpace(text.String())
	fields := indexer.ReadFieldsFromText(f.Title, body)
	now := r.Now().UTC()
	p := Practice{
		ID: s.PracticeID, Slug: Slugify(f.Title, 80), Title: f.Title, Summary: truncate(strings.Join(strings.Fields(f.Problem), " "), 300),
		Text: body, States: f.States, Districts: splitList(f.District), Years: fields.Years, Themes: nonNil(fields.Themes),
		Exploitation: fields.Exploitation, Laws: fields.Laws, Agencies: fields.Agencies, Figures: FiguresFrom(fields.Figures),
		Origin: OriginSubmission, Unit: s.OwnerUnit, SubmissionID: s.ID, ApprovedAt: now, Version: 1,
		Provenance: Provenance{DocumentID: "submissions", DocumentTitle: "Submitted by " + firstNonEmpty(s.OwnerUnit, s.OwnerName)},
		CreatedAt:  now, UpdatedAt: now,
	}
	if err := r.Store.SavePractice(ctx, p); err != nil {
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
