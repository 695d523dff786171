package kb

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// SavedPractice is a practice a user saved to read again: on a phone with
// no signal, the saved practices are among those kept for reading.
type SavedPractice struct {
	ID         string    `json:"-" bson:"_id"` // SavedID(user, practice): saving twice keeps one
	UserID     string    `json:"user_id" bson:"user_id"`
	PracticeID string    `json:"practice_id" bson:"practice_id"`
	Title      string    `json:"title" bson:"title"` // as it was when saved, for the list
	At         time.Time `json:"at" bson:"at"`
}

// SavedID is the id of a user's saving of a practice.
func SavedID(userID, practiceID string) string { return userID + "|" + practiceID }

// Follow is a search or filter a user follows: a notice comes when a
// practice published after the follow matches it.
type Follow struct {
	ID        string    `json:"id" bson:"_id"`
	UserID    string    `json:"user_id" bson:"user_id"`
	Query     Query     `json:"-" bson:"query"`
	Params    string    `json:"params" bson:"params"` // the search's address after "?", to link back and to its feed
	Label     string    `json:"label" bson:"label"`   // what the user sees: the words and filters
	CreatedAt time.Time `json:"created_at" bson:"created_at"`
}

// LibraryStore keeps saved practices and follows, and delivers notices.
type LibraryStore interface {
	AddSaved(ctx context.Context, s SavedPractice) error // saving again changes nothing
	RemoveSaved(ctx context.Context, id string) error
	SavedOf(ctx context.Context, userID string) ([]SavedPractice, error) // newest first
	AddFollow(ctx context.Context, f Follow) error
	RemoveFollow(ctx context.Context, id string) error
	FollowsOf(ctx context.Context, userID string) ([]Follow, error)
	AllFollows(ctx context.Context) ([]Follow, error)
	// AddNotice stores a notice unless one with its id is stored already.
	AddNotice(ctx context.Context, n Notice) error
}

// Library is what a user keeps: saved practices and followed searches.
type Library struct {
	Store   LibraryStore
	Service *Service
	Now     func() time.Time
}

// MaxFollows bounds one user's follows: each is a search at every pass.
const MaxFollows = 50

// Save keeps a published practice for u.
func (l *Library) Save(ctx context.Context, u User, practiceID string) error {
	p, err := l.Service.Practice(ctx, practiceID)
	if err != nil {
		return err
	}
	return l.Store.AddSaved(ctx, SavedPractice{ID: SavedID(u.ID, p.ID), UserID: u.ID, PracticeID: p.ID, Title: p.Title, At: l.Now().UTC()})
}

// Unsave forgets a saved practice.
func (l *Library) Unsave(ctx context.Context, u User, practiceID string) error {
	return l.Store.RemoveSaved(ctx, SavedID(u.ID, practiceID))
}

// Saved lists u's saved practices, newest first.
func (l *Library) Saved(ctx context.Context, u User) ([]SavedPractice, error) {
	return l.Store.SavedOf(ctx, u.ID)
}

// IsSaved reports whether u saved the practice.
func (l *Library) IsSaved(ctx context.Context, u User, practiceID string) (bool, error) {
	saved, err := l.Store.SavedOf(ctx, u.ID)
	return slices.ContainsFunc(saved, func(s SavedPractice) bool { return s.PracticeID == practiceID }), err
}

// Follow starts following a search for u; params is its address after
// "?", label what it says.
func (l *Library) Follow(ctx context.Context, u User, q Query, params, label string) (Follow, error) {
	q, err := q.Normalize()
	if err != nil {
		return Follow{}, err
	}
	q.Page, q.Sort = 1, SortNewest
	if isEmptyQuery(q) {
		return Follow{}, &ValidationError{Fields: map[string]string{"q": "Follow a search with words or a filter, such as a state or a theme."}}
	}
	have, err := l.Store.FollowsOf(ctx, u.ID)
	if err != nil {
		return Follow{}, err
	}
	for _, f := range have {
		if f.Params == params {
			return f, nil // following it already
		}
	}
	if len(have) >= MaxFollows {
		return Follow{}, &ValidationError{Fields: map[string]string{"q": fmt.Sprintf("You follow %d searches, the most one account may; stop following one first.", MaxFollows)}}
	}
	f := Follow{ID: "f" + RandomToken()[:15], UserID: u.ID, Query: q, Params: params, Label: strings.TrimSpace(label), CreatedAt: l.Now().UTC()}
	return f, l.Store.AddFollow(ctx, f)
}

// isEmptyQuery reports whether q has neither words nor a filter.
func isEmptyQuery(q Query) bool {
	if q.Text != "" {
		return false
	}
	for _, vs := range q.Filters() {
		if len(vs) > 0 {
			return false
		}
	}
	return true
}

// Unfollow stops one of u's follows.
func (l *Library) Unfollow(ctx context.Context, u User, id string) error {
	have, err := l.Store.FollowsOf(ctx, u.ID)
	if err != nil {
		return err
	}
	if !slices.ContainsFunc(have, func(f Follow) bool { return f.ID == id }) {
		return fmt.Errorf("follow %s: %w", id, ErrNotFound)
	}
	return l.Store.RemoveFollow(ctx, id)
}

// Follows lists u's follows.
func (l *Library) Follows(ctx context.Context, u User) ([]Follow, error) {
	return l.Store.FollowsOf(ctx, u.ID)
}
