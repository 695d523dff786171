package mongodb

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// changesCollection is the ordered log of changes to the published
// practices, which every app node follows to keep its own search index in
// step with a shared database.
const changesCollection = "changes"

// Change is one entry of the change log: which practices were written or
// deleted. It names ids, not content: a node applying it reads the
// practices as they are now, so entries applied late, twice or out of
// order still leave the index as the database is.
type Change struct {
	Seq     int64     `bson:"_id"`
	Node    string    `bson:"node"` // the node that made the change
	At      time.Time `bson:"at"`
	Put     []string  `bson:"put,omitempty"`
	Deleted []string  `bson:"deleted,omitempty"`
}

// maxChangeIDs keeps an entry well under MongoDB's 16 MiB document limit
// however large an import.
const maxChangeIDs = 10_000

// AppendChange records a change under the next free sequence number,
// trying after+1 first (the caller's latest known number). The number is
// claimed by inserting the entry with it as _id: only an insert of a
// unique _id is atomic on FerretDB over PostgreSQL (its conditional
// updates let several writers win), and MongoDB honours it too. A
// duplicate key means another node took the number: try the next. A
// writer only moves past n once n's entry is committed (the unique index
// waits for it), so followers never see a gap. Large changes are split.
func (s *Store) AppendChange(ctx context.Context, c Change, after int64) (int64, error) {
	for len(c.Put) > maxChangeIDs || len(c.Deleted) > maxChangeIDs {
		first := Change{Node: c.Node, Put: c.Put[:min(len(c.Put), maxChangeIDs)], Deleted: c.Deleted[:min(len(c.Deleted), maxChangeIDs)]}
		var err error
		if after, err = s.AppendChange(ctx, first, after); err != nil {
			return after, err
		}
		c.Put, c.Deleted = c.Put[len(first.Put):], c.Deleted[len(first.Deleted):]
	}
	c.At = time.Now().UTC()
	// An entry at a number trimmed away would never be read: a writer
	// whose last known entry is gone (or who knows none) asks where the
	// log ends.
	known := false
	if after > 0 {
		var err error
		if known, err = exists(ctx, s.db.Collection(changesCollection), after); err != nil {
			return 0, err
		}
	}
	if !known {
		var err error
		if after, err = s.LastChange(ctx); err != nil {
			return 0, err
		}
	}
	for seq, tries := after+1, 0; ; seq, tries = seq+1, tries+1 {
		if tries == 64 { // far behind: ask where the log ends
			last, err := s.LastChange(ctx)
			if err != nil {
				return 0, err
			}
			seq, tries = max(seq, last+1), 0
		}
		c.Seq = seq
		_, err := s.db.Collection(changesCollection).InsertOne(ctx, c)
		if err == nil {
			return seq, nil
		}
		if !mongo.IsDuplicateKeyError(err) {
			return 0, translate(err, "change log")
		}
	}
}

// ChangeAt reads one entry by its number, a lookup by _id (the one
// FerretDB indexes); found is false past the end of the log.
func (s *Store) ChangeAt(ctx context.Context, seq int64) (c Change, found bool, err error) {
	err = s.db.Collection(changesCollection).FindOne(ctx, bson.D{{Key: "_id", Value: seq}}).Decode(&c)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return c, false, nil
	}
	return c, err == nil, translate(err, fmt.Sprintf("change %d", seq))
}

// LastChange is the number of the latest entry, 0 for an empty log. On
// FerretDB the sort reads the whole log: nodes ask at start, then follow
// entry by entry.
func (s *Store) LastChange(ctx context.Context) (int64, error) {
	var c Change
	opts := options.FindOne().SetSort(bson.D{{Key: "_id", Value: -1}}).SetProjection(bson.D{{Key: "_id", Value: 1}})
	err := s.db.Collection(changesCollection).FindOne(ctx, bson.D{}, opts).Decode(&c)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return 0, nil
	}
	return c.Seq, translate(err, "change log")
}

// TrimChanges deletes all but the newest keep entries, and says how many
// went. No node needs them: one further behind than keep rebuilds its
// index from the database (at start, or when it finds its next entry
// gone), so keep is the followers' limit. Several nodes trimming at once
// delete the same entries.
func (s *Store) TrimChanges(ctx context.Context, keep int64) (int64, error) {
	last, err := s.LastChange(ctx)
	if err != nil || last <= keep {
		return 0, err
	}
	res, err := s.db.Collection(changesCollection).DeleteMany(ctx, bson.D{{Key: "_id", Value: bson.D{{Key: "$lte", Value: last - keep}}}})
	if err != nil {
		return 0, translate(err, "trimming the change log")
	}
	return res.DeletedCount, nil
}
