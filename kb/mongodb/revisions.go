package mongodb

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// claimRevision makes one writer, in any process, the only one that may
// write revision rev of a submission: it inserts a record whose _id is
// "id:rev". The store's lock serialises writers of one process; across
// app nodes on one database a conditional replace is not enough, since
// FerretDB on PostgreSQL lets several conditional updates of one record
// win, while an insert of a unique _id has exactly one winner there and
// on MongoDB.
func (s *Store) claimRevision(ctx context.Context, id string, rev int) error {
	claim := bson.D{{Key: "_id", Value: fmt.Sprintf("%s:%d", id, rev)}, {Key: "at", Value: time.Now().UTC()}}
	_, err := s.db.Collection("revisions").InsertOne(ctx, claim)
	// A duplicate key comes back as kb.ErrConflict.
	if err = translate(err, "submission "+id); err != nil {
		return fmt.Errorf("%w: someone acted on it first (revision %d is taken)", err, rev)
	}
	return nil
}

// releaseRevision gives back a claim whose write failed, so that the
// revision can be written again. A crash between claim and write leaves
// the revision claimed and the submission at the earlier one: deleting
// the claim's record ("id:rev" in revisions) frees it.
func (s *Store) releaseRevision(id string, rev int) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, _ = s.db.Collection("revisions").DeleteOne(ctx, bson.D{{Key: "_id", Value: fmt.Sprintf("%s:%d", id, rev)}})
}
