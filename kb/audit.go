package kb

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Event is one administrative action in the audit trail: who did what to
// which record, when, and what changed. Events are only ever added.
type Event struct {
	ID        string    `json:"id" bson:"_id"` // time first, so that ids sort by time
	At        time.Time `json:"at" bson:"at"`
	ActorID   string    `json:"actor_id" bson:"actor_id"`
	ActorName string    `json:"actor_name" bson:"actor_name"`
	Role      Role      `json:"role" bson:"role"`
	Action    string    `json:"action" bson:"action"`   // e.g. "proposal.publish", "user.role"
	Subject   string    `json:"subject" bson:"subject"` // the record's id
	// Title names the record as it was then: a trail of 328 "dropped the
	// proposal lxbsvoj75j" rows told a reader nothing, and a record
	// deleted for good leaves no other place to find its name.
	Title      string   `json:"title,omitempty" bson:"title,omitempty"`
	DocumentID string   `json:"document_id,omitempty" bson:"document_id,omitempty"`
	Reason     string   `json:"reason,omitempty" bson:"reason,omitempty"`
	Changes    []Change `json:"changes,omitempty" bson:"changes,omitempty"`
	// Decided lists what a bulk action decided, proposal by proposal:
	// one entry in the trail for the whole action.
	Decided []Decided `json:"decided,omitempty" bson:"decided,omitempty"`
}

// About names the record an event is about.
type About struct {
	ID         string // a proposal's, practice's, document's or account's
	Title      string // its title (an account's name) at the time
	DocumentID string // the document it belongs to, if any
}

// Decided is one proposal a bulk action decided.
type Decided struct {
	ID            string  `json:"id" bson:"id"`
	Title         string  `json:"title" bson:"title"`
	DocumentID    string  `json:"document_id" bson:"document_id"`
	DocumentTitle string  `json:"document_title,omitempty" bson:"document_title,omitempty"`
	Page          int     `json:"page" bson:"page"`
	Confidence    float64 `json:"confidence" bson:"confidence"`
}

// Change is one field's value before and after.
type Change struct {
	Field string `json:"field" bson:"field"`
	From  string `json:"from" bson:"from"`
	To    string `json:"to" bson:"to"`
}

// Words say what changed in plain words: "routes changed from “Jharkhand
// → Delhi” to “Jharkhand → Mumbai”".
func (c Change) Words() string {
	switch {
	case c.From == "":
		return fmt.Sprintf("%s set to “%s”", c.Field, c.To)
	case c.To == "":
		return fmt.Sprintf("%s cleared (was “%s”)", c.Field, c.From)
	}
	return fmt.Sprintf("%s changed from “%s” to “%s”", c.Field, c.From, c.To)
}

// EventFilter picks events: all of them when empty, newest first.
type EventFilter struct {
	DocumentID string // the document's entries, and bulk actions that decided in it
	Subject    string
	Limit      int
}

// EventStore keeps the audit trail of administrative actions.
type EventStore interface {
	AppendEvent(ctx context.Context, e Event) error
	Events(ctx context.Context, f EventFilter) ([]Event, error)
}

// Audit records administrative actions.
type Audit struct {
	Store EventStore
	Now   func() time.Time
}

// New makes an event at the current time, to be appended once the action
// it records is done.
func (a *Audit) New(actor Actor, action string, about About, reason string, changes []Change) Event {
	now := a.Now().UTC()
	return Event{ID: fmt.Sprintf("%020d-%s", now.UnixNano(), RandomToken()[:8]), At: now, ActorID: actor.UserID, ActorName: actor.Name,
		Role: actor.Role, Action: action, Subject: about.ID, Title: about.Title, DocumentID: about.DocumentID,
		Reason: strings.TrimSpace(reason), Changes: changes}
}

