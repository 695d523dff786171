package mongodb

import (
	"context"
	"strconv"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/compendium-kb/compendium/kb"
)

// Records kept only to decide between writers (pack revisions, sign-in
// attempts) are pruned once nothing can depend on them. Both prunes read
// their collection whole (the embedded database filters by reading it
// anyway), so they run at start and hourly, not per request.

// PrunePackRevisions deletes each pack's revisions but the newest keep up
// to its record's revision, and says how many went. A reader starts at
// the record's revision and follows later ones, so older ones are only
// history; a writer still holding a pruned revision is refused by the
// record's (UpdatePack).
func (s *Store) PrunePackRevisions(ctx context.Context, keep int) (int, error) {
	packs, err := all[struct {
		ID  string `bson:"_id"`
		Rev int    `bson:"rev"`
	}](ctx, s.db.Collection("packs"), bson.D{}, bson.D{}, 0, "packs")
	if err != nil {
		return 0, err
	}
	rev := map[string]int{}
	for _, p := range packs {
		rev[p.ID] = p.Rev
	}
	ids, err := s.ids(ctx, "pack_revisions", bson.D{})
	if err != nil {
		return 0, err
	}
	var old []string
	for _, id := range ids {
		i := strings.LastIndexByte(id, ':')
		n, err := strconv.Atoi(id[i+1:])
		if current, ok := rev[id[:max(i, 0)]]; i > 0 && err == nil && ok && n <= current-keep {
			old = append(old, id)
		}
	}
	return len(old), translate(s.deleteLocked(ctx, s.db.Collection("pack_revisions"), old), "pack revisions")
}

// PruneSignInAttempts deletes the sign-in logs whose last entry is older
// than before, whole, and says how many entries went. A log is read from
// its first entry, so it goes whole or not at all; and only a quiet one,
// so that no wait or window still counts its entries. An attempt made
// while its log is pruned may be left alone at its number: the log then
// starts again from 1, as a pruned log does, and runs into it later
// (kb's appends take the next free number).
func (s *Store) PruneSignInAttempts(ctx context.Context, before time.Time) (int, error) {
	c := s.db.Collection("signin_attempts")
	cur, err := c.Find(ctx, bson.D{}, options.Find().SetProjection(bson.D{{Key: "key", Value: 1}, {Key: "n", Value: 1}, {Key: "at", Value: 1}}))
	if err != nil {
		return 0, translate(err, "sign-in attempts")
	}
	var entries []kb.SignInAttempt
	if err := cur.All(ctx, &entries); err != nil {
		return 0, translate(err, "sign-in attempts")
	}
	last := map[string]kb.SignInAttempt{}
	for _, a := range entries {
		if a.N > last[a.Key].N {
			last[a.Key] = a
		}
	}
	var quiet []string
	for _, a := range entries {
		if last[a.Key].At.Before(before) {
			quiet = append(quiet, a.ID)
		}
	}
	return len(quiet), translate(s.deleteLocked(ctx, c, quiet), "sign-in attempts")
}

// deleteLocked deletes by _id under the store's lock, which a backup of
// the embedded database holds to be one moment.
func (s *Store) deleteLocked(ctx context.Context, c *mongo.Collection, ids []string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.deleteIDs(ctx, c, ids)
}

// ids reads the _ids of a collection's records that match filter.
func (s *Store) ids(ctx context.Context, collection string, filter bson.D) ([]string, error) {
	cur, err := s.db.Collection(collection).Find(ctx, filter, options.Find().SetProjection(bson.D{{Key: "_id", Value: 1}}))
	if err != nil {
		return nil, translate(err, collection)
	}
	var recs []struct {
		ID string `bson:"_id"`
	}
	err = cur.All(ctx, &recs)
	out := make([]string, len(recs))
	for i, r := range recs {
		out[i] = r.ID
	}
	return out, translate(err, collection)
}
