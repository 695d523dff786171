package mongodb

import (
	"context"
	"errors"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/compendium-kb/compendium/kb"
)

func (s *Store) submissions() *mongo.Collection { return s.db.Collection("submissions") }

// CreateSubmission stores a new submission.
func (s *Store) CreateSubmission(ctx context.Context, sub kb.Submission) error {
	return s.insert(ctx, "submissions", sub, "submission "+sub.ID)
}

// Submission returns a submission by id.
func (s *Store) Submission(ctx context.Context, id string) (kb.Submission, error) {
	return byID[kb.Submission](ctx, s.submissions(), id, "submission")
}

// Submissions returns every submission, newest change first.
func (s *Store) Submissions(ctx context.Context) ([]kb.Submission, error) {
	return all[kb.Submission](ctx, s.submissions(), bson.D{}, bson.D{{Key: "updated_at", Value: -1}}, 0, "submissions")
}

// UpdateSubmission writes sub only if the stored revision is sub.Rev-1.
// On MongoDB the conditional replace is atomic by itself; embedded
// FerretDB applies updates without isolation (of eight concurrent
// conditional findOneAndUpdates, two or three won), so the
// check and the write also happen under the store's lock: one process
// owns the embedded database.
func (s *Store) UpdateSubmission(ctx context.Context, sub kb.Submission) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	cur, err := s.Submission(ctx, sub.ID)
	if err != nil {
		return err
	}
	if cur.Rev != sub.Rev-1 {
		return fmt.Errorf("submission %s: revision %d, not %d: %w", sub.ID, cur.Rev, sub.Rev-1, kb.ErrConflict)
	}
	res, err := s.submissions().ReplaceOne(ctx, bson.D{{Key: "_id", Value: sub.ID}, {Key: "rev", Value: sub.Rev - 1}}, sub)
	if err != nil {
		return translate(err, "submission "+sub.ID)
	}
	if res.MatchedCount == 0 {
		return fmt.Errorf("submission %s changed meanwhile: %w", sub.ID, kb.ErrConflict)
	}
	return nil
}

// trail is a submission's audit trail in one record, its _id the
// submission's: a submission page reads it with one lookup, where a
// filter on submission would read every entry of every submission on the
// embedded database. Entries are only ever appended.
type trail struct {
	ID      string          `bson:"_id"`
	Entries []kb.AuditEntry `bson:"entries"`
}

// AppendAudit adds an entry to the audit trail. There is no way to change
// or remove one.
func (s *Store) AppendAudit(ctx context.Context, e kb.AuditEntry) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	trails := s.db.Collection("trails")
	for range 2 { // a second writer may start the record first (MongoDB)
		res, err := trails.UpdateOne(ctx, bson.D{{Key: "_id", Value: e.SubmissionID}}, bson.D{{Key: "$push", Value: bson.D{{Key: "entries", Value: e}}}})
		if err != nil {
			return translate(err, "audit trail of "+e.SubmissionID)
		}
		if res.MatchedCount > 0 {
			return nil
		}
		// The first entry: the record starts with any entries kept one by
		// one before trails were records.
		earlier, err := s.legacyAudit(ctx, e.SubmissionID)
		if err != nil {
			return err
		}
		_, err = trails.InsertOne(ctx, trail{ID: e.SubmissionID, Entries: append(earlier, e)})
		if err = translate(err, "audit trail of "+e.SubmissionID); !errors.Is(err, kb.ErrConflict) {
			return err
		}
	}
	return fmt.Errorf("audit trail of %s: %w", e.SubmissionID, kb.ErrConflict)
}

// Audit returns a submission's trail, oldest first.
func (s *Store) Audit(ctx context.Context, submissionID string) ([]kb.AuditEntry, error) {
	var t trail
	err := s.db.Collection("trails").FindOne(ctx, bson.D{{Key: "_id", Value: submissionID}}).Decode(&t)
	switch {
	case err == nil && t.Entries != nil:
		return t.Entries, nil
	case err == nil:
		return []kb.AuditEntry{}, nil
	case errors.Is(err, mongo.ErrNoDocuments):
		return s.legacyAudit(ctx, submissionID)
	}
	return nil, translate(err, "audit trail of "+submissionID)
}

// legacyAudit reads the entries kept one document each, as trails were
// kept before.
func (s *Store) legacyAudit(ctx context.Context, submissionID string) ([]kb.AuditEntry, error) {
	return all[kb.AuditEntry](ctx, s.db.Collection("audit"), bson.D{{Key: "submission_id", Value: submissionID}}, bson.D{{Key: "at", Value: 1}}, 0, "audit")
}

// AddNotice stores a notice for a user and counts it unread in the
// user's inbox record.
func (s *Store) AddNotice(ctx context.Context, n kb.Notice) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.db.Collection("notices").InsertOne(ctx, n); err != nil {
		return translate(err, "notice")
	}
	return s.setUnread(ctx, n.UserID, bson.D{{Key: "$inc", Value: bson.D{{Key: "unread", Value: 1}}}})
}

// setUnread updates a user's inbox record (its _id is the user's), the
// one lookup every page makes: notices are filtered by user, which the
// embedded database answers by reading them all. The caller holds the
// write lock, so that the record and the notices change together.
func (s *Store) setUnread(ctx context.Context, userID string, update bson.D) error {
	_, err := s.db.Collection("inboxes").UpdateOne(ctx, bson.D{{Key: "_id", Value: userID}}, update, options.UpdateOne().SetUpsert(true))
	return translate(err, "inbox of "+userID)
}

// UnreadNotices counts a user's unseen notices from the inbox record; a
// user without one (notices from before it existed) is counted once from
// the notices and given one.
func (s *Store) UnreadNotices(ctx context.Context, userID string) (int, error) {
	var box struct {
		Unread int `bson:"unread"`
	}
	err := s.db.Collection("inboxes").FindOne(ctx, bson.D{{Key: "_id", Value: userID}}).Decode(&box)
	if err == nil {
		return box.Unread, nil
	}
	if !errors.Is(err, mongo.ErrNoDocuments) {
		return 0, translate(err, "inbox of "+userID)
	}
	ns, err := s.Notices(ctx, userID)
	if err != nil {
		return 0, err
	}
	unread := 0
	for _, n := range ns {
		if !n.Read {
			unread++
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return unread, s.setUnread(ctx, userID, bson.D{{Key: "$set", Value: bson.D{{Key: "unread", Value: unread}}}})
}

// Notices returns a user's notices, newest first.
func (s *Store) Notices(ctx context.Context, userID string) ([]kb.Notice, error) {
	return all[kb.Notice](ctx, s.db.Collection("notices"), bson.D{{Key: "user_id", Value: userID}}, bson.D{{Key: "at", Value: -1}}, 50, "notices")
}

// MarkNoticesRead marks a user's notices as seen.
func (s *Store) MarkNoticesRead(ctx context.Context, userID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err := s.db.Collection("notices").UpdateMany(ctx, bson.D{{Key: "user_id", Value: userID}, {Key: "read", Value: false}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "read", Value: true}}}})
	if err != nil {
		return translate(err, "notices")
	}
	return s.setUnread(ctx, userID, bson.D{{Key: "$set", Value: bson.D{{Key: "unread", Value: 0}}}})
}

// SavePractice stores one new practice (an approved submission).
func (s *Store) SavePractice(ctx context.Context, p kb.Practice) error {
	return s.insert(ctx, "practices", p, "practice "+p.ID)
}
