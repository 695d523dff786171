package mongodb_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/compendium-kb/compendium/kb/mongodb"
	"github.com/compendium-kb/compendium/kb/mongodb/mongotest"
)

// craftedBackup writes a backup by hand: a manifest as given, then each
// collection's bytes.
func craftedBackup(t *testing.T, m mongodb.Manifest, files map[string][]byte) []byte {
	t.Helper()
	var out bytes.Buffer
	gz, _ := gzip.NewWriterLevel(&out, gzip.BestCompression)
	tw := tar.NewWriter(gz)
	js, _ := json.Marshal(m)
	put := func(name string, data []byte) {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o600, Size: int64(len(data))}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	put("manifest.json", js)
	for _, c := range m.Collections {
		put("collections/"+c.Name+".bson", files[c.Name])
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := gz.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func collectionOf(name string, data []byte, count int) mongodb.CollectionManifest {
	sum := sha256.Sum256(data)
	return mongodb.CollectionManifest{Name: name, Count: count, Bytes: int64(len(data)), SHA256: hex.EncodeToString(sum[:])}
}

// TestRestoreChecksTheManifestFirst: a manifest with an impossible
// schema, collection name or count is refused before anything is
// written, and a store that recorded such a schema is refused by Migrate
// instead of panicking. (A restore of "schema": -5 panicked in Migrate,
// and so did every later serve on that folder.)
func TestRestoreChecksTheManifestFirst(t *testing.T) {
	ctx := context.Background()
	doc, _ := bson.Marshal(bson.D{{Key: "_id", Value: "p1"}, {Key: "title", Value: "A practice"}})
	good := collectionOf("practices", doc, 1)
	for name, change := range map[string]func(*mongodb.Manifest){
		"schema -5":            func(m *mongodb.Manifest) { m.Schema = -5 },
		"schema from a future": func(m *mongodb.Manifest) { m.Schema = mongodb.SchemaVersion() + 1 },
		"a name with a slash":  func(m *mongodb.Manifest) { m.Collections[0].Name = "../practices" },
		"a system collection":  func(m *mongodb.Manifest) { m.Collections[0].Name = "system.users" },
		"a negative count":     func(m *mongodb.Manifest) { m.Collections[0].Count = -1 },
		"listed twice":         func(m *mongodb.Manifest) { m.Collections = append(m.Collections, m.Collections[0]) },
		"no checksum":          func(m *mongodb.Manifest) { m.Collections[0].SHA256 = "" },
	} {
		t.Run(name, func(t *testing.T) {
			m := mongodb.Manifest{Format: 1, Created: time.Now().UTC(), Program: "test", Schema: 1, Collections: []mongodb.CollectionManifest{good}}
			change(&m)
			file := craftedBackup(t, m, map[string][]byte{"practices": doc, m.Collections[0].Name: doc})
			if _, err := mongodb.Verify(bytes.NewReader(file)); err == nil {
				t.Error("the check passes")
			}
			st := mongotest.New(t)
			if _, err := st.Restore(ctx, bytes.NewReader(file)); err == nil {
				t.Error("the restore goes ahead")
			}
			if empty, err := st.Empty(ctx); err != nil || !empty {
				t.Errorf("the refused restore wrote records (empty %v, %v)", empty, err)
			}
			if _, _, err := st.Migrate(ctx); err != nil {
				t.Errorf("migrating the untouched store: %v", err)
			}
		})
	}
	m := mongodb.Manifest{Format: 1, Created: time.Now().UTC(), Program: "test", Schema: 1, Collections: []mongodb.CollectionManifest{good}}
	if _, err := mongodb.Verify(bytes.NewReader(craftedBackup(t, m, map[string][]byte{"practices": doc}))); err != nil {
		t.Errorf("a sound hand-made backup fails its check: %v", err)
	}
}

// TestRestoreStopsABackupThatExpandsWithoutBound: a small file whose
// collection expands to 256 MiB of valid documents is stopped once it
// passes the limit, long before its end. (A 699 KB file expanded to
// 622 MB in 60 s and went on.)
func TestRestoreStopsABackupThatExpandsWithoutBound(t *testing.T) {
	if testing.Short() {
		t.Skip("compresses 256 MiB")
	}
	big, _ := bson.Marshal(bson.D{{Key: "_id", Value: "x"}, {Key: "text", Value: strings.Repeat("a", 16<<20)}})
	const copies = 16 // 256 MiB
	var all bytes.Buffer
	sum := sha256.New()
	for range copies {
		all.Write(big)
		sum.Write(big)
	}
	c := mongodb.CollectionManifest{Name: "practices", Count: copies, Bytes: int64(all.Len()), SHA256: hex.EncodeToString(sum.Sum(nil))}
	m := mongodb.Manifest{Format: 1, Created: time.Now().UTC(), Program: "test", Schema: 1, Collections: []mongodb.CollectionManifest{c}}
	file := craftedBackup(t, m, map[string][]byte{"practices": all.Bytes()})
	start := time.Now()
	_, err := mongodb.Verify(bytes.NewReader(file))
	if err == nil || !strings.Contains(err.Error(), "expands") {
		t.Fatalf("a %d KB file expanding to %d MB: %v, want stopped for expanding", len(file)>>10, all.Len()>>20, err)
	}
	t.Logf("a %d KB file expanding to %d MB stopped after %v: %v", len(file)>>10, all.Len()>>20, time.Since(start), err)
}
