package mongodb

import (
	"context"
	"errors"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/compendium-kb/compendium/kb"
)

// Changes to submissions (kb/outbox.go) are records in
// submission_changes, one per revision under the _id "submissionID:rev",
// kept as the submission's history; the outbox collection lists the ids
// of those whose effects are not all done, and stays small.

type outboxEntry struct {
	ID string    `bson:"_id"`
	At time.Time `bson:"at"`
}

// ClaimChange inserts the change; a revision already taken is
// kb.ErrConflict. The insert alone decides, so it needs no lock, and it
// decides the same way between processes.
func (s *Store) ClaimChange(ctx context.Context, c kb.SubmissionChange) error {
	if _, err := s.db.Collection("submission_changes").InsertOne(ctx, c); err != nil {
		return translate(err, "submission "+c.ID)
	}
	// A crash before this line leaves the change out of the outbox; the
	// next read of the submission finds and completes it.
	_, err := s.db.Collection("outbox").InsertOne(ctx, outboxEntry{ID: c.ID, At: c.At})
	if mongo.IsDuplicateKeyError(err) {
		return nil
	}
	return translate(err, "outbox entry "+c.ID)
}

// SubmissionChange returns a recorded revision of a submission.
func (s *Store) SubmissionChange(ctx context.Context, submissionID string, rev int) (kb.SubmissionChange, error) {
	return byID[kb.SubmissionChange](ctx, s.db.Collection("submission_changes"), kb.ChangeID(submissionID, rev), "submission change")
}

// PendingChanges returns the changes listed in the outbox, oldest first.
func (s *Store) PendingChanges(ctx context.Context) ([]kb.SubmissionChange, error) {
	entries, err := all[outboxEntry](ctx, s.db.Collection("outbox"), bson.D{}, bson.D{{Key: "at", Value: 1}}, 1000, "outbox")
	if err != nil {
		return nil, err
	}
	out := make([]kb.SubmissionChange, 0, len(entries))
	for _, e := range entries {
		c, err := byID[kb.SubmissionChange](ctx, s.db.Collection("submission_changes"), e.ID, "submission change")
		if errors.Is(err, kb.ErrNotFound) {
			continue // cannot be: the change is inserted first
		}
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// ApplySubmission writes sub over an earlier revision, or as a new record;
// a record at the same or a later revision is left alone.
func (s *Store) ApplySubmission(ctx context.Context, sub kb.Submission) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	older := bson.D{{Key: "_id", Value: sub.ID}, {Key: "rev", Value: bson.D{{Key: "$lt", Value: sub.Rev}}}}
	res, err := s.submissions().ReplaceOne(ctx, older, sub)
	if err != nil {
		return translate(err, "submission "+sub.ID)
	}
	if res.MatchedCount > 0 {
		return nil
	}
	_, err = s.submissions().InsertOne(ctx, sub)
	if mongo.IsDuplicateKeyError(err) {
		return nil // the stored revision is this one or later
	}
	return translate(err, "submission "+sub.ID)
}

// FinishChange takes a change out of the outbox.
func (s *Store) FinishChange(ctx context.Context, id string) error {
	_, err := s.db.Collection("outbox").DeleteOne(ctx, bson.D{{Key: "_id", Value: id}})
	return translate(err, "outbox entry "+id)
}
