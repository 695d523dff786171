package mongodb

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// helloReply is what a backup needs of the server's hello reply.
type helloReply struct {
	SetName        string `bson:"setName"` // a replica set member
	Msg            string `bson:"msg"`     // "isdbgrid" from a sharded cluster's router
	MaxWireVersion int32  `bson:"maxWireVersion"`
}

// snapshotReads says whether a server answering hello so reads at one
// cluster time outside a transaction (readConcern "snapshot"): MongoDB
// 5.0 (wire version 13) or later, as a replica set or sharded cluster.
// A standalone MongoDB has no snapshot history; FerretDB names no
// replica set.
func snapshotReads(h helloReply) bool {
	return (h.SetName != "" || h.Msg == "isdbgrid") && h.MaxWireVersion >= 13
}

// readOneMoment returns a context whose reads see the database at one
// cluster time where the server can, with the consistency that gives and
// a function that ends the session. MongoDB keeps a snapshot's history
// for minSnapshotHistoryWindowInSeconds (300 by default): a backup that
// takes longer fails with SnapshotTooOld rather than mixing moments.
func (s *Store) readOneMoment(ctx context.Context) (context.Context, Consistency, func(), error) {
	var h helloReply
	if err := s.db.RunCommand(ctx, bson.D{{Key: "hello", Value: 1}}).Decode(&h); err != nil {
		return ctx, "", nil, translate(err, "asking the server what it is")
	}
	if !snapshotReads(h) {
		return ctx, PerCollection, func() {}, nil
	}
	sess, err := s.client.StartSession(options.Session().SetSnapshot(true))
	if err != nil {
		return ctx, "", nil, translate(err, "starting a snapshot session")
	}
	return mongo.NewSessionContext(ctx, sess), Snapshot, func() { sess.EndSession(context.Background()) }, nil
}