// Record adds an event. A trail that cannot be written fails the caller's
// request: an action that leaves no trace is not done quietly.
func (a *Audit) Record(ctx context.Context, actor Actor, action string, about About, reason string, changes []Change) (Event, error) {
	if a == nil { // an app without curation keeps no trail
		return Event{}, nil
	}
	e := a.New(actor, action, about, reason, changes)
	if err := a.Store.AppendEvent(ctx, e); err != nil {
		return e, fmt.Errorf("writing the audit trail: %w", err)
	}
	return e, nil
}

// Events returns the trail, newest first.
func (a *Audit) Events(ctx context.Context, f EventFilter) ([]Event, error) {
	evs, err := a.Store.Events(ctx, f)
	for i := range evs {
		evs[i] = evs[i].named()
	}
	return evs, err
}

// named reads an entry written before events had a title: a withdrawal
// or deletion kept the title as a change to nothing, which read
// "title cleared (was …)" in a history whose tombstone still shows it.
func (e Event) named() Event {
	switch e.Action {
	case "practice.withdraw", "practice.delete", "document.delete":
	default:
		return e
	}
	for i, c := range e.Changes {
		if c.Field == "title" && c.To == "" {
			if e.Title == "" {
				e.Title = c.From
			}
			e.Changes = append(e.Changes[:i:i], e.Changes[i+1:]...)
			break
		}
	}
	return e
}

// diffFields lists what an edit changed, field by field, in words.
func diffFields(a, b CaseFields) []Change {
	var out []Change
	add := func(name, x, y string) {
		if x != y {
			out = append(out, Change{Field: name, From: truncate(x, 300), To: truncate(y, 300)})
		}
	}
	add("title", a.Title, b.Title)
	add("pages", pageRange(a.PageStart, a.PageEnd), pageRange(b.PageStart, b.PageEnd))
	add("summary", a.Summary, b.Summary)
	add("text", a.Text, b.Text)
	add("states", strings.Join(a.States, ", "), strings.Join(b.States, ", "))
	add("districts", strings.Join(a.Districts, ", "), strings.Join(b.Districts, ", "))
	add("years", JoinInts(a.Years), JoinInts(b.Years))
	add("themes", strings.Join(a.Themes, ", "), strings.Join(b.Themes, ", "))
	add("laws", strings.Join(a.Laws, ", "), strings.Join(b.Laws, ", "))
	add("figures", FormatFigures(a.Figures), FormatFigures(b.Figures))
	add("routes", RoutesText(a.Routes), RoutesText(b.Routes))
	return out
}

func pageRange(a, b int) string {
	if b > a {
		return fmt.Sprintf("%d–%d", a, b)
	}
	return fmt.Sprint(a)
}

// eventWords say what an event's action did, as a history reads it.
var eventWords = map[string]string{
	"proposal.publish": "published the proposal", "proposal.drop": "dropped the proposal",
	"proposal.bulk_publish": "published proposals at once", "proposal.bulk_drop": "dropped proposals at once",
	"proposal.edit": "edited the proposal", "proposal.merge": "merged it with the next proposal",
	"proposal.split": "split the proposal", "proposal.reopen": "reopened the proposal",
	"practice.correct": "corrected the practice", "practice.evidence": "set the evidence label",
	"practice.withdraw": "withdrew the practice", "practice.restore": "restored the practice",
	"practice.delete": "deleted the practice for good",
	"document.import": "imported the document", "document.edit": "edited the document's details",
	"document.reread":   "read the document again",
	"document.withdraw": "withdrew the document", "document.restore": "restored the document",
	"document.delete": "deleted the document for good",
	"user.add":        "added an account", "user.role": "changed an account's role",
	"user.disable": "disabled an account", "user.enable": "enabled an account",
	"user.unlock": "cleared an account's sign-in waits",
}

// Words is the event's action in plain words: "published the proposal".
func (e Event) Words() string {
	if w, ok := eventWords[e.Action]; ok {
		return w
	}
	return strings.ReplaceAll(e.Action, ".", " ")
}
