package mongodb

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// BackupRecord is one backup made, for the admin pages.
type BackupRecord struct {
	ID    string    `bson:"_id"` // the time, sortable: one record per backup
	At    time.Time `bson:"at"`
	Bytes int64     `bson:"bytes"`
	File  string    `bson:"file"`
}

// RecordBackup notes a backup that was written and checked.
func (s *Store) RecordBackup(ctx context.Context, at time.Time, bytes int64, file string) error {
	rec := BackupRecord{ID: fmt.Sprintf("%020d", at.UnixNano()), At: at.UTC(), Bytes: bytes, File: file}
	_, err := s.db.Collection("backups").InsertOne(ctx, rec)
	return translate(err, "backup record")
}

// LastBackup returns the latest backup made; found is false before the
// first. The _id sorts by time, and is the one field FerretDB indexes.
func (s *Store) LastBackup(ctx context.Context) (rec BackupRecord, found bool, err error) {
	opts := options.FindOne().SetSort(bson.D{{Key: "_id", Value: -1}})
	err = s.db.Collection("backups").FindOne(ctx, bson.D{}, opts).Decode(&rec)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return rec, false, nil
	}
	return rec, err == nil, translate(err, "backup record")
}
