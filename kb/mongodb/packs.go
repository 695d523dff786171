package mongodb

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/compendium-kb/compendium/kb"
)

// CreatePack stores a new pack.
func (s *Store) CreatePack(ctx context.Context, p kb.Pack) error {
	return s.insert(ctx, "packs", p, "pack "+p.ID)
}

// Pack returns a pack by id.
func (s *Store) Pack(ctx context.Context, id string) (kb.Pack, error) {
	return byID[kb.Pack](ctx, s.db.Collection("packs"), id, "pack")
}

// Packs returns every pack, latest change first.
func (s *Store) Packs(ctx context.Context) ([]kb.Pack, error) {
	return all[kb.Pack](ctx, s.db.Collection("packs"), bson.D{}, bson.D{{Key: "updated_at", Value: -1}}, 0, "packs")
}

// UpdatePack replaces a pack.
func (s *Store) UpdatePack(ctx context.Context, p kb.Pack) error {
	return s.replace(ctx, "packs", p.ID, p, "pack")
}
