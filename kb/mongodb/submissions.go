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

// Submission returns a submission by id.
func (s *Store) Submission(ctx context.Context, id string) (kb.Submission, error) {
	return byID[kb.Submission](ctx, s.submissions(), id, "submission")
}

// listProjection is what a listing shows of a submission: its title,
// states and status, not its text, versions or files.
var listProjection = bson.D{
	{Key: "_id", Value: 1}, {Key: "rev", Value: 1}, {Key: "status", Value: 1}, {Key: "owner_id", Value: 1},
	{Key: "owner_name", Value: 1}, {Key: "owner_unit", Value: 1}, {Key: "fields.title", Value: 1},
	{Key: "fields.states", Value: 1}, {Key: "reviewer_id", Value: 1}, {Key: "reason", Value: 1},
	{Key: "practice_id", Value: 1}, {Key: "created_at", Value: 1}, {Key: "updated_at", Value: 1},
}

// ListSubmissions returns a page of submissions, latest change first. The
// database filters, sorts, pages and projects; on embedded FerretDB a
// filter on a field other than _id still reads the collection inside the
// database, but only the page is decoded and sent.
func (s *Store) ListSubmissions(ctx context.Context, f kb.SubmissionFilter) ([]kb.Submission, error) {
	filter := bson.D{}
	if f.OwnerID != "" {
		filter = append(filter, bson.E{Key: "owner_id", Value: f.OwnerID})
	}
	if f.Status != "" {
		filter = append(filter, bson.E{Key: "status", Value: f.Status})
	}
	p := f.Page.Bounded()
	opts := options.Find().SetSort(bson.D{{Key: "updated_at", Value: -1}, {Key: "_id", Value: 1}}).
		SetSkip(int64(p.Skip())).SetLimit(int64(p.Size)).SetProjection(listProjection)
	cur, err := s.submissions().Find(ctx, filter, opts)
	if err != nil {
		return nil, translate(err, "submissions")
	}
	out := []kb.Submission{}
	return out, translate(cur.All(ctx, &out), "submissions")
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
	var t trail
	err := trails.FindOne(ctx, bson.D{{Key: "_id", Value: e.SubmissionID}}).Decode(&t)
	if err != nil && !errors.Is(err, mongo.ErrNoDocuments) {
		return translate(err, "audit trail of "+e.SubmissionID)
	}
	for _, have := range t.Entries {
		if have.ID == e.ID {
			return nil // written before a crash or by another completer
		}
	}
	for range 2 { // a second writer may start the record first (MongoDB)
		res, err := trails.UpdateOne(ctx, bson.D{{Key: "_id", Value: e.SubmissionID}}, bson.D{{Key: "$push", Value: bson.D{{Key: "entries", Value: e}}}})
		if err != nil {
			return translate(err, "audit trail of "+e.SubmissionID)
		}
		if res.MatchedCount > 0 {
			return nil
		}
		_, err = trails.InsertOne(ctx, trail{ID: e.SubmissionID, Entries: []kb.AuditEntry{e}})
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
		return []kb.AuditEntry{}, nil
	}
	return nil, translate(err, "audit trail of "+submissionID)
}

// AddNotice stores a notice for a user and counts it unread in the
// user's inbox record.
func (s *Store) AddNotice(ctx context.Context, n kb.Notice) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.db.Collection("notices").InsertOne(ctx, n); mongo.IsDuplicateKeyError(err) {
		return nil // written before a crash or by another completer
	} else if err != nil {
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
// user without one has had no notice (a migration gave one to every user
// with notices from before the records).
func (s *Store) UnreadNotices(ctx context.Context, userID string) (int, error) {
	var box struct {
		Unread int `bson:"unread"`
	}
	err := s.db.Collection("inboxes").FindOne(ctx, bson.D{{Key: "_id", Value: userID}}).Decode(&box)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return 0, nil
	}
	return box.Unread, translate(err, "inbox of "+userID)
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
