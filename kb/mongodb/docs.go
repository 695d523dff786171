package mongodb

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// byID reads one document by _id, the lookup the embedded database
// indexes. what names the record in errors: "user", "pack".
func byID[T any](ctx context.Context, c *mongo.Collection, id, what string) (T, error) {
	var v T
	err := c.FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(&v)
	return v, translate(err, what+" "+id)
}

// all reads the documents that match filter, in the given order, at most
// limit of them (0: no limit).
func all[T any](ctx context.Context, c *mongo.Collection, filter, sort bson.D, limit int64, what string) ([]T, error) {
	opts := options.Find().SetSort(sort)
	if limit > 0 {
		opts.SetLimit(limit)
	}
	cur, err := c.Find(ctx, filter, opts)
	if err != nil {
		return nil, translate(err, what)
	}
	out := []T{}
	return out, translate(cur.All(ctx, &out), what)
}

// insert adds one document under the store's write lock; an existing id
// is kb.ErrConflict.
func (s *Store) insert(ctx context.Context, collection string, doc any, what string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err := s.db.Collection(collection).InsertOne(ctx, doc)
	return translate(err, what)
}

// replace writes a whole document over the one with its id, which must
// exist.
func (s *Store) replace(ctx context.Context, collection, id string, doc any, what string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	res, err := s.db.Collection(collection).ReplaceOne(ctx, bson.D{{Key: "_id", Value: id}}, doc)
	if err == nil && res.MatchedCount == 0 {
		err = mongo.ErrNoDocuments
	}
	return translate(err, what+" "+id)
}
