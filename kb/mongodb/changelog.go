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
