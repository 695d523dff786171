package mongodb

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// BackupFormat is the version of the backup file's layout: a gzipped tar
// of manifest.json, then collections/NAME.bson, each the collection's
// documents as raw BSON one after another (as mongodump writes them).
const BackupFormat = 1

// notBackedUp are collections a backup leaves out: sessions (signing in
// again is cheap, and a restored session would be a live credential in a
// file), the log of backups itself, the schema record, which the manifest
// carries, and the change log, which only tells running nodes what to
// re-index (a restore indexes everything).
var notBackedUp = []string{"sessions", "backups", schemaCollection, changesCollection}

// Manifest describes a backup: what it holds and how to check it.
type Manifest struct {
	Format      int                  `json:"format"`
	Created     time.Time            `json:"created"`
	Program     string               `json:"program"` // the version that wrote it
	Schema      int                  `json:"schema"`  // the store's schema version
	Consistency Consistency          `json:"consistency,omitempty"`
	Collections []CollectionManifest `json:"collections"`
}

// Consistency says of which moment a backup is a copy.
type Consistency string

const (
	// SoleWriter: the process that wrote the backup was the database's
	// only writer (the embedded database) and its writes waited: one
	// moment.
	SoleWriter Consistency = "one moment: the only writer waited"
	// Snapshot: every collection was read at one cluster time (readConcern
	// "snapshot"; MongoDB 5.0 or later as a replica set or sharded
	// cluster): one moment, while the nodes kept writing.
	Snapshot Consistency = "one moment: a snapshot read"
	// PerCollection: each collection was read in turn while other nodes
	// could write (FerretDB, or a standalone MongoDB, which have no
	// snapshot reads): a change spanning collections made meanwhile may
	// be in one and not another.
	PerCollection Consistency = "per collection: other nodes could write meanwhile"
)

// BackupOptions say who writes the backup and what else writes the
// database.
type BackupOptions struct {
	Program    string // this program's version, for the manifest
	SoleWriter bool   // no other process writes the database
}

// CollectionManifest is one collection in a backup.
type CollectionManifest struct {
	Name   string `json:"name"`
	Count  int    `json:"count"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"` // of the collection's BSON in the file
}

// Backup writes every collection but sessions to w, with a manifest.
// Collections are found by listing them, so a collection added later is
// backed up without a change here. Every write of this process takes the
// store's lock, held for the whole dump, so when this process is the
// only writer the backup is one moment. Other nodes' writes do not wait:
// then the collections are read at one cluster time where the server
// can, and the manifest says which it was.
func (s *Store) Backup(ctx context.Context, w io.Writer, opts BackupOptions) (Manifest, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	names, err := s.db.ListCollectionNames(ctx, bson.D{})
	if err != nil {
		return Manifest{}, translate(err, "listing collections")
	}
	slices.Sort(names)
	tmp, err := os.MkdirTemp("", "compendium-backup-")
	if err != nil {
		return Manifest{}, err
	}
	defer os.RemoveAll(tmp)
	m := Manifest{Format: BackupFormat, Created: time.Now().UTC(), Program: opts.Program, Consistency: SoleWriter}
	if m.Schema, err = s.schemaVersion(ctx); err != nil {
		return Manifest{}, err
	}
	if !opts.SoleWriter {
		var end func()
		if ctx, m.Consistency, end, err = s.readOneMoment(ctx); err != nil {
			return Manifest{}, err
		}
		defer end()
	}
	for _, name := range names {
		if slices.Contains(notBackedUp, name) {
			continue
		}
		cm, err := s.dumpCollection(ctx, name, tmp)
		if err != nil {
			return Manifest{}, err
		}
		m.Collections = append(m.Collections, cm)
	}
	return m, writeArchive(w, m, tmp)
}

// dumpCollection writes a collection's documents to a file in dir,
// counting and summing them, in _id order.
func (s *Store) dumpCollection(ctx context.Context, name, dir string) (CollectionManifest, error) {
	f, err := os.Create(dir + "/" + name + ".bson")
	if err != nil {
		return CollectionManifest{}, err
	}
	defer f.Close()
	// In _id order, so that the same records always make the same bytes
	// and two backups compare by their checksums.
	cur, err := s.db.Collection(name).Find(ctx, bson.D{}, options.Find().SetBatchSize(200).SetSort(bson.D{{Key: "_id", Value: 1}}))
	if err != nil {
		return CollectionManifest{}, translate(err, "backing up "+name)
	}
	defer cur.Close(ctx)
	sum := sha256.New()
	out := io.MultiWriter(f, sum)
	cm := CollectionManifest{Name: name}
	for cur.Next(ctx) {
		n, err := out.Write(cur.Current)
		if err != nil {
			return cm, fmt.Errorf("backing up %s: %w", name, err)
		}
		cm.Count++
		cm.Bytes += int64(n)
	}
	if err := cur.Err(); err != nil {
		return cm, translate(err, "backing up "+name)
	}
	cm.SHA256 = hex.EncodeToString(sum.Sum(nil))
	return cm, f.Close()
}

// writeArchive writes the manifest first, so that a restore knows what
// to expect before it reads any data, then each collection's file.
func writeArchive(w io.Writer, m Manifest, dir string) error {
	gz := gzip.NewWriter(w)
	tw := tar.NewWriter(gz)
	js, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	if err := tw.WriteHeader(&tar.Header{Name: "manifest.json", Mode: 0o600, Size: int64(len(js)), ModTime: m.Created}); err != nil {
		return err
	}
	if _, err := tw.Write(js); err != nil {
		return err
	}
	for _, c := range m.Collections {
		if err := addFile(tw, "collections/"+c.Name+".bson", dir+"/"+c.Name+".bson", c.Bytes, m.Created); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}

func addFile(tw *tar.Writer, name, path string, size int64, at time.Time) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o600, Size: size, ModTime: at}); err != nil {
		return err
	}
	_, err = io.Copy(tw, f)
	return err
}
