package mongodb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"

	"go.mongodb.org/mongo-driver/v2/mongo"
	_ "modernc.org/sqlite" // the SQLite driver FerretDB itself uses
)

// collections are the ones the store uses.
var collections = []string{"practices", "documents", "files", "file_chunks", "users", "sessions", "tokens", "submissions", "trail_entries", "notices", "inbox_marks", "practice_versions", "packs",
	"submission_changes", "outbox", "pack_revisions", "signin_attempts", "backups", "search_counts", "settings", "synonyms",
	"proposals", "withdrawn", "events", "claims"}

// EnsureCollections creates the store's collections if they are missing.
func (s *Store) EnsureCollections(ctx context.Context) error {
	for _, name := range collections {
		if err := s.ensureCollection(ctx, name); err != nil {
			return err
		}
	}
	return nil
}

// ensureCollection creates a collection unless it exists.
func (s *Store) ensureCollection(ctx context.Context, name string) error {
	err := s.db.CreateCollection(ctx, name)
	var ce mongo.CommandError
	if err != nil && !(errors.As(err, &ce) && ce.Code == 48) { // NamespaceExists
		return fmt.Errorf("creating collection %s: %w", name, err)
	}
	return nil
}

// Prepare readies the store on the embedded database: it creates the
// collections and adds the index that makes a lookup by _id a lookup.
//
// FerretDB v1's SQLite backend indexes _id as sjson->"_id" but queries
// sjson->'$._id'; SQLite only uses an index on the very same expression,
// so every find by _id read and parsed the whole collection (0.2 s at
// 5,000 practices). v1 gets no more releases, so we add the index its
// queries need, on the same SQLite file; SQLite keeps it up to date.
func (e *Embedded) Prepare(ctx context.Context, s *Store) error {
	if err := s.EnsureCollections(ctx); err != nil {
		return err
	}
	db, err := sql.Open("sqlite", "file:"+filepath.Join(e.dir, s.db.Name()+".sqlite")+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return err
	}
	defer db.Close()
	for _, name := range collections {
		var table string
		err := db.QueryRowContext(ctx, `SELECT table_name FROM "_ferretdb_collections" WHERE name = ?`, name).Scan(&table)
		if err != nil {
			return fmt.Errorf("finding the table of %s: %w", name, err)
		}
		q := fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %q ON %q (_ferretdb_sjson->'$._id')`, table+"_id_lookup", table)
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("indexing %s: %w", name, err)
		}
	}
	return nil
}
