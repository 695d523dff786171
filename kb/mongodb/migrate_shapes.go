package mongodb

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/compendium-kb/compendium/kb"
)

// auditIntoTrails moves audit entries kept one document each (before a
// submission's trail was one record) into their trails, then removes
// them, so that reading a trail never filters the audit collection. A
// trail that exists already holds its earlier entries: the first entry
// appended to it carried them in.
func auditIntoTrails(ctx context.Context, s *Store) error {
	old := s.db.Collection("audit")
	entries, err := all[kb.AuditEntry](ctx, old, bson.D{}, bson.D{{Key: "submission_id", Value: 1}, {Key: "at", Value: 1}}, 0, "audit")
	if err != nil {
		return err
	}
	bySubmission := map[string][]kb.AuditEntry{}
	var order []string
	for _, e := range entries {
		if bySubmission[e.SubmissionID] == nil {
			order = append(order, e.SubmissionID)
		}
		bySubmission[e.SubmissionID] = append(bySubmission[e.SubmissionID], e)
	}
	for _, id := range order {
		_, err := s.db.Collection("trails").InsertOne(ctx, trail{ID: id, Entries: bySubmission[id]})
		if err != nil && !mongo.IsDuplicateKeyError(err) {
			return translate(err, "audit trail of "+id)
		}
	}
	_, err = old.DeleteMany(ctx, bson.D{})
	return translate(err, "audit")
}

// inboxesForEveryone gives each user with notices from before inbox
// records existed a record with their unread count, so that the count is
// always one lookup by _id.
func inboxesForEveryone(ctx context.Context, s *Store) error {
	notices, err := all[kb.Notice](ctx, s.db.Collection("notices"), bson.D{}, bson.D{}, 0, "notices")
	if err != nil {
		return err
	}
	unread := map[string]int{}
	for _, n := range notices {
		unread[n.UserID] += 0 // a record also for who has read everything
		if !n.Read {
			unread[n.UserID]++
		}
	}
	for user, n := range unread {
		box := bson.D{{Key: "_id", Value: user}, {Key: "unread", Value: n}}
		if _, err := s.db.Collection("inboxes").InsertOne(ctx, box); err != nil && !mongo.IsDuplicateKeyError(err) {
			return translate(err, "inbox of "+user)
		}
	}
	return nil
}
