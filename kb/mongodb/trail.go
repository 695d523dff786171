package mongodb

import (
	"context"
	"errors"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/compendium-kb/compendium/kb"
)

// A submission's audit trail is a sequence (sequence.go) in
// trail_entries: entry n has the _id "submissionID:n". A page reads the
// trail by a few lookups by _id, where a filter on the submission would
// read every entry of every submission on the embedded database; and two
// nodes appending at once each take a number of their own, where a $push
// onto one record per submission lost entries on FerretDB over
// PostgreSQL (4 nodes appending 32 entries at once kept 18).
const trailEntries = "trail_entries"

// trailEntry is one entry of a trail under its place in the sequence.
type trailEntry struct {
	ID    string        `bson:"_id"`
	Entry kb.AuditEntry `bson:"entry"`
}

func trailPrefix(submissionID string) string { return submissionID + ":" }

// AppendAudit adds an entry at the end of its submission's trail, unless
// the trail holds it already (written before a crash, or by another
// completer of the same change). There is no way to change or remove an
// entry.
func (s *Store) AppendAudit(ctx context.Context, e kb.AuditEntry) error {
	s.mu.Lock() // a backup of the embedded database waits for the write
	defer s.mu.Unlock()
	trail, err := s.Audit(ctx, e.SubmissionID)
	for err == nil {
		for _, have := range trail {
			if have.ID == e.ID {
				return nil
			}
		}
		// Every place up to len(trail) was read and does not hold e, so
		// e is written once however many completers race.
		_, err = s.db.Collection(trailEntries).InsertOne(ctx, trailEntry{ID: seqID(trailPrefix(e.SubmissionID), int64(len(trail)+1)), Entry: e})
		if !mongo.IsDuplicateKeyError(err) {
			return translate(err, "audit trail of "+e.SubmissionID)
		}
		var more []kb.AuditEntry
		if more, err = s.trailFrom(ctx, e.SubmissionID, len(trail)+1); err == nil && len(more) == 0 {
			return fmt.Errorf("audit trail of %s: entry %d is taken, yet cannot be read", e.SubmissionID, len(trail)+1)
		}
		trail = append(trail, more...)
	}
	return err
}

// Audit returns a submission's trail, oldest first.
func (s *Store) Audit(ctx context.Context, submissionID string) ([]kb.AuditEntry, error) {
	return s.trailFrom(ctx, submissionID, 1)
}

// trailFrom reads a trail's entries from number n to the end.
func (s *Store) trailFrom(ctx context.Context, submissionID string, n int) ([]kb.AuditEntry, error) {
	out := []kb.AuditEntry{}
	for ; ; n++ {
		var te trailEntry
		err := s.db.Collection(trailEntries).FindOne(ctx, bson.D{{Key: "_id", Value: seqID(trailPrefix(submissionID), int64(n))}}).Decode(&te)
		if errors.Is(err, mongo.ErrNoDocuments) {
			return out, nil
		}
		if err != nil {
			return nil, translate(err, "audit trail of "+submissionID)
		}
		out = append(out, te.Entry)
	}
}
