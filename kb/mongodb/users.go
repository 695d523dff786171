package mongodb

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/compendium-kb/compendium/kb"
)

// CreateUser adds an account; an existing e-mail address is a conflict.
func (s *Store) CreateUser(ctx context.Context, u kb.User) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err := s.db.Collection("users").InsertOne(ctx, u)
	return translate(err, "user "+u.Email)
}

// User returns an account by id (its lower-case e-mail address).
func (s *Store) User(ctx context.Context, id string) (kb.User, error) {
	var u kb.User
	err := s.db.Collection("users").FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(&u)
	return u, translate(err, "user "+id)
}

// Users lists the accounts by e-mail address.
func (s *Store) Users(ctx context.Context) ([]kb.User, error) {
	cur, err := s.db.Collection("users").Find(ctx, bson.D{}, options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}))
	if err != nil {
		return nil, translate(err, "users")
	}
	var out []kb.User
	return out, translate(cur.All(ctx, &out), "users")
}

// UpdateUser replaces an account.
func (s *Store) UpdateUser(ctx context.Context, u kb.User) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	res, err := s.db.Collection("users").ReplaceOne(ctx, bson.D{{Key: "_id", Value: u.ID}}, u)
	if err == nil && res.MatchedCount == 0 {
		return translate(mongo.ErrNoDocuments, "user "+u.ID)
	}
	return translate(err, "user "+u.ID)
}

// CreateSession stores a session.
func (s *Store) CreateSession(ctx context.Context, se kb.Session) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err := s.db.Collection("sessions").InsertOne(ctx, se)
	return translate(err, "session")
}

// Session returns a session by the hash of its token.
func (s *Store) Session(ctx context.Context, id string) (kb.Session, error) {
	var se kb.Session
	err := s.db.Collection("sessions").FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(&se)
	return se, translate(err, "session")
}

// DeleteSession ends a session.
func (s *Store) DeleteSession(ctx context.Context, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err := s.db.Collection("sessions").DeleteOne(ctx, bson.D{{Key: "_id", Value: id}})
	return translate(err, "session")
}

// CreateToken stores an API token's hash.
func (s *Store) CreateToken(ctx context.Context, t kb.APIToken) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err := s.db.Collection("tokens").InsertOne(ctx, t)
	return translate(err, "token")
}

// Token returns a token by its hash.
func (s *Store) Token(ctx context.Context, id string) (kb.APIToken, error) {
	var t kb.APIToken
	err := s.db.Collection("tokens").FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(&t)
	return t, translate(err, "token")
}

// UpdateToken replaces a token (to revoke it).
func (s *Store) UpdateToken(ctx context.Context, t kb.APIToken) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err := s.db.Collection("tokens").ReplaceOne(ctx, bson.D{{Key: "_id", Value: t.ID}}, t)
	return translate(err, "token")
}
