package mongodb

import (
	"archive/tar"
	"bufio"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/compendium-kb/compendium/kb"
)

// ErrNotEmpty refuses a restore onto a store that holds records.
var ErrNotEmpty = errors.New("the database is not empty")

// Empty reports whether no collection but the schema record holds a
// document.
func (s *Store) Empty(ctx context.Context) (bool, error) {
	names, err := s.db.ListCollectionNames(ctx, bson.D{})
	if err != nil {
		return false, translate(err, "listing collections")
	}
	for _, name := range names {
		if name == schemaCollection {
			continue
		}
		n, err := s.db.Collection(name).CountDocuments(ctx, bson.D{})
		if err != nil {
			return false, translate(err, name)
		}
		if n > 0 {
			return false, nil
		}
	}
	return true, nil
}

// ReadManifest reads a backup's manifest, the archive's first entry.
func ReadManifest(r io.Reader) (Manifest, *tar.Reader, error) {
	compressed := &countingReader{r: r}
	gz, err := gzip.NewReader(compressed)
	if err != nil {
		return Manifest{}, nil, fmt.Errorf("not a compendium backup: %w", err)
	}
	tr := tar.NewReader(&expansionGuard{r: gz, compressed: compressed})
	h, err := tr.Next()
	if err != nil || h.Name != "manifest.json" {
		return Manifest{}, nil, fmt.Errorf("not a compendium backup: it does not start with manifest.json")
	}
	var m Manifest
	if err := json.NewDecoder(io.LimitReader(tr, 1<<20)).Decode(&m); err != nil {
		return Manifest{}, nil, fmt.Errorf("manifest.json: %w", err)
	}
	if m.Format < 1 || m.Format > BackupFormat {
		return Manifest{}, nil, fmt.Errorf("backup format %d: this program reads formats up to %d", m.Format, BackupFormat)
	}
	return m, tr, m.validate()
}

// Verify reads a whole backup and checks every collection's count and
// checksum against the manifest, writing nothing.
func Verify(r io.Reader) (Manifest, error) {
	return eachCollection(r, func(CollectionManifest, []bson.Raw) error { return nil })
}

// Restore loads a backup into an empty store, checking each collection
// against the manifest, and records the backup's schema version so that
// Migrate then brings old records to the current shapes. Verify the file
// first: a checksum that fails half-way leaves what was loaded.
func (s *Store) Restore(ctx context.Context, r io.Reader) (Manifest, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ok, err := s.Empty(ctx); err != nil {
		return Manifest{}, err
	} else if !ok {
		return Manifest{}, fmt.Errorf("restoring: %w: restore into a new data folder or database", ErrNotEmpty)
	}
	m, err := eachCollection(r, func(c CollectionManifest, docs []bson.Raw) error {
		batch := make([]any, len(docs))
		for i, d := range docs {
			batch[i] = d
		}
		_, err := s.db.Collection(c.Name).InsertMany(ctx, batch)
		return translate(err, "restoring "+c.Name)
	})
	if err != nil {
		return m, err
	}
	return m, s.setSchemaVersion(ctx, m.Schema)
}

// eachCollection reads a backup, handing each collection's documents to
// fn in batches of a few MiB, and checks counts and checksums.
func eachCollection(r io.Reader, fn func(CollectionManifest, []bson.Raw) error) (Manifest, error) {
	m, tr, err := ReadManifest(r)
	if err != nil {
		return m, err
	}
	want := map[string]CollectionManifest{}
	for _, c := range m.Collections {
		want[c.Name] = c
	}
	seen := 0
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return m, fmt.Errorf("reading the backup: %w", err)
		}
		name := strings.TrimSuffix(strings.TrimPrefix(h.Name, "collections/"), ".bson")
		c, ok := want[name]
		if !ok || !strings.HasPrefix(h.Name, "collections/") {
			return m, fmt.Errorf("the backup holds %s, which its manifest does not list", h.Name)
		}
		if h.Size != c.Bytes {
			return m, fmt.Errorf("the backup holds %d bytes of %s, its manifest says %d: %w", h.Size, c.Name, c.Bytes, kb.ErrBadRequest)
		}
		if err := readCollection(tr, c, fn); err != nil {
			return m, err
		}
		seen++
	}
	if seen != len(m.Collections) {
		return m, fmt.Errorf("the backup holds %d collections, its manifest lists %d: %w", seen, len(m.Collections), kb.ErrBadRequest)
	}
	return m, nil
}

func readCollection(r io.Reader, c CollectionManifest, fn func(CollectionManifest, []bson.Raw) error) error {
	sum := sha256.New()
	br := bufio.NewReader(io.TeeReader(r, sum))
	const batchBytes = 4 << 20
	var batch []bson.Raw
	size, count := 0, 0
	for {
		doc, err := readDocument(br)
		if errors.Is(err, io.EOF) {
			break
		}
		if isExpansion(err) {
			return err
		}
		if err != nil {
			return fmt.Errorf("collection %s, document %d: %w", c.Name, count+1, err)
		}
		batch = append(batch, doc)
		size += len(doc)
		count++
		if size >= batchBytes {
			if err := fn(c, batch); err != nil {
				return err
			}
			batch, size = nil, 0
		}
	}
	if len(batch) > 0 {
		if err := fn(c, batch); err != nil {
			return err
		}
	}
	if got := hex.EncodeToString(sum.Sum(nil)); count != c.Count || got != c.SHA256 {
		return fmt.Errorf("collection %s: %d documents with checksum %s, the manifest says %d and %s", c.Name, count, got, c.Count, c.SHA256)
	}
	return nil
}

// readDocument reads one BSON document: its length, then the rest.
func readDocument(r io.Reader) (bson.Raw, error) {
	var head [4]byte
	if _, err := io.ReadFull(r, head[:]); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, errors.New("cut short")
		}
		return nil, err
	}
	n := binary.LittleEndian.Uint32(head[:])
	if n < 5 || n > 48<<20 {
		return nil, fmt.Errorf("a document of %d bytes: the file is damaged", n)
	}
	doc := make([]byte, n)
	copy(doc, head[:])
	if _, err := io.ReadFull(r, doc[4:]); isExpansion(err) {
		return nil, err
	} else if err != nil {
		return nil, errors.New("cut short")
	}
	return bson.Raw(doc), bson.Raw(doc).Validate()
}
