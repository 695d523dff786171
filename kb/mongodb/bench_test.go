package mongodb

import (
	"context"
	"fmt"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/compendium-kb/compendium/kb"
)

// The embedded database answers a filter on anything but _id by reading
// the whole collection; these benchmarks show what the inbox marks and
// the trail entries read by _id save, at 5,000 notices and 5,000 audit
// entries (1,000 submissions, 50 users):
//
//	go test ./kb/mongodb -run X -bench . -benchtime 20x
func BenchmarkNotices(b *testing.B) {
	ctx := context.Background()
	_, st := embeddedStore(b)
	for i := range 5000 {
		n := kb.Notice{ID: fmt.Sprintf("n%05d", i), UserID: fmt.Sprintf("u%d", i%50), Text: "Your submission was returned with a comment", At: time.Now()}
		if err := st.AddNotice(ctx, n); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("unread count (inbox marks)", func(b *testing.B) {
		for b.Loop() {
			if _, err := st.UnreadNotices(ctx, "u7"); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("a user's notices (filter)", func(b *testing.B) {
		for b.Loop() {
			if _, err := st.Notices(ctx, "u7"); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkAudit(b *testing.B) {
	ctx := context.Background()
	_, st := embeddedStore(b)
	for i := range 5000 {
		e := kb.AuditEntry{ID: fmt.Sprintf("a%05d", i), SubmissionID: fmt.Sprintf("s%d", i%1000), Action: "submit", At: time.Now()}
		if err := st.AppendAudit(ctx, e); err != nil {
			b.Fatal(err)
		}
		if _, err := st.db.Collection("audit").InsertOne(ctx, e); err != nil { // as kept before trails
			b.Fatal(err)
		}
	}
	b.Run("trail entries by _id", func(b *testing.B) {
		for b.Loop() {
			if _, err := st.Audit(ctx, "s7"); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("entries one by one (filter)", func(b *testing.B) {
		for b.Loop() {
			filter := bson.D{{Key: "submission_id", Value: "s7"}}
			if _, err := all[kb.AuditEntry](ctx, st.db.Collection("audit"), filter, bson.D{{Key: "at", Value: 1}}, 0, "audit"); err != nil {
				b.Fatal(err)
			}
		}
	})
}
