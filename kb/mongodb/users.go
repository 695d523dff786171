package mongodb

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/compendium-kb/compendium/kb"
)

// CreateUser adds an account; an existing e-mail address is a conflict.
func (s *Store) CreateUser(ctx context.Context, u kb.User) error {
	return s.insert(ctx, "users", u, "user "+u.Email)
}

// User returns an account by id (its lower-case e-mail address).
func (s *Store) User(ctx context.Context, id string) (kb.User, error) {
	return byID[kb.User](ctx, s.db.Collection("users"), id, "user")
}

// Users lists the accounts by e-mail address.
func (s *Store) Users(ctx context.Context) ([]kb.User, error) {
	return all[kb.User](ctx, s.db.Collection("users"), bson.D{}, bson.D{{Key: "_id", Value: 1}}, 0, "users")
}

// UpdateUser replaces an account.
func (s *Store) UpdateUser(ctx context.Context, u kb.User) error {
	return s.replace(ctx, "users", u.ID, u, "user")
}

// CreateSession stores a session.
func (s *Store) CreateSession(ctx context.Context, se kb.Session) error {
	return s.insert(ctx, "sessions", se, "session")
}

// Session returns a session by the hash of its token.
func (s *Store) Session(ctx context.Context, id string) (kb.Session, error) {
	return byID[kb.Session](ctx, s.db.Collection("sessions"), id, "session")
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
	return s.insert(ctx, "tokens", t, "token")
}

// Token returns a token by its hash.
func (s *Store) Token(ctx context.Context, id string) (kb.APIToken, error) {
	return byID[kb.APIToken](ctx, s.db.Collection("tokens"), id, "token")
}

// UpdateToken replaces a token (to revoke it).
func (s *Store) UpdateToken(ctx context.Context, t kb.APIToken) error {
	return s.replace(ctx, "tokens", t.ID, t, "token")
}

// SignInAttempt returns entry n of a sign-in log, by its _id.
func (s *Store) SignInAttempt(ctx context.Context, key string, n int) (kb.SignInAttempt, error) {
	return byID[kb.SignInAttempt](ctx, s.db.Collection("signin_attempts"), fmt.Sprintf("%s:%d", key, n), "sign-in attempt")
}

// AddSignInAttempt inserts an entry of a sign-in log; its place taken
// already is kb.ErrConflict. It does not take the store's lock: the
// insert decides by itself.
func (s *Store) AddSignInAttempt(ctx context.Context, a kb.SignInAttempt) error {
	_, err := s.db.Collection("signin_attempts").InsertOne(ctx, a)
	return translate(err, "sign-in attempt "+a.ID)
}
