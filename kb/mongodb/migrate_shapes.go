package mongodb

import (
	"context"
	"slices"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/compendium-kb/compendium/kb"
)

// Record shapes of earlier versions, read only here: each step moves
// them to the current shape and removes them. A backup from an earlier
// version is restored with its schema version, so these steps run on it.

// oldTrail is a submission's trail as one record (schema versions 4 to
// 5), its _id the submission's.
type oldTrail struct {
	ID      string          `bson:"_id"`
	Entries []kb.AuditEntry `bson:"entries"`
}

// auditIntoTrails moves audit entries kept one document each (before
// schema version 4) into trail records, which trailsIntoEntries then
// moves on. A trail that exists already holds its earlier entries: the
// first entry appended to it carried them in.
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
		_, err := s.db.Collection("trails").InsertOne(ctx, oldTrail{ID: id, Entries: bySubmission[id]})
		if err != nil && !mongo.IsDuplicateKeyError(err) {
			return translate(err, "audit trail of "+id)
		}
	}
	return translate(old.Drop(ctx), "audit")
}

// trailsIntoEntries moves each trail record's entries to records of
// their own, in order, then drops the trail records. Two nodes running it
// at once write the same _ids; the second's inserts are refused.
func trailsIntoEntries(ctx context.Context, s *Store) error {
	old := s.db.Collection("trails")
	trails, err := all[oldTrail](ctx, old, bson.D{}, bson.D{}, 0, "trails")
	if err != nil {
		return err
	}
	for _, t := range trails {
		for i, e := range t.Entries {
			_, err := s.db.Collection(trailEntries).InsertOne(ctx, trailEntry{ID: seqID(trailPrefix(t.ID), int64(i+1)), Entry: e})
			if err != nil && !mongo.IsDuplicateKeyError(err) {
				return translate(err, "audit trail of "+t.ID)
			}
		}
	}
	return translate(old.Drop(ctx), "trails")
}

// inboxesIntoMarks counts every user's notices by marks: the read ones
// first, then the unread, each in time order, with a read mark up to the
// last read one; then it drops the counters kept before (schema versions
// 5 and 6), which the notices' read flags agree with.
func inboxesIntoMarks(ctx context.Context, s *Store) error {
	notices, err := all[kb.Notice](ctx, s.db.Collection("notices"), bson.D{}, bson.D{{Key: "at", Value: 1}, {Key: "_id", Value: 1}}, 0, "notices")
	if err != nil {
		return err
	}
	byUser := map[string][]kb.Notice{}
	for _, n := range notices {
		byUser[n.UserID] = append(byUser[n.UserID], n)
	}
	marks := s.db.Collection(inboxMarks)
	for user, ns := range byUser {
		slices.SortStableFunc(ns, func(a, b kb.Notice) int { return boolOrder(!a.Read) - boolOrder(!b.Read) })
		docs := []any{}
		read := int64(0)
		for i, n := range ns {
			docs = append(docs, inboxMark{ID: seqID(noticePrefix(user), int64(i+1)), Notice: n.ID})
			if n.Read {
				read = int64(i + 1)
			}
		}
		if read > 0 {
			docs = append(docs, inboxMark{ID: seqID(readPrefix(user), 1), Upto: read})
		}
		for _, d := range docs {
			if _, err := marks.InsertOne(ctx, d); err != nil && !mongo.IsDuplicateKeyError(err) {
				return translate(err, "inbox marks of "+user)
			}
		}
	}
	return translate(s.db.Collection("inboxes").Drop(ctx), "inboxes")
}

func boolOrder(b bool) int {
	if b {
		return 1
	}
	return 0
}
