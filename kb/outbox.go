package kb

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"
)

// A change to a submission is decided and recorded in one step, then
// carried out. The step is the insert of a SubmissionChange under the
// _id "submissionID:rev": an insert of a unique _id is atomic on the
// embedded database, on FerretDB over PostgreSQL and on MongoDB, so of
// two concurrent decisions exactly one takes the revision, in whichever
// process. The record holds the submission as it becomes and all that the
// change causes (the audit entry, the officer's notice, the practice to
// publish), and its id is listed in an outbox until all of it is done.
// Each effect can be done twice without harm (fixed ids, replace only
// when older), so whoever finds a change unfinished completes it: the
// request that made it, a later read of the submission, or the pass at
// start-up and every minute after. Before, a kill -9 between approving
// and publishing left approved submissions with no practice for good.

// SubmissionChange is one revision of a submission with its effects.
type SubmissionChange struct {
	ID         string      `bson:"_id"` // submissionID:rev
	Submission Submission  `bson:"submission"`
	Audit      *AuditEntry `bson:"audit,omitempty"`
	Notice     *Notice     `bson:"notice,omitempty"`
	Publish    bool        `bson:"publish"`
	At         time.Time   `bson:"at"`
}

// ChangeID is the id of a submission's revision.
func ChangeID(submissionID string, rev int) string { return fmt.Sprintf("%s:%d", submissionID, rev) }

// ChangeStore records changes and the outbox of unfinished ones.
type ChangeStore interface {
	// ClaimChange inserts the change and lists it in the outbox;
	// ErrConflict when its revision is taken.
	ClaimChange(ctx context.Context, c SubmissionChange) error
	// SubmissionChange returns a recorded revision, or ErrNotFound.
	SubmissionChange(ctx context.Context, submissionID string, rev int) (SubmissionChange, error)
	// PendingChanges returns the changes in the outbox, oldest first.
	PendingChanges(ctx context.Context) ([]SubmissionChange, error)
	// ApplySubmission stores s unless a later revision is stored.
	ApplySubmission(ctx context.Context, s Submission) error
	// FinishChange takes a change out of the outbox.
	FinishChange(ctx context.Context, id string) error
}

// commit records s (its revision already bumped) with its effects, then
// carries them out. Once recorded, the change stands: an effect that
// fails is logged and left in the outbox to be retried.
func (r *Reviews) commit(ctx context.Context, c SubmissionChange) error {
	c.ID, c.At = ChangeID(c.Submission.ID, c.Submission.Rev), r.Now().UTC()
	if err := r.Store.ClaimChange(ctx, c); err != nil {
		return err
	}
	if err := r.complete(ctx, c); err != nil {
		r.log().Error("a recorded change is not yet complete; it will be retried", "change", c.ID, "err", err)
	}
	return nil
}

// complete carries out a change's effects, each a few times before giving
// up for now.
func (r *Reviews) complete(ctx context.Context, c SubmissionChange) error {
	steps := []func() error{
		func() error { return r.Store.ApplySubmission(ctx, c.Submission) },
	}
	if c.Audit != nil {
		steps = append(steps, func() error { return r.Store.AppendAudit(ctx, *c.Audit) })
	}
	if c.Publish {
		steps = append(steps, func() error { return r.publish(ctx, c.Submission) })
	}
	if c.Notice != nil {
		steps = append(steps, func() error { return r.Store.AddNotice(ctx, *c.Notice) })
	}
	for _, step := range steps {
		if err := retry(ctx, 3, step); err != nil {
			return err
		}
	}
	return r.Store.FinishChange(ctx, c.ID)
}

func retry(ctx context.Context, tries int, fn func() error) error {
	var err error
	for i := range tries {
		if err = fn(); err == nil {
			return nil
		}
		if i+1 < tries {
			if serr := sleepCtx(ctx, time.Duration(50<<i)*time.Millisecond); serr != nil {
				return errors.Join(err, serr)
			}
		}
	}
	return err
}

// catchUp brings a submission read from its record to its latest
// recorded revision, completing any change found unfinished.
func (r *Reviews) catchUp(ctx context.Context, s Submission) (Submission, error) {
	for {
		c, err := r.Store.SubmissionChange(ctx, s.ID, s.Rev+1)
		if errors.Is(err, ErrNotFound) {
			return s, nil
		}
		if err != nil {
			return Submission{}, err
		}
		if err := r.complete(ctx, c); err != nil {
			r.log().Error("completing a change found unfinished", "change", c.ID, "err", err)
		}
		s = c.Submission
	}
}

// CompletePending completes the changes left in the outbox (by a crash, or
// a database that failed for a moment), and says how many it completed.
// The server runs it at start and every minute.
func (r *Reviews) CompletePending(ctx context.Context) (int, error) {
	cs, err := r.Store.PendingChanges(ctx)
	if err != nil {
		return 0, err
	}
	done := 0
	var errs []error
	for _, c := range cs {
		if err := r.complete(ctx, c); err != nil {
			errs = append(errs, fmt.Errorf("change %s: %w", c.ID, err))
			continue
		}
		done++
	}
	return done, errors.Join(errs...)
}

func (r *Reviews) log() *slog.Logger {
	if r.Service != nil && r.Service.Log != nil {
		return r.Service.Log
	}
	return slog.Default()
}
