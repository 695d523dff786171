package mongodb

import (
	"context"
	"errors"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// schemaCollection holds one record, {_id: "version", version: N}: how many
// of the migrations below the store has had.
const schemaCollection = "schema"

// migration is one step of the store's schema. Every step may run more
// than once (two nodes starting together both run it; creating what
// exists is no error), so no claim is needed to run them.
type migration struct {
	name string
	run  func(ctx context.Context, s *Store) error
}

// migrations are the store's schema, in order; a new step goes at the
// end, and a step once released never changes.
var migrations = []migration{
	{"collections", func(ctx context.Context, s *Store) error { return s.EnsureCollections(ctx) }},
	{"indexes for the queries that filter", createQueryIndexes},
	{"the change log", func(ctx context.Context, s *Store) error { return s.ensureCollection(ctx, changesCollection) }},
	{"audit entries into their submissions' trails", auditIntoTrails},
	{"an inbox record for every user with notices (retired: step 7 counts notices by marks)", func(context.Context, *Store) error { return nil }},
	{"one record per audit entry", trailsIntoEntries},
	{"unread notices counted by marks", inboxesIntoMarks},
}

// SchemaVersion is the schema this program writes: the number of
// migrations.
func SchemaVersion() int { return len(migrations) }

// Migrate brings the store's schema up to this program's, step by step,
// recording the version after each step. It returns the versions before
// and after; a store newer than this program is refused.
func (s *Store) Migrate(ctx context.Context) (from, to int, err error) {
	from, err = s.schemaVersion(ctx)
	if err != nil {
		return 0, 0, err
	}
	if from < 0 { // recorded by a restore before manifests were checked
		return from, from, fmt.Errorf("the database has schema version %d, which no program writes: restore a sound backup into a new data folder", from)
	}
	if from > len(migrations) {
		return from, from, fmt.Errorf("the database has schema version %d, newer than this program's %d: run a newer compendium", from, len(migrations))
	}
	for v := from; v < len(migrations); v++ {
		if err := migrations[v].run(ctx, s); err != nil {
			return from, v, fmt.Errorf("migration %d (%s): %w", v+1, migrations[v].name, err)
		}
		if err := s.setSchemaVersion(ctx, v+1); err != nil {
			return from, v, err
		}
	}
	return from, len(migrations), nil
}

// schemaVersion reads the store's schema version; none is 0.
func (s *Store) schemaVersion(ctx context.Context) (int, error) {
	var rec struct {
		Version int `bson:"version"`
	}
	err := s.db.Collection(schemaCollection).FindOne(ctx, bson.D{{Key: "_id", Value: "version"}}).Decode(&rec)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return 0, nil
	}
	return rec.Version, translate(err, "schema version")
}

// setSchemaVersion records the schema version; a restore sets the
// backup's, so that the migrations after it run on its records.
func (s *Store) setSchemaVersion(ctx context.Context, v int) error {
	_, err := s.db.Collection(schemaCollection).ReplaceOne(ctx, bson.D{{Key: "_id", Value: "version"}},
		bson.D{{Key: "_id", Value: "version"}, {Key: "version", Value: v}}, options.Replace().SetUpsert(true))
	return translate(err, "schema version")
}

// queryIndexes are the secondary indexes the store's filters use. MongoDB
// uses them; FerretDB v1 creates them (on SQLite as expression indexes).
var queryIndexes = map[string][]bson.D{
	"notices":     {{{Key: "user_id", Value: 1}, {Key: "at", Value: -1}}},
	"submissions": {{{Key: "owner_id", Value: 1}, {Key: "status", Value: 1}}, {{Key: "status", Value: 1}, {Key: "updated_at", Value: -1}}},
}

func createQueryIndexes(ctx context.Context, s *Store) error {
	for coll, keys := range queryIndexes {
		for _, k := range keys {
			if _, err := s.db.Collection(coll).Indexes().CreateOne(ctx, mongo.IndexModel{Keys: k}); err != nil {
				return fmt.Errorf("indexing %s by %v: %w", coll, k, err)
			}
		}
	}
	return createSessionExpiry(ctx, s)
}

// createSessionExpiry indexes sessions by expiry. On MongoDB the index
// removes expired sessions (TTL); FerretDB v1 answers NotImplemented to
// the TTL option, so there the index is a plain one and expired sessions
// are refused when read.
func createSessionExpiry(ctx context.Context, s *Store) error {
	keys := bson.D{{Key: "expires_at", Value: 1}}
	indexes := s.db.Collection("sessions").Indexes()
	_, err := indexes.CreateOne(ctx, mongo.IndexModel{Keys: keys, Options: options.Index().SetExpireAfterSeconds(0)})
	var ce mongo.CommandError
	if errors.As(err, &ce) && ce.Code == 238 { // NotImplemented
		_, err = indexes.CreateOne(ctx, mongo.IndexModel{Keys: keys})
	}
	if err != nil {
		return fmt.Errorf("indexing sessions by expiry: %w", err)
	}
	return nil
}

// IndexNames lists a collection's indexes, for checks and tests.
func (s *Store) IndexNames(ctx context.Context, collection string) ([]string, error) {
	specs, err := s.db.Collection(collection).Indexes().ListSpecifications(ctx)
	if err != nil {
		return nil, translate(err, "indexes of "+collection)
	}
	names := make([]string, len(specs))
	for i, sp := range specs {
		names[i] = sp.Name
	}
	return names, nil
}
