package kb

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"
)

// A decision on a proposal is recorded and carried out as a change to a
// submission is (outbox.go): one insert of a ProposalChange under the _id
// "proposal/{id}/{gen}/{rev}" decides it, holding the proposal as it
// becomes, its audit event and, for a publication, the practice. The
// effects (the proposal's record, the practice, its tombstone gone, the
// index, the document's listing, the event) are each safe to repeat and
// are carried out by the request, by the next read of the proposal, or by
// the pass at start and every minute, until the change leaves the outbox.
// Before, the proposal was written first and the rest after: ten
// reviewers publishing in one document at once left three published but
// unlisted and unsearchable ("changed by others five times in a row"),
// and a kill -9 mid-decision left proposals published with no practice,
// or stuck at a claimed revision that no write followed.

// ProposalChange is one revision of a proposal with its effects.
type ProposalChange struct {
	ID       string    `bson:"_id"`
	Proposal Proposal  `bson:"proposal"` // as it becomes
	Event    Event     `bson:"event"`
	Publish  *Practice `bson:"publish,omitempty"`
	At       time.Time `bson:"at"`
	// Grouped says a bulk action records the trail entry for this
	// decision with the others: the event goes into the proposal's
	// history only.
	Grouped bool `bson:"grouped,omitempty"`
}

// ProposalChangeID is the id of the change that takes a proposal of
// generation gen from revision rev to the next.
func ProposalChangeID(id, gen string, rev int) string {
	return fmt.Sprintf("proposal/%s/%s/%d", id, gen, rev)
}

// ProposalChangeStore records decisions on proposals and the outbox of
// those not yet carried out.
type ProposalChangeStore interface {
	// ClaimProposalChange inserts the change and lists it in the outbox;
	// ErrConflict when its revision is taken.
	ClaimProposalChange(ctx context.Context, c ProposalChange) error
	// ProposalChange returns a recorded change, or ErrNotFound.
	ProposalChange(ctx context.Context, id string) (ProposalChange, error)
	// PendingProposalChanges returns the outbox's changes, oldest first.
	PendingProposalChanges(ctx context.Context) ([]ProposalChange, error)
	// ApplyProposal writes p over an earlier revision of its generation;
	// a later revision, or another generation, is left alone.
	ApplyProposal(ctx context.Context, p Proposal) error
	// FinishProposalChange takes a change out of the outbox.
	FinishProposalChange(ctx context.Context, id string) error
}

// commitProposal records the next revision of p (its status and fields
// already changed) with e and, when publish is not nil, the practice,
// then carries it out. Once recorded the decision stands: an effect that
// fails is logged and retried later.
func (c *Curation) commitProposal(ctx context.Context, p *Proposal, e Event, publish *Practice, grouped bool) error {
	next := *p
	next.Rev++
	next.UpdatedAt = e.At
	next.History = append(append([]Event{}, p.History...), e)
	ch := ProposalChange{ID: ProposalChangeID(p.ID, p.Gen, p.Rev), Proposal: next, Event: e, Publish: publish, At: e.At, Grouped: grouped}
	if err := c.Store.ClaimProposalChange(ctx, ch); err != nil {
		if errors.Is(err, ErrConflict) {
			return fmt.Errorf("%w: someone else acted on this proposal at the same moment; reload it to see what changed", ErrConflict)
		}
		return err
	}
	*p = next
	if err := c.completeProposal(ctx, ch); err != nil {
		c.Service.log().Error("a recorded decision is not yet complete; it will be retried", "change", ch.ID, "err", err)
	}
	return nil
}

