package mongodb

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/compendium-kb/compendium/kb"
)

// CreatePack stores a new pack.
func (s *Store) CreatePack(ctx context.Context, p kb.Pack) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err := s.db.Collection("packs").InsertOne(ctx, p)
	return translate(err, "pack "+p.ID)
}

// Pack returns a pack by id.
func (s *Store) Pack(ctx context.Context, id string) (kb.Pack, error) {
	var p kb.Pack
	err := s.db.Collection("packs").FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(&p)
	return p, translate(err, "pack "+id)
}

// Packs returns every pack, latest change first.
func (s *Store) Packs(ctx context.Context) ([]kb.Pack, error) {
	cur, err := s.db.Collection("packs").Find(ctx, bson.D{}, options.Find().SetSort(bson.D{{Key: "updated_at", Value: -1}}))
	if err != nil {
		return nil, translate(err, "packs")
	}
	var out []kb.Pack
	return out, translate(cur.All(ctx, &out), "packs")
}

// UpdatePack replaces a pack.
func (s *Store) UpdatePack(ctx context.Context, p kb.Pack) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err := s.db.Collection("packs").ReplaceOne(ctx, bson.D{{Key: "_id", Value: p.ID}}, p)
	return translate(err, "pack "+p.ID)
}
