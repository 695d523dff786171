package mongodb

import (
	"context"
	"slices"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/compendium-kb/compendium/kb"
)

// TestAuditTrails: a trail is one record per submission, oldest entry
// first; entries kept one by one before trails were records are moved
// into them by a migration.
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
	if n, _ := st.db.Collection("audit").CountDocuments(ctx, bson.D{}); n != 0 {
		t.Errorf("%d entries left one by one after the migration, want 0", n)
	}
	check("none")
	check("old", "a1", "a2")
	for _, e := range []kb.AuditEntry{entry("b1", "old", "submit", 4), entry("b2", "new", "submit", 5), entry("b3", "new", "approve", 6)} {
		if err := st.AppendAudit(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	check("old", "a1", "a2", "b1")
	check("new", "b2", "b3")
	check("other", "a3")
}

// TestInboxMigration: users with notices from before inbox records get a
// record with their unread count.
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
	for user, want := range map[string]int{"u1": 2, "u2": 0, "nobody": 0} {
		if got, err := st.UnreadNotices(ctx, user); err != nil || got != want {
			t.Errorf("unread notices of %s: %d (%v), want %d", user, got, err, want)
		}
	}
}
