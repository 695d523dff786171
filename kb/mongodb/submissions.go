package mongodb

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/compendium-kb/compendium/kb"
)

func (s *Store) submissions() *mongo.Collection { return s.db.Collection("submissions") }

// Submission returns a submission by id.
func (s *Store) Submission(ctx context.Context, id string) (kb.Submission, error) {
	return byID[kb.Submission](ctx, s.submissions(), id, "submission")
}

// listProjection is what a listing shows of a submission: its title,
// states and status, not its text, versions or files.
var listProjection = bson.D{
	{Key: "_id", Value: 1}, {Key: "rev", Value: 1}, {Key: "status", Value: 1}, {Key: "owner_id", Value: 1},
	{Key: "owner_name", Value: 1}, {Key: "owner_unit", Value: 1}, {Key: "fields.title", Value: 1},
	{Key: "fields.states", Value: 1}, {Key: "reviewer_id", Value: 1}, {Key: "reason", Value: 1},
	{Key: "practice_id", Value: 1}, {Key: "created_at", Value: 1}, {Key: "updated_at", Value: 1},
}

// ListSubmissions returns a page of submissions, latest change first. The
// database filters, sorts, pages and projects; on embedded FerretDB a
// filter on a field other than _id still reads the collection inside the
// database, but only the page is decoded and sent.
func (s *Store) ListSubmissions(ctx context.Context, f kb.SubmissionFilter) ([]kb.Submission, error) {
	filter := bson.D{}
	if f.OwnerID != "" {
		filter = append(filter, bson.E{Key: "owner_id", Value: f.OwnerID})
	}
	if f.Status != "" {
		filter = append(filter, bson.E{Key: "status", Value: f.Status})
	}
	if f.SentOrOwnedBy != "" {
		// Records from before the submitted flag: every status but a
		// draft and a withdrawal had been sent.
		filter = append(filter, bson.E{Key: "$or", Value: bson.A{
			bson.D{{Key: "submitted", Value: true}},
			bson.D{{Key: "owner_id", Value: f.SentOrOwnedBy}},
			bson.D{{Key: "status", Value: bson.D{{Key: "$nin", Value: bson.A{kb.StatusDraft, kb.StatusWithdrawn}}}}},
		}})
	}
	p := f.Page.Bounded()
	opts := options.Find().SetSort(bson.D{{Key: "updated_at", Value: -1}, {Key: "_id", Value: 1}}).
		SetSkip(int64(p.Skip())).SetLimit(int64(p.Size)).SetProjection(listProjection)
	cur, err := s.submissions().Find(ctx, filter, opts)
	if err != nil {
		return nil, translate(err, "submissions")
	}
	out := []kb.Submission{}
	return out, translate(cur.All(ctx, &out), "submissions")
}

// SavePractice stores one new practice (an approved submission).
func (s *Store) SavePractice(ctx context.Context, p kb.Practice) error {
	return s.insert(ctx, "practices", p, "practice "+p.ID)
}
