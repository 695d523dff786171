package mongodb

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
)

// TestIDLookupsUseAnIndex asks SQLite how it runs the query FerretDB
// sends for a find by _id: with the index Prepare adds, it searches the
// index instead of scanning the table.
func TestIDLookupsUseAnIndex(t *testing.T) {
	ctx := context.Background()
	emb, st := embeddedStore(t)
	if err := emb.Prepare(ctx, st); err != nil {
		t.Fatalf("Prepare must be safe to run again: %v", err)
	}
	db, err := sql.Open("sqlite", "file:"+filepath.Join(emb.dir, st.db.Name()+".sqlite"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, name := range collections {
		var table string
		if err := db.QueryRow(`SELECT table_name FROM "_ferretdb_collections" WHERE name = ?`, name).Scan(&table); err != nil {
			t.Fatal(err)
		}
		rows, err := db.Query(`EXPLAIN QUERY PLAN SELECT _ferretdb_sjson FROM "`+table+`" WHERE _ferretdb_sjson->'$._id' = ?`, `"x"`)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, notused int
			var detail string
			rows.Scan(&id, &parent, &notused, &detail)
			plan = append(plan, detail)
		}
		rows.Close()
		if p := strings.Join(plan, "; "); !strings.Contains(p, "USING INDEX") {
			t.Errorf("%s: a find by _id runs as %q, want an index search", name, p)
		}
	}
}

// embeddedStore starts an embedded database in a temporary folder and
// returns it with a prepared store on it, both closed when the test ends.
// (mongotest does the same for other packages; it imports this one.)
func embeddedStore(t testing.TB) (*Embedded, *Store) {
	t.Helper()
	ctx := context.Background()
	emb, err := StartEmbedded(ctx, t.TempDir(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { emb.Close() })
	st, err := Connect(ctx, emb.URI)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close(context.Background()) })
	if err := emb.Prepare(ctx, st); err != nil {
		t.Fatal(err)
	}
	return emb, st
}
