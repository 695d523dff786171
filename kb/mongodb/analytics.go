package mongodb

import (
	"context"
	"errors"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/compendium-kb/compendium/kb"
)

// settingsID is the one settings document's id.
const settingsID = "site"

type settingsDoc struct {
	ID          string `bson:"_id"`
	kb.Settings `bson:",inline"`
}

// Settings returns the admin's settings; the defaults when none were saved.
func (s *Store) Settings(ctx context.Context) (kb.Settings, error) {
	d, err := byID[settingsDoc](ctx, s.db.Collection("settings"), settingsID, "settings")
	if errors.Is(err, kb.ErrNotFound) {
		return kb.Settings{}, nil
	}
	return d.Settings, err
}

// SaveSettings writes the settings.
func (s *Store) SaveSettings(ctx context.Context, set kb.Settings) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err := s.db.Collection("settings").ReplaceOne(ctx, bson.D{{Key: "_id", Value: settingsID}},
		settingsDoc{ID: settingsID, Settings: set}, options.Replace().SetUpsert(true))
	return translate(err, "settings")
}

// AddSearchCounts inserts counts, each a new record: inserts of a new id
// are the only writes that are atomic on FerretDB, so counts from several
// processes add up instead of overwriting each other.
func (s *Store) AddSearchCounts(ctx context.Context, counts []kb.SearchCount) error {
	docs := make([]any, len(counts))
	for i, c := range counts {
		docs[i] = c
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err := s.db.Collection("search_counts").InsertMany(ctx, docs)
	return translate(err, "search counts")
}

// SearchCounts reads the counts of sinceDay and later. The ids begin
// with the day, so the filter is on _id, which FerretDB serves from its
// index rather than a scan.
func (s *Store) SearchCounts(ctx context.Context, sinceDay string) ([]kb.SearchCount, error) {
	return all[kb.SearchCount](ctx, s.db.Collection("search_counts"), bson.D{{Key: "_id", Value: bson.D{{Key: "$gte", Value: sinceDay}}}}, bson.D{}, 0, "search counts")
}

// DeleteSearchCounts deletes the counts of days before beforeDay.
func (s *Store) DeleteSearchCounts(ctx context.Context, beforeDay string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err := s.db.Collection("search_counts").DeleteMany(ctx, bson.D{{Key: "_id", Value: bson.D{{Key: "$lt", Value: beforeDay}}}})
	return translate(err, "search counts")
}

// Synonyms lists the synonym groups admins added, oldest first.
func (s *Store) Synonyms(ctx context.Context) ([]kb.SynonymGroup, error) {
	return all[kb.SynonymGroup](ctx, s.db.Collection("synonyms"), bson.D{}, bson.D{{Key: "added_at", Value: 1}}, 0, "synonyms")
}

// SaveSynonyms adds a synonym group.
func (s *Store) SaveSynonyms(ctx context.Context, g kb.SynonymGroup) error {
	return s.insert(ctx, "synonyms", g, "synonym group")
}

// DeleteSynonyms removes a synonym group.
func (s *Store) DeleteSynonyms(ctx context.Context, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	res, err := s.db.Collection("synonyms").DeleteOne(ctx, bson.D{{Key: "_id", Value: id}})
	if err == nil && res.DeletedCount == 0 {
		err = mongo.ErrNoDocuments
	}
	return translate(err, "synonym group "+id)
}
