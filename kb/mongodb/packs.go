package mongodb

import (
	"context"
	"errors"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/compendium-kb/compendium/kb"
)

// A pack changes by revisions. Each revision is first inserted whole into
// pack_revisions under the _id "packID:rev": an insert of a unique _id is
// the one write that FerretDB (on SQLite or PostgreSQL) and MongoDB all
// apply atomically, so of two writers of the same revision exactly one
// wins, whichever process they run in. The pack record is then replaced
// by the winner. A reader that finds later revisions than the record's
// (a writer stopped in between, or two replaces crossed) takes the last
// one, so a change that was accepted is never lost.
type packRevision struct {
	ID   string  `bson:"_id"`
	Pack kb.Pack `bson:"pack"`
}

func packRevisionID(id string, rev int) string { return fmt.Sprintf("%s:%d", id, rev) }

// CreatePack stores a new pack.
func (s *Store) CreatePack(ctx context.Context, p kb.Pack) error {
	return s.insert(ctx, "packs", p, "pack "+p.ID)
}

// Pack returns a pack by id, at its latest revision.
func (s *Store) Pack(ctx context.Context, id string) (kb.Pack, error) {
	p, err := byID[kb.Pack](ctx, s.db.Collection("packs"), id, "pack")
	if err != nil {
		return p, err
	}
	revs := s.db.Collection("pack_revisions")
	for {
		var r packRevision
		err := revs.FindOne(ctx, bson.D{{Key: "_id", Value: packRevisionID(id, p.Rev+1)}}).Decode(&r)
		if errors.Is(err, mongo.ErrNoDocuments) {
			return p, nil
		}
		if err != nil {
			return kb.Pack{}, translate(err, "pack "+id)
		}
		p = r.Pack
	}
}

// packListProjection leaves out what a list of packs does not show.
var packListProjection = bson.D{{Key: "intro", Value: 0}, {Key: "items.note", Value: 0}, {Key: "share_token", Value: 0}}

// PacksOf returns a page of a user's packs, latest change first, filtered,
// paged and projected by the database.
func (s *Store) PacksOf(ctx context.Context, ownerID string, page kb.ListPage) ([]kb.Pack, error) {
	p := page.Bounded()
	opts := options.Find().SetSort(bson.D{{Key: "updated_at", Value: -1}, {Key: "_id", Value: 1}}).
		SetSkip(int64(p.Skip())).SetLimit(int64(p.Size)).SetProjection(packListProjection)
	cur, err := s.db.Collection("packs").Find(ctx, bson.D{{Key: "owner_id", Value: ownerID}}, opts)
	if err != nil {
		return nil, translate(err, "packs")
	}
	out := []kb.Pack{}
	return out, translate(cur.All(ctx, &out), "packs")
}

// TeamPacks returns a page of the packs shared with the trainers, as
// PacksOf does. The filter scans the packs (FerretDB indexes only _id):
// packs number in the hundreds.
func (s *Store) TeamPacks(ctx context.Context, page kb.ListPage) ([]kb.Pack, error) {
	p := page.Bounded()
	opts := options.Find().SetSort(bson.D{{Key: "updated_at", Value: -1}, {Key: "_id", Value: 1}}).
		SetSkip(int64(p.Skip())).SetLimit(int64(p.Size)).SetProjection(packListProjection)
	cur, err := s.db.Collection("packs").Find(ctx, bson.D{{Key: "team", Value: true}}, opts)
	if err != nil {
		return nil, translate(err, "packs")
	}
	out := []kb.Pack{}
	return out, translate(cur.All(ctx, &out), "packs")
}

// UpdatePack stores p as revision p.Rev: the revision's insert decides,
// then the pack record follows unless a later revision is already there.
func (s *Store) UpdatePack(ctx context.Context, p kb.Pack) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	// A revision the record has passed may be pruned (PrunePackRevisions),
	// so its insert would no longer be refused: the record refuses it.
	stored, err := byID[kb.Pack](ctx, s.db.Collection("packs"), p.ID, "pack")
	if err != nil {
		return err
	}
	if stored.Rev >= p.Rev {
		return fmt.Errorf("pack %s changed meanwhile (it is at revision %d): %w", p.ID, stored.Rev, kb.ErrConflict)
	}
	_, err = s.db.Collection("pack_revisions").InsertOne(ctx, packRevision{ID: packRevisionID(p.ID, p.Rev), Pack: p})
	if mongo.IsDuplicateKeyError(err) {
		return fmt.Errorf("pack %s changed meanwhile (revision %d is taken): %w", p.ID, p.Rev, kb.ErrConflict)
	}
	if err != nil {
		return translate(err, "pack "+p.ID)
	}
	older := bson.D{{Key: "_id", Value: p.ID}, {Key: "$or", Value: bson.A{
		bson.D{{Key: "rev", Value: bson.D{{Key: "$lt", Value: p.Rev}}}},
		bson.D{{Key: "rev", Value: bson.D{{Key: "$exists", Value: false}}}}, // packs from before revisions
	}}}
	if _, err := s.db.Collection("packs").ReplaceOne(ctx, older, p); err != nil {
		return translate(err, "pack "+p.ID)
	}
	return nil
}
