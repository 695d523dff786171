// Package mongodb stores the knowledge base in MongoDB, or in FerretDB
// speaking the MongoDB protocol, through the official Go driver.
package mongodb

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/compendium-kb/compendium/kb"
)

// Store implements kb.Store.
//
// Writes are serialised within the process: embedded FerretDB does not
// apply updates atomically (200 concurrent $inc ended at 27-37), and one process owns the
// embedded database. Against MongoDB the lock costs little.
type Store struct {
	client *mongo.Client
	db     *mongo.Database
	mu     sync.Mutex
	ends   sequenceEnds
}

// Connect opens the database named in uri (default "compendium").
func Connect(ctx context.Context, uri string) (*Store, error) {
	// A bounded pool (unless the URI says otherwise): with the driver's
	// default of 100, 100 concurrent updates through FerretDB on
	// PostgreSQL stalled for good, every connection idle and waiting.
	opts := options.Client().SetMaxPoolSize(16).ApplyURI(uri).SetConnectTimeout(10 * time.Second).SetServerSelectionTimeout(10 * time.Second)
	client, err := mongo.Connect(opts)
	if err != nil {
		return nil, fmt.Errorf("connecting to MongoDB: %w", err)
	}
	if err := client.Ping(ctx, nil); err != nil {
		_ = client.Disconnect(context.Background())
		return nil, fmt.Errorf("connecting to MongoDB: %w", err)
	}
	name := "compendium"
	if cs, err := parseDBName(uri); err == nil && cs != "" {
		name = cs
	}
	return &Store{client: client, db: client.Database(name)}, nil
}

// Close disconnects from the database.
func (s *Store) Close(ctx context.Context) error { return s.client.Disconnect(ctx) }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.client.Ping(ctx, nil) }

func (s *Store) practices() *mongo.Collection { return s.db.Collection("practices") }
func (s *Store) documents() *mongo.Collection { return s.db.Collection("documents") }

// Document returns a source document by id.
func (s *Store) Document(ctx context.Context, id string) (kb.Document, error) {
	return byID[kb.Document](ctx, s.documents(), id, "document")
}

// Documents returns every source document, by title.
func (s *Store) Documents(ctx context.Context) ([]kb.Document, error) {
	return all[kb.Document](ctx, s.documents(), bson.D{}, bson.D{{Key: "title", Value: 1}}, 0, "documents")
}

// SaveImport writes the file first, then the practices, then the
// document: a failure part-way leaves the earlier document record in
// place, so the next import of the file tries again. Practices listed in
// stale (the earlier edition's) are deleted first and the new ones
// inserted: on embedded FerretDB an insert of many documents is one quick
// statement, while every update or delete scans the collection, so they
// are done in as few statements as possible. written (if not nil) is
// called with each batch of practices once it is stored.
func (s *Store) SaveImport(ctx context.Context, doc kb.Document, pdf []byte, practices []kb.Practice, stale []string, written func([]kb.Practice)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.putFile(ctx, doc.SHA256, pdf); err != nil {
		return err
	}
	// Stale practices (cases the file no longer has) go by _id one at a
	// time: embedded FerretDB answers a filter on _id by its index only
	// for one value; {_id: {$in: [...]}} scanned the whole collection, so
	// each import batch cost more than the last (1,452 practices/s at
	// 1,000 stored, 73/s at 100,000).
	if err := s.deleteIDs(ctx, s.practices(), stale); err != nil {
		return translate(err, "practices")
	}
	if err := s.insertOrReplace(ctx, s.practices(), practices, written); err != nil {
		return translate(err, "practices")
	}
	upsert := options.Replace().SetUpsert(true)
	if _, err := s.documents().ReplaceOne(ctx, bson.D{{Key: "_id", Value: doc.ID}}, doc, upsert); err != nil {
		return translate(err, "document "+doc.ID)
	}
	return nil
}

// deleteIDs deletes documents by _id, one statement each: the lookup
// the embedded database indexes (see SaveImport).
func (s *Store) deleteIDs(ctx context.Context, c *mongo.Collection, ids []string) error {
	for _, id := range ids {
		if _, err := c.DeleteOne(ctx, bson.D{{Key: "_id", Value: id}}); err != nil {
			return err
		}
	}
	return nil
}

// insertOrReplace writes practices in batches of inserts; one whose _id
// is taken (left by an import stopped before its document record was
// written: ids derive from the document, so none belongs to anything
// else) replaces what is there. A fresh import thus costs inserts only.
// written, unless nil, gets each batch once it is stored.
func (s *Store) insertOrReplace(ctx context.Context, c *mongo.Collection, practices []kb.Practice, written func([]kb.Practice)) error {
	const batch = 1000
	for start := 0; start < len(practices); start += batch {
		part := practices[start:min(start+batch, len(practices))]
		docs := make([]any, len(part))
		for i, p := range part {
			docs[i] = p
		}
		if err := replaceTaken(ctx, c, part, docs); err != nil {
			return err
		}
		if written != nil {
			written(part)
		}
	}
	return nil
}

