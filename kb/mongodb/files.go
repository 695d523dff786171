package mongodb

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// Files are kept in chunks well under MongoDB's 16 MiB document limit,
// each chunk addressed by _id ("sha256/n"), the one lookup FerretDB
// indexes.
const chunkSize = 1 << 20

type fileHeader struct {
	ID     string `bson:"_id"`
	Size   int64  `bson:"size"`
	Chunks int    `bson:"chunks"`
}

type fileChunk struct {
	ID   string `bson:"_id"`
	Data []byte `bson:"data"`
}

func (s *Store) files() *mongo.Collection { return s.db.Collection("files") }

// PutFile stores content under its SHA-256 unless it is there already.
func (s *Store) PutFile(ctx context.Context, sha string, data []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.putFile(ctx, sha, data)
}

// putFile stores content under its SHA-256 unless it is there already.
// The header is written last, so a file is complete when it has one.
func (s *Store) putFile(ctx context.Context, sha string, data []byte) error {
	var h fileHeader
	if err := s.files().FindOne(ctx, bson.D{{Key: "_id", Value: sha}}).Decode(&h); err == nil && h.Size == int64(len(data)) {
		return nil
	}
	var ids []string
	var chunks []any
	n := 0
	for off := 0; off < len(data) || n == 0; off += chunkSize {
		end := min(off+chunkSize, len(data))
		c := fileChunk{ID: fmt.Sprintf("%s/%d", sha, n), Data: data[off:end]}
		ids = append(ids, c.ID)
		chunks = append(chunks, c)
		n++
	}
	// Chunks left by an earlier write cut short go first.
	if err := s.deleteIDs(ctx, s.db.Collection("file_chunks"), ids); err != nil {
		return translate(err, "file "+sha)
	}
	for i := range chunks { // one at a time: each is up to a MiB
		if _, err := s.db.Collection("file_chunks").InsertOne(ctx, chunks[i]); err != nil {
			return translate(err, "file "+sha)
		}
	}
	upsert := options.Replace().SetUpsert(true)
	h = fileHeader{ID: sha, Size: int64(len(data)), Chunks: n}
	_, err := s.files().ReplaceOne(ctx, bson.D{{Key: "_id", Value: sha}}, h, upsert)
	return translate(err, "file "+sha)
}

// OpenFile returns a stored file's content and size.
func (s *Store) OpenFile(ctx context.Context, sha string) (io.ReadCloser, int64, error) {
	var h fileHeader
	if err := s.files().FindOne(ctx, bson.D{{Key: "_id", Value: sha}}).Decode(&h); err != nil {
		return nil, 0, translate(err, "file "+sha)
	}
	return &chunkReader{ctx: ctx, s: s, h: h}, h.Size, nil
}

// chunkReader reads a file chunk by chunk, holding one chunk in memory.
type chunkReader struct {
	ctx  context.Context
	s    *Store
	h    fileHeader
	next int
	buf  bytes.Reader
}

func (r *chunkReader) Read(p []byte) (int, error) {
	for r.buf.Len() == 0 {
		if r.next >= r.h.Chunks {
			return 0, io.EOF
		}
		var c fileChunk
		id := fmt.Sprintf("%s/%d", r.h.ID, r.next)
		if err := r.s.db.Collection("file_chunks").FindOne(r.ctx, bson.D{{Key: "_id", Value: id}}).Decode(&c); err != nil {
			return 0, translate(err, "file chunk "+id)
		}
		r.buf.Reset(c.Data)
		r.next++
	}
	return r.buf.Read(p)
}

func (r *chunkReader) Close() error { return nil }
