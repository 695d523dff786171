package mongodb

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/compendium-kb/compendium/kb"
)

// TestAuditTrails: a trail reads back oldest entry first; entries kept
// one by one in "audit" (before schema version 4) and trails kept as one
// record per submission (versions 4 to 6) are moved to one record per
// entry by the migrations, and the old collections are gone.
func TestAuditTrails(t *testing.T) {
	ctx := context.Background()
	_, st := embeddedStore(t)
	at := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	entry := func(id, sub string, action kb.Action, minutes int) kb.AuditEntry {
		return kb.AuditEntry{ID: id, SubmissionID: sub, ActorID: "u1", Action: action, At: at.Add(time.Duration(minutes) * time.Minute)}
	}
	// Kept before trails were records.
	for _, e := range []kb.AuditEntry{entry("a1", "old", "submit", 1), entry("a2", "old", "return", 2), entry("a3", "other", "submit", 3)} {
		if _, err := st.db.Collection("audit").InsertOne(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	// Kept as one record per submission.
	if _, err := st.db.Collection("trails").InsertOne(ctx, oldTrail{ID: "record", Entries: []kb.AuditEntry{entry("r1", "record", "submit", 1), entry("r2", "record", "approve", 2)}}); err != nil {
		t.Fatal(err)
	}
	ids := func(sub string) []string {
		t.Helper()
		es, err := st.Audit(ctx, sub)
		if err != nil {
			t.Fatal(err)
		}
		out := []string{}
		for _, e := range es {
			out = append(out, e.ID)
		}
		return out
	}
	check := func(sub string, want ...string) {
		t.Helper()
		if got := ids(sub); !slices.Equal(got, append([]string{}, want...)) {
			t.Errorf("%s: trail %v, want %v", sub, got, want)
		}
	}
	if _, _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	names, err := st.db.ListCollectionNames(ctx, bson.D{})
	if err != nil {
		t.Fatal(err)
	}
	for _, gone := range []string{"audit", "trails"} {
		if slices.Contains(names, gone) {
			t.Errorf("the collection %s of an earlier shape is still there after the migration", gone)
		}
	}
	check("none")
	check("old", "a1", "a2")
	check("record", "r1", "r2")
	for _, e := range []kb.AuditEntry{entry("b1", "old", "submit", 4), entry("b2", "new", "submit", 5), entry("b3", "new", "approve", 6)} {
		if err := st.AppendAudit(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.AppendAudit(ctx, entry("b1", "old", "submit", 4)); err != nil { // again, as a second completer would
		t.Fatal(err)
	}
	check("old", "a1", "a2", "b1")
	check("new", "b2", "b3")
	check("other", "a3")
	check("record", "r1", "r2")
}

// TestInboxMigration: users with notices from before the inbox marks are
// counted by marks, unread ones after read ones, and the counters kept
// before are gone; new notices and reading them move the count on.
func TestInboxMigration(t *testing.T) {
	ctx := context.Background()
	_, st := embeddedStore(t)
	for _, n := range []kb.Notice{{ID: "n1", UserID: "u1"}, {ID: "n2", UserID: "u1", Read: true}, {ID: "n3", UserID: "u1"}, {ID: "n4", UserID: "u2", Read: true}} {
		if _, err := st.db.Collection("notices").InsertOne(ctx, n); err != nil { // as kept before inboxes
			t.Fatal(err)
		}
	}
	if _, _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	unread := func(want map[string]int) {
		t.Helper()
		for user, w := range want {
			if got, err := st.UnreadNotices(ctx, user); err != nil || got != w {
				t.Errorf("unread notices of %s: %d (%v), want %d", user, got, err, w)
			}
		}
	}
	unread(map[string]int{"u1": 2, "u2": 0, "nobody": 0})
	if n, _ := st.db.Collection("inboxes").CountDocuments(ctx, bson.D{}); n != 0 {
		t.Errorf("%d counters of before left after the migration, want 0", n)
	}
	for _, n := range []kb.Notice{{ID: "n5", UserID: "u2"}, {ID: "n5", UserID: "u2"}, {ID: "n6", UserID: "u1"}} { // n5 twice: a second completer
		if err := st.AddNotice(ctx, n); err != nil {
			t.Fatal(err)
		}
	}
	unread(map[string]int{"u1": 3, "u2": 1})
	if err := st.MarkNoticesRead(ctx, "u1"); err != nil {
		t.Fatal(err)
	}
	unread(map[string]int{"u1": 0, "u2": 1})
	if err := st.AddNotice(ctx, kb.Notice{ID: "n7", UserID: "u1"}); err != nil {
		t.Fatal(err)
	}
	unread(map[string]int{"u1": 1})
}

// TestOldBackupRestoresIntoTheNewShapes: a backup written at schema
// version 5, with trails as one record per submission and unread counts
// as inbox records, restores into records of the current shapes.
func TestOldBackupRestoresIntoTheNewShapes(t *testing.T) {
	ctx := context.Background()
	_, old := embeddedStore(t)
	at := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	steps := []error{
		old.setSchemaVersion(ctx, 5),
		old.ensureCollection(ctx, "trails"),
	}
	_, err := old.db.Collection("trails").InsertOne(ctx, oldTrail{ID: "s1", Entries: []kb.AuditEntry{{ID: "a1", SubmissionID: "s1", At: at}, {ID: "a2", SubmissionID: "s1", At: at}}})
	steps = append(steps, err)
	_, err = old.db.Collection("inboxes").InsertOne(ctx, bson.D{{Key: "_id", Value: "u1"}, {Key: "unread", Value: 1}})
	steps = append(steps, err)
	_, err = old.db.Collection("notices").InsertMany(ctx, []any{kb.Notice{ID: "n1", UserID: "u1", Read: true, At: at}, kb.Notice{ID: "n2", UserID: "u1", At: at.Add(time.Minute)}})
	steps = append(steps, err)
	if err := errors.Join(steps...); err != nil {
		t.Fatal(err)
	}
	var file bytes.Buffer
	if _, err := old.Backup(ctx, &file, BackupOptions{Program: "earlier", SoleWriter: true}); err != nil {
		t.Fatal(err)
	}
	_, st := embeddedStore(t)
	if _, err := st.Restore(ctx, &file); err != nil {
		t.Fatal(err)
	}
	if from, to, err := st.Migrate(ctx); err != nil || from != 5 || to != SchemaVersion() {
		t.Fatalf("migrating the restored store: %d -> %d (%v), want 5 -> %d", from, to, err, SchemaVersion())
	}
	if trail, err := st.Audit(ctx, "s1"); err != nil || len(trail) != 2 || trail[0].ID != "a1" || trail[1].ID != "a2" {
		t.Errorf("the restored trail: %+v (%v), want a1 then a2", trail, err)
	}
	if n, err := st.UnreadNotices(ctx, "u1"); err != nil || n != 1 {
		t.Errorf("the restored unread count: %d (%v), want 1", n, err)
	}
}
