package kb

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Withdrawal says who withdrew a record, when and why.
type Withdrawal struct {
	Reason string    `json:"reason" bson:"reason"`
	ByID   string    `json:"by_id" bson:"by_id"`
	ByName string    `json:"by" bson:"by_name"`
	At     time.Time `json:"at" bson:"at"`
}

// Tombstone is a withdrawn practice: gone from search, its permanent
// address answering 410 with what it was and why it went. The practice is
// kept, so that an admin can restore it.
type Tombstone struct {
	ID         string     `json:"id" bson:"_id"`
	Practice   Practice   `json:"practice" bson:"practice"`
	Withdrawal Withdrawal `json:"withdrawal" bson:"withdrawal"`
	ByDocument bool       `json:"by_document,omitempty" bson:"by_document,omitempty"` // the whole document was withdrawn
}

// RecordState is where a published record stands.
type RecordState string

// The states of a published practice or document.
const (
	RecordLive      RecordState = "live"
	RecordWithdrawn RecordState = "withdrawn"
	RecordDeleted   RecordState = "deleted"
)

// RecordAction is something done to a published practice or document.
type RecordAction string

// The actions on published records.
const (
	RecordCorrect  RecordAction = "correct"
	RecordEvidence RecordAction = "evidence"
	RecordWithdraw RecordAction = "withdraw"
	RecordRestore  RecordAction = "restore"
	RecordDelete   RecordAction = "delete"
)

// TransitionRecord is the life of a published record as a pure function:
// reviewers correct, grade and withdraw (with a reason); only admins
// restore and delete for good (with a reason). ErrForbidden, ErrConflict,
// ErrBadRequest or a ValidationError say why not.
func TransitionRecord(from RecordState, a RecordAction, actor Actor, reason string) (RecordState, error) {
	conflict := func() (RecordState, error) {
		return from, fmt.Errorf("%w: a %s record cannot be %s", ErrConflict, from, recordPast[a])
	}
	if _, ok := recordPast[a]; !ok {
		return from, fmt.Errorf("%w: unknown action %q", ErrBadRequest, a)
	}
	if !actor.Role.CanReview() || (a == RecordRestore || a == RecordDelete) && actor.Role != RoleAdmin {
		return from, fmt.Errorf("%w: only %s may %s a published record", ErrForbidden, recordWho[a], a)
	}
	if (a == RecordWithdraw || a == RecordDelete) && strings.TrimSpace(reason) == "" {
		return from, &ValidationError{Fields: map[string]string{"reason": "Say why, so that readers of the old link know."}}
	}
	switch {
	case from == RecordDeleted:
		return conflict()
	case a == RecordDelete:
		return RecordDeleted, nil
	case a == RecordRestore && from == RecordWithdrawn:
		return RecordLive, nil
	case a == RecordWithdraw && from == RecordLive:
		return RecordWithdrawn, nil
	case (a == RecordCorrect || a == RecordEvidence) && from == RecordLive:
		return RecordLive, nil
	}
	return conflict()
}

var recordPast = map[RecordAction]string{RecordCorrect: "corrected", RecordEvidence: "graded", RecordWithdraw: "withdrawn",
	RecordRestore: "restored", RecordDelete: "deleted"}

var recordWho = map[RecordAction]string{RecordCorrect: "reviewers", RecordEvidence: "reviewers", RecordWithdraw: "reviewers",
	RecordRestore: "admins", RecordDelete: "admins"}

// Tombstone returns a withdrawn practice.
func (c *Curation) Tombstone(ctx context.Context, id string) (Tombstone, error) {
	return c.Store.Tombstone(ctx, id)
}

// WithdrawPractice takes a practice out of search at once; its address
// answers 410 with the reason until an admin restores it.
func (c *Curation) WithdrawPractice(ctx context.Context, u User, id, reason string) (Tombstone, error) {
	if _, err := TransitionRecord(c.practiceState(ctx, id), RecordWithdraw, u.Actor(), reason); err != nil {
		return Tombstone{}, err
	}
	p, err := c.Service.Store.Practice(ctx, id)
	if err != nil {
		return Tombstone{}, err
	}
	t := Tombstone{ID: id, Practice: p, Withdrawal: c.withdrawal(u, reason)}
	if err := c.bury(ctx, t); err != nil {
		return t, err
	}
	if p.Provenance.DocumentID != "" && p.Origin == "" {
		if err := c.editDocument(ctx, p.Provenance.DocumentID, func(d *Document) error {
			d.Practices, d.Withdrawn = without(d.Practices, id), union(d.Withdrawn, []string{id})
			return nil
		}); err != nil {
			return t, err
		}
	}
	_, err = c.Audit.Record(ctx, u.Actor(), "practice.withdraw", p.about(), reason, nil)
	return t, err
}

