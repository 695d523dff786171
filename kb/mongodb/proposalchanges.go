package mongodb

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/compendium-kb/compendium/kb"
)

// Decisions on proposals (kb/curationbox.go) are records in
// proposal_changes under the _id "proposal/{id}/{gen}/{rev}";
// curation_outbox lists those whose effects are not all done. A
// document's changes are records in document_changes, each holding the
// document as it becomes, so that a writer killed between claiming a
// revision and writing it leaves a change the next writer carries out,
// not a document no one can change again.

func (s *Store) proposalChanges() *mongo.Collection { return s.db.Collection("proposal_changes") }
func (s *Store) curationOutbox() *mongo.Collection  { return s.db.Collection("curation_outbox") }

// ClaimProposalChange lists the change in the outbox, then inserts it; a
// revision already taken is kb.ErrConflict. Listed first, a change is
// never recorded out of the outbox, where only a read of its proposal
// would find it (a kill -9 between the two inserts, the other way round,
// left proposals listed as proposed that were published). An entry whose
// change was never inserted is dropped by the outbox's pass.
func (s *Store) ClaimProposalChange(ctx context.Context, c kb.ProposalChange) error {
	_, err := s.curationOutbox().InsertOne(ctx, outboxEntry{ID: c.ID, At: c.At})
	if err != nil && !mongo.IsDuplicateKeyError(err) {
		return translate(err, "outbox entry "+c.ID)
	}
	_, err = s.proposalChanges().InsertOne(ctx, c)
	return translate(err, "decision "+c.ID)
}

// ProposalChange returns a recorded decision.
func (s *Store) ProposalChange(ctx context.Context, id string) (kb.ProposalChange, error) {
	return byID[kb.ProposalChange](ctx, s.proposalChanges(), id, "decision")
}

// PendingProposalChanges returns the decisions listed in the outbox,
// oldest first.
func (s *Store) PendingProposalChanges(ctx context.Context) ([]kb.ProposalChange, error) {
	entries, err := all[outboxEntry](ctx, s.curationOutbox(), bson.D{}, bson.D{{Key: "at", Value: 1}}, 1000, "outbox")
	if err != nil {
		return nil, err
	}
	out := make([]kb.ProposalChange, 0, len(entries))
	for _, e := range entries {
		c, err := s.ProposalChange(ctx, e.ID)
		if errors.Is(err, kb.ErrNotFound) {
			if time.Since(e.At) > time.Minute { // its claimant died before inserting it
				err = s.FinishProposalChange(ctx, e.ID)
			}
			if err = ignoreNotFound(err); err != nil {
				return nil, err
			}
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// ApplyProposal writes p over an earlier revision of its generation. A
// later revision, a new generation (a re-import) or no proposal at all
// is left alone.
func (s *Store) ApplyProposal(ctx context.Context, p kb.Proposal) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	older := bson.D{{Key: "_id", Value: p.ID}, {Key: "gen", Value: p.Gen}, {Key: "rev", Value: bson.D{{Key: "$lt", Value: p.Rev}}}}
	_, err := s.proposals().ReplaceOne(ctx, older, p)
	return translate(err, "proposal "+p.ID)
}

func ignoreNotFound(err error) error {
	if errors.Is(err, kb.ErrNotFound) {
		return nil
	}
	return err
}

// FinishProposalChange takes a decision out of the outbox.
func (s *Store) FinishProposalChange(ctx context.Context, id string) error {
	_, err := s.curationOutbox().DeleteOne(ctx, bson.D{{Key: "_id", Value: id}})
	return translate(err, "outbox entry "+id)
}

type documentChange struct {
	ID       string      `bson:"_id"`
	Document kb.Document `bson:"document"`
	At       time.Time   `bson:"at"`
}

// abandonedAfter is how old a claimed document change must be before
// another writer carries it out for its claimant: a live writer replaces
// the record within milliseconds of its claim.
const abandonedAfter = 2 * time.Second

// UpdateDocument writes d if the stored revision is d.Rev-1: the change
// is claimed first, so one of two concurrent changes wins. A claimed
// change found not written after abandonedAfter is written by whoever
// finds it, and the caller is told to read the document again.
func (s *Store) UpdateDocument(ctx context.Context, d kb.Document) error {
	cur, err := s.Document(ctx, d.ID)
	if err != nil {
		return err
	}
	if cur.Rev != d.Rev-1 {
		return fmt.Errorf("document %s: revision %d, not %d: %w", d.ID, cur.Rev, d.Rev-1, kb.ErrConflict)
	}
	key := fmt.Sprintf("document/%s/%d/%d", d.ID, d.ImportedAt.UnixNano(), d.Rev-1)
	_, err = s.db.Collection("document_changes").InsertOne(ctx, documentChange{ID: key, Document: d, At: time.Now().UTC()})
	if mongo.IsDuplicateKeyError(err) {
		return errors.Join(s.rollForward(ctx, key, cur.Rev), fmt.Errorf("document %s: revision %d taken: %w", d.ID, cur.Rev, kb.ErrConflict))
	}
	if err != nil {
		return translate(err, "document "+d.ID)
	}
	return s.writeDocument(ctx, d, d.Rev-1)
}

// rollForward writes a claimed change its claimant left unwritten.
func (s *Store) rollForward(ctx context.Context, key string, rev int) error {
	c, err := byID[documentChange](ctx, s.db.Collection("document_changes"), key, "document change")
	if errors.Is(err, kb.ErrNotFound) {
		return nil // claimed in "claims" by an earlier version, which wrote it with its claim
	}
	if err != nil || time.Since(c.At) < abandonedAfter {
		return err
	}
	return s.writeDocument(ctx, c.Document, rev)
}

// writeDocument replaces the document if it is still at revision rev.
func (s *Store) writeDocument(ctx context.Context, d kb.Document, rev int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var at any = rev
	if rev == 0 {
		at = bson.D{{Key: "$in", Value: bson.A{0, nil}}} // a record from before revisions
	}
	_, err := s.documents().ReplaceOne(ctx, bson.D{{Key: "_id", Value: d.ID}, {Key: "rev", Value: at}}, d)
	return translate(err, "document "+d.ID)
}
