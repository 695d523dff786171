package kb

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/compendium-kb/compendium/indexer"
)

// Store keeps documents, their files and practices. MongoDB (or FerretDB
// speaking its protocol) is the source of truth; the index is derived.
type Store interface {
	Document(ctx context.Context, id string) (Document, error)
	Documents(ctx context.Context) ([]Document, error)
	// SaveImport writes a document, its PDF and its practices, after
	// deleting the practices listed in stale (the earlier edition's).
	// written, unless nil, is given each part of practices as soon as it
	// is stored, so that indexing can start before the rest is.
	SaveImport(ctx context.Context, doc Document, pdf []byte, practices []Practice, stale []string, written func([]Practice)) error
	// SaveProposals replaces a document's proposals with these.
	SaveProposals(ctx context.Context, documentID string, proposals []Proposal) error
	Practice(ctx context.Context, id string) (Practice, error)
	Practices(ctx context.Context, ids []string) ([]Practice, error)
	EachPractice(ctx context.Context, fn func(Practice) error) error
	CountPractices(ctx context.Context) (int, error)
	// SaveVersions keeps earlier versions of practices, readable by id and
	// version number.
	SaveVersions(ctx context.Context, earlier []Practice) error
	PracticeVersion(ctx context.Context, id string, version int) (Practice, error)
	// OpenFile streams a stored PDF by its SHA-256.
	OpenFile(ctx context.Context, sha256 string) (io.ReadCloser, int64, error)
}

// Index is the full-text index over published practices.
type Index interface {
	Put(ctx context.Context, practices []Practice) error
	Delete(ctx context.Context, ids []string) error
	Search(ctx context.Context, q Query) (IndexResults, error)
	Suggest(ctx context.Context, prefix string, n int) ([]Suggestion, error)
	Similar(ctx context.Context, p Practice, n int) ([]IndexHit, error)
	Count() (uint64, error)
	// Stats counts a search's practices by group (stats.go).
	Stats(ctx context.Context, q Query, group string, figures bool) (Stats, error)
	// Each calls fn with every practice a search finds, newest first.
	Each(ctx context.Context, q Query, fn func(Practice) error) error
}

// Extractor reads a PDF into pages and case studies.
type Extractor interface {
	Extract(ctx context.Context, name string, data []byte) (*indexer.Document, error)
}

// Service is what the commands and the web app use.
type Service struct {
	Store   Store
	Index   Index
	Extract Extractor
	Log     *slog.Logger
	Now     func() time.Time

	mu     sync.Mutex
	titles map[string]string // document titles by id; nil until read, reset by imports

	similarOnce   sync.Once
	similarPlaces chan struct{} // the similar-practices pool (similar.go)
}

// NewService wires a service with the clock of the machine.
func NewService(store Store, index Index, ex Extractor, log *slog.Logger) *Service {
	return &Service{Store: store, Index: index, Extract: ex, Log: log, Now: time.Now}
}

// Practice returns one practice.
func (s *Service) Practice(ctx context.Context, id string) (Practice, error) {
	return s.Store.Practice(ctx, id)
}

// Document returns one source document.
func (s *Service) Document(ctx context.Context, id string) (Document, error) {
	return s.Store.Document(ctx, id)
}

// PracticeVersion returns a practice as it was at a version: the current
// record when that is the version asked for.
func (s *Service) PracticeVersion(ctx context.Context, id string, version int) (Practice, error) {
	p, err := s.Store.Practice(ctx, id)
	if err != nil || p.Version == version || version == 0 {
		return p, err
	}
	return s.Store.PracticeVersion(ctx, id, version)
}

// Documents returns every source document.
func (s *Service) Documents(ctx context.Context) ([]Document, error) {
	return s.Store.Documents(ctx)
}

// DocumentTitles returns every source document's title by id. Search
// pages label the document facet with them, so they are kept between
// requests and read again after an import.
func (s *Service) DocumentTitles(ctx context.Context) (map[string]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.titles != nil {
		return s.titles, nil
	}
	docs, err := s.Store.Documents(ctx)
	if err != nil {
		return nil, err
	}
	s.titles = make(map[string]string, len(docs))
	for _, d := range docs {
		s.titles[d.ID] = d.Title
	}
	return s.titles, nil
}

// forgetTitles makes the next search read the document titles again.
// log is the service's logger, or the default one for a service built
// without.
func (s *Service) log() *slog.Logger {
	if s != nil && s.Log != nil {
		return s.Log
	}
	return slog.Default()
}

func (s *Service) forgetTitles() {
	s.mu.Lock()
	s.titles = nil
	s.mu.Unlock()
}

// OpenFile streams a stored source file.
func (s *Service) OpenFile(ctx context.Context, sha256 string) (io.ReadCloser, int64, error) {
	return s.Store.OpenFile(ctx, sha256)
}

// Reindex rebuilds the index from the store, in batches, indexing each
// while the next is read.
func (s *Service) Reindex(ctx context.Context) (int, error) {
	q := newIndexQueue(ctx, s.Index, indexWorkers())
	buf := make([]Practice, 0, indexBatch)
	err := s.Store.EachPractice(ctx, func(p Practice) error {
		buf = append(buf, p)
		if len(buf) < indexBatch {
			return nil
		}
		q.add(buf)
		buf = make([]Practice, 0, indexBatch)
		return q.failed() // stop reading once the index fails
	})
	q.add(buf)
	n, ixErr := q.wait()
	if err != nil && !errors.Is(err, ixErr) {
		return n, fmt.Errorf("reading practices: %w", err)
	}
	if ixErr != nil {
		return n, fmt.Errorf("indexing: %w", ixErr)
	}
	return n, nil
}
