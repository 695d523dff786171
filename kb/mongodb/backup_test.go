package mongodb_test

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/compendium-kb/compendium/kb"
	"github.com/compendium-kb/compendium/kb/mongodb"
	"github.com/compendium-kb/compendium/kb/mongodb/mongotest"
)

// filledStore holds a record of every kind the store keeps.
func filledStore(t *testing.T) *mongodb.Store {
	t.Helper()
	ctx := context.Background()
	st := mongotest.New(t)
	if _, _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	pdf := bytes.Repeat([]byte("%PDF-1.4 content "), 150_000) // over two chunks
	doc := kb.Document{ID: "doc", Title: "Doc", File: "doc.pdf", SHA256: "abc", Size: int64(len(pdf)), Pages: 9, Practices: []string{"p1", "p2"}}
	if err := st.SaveImport(ctx, doc, pdf, []kb.Practice{practice("p1", "First case"), practice("p2", "Second case")}, nil, nil); err != nil {
		t.Fatal(err)
	}
	old := practice("p1", "First case, first edition")
	if err := st.SaveVersions(ctx, []kb.Practice{old}); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	steps := []error{
		st.CreateUser(ctx, kb.User{ID: "a@police.example", Email: "a@police.example", PasswordHash: "$argon2id$x", Role: kb.RoleAdmin}),
		st.CreateSession(ctx, kb.Session{ID: "s1", UserID: "a@police.example", ExpiresAt: now.Add(time.Hour)}),
		st.ApplySubmission(ctx, kb.Submission{ID: "sub1", Rev: 1, Status: kb.StatusSubmitted, OwnerID: "a@police.example", CreatedAt: now}),
		st.AppendAudit(ctx, kb.AuditEntry{SubmissionID: "sub1", To: kb.StatusSubmitted, At: now}),
		st.AddNotice(ctx, kb.Notice{ID: "n1", UserID: "a@police.example", At: now}),
		st.CreatePack(ctx, kb.Pack{ID: "pack1", Title: "Rescue", OwnerID: "a@police.example"}),
	}
	if err := errors.Join(steps...); err != nil {
		t.Fatal(err)
	}
	return st
}

// TestBackupRestoreRoundTrip: a restored store backs up to the very same
// collections, record for record (the checksums cover every byte), and
// sessions are left out.
func TestBackupRestoreRoundTrip(t *testing.T) {
	ctx := context.Background()
	src := filledStore(t)
	var file bytes.Buffer
	m, err := src.Backup(ctx, &file, mongodb.BackupOptions{Program: "test", SoleWriter: true})
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]int{}
	for _, c := range m.Collections {
		names[c.Name] = c.Count
	}
	for _, want := range []string{"practices", "practice_versions", "documents", "files", "file_chunks", "users", "submissions", "trail_entries", "notices", "packs"} {
		if names[want] == 0 {
			t.Errorf("the backup has no records of %s: %v", want, names)
		}
	}
	if _, ok := names["sessions"]; ok {
		t.Errorf("the backup holds sessions: %v", names)
	}
	dst := mongotest.New(t)
	if _, err := dst.Restore(ctx, bytes.NewReader(file.Bytes())); err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	m2, err := dst.Backup(ctx, &again, mongodb.BackupOptions{Program: "test", SoleWriter: true})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(m.Collections, m2.Collections, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("the restored store differs from the backed-up one (-backup +restored):\n%s", diff)
	}
	if m2.Schema != mongodb.SchemaVersion() {
		t.Errorf("restored schema version %d, want %d", m2.Schema, mongodb.SchemaVersion())
	}
	if _, err := dst.Restore(ctx, bytes.NewReader(file.Bytes())); !errors.Is(err, mongodb.ErrNotEmpty) {
		t.Errorf("restoring onto a store with records: %v, want ErrNotEmpty", err)
	}
}

// TestBackupDamageIsFound: a changed byte or a cut-short file fails the
// check, naming what is wrong.
func TestBackupDamageIsFound(t *testing.T) {
	src := filledStore(t)
	var file bytes.Buffer
	if _, err := src.Backup(context.Background(), &file, mongodb.BackupOptions{Program: "test", SoleWriter: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := mongodb.Verify(bytes.NewReader(file.Bytes())); err != nil {
		t.Fatalf("a sound backup fails its check: %v", err)
	}
	cut := file.Bytes()[:file.Len()*2/3]
	if _, err := mongodb.Verify(bytes.NewReader(cut)); err == nil {
		t.Error("a backup cut short passes its check")
	}
	if _, err := mongodb.Verify(bytes.NewReader([]byte("not a backup"))); err == nil {
		t.Error("a file that is not a backup passes the check")
	}
}

// TestMigrate runs every step on a new store, then none; the indexes the
// queries filter by exist, also on embedded FerretDB.
func TestMigrate(t *testing.T) {
	ctx := context.Background()
	st := mongotest.New(t)
	from, to, err := st.Migrate(ctx)
	if err != nil || from != 0 || to != mongodb.SchemaVersion() {
		t.Fatalf("first Migrate: %d -> %d, %v; want 0 -> %d", from, to, err, mongodb.SchemaVersion())
	}
	if from, to, err := st.Migrate(ctx); err != nil || from != to {
		t.Errorf("second Migrate: %d -> %d, %v; want nothing to do", from, to, err)
	}
	names, err := st.IndexNames(ctx, "submissions")
	if err != nil {
		t.Fatal(err)
	}
	if !contains(names, "owner_id_1_status_1") {
		t.Errorf("indexes of submissions: %v, want owner_id_1_status_1", names)
	}
	if names, _ := st.IndexNames(ctx, "sessions"); !contains(names, "expires_at_1") {
		t.Errorf("indexes of sessions: %v, want expires_at_1", names)
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