// completeProposal carries out a change's effects. The practice is
// indexed before its document lists it, so that contention on the
// document's record never leaves a published practice unsearchable.
func (c *Curation) completeProposal(ctx context.Context, ch ProposalChange) error {
	steps := []func() error{func() error { return c.Store.ApplyProposal(ctx, ch.Proposal) }}
	if p := ch.Publish; p != nil {
		steps = append(steps,
			func() error { return c.storePractice(ctx, *p) },
			func() error { return c.Service.Index.Put(ctx, []Practice{*p}) },
			func() error {
				return c.editDocument(ctx, p.Provenance.DocumentID, func(d *Document) error {
					d.Practices = union(d.Practices, []string{p.ID})
					d.Withdrawn = without(d.Withdrawn, p.ID)
					return nil
				})
			})
	}
	steps = append(steps, func() error {
		if ch.Grouped {
			return nil // the bulk action's entry names it
		}
		if err := c.Store.AppendEvent(ctx, ch.Event); !errors.Is(err, ErrConflict) {
			return err
		}
		return nil // appended by an earlier attempt
	})
	for _, step := range steps {
		if err := retry(ctx, 3, step); err != nil {
			return err
		}
	}
	return c.Store.FinishProposalChange(ctx, ch.ID)
}

// storePractice writes a published practice, over one left by an earlier
// attempt, and removes a tombstone of an earlier withdrawal.
func (c *Curation) storePractice(ctx context.Context, p Practice) error {
	if err := c.Store.SavePractice(ctx, p); errors.Is(err, ErrConflict) {
		if err := c.Store.ReplacePractice(ctx, p); err != nil {
			return err
		}
	} else if err != nil {
		return err
	}
	if err := c.Store.DeleteTombstone(ctx, p.ID); err != nil && !errors.Is(err, ErrNotFound) {
		return err
	}
	return nil
}

// proposal reads a proposal and brings it to its latest recorded
// revision, completing any decision found unfinished.
func (c *Curation) proposal(ctx context.Context, id string) (Proposal, error) {
	p, err := c.Store.Proposal(ctx, id)
	if err != nil {
		return p, err
	}
	for {
		ch, err := c.Store.ProposalChange(ctx, ProposalChangeID(p.ID, p.Gen, p.Rev))
		if errors.Is(err, ErrNotFound) {
			return p, nil
		}
		if err != nil {
			return Proposal{}, err
		}
		if err := c.completeProposal(ctx, ch); err != nil {
			c.Service.log().Error("completing a decision found unfinished", "change", ch.ID, "err", err)
		}
		p = ch.Proposal
	}
}

// CompletePending completes the decisions left in the outbox (by a crash,
// or a database that failed for a moment) and says how many. The server
// runs it at start and every minute.
func (c *Curation) CompletePending(ctx context.Context) (int, error) {
	cs, err := c.Store.PendingProposalChanges(ctx)
	if err != nil {
		return 0, err
	}
	done := 0
	var errs []error
	for _, ch := range cs {
		if err := c.completeProposal(ctx, ch); err != nil {
			errs = append(errs, fmt.Errorf("decision %s: %w", ch.ID, err))
			continue
		}
		done++
	}
	return done, errors.Join(errs...)
}

// editDocument changes a document record, reading it again when another
// change was written in between. Each change claims the document's next
// revision, so reviewers publishing in one document at once take turns:
// a wait that grows, with jitter so that they do not collide again in
// step (ten at once needed up to nine rounds; five fixed rounds left a
// third of them unlisted).
func (c *Curation) editDocument(ctx context.Context, id string, change func(*Document) error) error {
	const rounds = 30
	for i := range rounds {
		d, err := c.Service.Store.Document(ctx, id)
		if err != nil {
			return err
		}
		if err := change(&d); err != nil {
			return err
		}
		d.Rev++
		if err = c.Store.UpdateDocument(ctx, d); !errors.Is(err, ErrConflict) {
			c.Service.forgetTitles()
			return err
		}
		wait := time.Duration(5+min(i, 8)*10) * time.Millisecond
		if err := sleepCtx(ctx, wait/2+rand.N(wait)); err != nil {
			return err
		}
	}
	return fmt.Errorf("document %s: %w: changed by others %d times in a row", id, ErrConflict, rounds)
}
