package mongodb_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/compendium-kb/compendium/kb"
	"github.com/compendium-kb/compendium/kb/mongodb/mongotest"
)

func practice(id, title string) kb.Practice {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	return kb.Practice{
		ID: id, Slug: kb.Slugify(title, 80), Title: title, Summary: "summary of " + title, Text: "text",
		States: []string{"Goa"}, Themes: []string{"rescue"}, Years: []int{2007}, Figures: kb.Figures{{Measure: "rescued", Count: 28, Of: "victims"}},
		Provenance: kb.Provenance{DocumentID: "doc", DocumentTitle: "Doc", File: "doc.pdf", SHA256: "abc", PageStart: 3, PageEnd: 4},
		CreatedAt:  now, UpdatedAt: now,
	}
}

func TestSaveImportRoundTrip(t *testing.T) {
	ctx := context.Background()
	st := mongotest.New(t)
	pdf := bytes.Repeat([]byte("%PDF-1.4 content "), 150_000) // over two chunks
	doc := kb.Document{ID: "doc", Title: "Doc", File: "doc.pdf", SHA256: "abc", Size: int64(len(pdf)), Pages: 9, Practices: []string{"p1", "p2"}, ImportedAt: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)}
	ps := []kb.Practice{practice("p1", "First case"), practice("p2", "Second <script>alert(1)</script> case")}
	if err := st.SaveImport(ctx, doc, pdf, ps, nil, nil); err != nil {
		t.Fatal(err)
	}
	got, err := st.Practice(ctx, "p2")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(ps[1], got); diff != "" {
		t.Errorf("practice round trip (-want +got):\n%s", diff)
	}
	gotDoc, err := st.Document(ctx, "doc")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(doc, gotDoc); diff != "" {
		t.Errorf("document round trip (-want +got):\n%s", diff)
	}
	r, size, err := st.OpenFile(ctx, "abc")
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(r)
	if err != nil || size != int64(len(pdf)) || !bytes.Equal(data, pdf) {
		t.Errorf("file: got %d bytes (size %d, err %v), want %d identical bytes", len(data), size, err, len(pdf))
	}
	n, err := st.CountPractices(ctx)
	if err != nil || n != 2 {
		t.Errorf("CountPractices = %d, %v; want 2", n, err)
	}
}

// TestSaveImportReplacesStale: the earlier edition's practices are
// replaced or removed; others stay.
func TestSaveImportRemovesAndKeepsOrder(t *testing.T) {
	ctx := context.Background()
	st := mongotest.New(t)
	doc := kb.Document{ID: "doc", SHA256: "s1"}
	if err := st.SaveImport(ctx, doc, []byte("one"), []kb.Practice{practice("a", "A"), practice("b", "B"), practice("c", "C")}, nil, nil); err != nil {
		t.Fatal(err)
	}
	doc.SHA256 = "s2"
	if err := st.SaveImport(ctx, doc, []byte("two"), []kb.Practice{practice("a", "A again")}, []string{"a", "b"}, nil); err != nil {
		t.Fatal(err)
	}
	got, err := st.Practices(ctx, []string{"c", "missing", "a", "b"})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range got {
		ids = append(ids, p.ID)
	}
	if diff := cmp.Diff([]string{"c", "a"}, ids); diff != "" {
		t.Errorf("Practices keeps the asked order and skips missing ones (-want +got):\n%s", diff)
	}
	if got[1].Title != "A again" {
		t.Errorf("replaced practice title = %q, want %q", got[1].Title, "A again")
	}
	seen := 0
	if err := st.EachPractice(ctx, func(kb.Practice) error { seen++; return nil }); err != nil || seen != 2 {
		t.Errorf("EachPractice saw %d (err %v), want 2", seen, err)
	}
}

func TestNotFound(t *testing.T) {
	ctx := context.Background()
	st := mongotest.New(t)
	if _, err := st.Practice(ctx, "nope"); !errors.Is(err, kb.ErrNotFound) {
		t.Errorf("Practice(missing) error = %v, want kb.ErrNotFound", err)
	}
	if _, err := st.Document(ctx, "nope"); !errors.Is(err, kb.ErrNotFound) {
		t.Errorf("Document(missing) error = %v, want kb.ErrNotFound", err)
	}
	if _, _, err := st.OpenFile(ctx, "nope"); !errors.Is(err, kb.ErrNotFound) {
		t.Errorf("OpenFile(missing) error = %v, want kb.ErrNotFound", err)
	}
}

// TestHostileIDs: ids come from URLs; an operator-looking id is a plain
// string to the driver, never a query.
func TestHostileIDs(t *testing.T) {
	ctx := context.Background()
	st := mongotest.New(t)
	if err := st.SaveImport(ctx, kb.Document{ID: "d", SHA256: "x"}, []byte("x"), []kb.Practice{practice("p", "P")}, nil, nil); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{`{"$gt": ""}`, "$gt", "", "p\x00", `{"$ne": null}`} {
		if _, err := st.Practice(ctx, id); !errors.Is(err, kb.ErrNotFound) {
			t.Errorf("Practice(%q) error = %v, want kb.ErrNotFound", id, err)
		}
	}
}

// TestSaveImportAfterOneCutShort: an import stopped after writing its
// practices and before the document record leaves ids behind; saving the
// import again replaces them instead of failing on every later try.
func TestSaveImportAfterOneCutShort(t *testing.T) {
	ctx := context.Background()
	st := mongotest.New(t)
	if err := st.SavePractice(ctx, practice("a", "A left by a crash")); err != nil {
		t.Fatal(err)
	}
	doc := kb.Document{ID: "doc", SHA256: "s1"}
	if err := st.SaveImport(ctx, doc, []byte("one"), []kb.Practice{practice("a", "A")}, nil, nil); err != nil {
		t.Fatalf("saving over practices left by an import cut short: %v, want it to succeed", err)
	}
	p, err := st.Practice(ctx, "a")
	if err != nil || p.Title != "A" {
		t.Errorf("practice a = %q (%v), want the new import's title A", p.Title, err)
	}
	if n, _ := st.CountPractices(ctx); n != 1 {
		t.Errorf("%d practices stored, want 1", n)
	}
}

// TestUnreadNotices: the count every page shows follows notices added and
// read, user by user; a user with no record counts none.
func TestUnreadNotices(t *testing.T) {
	s := mongotest.New(t)
	ctx := context.Background()
	count := func(user string, want int) {
		t.Helper()
		if got, err := s.UnreadNotices(ctx, user); err != nil || got != want {
			t.Errorf("%s: %d unread (%v), want %d", user, got, err, want)
		}
	}
	count("nobody", 0)
	for i, user := range []string{"ana", "ana", "ben"} {
		if err := s.AddNotice(ctx, kb.Notice{ID: fmt.Sprintf("n%d", i), UserID: user, Text: "returned", At: time.Now()}); err != nil {
			t.Fatal(err)
		}
	}
	count("ana", 2)
	count("ben", 1)
	if err := s.MarkNoticesRead(ctx, "ana"); err != nil {
		t.Fatal(err)
	}
	count("ana", 0)
	count("ben", 1)
	if err := s.AddNotice(ctx, kb.Notice{ID: "n9", UserID: "ana", Text: "approved", At: time.Now()}); err != nil {
		t.Fatal(err)
	}
	count("ana", 1)
}
