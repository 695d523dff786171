package mongodb

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/compendium-kb/compendium/kb"
)

// TestFiguresOldShape: databases written before figures kept what they
// count hold a document of counts by name; they still read, as figures.
func TestFiguresOldShape(t *testing.T) {
	ctx := context.Background()
	_, st := embeddedStore(t)
	old := bson.D{{Key: "_id", Value: "old"}, {Key: "slug", Value: "old"}, {Key: "title", Value: "Old"},
		{Key: "states", Value: bson.A{}}, {Key: "themes", Value: bson.A{}},
		{Key: "figures", Value: bson.D{{Key: "rescued", Value: int32(28)}, {Key: "minors", Value: int64(5)}, {Key: "arrested", Value: 9.0}}}}
	if _, err := st.practices().InsertOne(ctx, old); err != nil {
		t.Fatal(err)
	}
	got, err := st.Practice(ctx, "old")
	if err != nil {
		t.Fatalf("reading a practice with figures in the old shape: %v", err)
	}
	want := kb.Figures{{Measure: "rescued", Count: 28}, {Measure: "rescued", Count: 5, Of: "minors"}, {Measure: "arrested", Count: 9}}
	if diff := cmp.Diff(want, got.Figures); diff != "" {
		t.Errorf("old figures (-want +got):\n%s", diff)
	}
	now := kb.Practice{ID: "new", Slug: "new", Title: "New", States: []string{}, Themes: []string{},
		Figures: kb.Figures{{Measure: "rescued", Count: 212, Of: "workers", Sentence: "212 workers including 61 minors were rescued."}}}
	if err := st.SaveImport(ctx, kb.Document{ID: "d"}, nil, []kb.Practice{now}, nil, nil); err != nil {
		t.Fatal(err)
	}
	if got, err = st.Practice(ctx, "new"); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(now.Figures, got.Figures); diff != "" {
		t.Errorf("figures round trip (-want +got):\n%s", diff)
	}
}