// bury moves a practice to its tombstone. The tombstone's insert is the
// one step that can happen once: of two reviewers withdrawing at the same
// moment, the second gets ErrConflict.
func (c *Curation) bury(ctx context.Context, t Tombstone) error {
	if err := c.Store.PutTombstone(ctx, t); err != nil {
		if errors.Is(err, ErrConflict) {
			return fmt.Errorf("%w: “%s” is already withdrawn", ErrConflict, t.Practice.Title)
		}
		return err
	}
	if err := c.Store.DeletePractice(ctx, t.ID); err != nil && !errors.Is(err, ErrNotFound) {
		return err
	}
	return c.Service.Index.Delete(ctx, []string{t.ID})
}

// RestorePractice puts a withdrawn practice back, searchable at once.
func (c *Curation) RestorePractice(ctx context.Context, u User, id string) (Practice, error) {
	t, err := c.Store.Tombstone(ctx, id)
	if err != nil {
		return Practice{}, err
	}
	if _, err := TransitionRecord(RecordWithdrawn, RecordRestore, u.Actor(), ""); err != nil {
		return Practice{}, err
	}
	if t.ByDocument {
		return Practice{}, fmt.Errorf("%w: the whole document was withdrawn; restore the document", ErrConflict)
	}
	if err := c.raise(ctx, t); err != nil {
		return Practice{}, err
	}
	if t.Practice.Origin == "" {
		if err := c.editDocument(ctx, t.Practice.Provenance.DocumentID, func(d *Document) error {
			d.Practices, d.Withdrawn = union(d.Practices, []string{id}), without(d.Withdrawn, id)
			return nil
		}); err != nil {
			return t.Practice, err
		}
	}
	_, err = c.Audit.Record(ctx, u.Actor(), "practice.restore", t.Practice.about(), "", nil)
	return t.Practice, err
}

// raise moves a tombstone's practice back to the published practices.
func (c *Curation) raise(ctx context.Context, t Tombstone) error {
	if err := c.Store.SavePractice(ctx, t.Practice); err != nil && !errors.Is(err, ErrConflict) {
		return err
	}
	if err := c.Store.DeleteTombstone(ctx, t.ID); err != nil && !errors.Is(err, ErrNotFound) {
		return err
	}
	return c.Service.Index.Put(ctx, []Practice{t.Practice})
}

// WithdrawDocument withdraws a document with all its practices.
func (c *Curation) WithdrawDocument(ctx context.Context, u User, id, reason string) (Document, error) {
	w := c.withdrawal(u, reason)
	var doc Document
	err := c.editDocument(ctx, id, func(d *Document) error {
		state := RecordLive
		if d.Withdrawal != nil {
			state = RecordWithdrawn
		}
		if _, err := TransitionRecord(state, RecordWithdraw, u.Actor(), reason); err != nil {
			return err
		}
		d.Withdrawal = &w
		doc = *d
		return nil
	})
	if err != nil {
		return doc, err
	}
	ps, err := c.Service.Store.Practices(ctx, doc.Practices)
	if err != nil {
		return doc, err
	}
	for _, p := range ps {
		if err := c.bury(ctx, Tombstone{ID: p.ID, Practice: p, Withdrawal: w, ByDocument: true}); err != nil && !errors.Is(err, ErrConflict) {
			return doc, err
		}
	}
	_, err = c.Audit.Record(ctx, u.Actor(), "document.withdraw", doc.about(), reason, []Change{{Field: "practices withdrawn", To: fmt.Sprint(len(ps))}})
	return doc, err
}

// RestoreDocument puts a withdrawn document and the practices withdrawn
// with it back.
func (c *Curation) RestoreDocument(ctx context.Context, u User, id string) (Document, error) {
	var doc Document
	err := c.editDocument(ctx, id, func(d *Document) error {
		state := RecordLive
		if d.Withdrawal != nil {
			state = RecordWithdrawn
		}
		if _, err := TransitionRecord(state, RecordRestore, u.Actor(), ""); err != nil {
			return err
		}
		d.Withdrawal = nil
		doc = *d
		return nil
	})
	if err != nil {
		return doc, err
	}
	for _, pid := range doc.Practices {
		t, err := c.Store.Tombstone(ctx, pid)
		if errors.Is(err, ErrNotFound) || err == nil && !t.ByDocument {
			continue
		}
		if err != nil {
			return doc, err
		}
		if err := c.raise(ctx, t); err != nil {
			return doc, err
		}
	}
	_, err = c.Audit.Record(ctx, u.Actor(), "document.restore", doc.about(), "", nil)
	return doc, err
}

// Withdrawn reports whether a practice was withdrawn (and not restored):
// its proposal still says "published", the public record does not.
func (c *Curation) Withdrawn(ctx context.Context, id string) bool {
	return c.practiceState(ctx, id) == RecordWithdrawn
}

func (c *Curation) practiceState(ctx context.Context, id string) RecordState {
	if _, err := c.Store.Tombstone(ctx, id); err == nil {
		return RecordWithdrawn
	}
	return RecordLive
}

func (c *Curation) withdrawal(u User, reason string) Withdrawal {
	return Withdrawal{Reason: strings.TrimSpace(reason), ByID: u.ID, ByName: u.Name, At: c.Now().UTC()}
}
