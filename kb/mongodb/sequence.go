package mongodb

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// A sequence is a run of records with the _ids PREFIX1, PREFIX2, … in a
// collection, each added by an insert of the next number. On FerretDB
// over PostgreSQL only an insert of a unique _id is atomic (100
// concurrent $inc of one field ended at 7; a $push from each of several
// nodes loses entries the same way), so whatever several nodes add to
// (a submission's trail, a user's unread notices) is a sequence: of two
// writers of one number exactly one wins, and the other takes the next.
// Numbers are taken in order with no gap, so the end is found by
// looking records up by _id, the one lookup FerretDB indexes.

// seqID is the _id of record n of a sequence.
func seqID(prefix string, n int64) string { return fmt.Sprintf("%s%d", prefix, n) }

// sequenceEnds remembers the last end seen of each sequence, so that
// finding it again costs a lookup or two.
type sequenceEnds struct {
	mu   sync.Mutex
	ends map[string]int64
}

func (e *sequenceEnds) get(key string) int64 {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.ends[key]
}

func (e *sequenceEnds) set(key string, n int64) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.ends == nil || len(e.ends) > 100_000 { // forget rather than grow without end
		e.ends = map[string]int64{}
	}
	e.ends[key] = max(e.ends[key], n)
}

// exists says whether a record with the _id is stored.
func exists(ctx context.Context, c *mongo.Collection, id any) (bool, error) {
	var rec bson.Raw
	opts := options.FindOne().SetProjection(bson.D{{Key: "_id", Value: 1}})
	err := c.FindOne(ctx, bson.D{{Key: "_id", Value: id}}, opts).Decode(&rec)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return false, nil
	}
	return err == nil, translate(err, fmt.Sprint(c.Name(), " ", id))
}

// sequenceEnd returns the number of a sequence's last record, 0 when it
// has none: from the last end seen, doubling forward, then halving.
func (s *Store) sequenceEnd(ctx context.Context, c *mongo.Collection, prefix string) (int64, error) {
	key := c.Name() + "/" + prefix
	lo := s.ends.get(key) // a record known to exist (0: none)
	hi := lo + 1
	for step := int64(1); ; step *= 2 {
		ok, err := exists(ctx, c, seqID(prefix, hi))
		if err != nil {
			return 0, err
		}
		if !ok {
			break
		}
		lo, hi = hi, hi+step*2
	}
	for hi-lo > 1 { // lo exists (or is 0), hi does not
		mid := (lo + hi) / 2
		ok, err := exists(ctx, c, seqID(prefix, mid))
		if err != nil {
			return 0, err
		}
		if ok {
			lo = mid
		} else {
			hi = mid
		}
	}
	s.ends.set(key, lo)
	return lo, nil
}

// appendToSequence inserts the record that rec makes for number n, at
// the first free number after `after`, and returns that number.
func (s *Store) appendToSequence(ctx context.Context, c *mongo.Collection, prefix string, after int64, rec func(n int64) any) (int64, error) {
	for n := after + 1; ; n++ {
		_, err := c.InsertOne(ctx, rec(n))
		if err == nil {
			s.ends.set(c.Name()+"/"+prefix, n)
			return n, nil
		}
		if !mongo.IsDuplicateKeyError(err) {
			return 0, translate(err, c.Name()+" "+seqID(prefix, n))
		}
		if err := ctx.Err(); err != nil {
			return 0, err
		}
	}
}
