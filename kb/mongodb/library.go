package mongodb

import (
	"context"
	"errors"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/compendium-kb/compendium/kb"
)

// Saved practices and follows are inserted under ids that say what they
// are (a saving is "user|practice"), so saving twice, from two phones or
// two nodes, keeps one. Listing a user's filters on user_id, a scan on
// FerretDB (it indexes only _id): an officer keeps tens, and the saved
// collection grows with users times their savings, read once a page.

// AddSaved keeps a saved practice; one saved already is left as it is.
func (s *Store) AddSaved(ctx context.Context, sp kb.SavedPractice) error {
	if err := s.insert(ctx, "saved", sp, "saved practice"); err != nil && !errors.Is(err, kb.ErrConflict) {
		return err
	}
	return nil
}

// RemoveSaved forgets a saved practice; one not saved is no error.
func (s *Store) RemoveSaved(ctx context.Context, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err := s.db.Collection("saved").DeleteOne(ctx, bson.D{{Key: "_id", Value: id}})
	return translate(err, "saved practice")
}

// SavedOf lists a user's saved practices, newest first.
func (s *Store) SavedOf(ctx context.Context, userID string) ([]kb.SavedPractice, error) {
	return all[kb.SavedPractice](ctx, s.db.Collection("saved"), bson.D{{Key: "user_id", Value: userID}},
		bson.D{{Key: "at", Value: -1}, {Key: "_id", Value: 1}}, int64(kb.MaxListSize), "saved practices")
}

// AddFollow stores a follow.
func (s *Store) AddFollow(ctx context.Context, f kb.Follow) error {
	return s.insert(ctx, "follows", f, "follow "+f.ID)
}

// RemoveFollow deletes a follow.
func (s *Store) RemoveFollow(ctx context.Context, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err := s.db.Collection("follows").DeleteOne(ctx, bson.D{{Key: "_id", Value: id}})
	return translate(err, "follow "+id)
}

// FollowsOf lists a user's follows, oldest first.
func (s *Store) FollowsOf(ctx context.Context, userID string) ([]kb.Follow, error) {
	return all[kb.Follow](ctx, s.db.Collection("follows"), bson.D{{Key: "user_id", Value: userID}},
		bson.D{{Key: "created_at", Value: 1}, {Key: "_id", Value: 1}}, 0, "follows")
}

// AllFollows lists every follow, for the pass that tells followers.
func (s *Store) AllFollows(ctx context.Context) ([]kb.Follow, error) {
	return all[kb.Follow](ctx, s.db.Collection("follows"), bson.D{}, bson.D{{Key: "_id", Value: 1}}, 0, "follows")
}
