package mongodb

import (
	"bytes"
	"context"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// TestSnapshotReadsOnlyWhereTheServerHasThem: a backup reads at one
// cluster time only from MongoDB 5.0 or later as a replica set or behind
// a sharded cluster's router; FerretDB, a standalone MongoDB and older
// versions are read collection by collection, and the manifest says so.
func TestSnapshotReadsOnlyWhereTheServerHasThem(t *testing.T) {
	for _, c := range []struct {
		name  string
		hello helloReply
		want  bool
	}{
		{"replica set, MongoDB 7.0", helloReply{SetName: "rs0", MaxWireVersion: 21}, true},
		{"replica set, MongoDB 5.0", helloReply{SetName: "rs0", MaxWireVersion: 13}, true},
		{"replica set, MongoDB 4.4", helloReply{SetName: "rs0", MaxWireVersion: 9}, false},
		{"sharded cluster, MongoDB 6.0", helloReply{Msg: "isdbgrid", MaxWireVersion: 17}, true},
		{"standalone MongoDB 7.0", helloReply{MaxWireVersion: 21}, false},
	} {
		if got := snapshotReads(c.hello); got != c.want {
			t.Errorf("%s: snapshot reads %v, want %v", c.name, got, c.want)
		}
	}
	ctx := context.Background()
	_, st := embeddedStore(t)
	var h helloReply
	if err := st.db.RunCommand(ctx, bson.D{{Key: "hello", Value: 1}}).Decode(&h); err != nil {
		t.Fatal(err)
	}
	if snapshotReads(h) {
		t.Errorf("FerretDB's hello %+v reads as a server with snapshot reads", h)
	}
	for _, c := range []struct {
		sole bool
		want Consistency
	}{{true, SoleWriter}, {false, PerCollection}} {
		m, err := st.Backup(ctx, &bytes.Buffer{}, BackupOptions{Program: "test", SoleWriter: c.sole})
		if err != nil || m.Consistency != c.want {
			t.Errorf("a backup of FerretDB, sole writer %v: %q (%v), want %q", c.sole, m.Consistency, err, c.want)
		}
	}
}
