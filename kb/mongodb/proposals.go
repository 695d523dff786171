package mongodb

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/compendium-kb/compendium/kb"
)

// The records reviewers curate. Every change that must have one winner
// (a decision on a proposal, a correction of a practice, a withdrawal)
// is an insert of a unique _id: the one write embedded FerretDB applies
// atomically, and one that holds across several app nodes on one
// database, where the store's lock does not.

func (s *Store) proposals() *mongo.Collection { return s.db.Collection("proposals") }
func (s *Store) withdrawn() *mongo.Collection { return s.db.Collection("withdrawn") }

// SaveProposals replaces a document's proposals. The filter on document
// reads the collection, which only imports do.
func (s *Store) SaveProposals(ctx context.Context, documentID string, ps []kb.Proposal) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.proposals().DeleteMany(ctx, bson.D{{Key: "document_id", Value: documentID}}); err != nil {
		return translate(err, "proposals of "+documentID)
	}
	if len(ps) == 0 {
		return nil
	}
	docs := make([]any, len(ps))
	for i, p := range ps {
		docs[i] = p
	}
	_, err := s.proposals().InsertMany(ctx, docs)
	return translate(err, "proposals of "+documentID)
}

// Proposal returns a proposal by id.
func (s *Store) Proposal(ctx context.Context, id string) (kb.Proposal, error) {
	return byID[kb.Proposal](ctx, s.proposals(), id, "proposal")
}

// Proposals returns a document's proposals, or all of them.
func (s *Store) Proposals(ctx context.Context, documentID string) ([]kb.Proposal, error) {
	filter := bson.D{}
	if documentID != "" {
		filter = bson.D{{Key: "document_id", Value: documentID}}
	}
	return all[kb.Proposal](ctx, s.proposals(), filter, bson.D{{Key: "page_start", Value: 1}}, 0, "proposals")
}

// InsertProposal adds a new proposal; an existing id is kb.ErrConflict.
func (s *Store) InsertProposal(ctx context.Context, p kb.Proposal) error {
	return s.insert(ctx, "proposals", p, "proposal "+p.ID)
}

// DeleteProposals deletes proposals by id.
func (s *Store) DeleteProposals(ctx context.Context, ids []string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return translate(s.deleteIDs(ctx, s.proposals(), ids), "proposals")
}

// Claim records key once; a second claim is kb.ErrConflict.
func (s *Store) Claim(ctx context.Context, key string) error {
	_, err := s.db.Collection("claims").InsertOne(ctx, bson.D{{Key: "_id", Value: key}})
	return translate(err, "claim "+key)
}

// DeleteDocument deletes a document record.
func (s *Store) DeleteDocument(ctx context.Context, id string) error {
	return s.deleteOne(ctx, s.documents(), id, "document")
}

// ReplacePractice writes a practice over the stored one.
func (s *Store) ReplacePractice(ctx context.Context, p kb.Practice) error {
	return s.replace(ctx, "practices", p.ID, p, "practice")
}

// DeletePractice deletes a published practice.
func (s *Store) DeletePractice(ctx context.Context, id string) error {
	return s.deleteOne(ctx, s.practices(), id, "practice")
}

// DeleteVersions deletes a practice's earlier versions ("id@n").
func (s *Store) DeleteVersions(ctx context.Context, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	re := bson.Regex{Pattern: "^" + id + "@[0-9]+$"}
	_, err := s.db.Collection("practice_versions").DeleteMany(ctx, bson.D{{Key: "_id", Value: re}})
	return translate(err, "versions of "+id)
}

// PutTombstone records a withdrawn practice; one already there is
// kb.ErrConflict.
func (s *Store) PutTombstone(ctx context.Context, t kb.Tombstone) error {
	return s.insert(ctx, "withdrawn", t, "withdrawn practice "+t.ID)
}

// Tombstone returns a withdrawn practice.
func (s *Store) Tombstone(ctx context.Context, id string) (kb.Tombstone, error) {
	return byID[kb.Tombstone](ctx, s.withdrawn(), id, "withdrawn practice")
}

// DeleteTombstone deletes a withdrawn practice's record.
func (s *Store) DeleteTombstone(ctx context.Context, id string) error {
	return s.deleteOne(ctx, s.withdrawn(), id, "withdrawn practice")
}

// DeleteFile deletes a stored PDF: its header first, so that a file cut
// short is never served, then its chunks.
func (s *Store) DeleteFile(ctx context.Context, sha256 string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var h fileHeader
	if err := s.files().FindOne(ctx, bson.D{{Key: "_id", Value: sha256}}).Decode(&h); err != nil {
		return translate(err, "file "+sha256)
	}
	if _, err := s.files().DeleteOne(ctx, bson.D{{Key: "_id", Value: sha256}}); err != nil {
		return translate(err, "file "+sha256)
	}
	ids := make([]string, h.Chunks)
	for i := range ids {
		ids[i] = fmt.Sprintf("%s/%d", sha256, i)
	}
	return translate(s.deleteIDs(ctx, s.db.Collection("file_chunks"), ids), "file "+sha256)
}

// AppendEvent adds an event to the audit trail; there is no way to change
// or remove one.
func (s *Store) AppendEvent(ctx context.Context, e kb.Event) error {
	_, err := s.db.Collection("events").InsertOne(ctx, e)
	return translate(err, "audit trail")
}

// Events returns the trail, newest first (ids begin with the time).
func (s *Store) Events(ctx context.Context, f kb.EventFilter) ([]kb.Event, error) {
	filter := bson.D{}
	if f.DocumentID != "" { // its own entries, and bulk actions that decided in it
		filter = append(filter, bson.E{Key: "$or", Value: bson.A{bson.D{{Key: "document_id", Value: f.DocumentID}},
			bson.D{{Key: "decided.document_id", Value: f.DocumentID}}}})
	}
	if f.Subject != "" {
		filter = append(filter, bson.E{Key: "subject", Value: f.Subject})
	}
	return all[kb.Event](ctx, s.db.Collection("events"), filter, bson.D{{Key: "_id", Value: -1}}, int64(f.Limit), "audit trail")
}

// deleteOne deletes a record by _id; none is kb.ErrNotFound.
func (s *Store) deleteOne(ctx context.Context, c *mongo.Collection, id, what string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	res, err := c.DeleteOne(ctx, bson.D{{Key: "_id", Value: id}})
	if err == nil && res.DeletedCount == 0 {
		err = mongo.ErrNoDocuments
	}
	return translate(err, what+" "+id)
}