// replaceTaken inserts a batch of practices (docs are the same, for the
// driver) and replaces those whose _id is taken.
func replaceTaken(ctx context.Context, c *mongo.Collection, part []kb.Practice, docs []any) error {
	_, err := c.InsertMany(ctx, docs, options.InsertMany().SetOrdered(false))
	var bwe mongo.BulkWriteException
	if err == nil {
		return nil
	}
	if !errors.As(err, &bwe) || bwe.WriteConcernError != nil {
		return err
	}
	for _, we := range bwe.WriteErrors {
		if !mongo.IsDuplicateKeyError(we) || we.Index < 0 || we.Index >= len(part) {
			return err
		}
		p := part[we.Index]
		if _, err := c.ReplaceOne(ctx, bson.D{{Key: "_id", Value: p.ID}}, p); err != nil {
			return err
		}
	}
	return nil
}

// Practice returns a practice by id.
func (s *Store) Practice(ctx context.Context, id string) (kb.Practice, error) {
	return byID[kb.Practice](ctx, s.practices(), id, "practice")
}

// Practices returns the practices with the given ids, in that order,
// leaving out those that do not exist. Each is read by _id, the lookup
// the embedded database indexes, a few at a time.
func (s *Store) Practices(ctx context.Context, ids []string) ([]kb.Practice, error) {
	found := make([]*kb.Practice, len(ids))
	errs := make([]error, len(ids))
	sem := make(chan struct{}, 4)
	var wg sync.WaitGroup
	for i, id := range ids {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			p, err := s.Practice(ctx, id)
			switch {
			case err == nil:
				found[i] = &p
			case !errors.Is(err, kb.ErrNotFound):
				errs[i] = err
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	out := make([]kb.Practice, 0, len(ids))
	for _, p := range found {
		if p != nil {
			out = append(out, *p)
		}
	}
	return out, nil
}

// EachPractice calls fn for every practice, stopping at its first error.
func (s *Store) EachPractice(ctx context.Context, fn func(kb.Practice) error) error {
	cur, err := s.practices().Find(ctx, bson.D{}, options.Find().SetBatchSize(500))
	if err != nil {
		return translate(err, "practices")
	}
	defer cur.Close(ctx)
	for cur.Next(ctx) {
		var p kb.Practice
		if err := cur.Decode(&p); err != nil {
			return fmt.Errorf("decoding practice: %w", err)
		}
		if err := fn(p); err != nil {
			return err
		}
	}
	return translate(cur.Err(), "practices")
}

// SaveVersions keeps earlier versions of practices under "id@version".
func (s *Store) SaveVersions(ctx context.Context, earlier []kb.Practice) error {
	if len(earlier) == 0 {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	docs := make([]any, 0, len(earlier))
	ids := make([]string, 0, len(earlier))
	for _, p := range earlier {
		id := fmt.Sprintf("%s@%d", p.ID, p.Version)
		ids = append(ids, id)
		docs = append(docs, versionDoc{ID: id, Practice: p})
	}
	if err := s.deleteIDs(ctx, s.db.Collection("practice_versions"), ids); err != nil {
		return translate(err, "practice versions")
	}
	_, err := s.db.Collection("practice_versions").InsertMany(ctx, docs)
	return translate(err, "practice versions")
}

// versionDoc stores an earlier version under its own id.
type versionDoc struct {
	ID       string      `bson:"_id"`
	Practice kb.Practice `bson:"practice"`
}

// PracticeVersion returns an earlier version of a practice.
func (s *Store) PracticeVersion(ctx context.Context, id string, version int) (kb.Practice, error) {
	var v versionDoc
	key := fmt.Sprintf("%s@%d", id, version)
	err := s.db.Collection("practice_versions").FindOne(ctx, bson.D{{Key: "_id", Value: key}}).Decode(&v)
	return v.Practice, translate(err, "practice "+key)
}

// CountPractices returns how many practices are stored.
func (s *Store) CountPractices(ctx context.Context) (int, error) {
	n, err := s.practices().EstimatedDocumentCount(ctx)
	return int(n), translate(err, "practices")
}

// translate maps driver errors to kb errors at the boundary.
func translate(err error, what string) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, mongo.ErrNoDocuments):
		return fmt.Errorf("%s: %w", what, kb.ErrNotFound)
	case mongo.IsDuplicateKeyError(err):
		return fmt.Errorf("%s: %w", what, kb.ErrConflict)
	}
	return fmt.Errorf("%s: %w", what, err)
}
