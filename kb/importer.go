package kb

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/compendium-kb/compendium/indexer"
)

// ImportOutcome is what one file's import did.
type ImportOutcome string

// The outcomes of importing a file.
const (
	Added     ImportOutcome = "added"     // a new compendium
	Updated   ImportOutcome = "updated"   // a changed edition replaced the earlier one
	Unchanged ImportOutcome = "unchanged" // the same bytes were imported before
)

// ImportResult reports one file's import.
type ImportResult struct {
	Document  Document
	Outcome   ImportOutcome
	Pages     int
	Added     int
	Updated   int
	Unchanged int
	Removed   int
}

// Import reads a compendium PDF and stores its case studies. Importing the
// same bytes again changes nothing; a changed file with the same name
// replaces its earlier case studies, keeping the ids of those whose title
// is unchanged. A file that fails extraction leaves nothing behind.
func (s *Service) Import(ctx context.Context, name string, data []byte) (ImportResult, error) {
	sum := sha256.Sum256(data)
	sha := hex.EncodeToString(sum[:])
	docID := DocumentID(name)
	if docID == "" {
		return ImportResult{}, fmt.Errorf("%s: %w: the file name gives no document id", name, ErrBadRequest)
	}
	prev, err := s.Store.Document(ctx, docID)
	switch {
	case err == nil && prev.SHA256 == sha:
		return ImportResult{Document: prev, Outcome: Unchanged, Pages: prev.Pages, Unchanged: len(prev.Practices)}, nil
	case err != nil && !errors.Is(err, ErrNotFound):
		return ImportResult{}, fmt.Errorf("%s: reading the earlier import: %w", name, err)
	}
	ex, err := s.Extract.Extract(ctx, name, data)
	if err != nil {
		return ImportResult{}, err
	}
	if len(ex.Practices) == 0 {
		return ImportResult{}, &indexer.Error{File: name, Class: indexer.ClassNoCases, Err: errors.New("no case studies found: no numbered, labelled or heading-styled case titles")}
	}
	now := s.Now().UTC()
	doc := Document{ID: docID, Title: ex.Title, File: baseName(name), SHA256: sha, Size: int64(len(data)), Pages: ex.Pages,
		Author: ex.Author, Year: ex.Year, ImportedAt: now}
	if doc.Title == "" {
		doc.Title = doc.File
	}
	res := ImportResult{Document: doc, Outcome: Added, Pages: ex.Pages}
	old := map[string]bool{}
	if prev.ID != "" {
		res.Outcome = Updated
		for _, id := range prev.Practices {
			old[id] = true
		}
	}
	var practices, versions []Practice
	seen := map[string]bool{}
	for _, cs := range ex.Practices {
		p := fromCaseStudy(doc, cs, now)
		for n := 2; seen[p.ID]; n++ { // two cases with one title
			p.ID = PracticeID(docID, fmt.Sprintf("%s %d", cs.Title, n))
		}
		seen[p.ID] = true
		if old[p.ID] {
			if prior, err := s.Store.Practice(ctx, p.ID); err == nil {
				p.CreatedAt, p.Version = prior.CreatedAt, prior.Version
				if prior.Text != p.Text || prior.Title != p.Title {
					// A new edition changed the case: the earlier text stays
					// readable, and citations name the version they cite.
					p.Version++
					versions = append(versions, prior)
				}
			}
			res.Updated++
			delete(old, p.ID)
		} else {
			res.Added++
		}
		practices = append(practices, p)
		doc.Practices = append(doc.Practices, p.ID)
	}
	var removed []string
	for id := range old {
		removed = append(removed, id)
	}
	res.Removed = len(removed)
	res.Document = doc
	if err := s.Store.SaveVersions(ctx, versions); err != nil {
		return res, fmt.Errorf("%s: keeping earlier versions: %w", name, err)
	}
	if err := s.save(ctx, doc, data, practices, prev.Practices, removed); err != nil {
		return res, fmt.Errorf("%s: %w", name, err)
	}
	return res, nil
}

// SavePractices stores a document with ready-made practices and indexes
// them: the path an import takes after extraction, for generated corpora.
func (s *Service) SavePractices(ctx context.Context, doc Document, pdf []byte, practices []Practice) error {
	for _, p := range practices {
		doc.Practices = append(doc.Practices, p.ID)
	}
	return s.save(ctx, doc, pdf, practices, nil, nil)
}

// save writes to the database, the source of truth, then to the index.
// stale lists the earlier edition's practices; removed, those of them that
// the new edition no longer has.
func (s *Service) save(ctx context.Context, doc Document, pdf []byte, practices []Practice, stale, removed []string) error {
	s.mu.Lock()
	s.titles = nil // a new or changed document: read the titles again
	s.mu.Unlock()
	if err := s.Store.SaveImport(ctx, doc, pdf, practices, stale); err != nil {
		return fmt.Errorf("saving: %w", err)
	}
	if err := s.Index.Delete(ctx, removed); err != nil {
		return fmt.Errorf("saved, but removing old entries from the index failed (run reindex): %w", err)
	}
	const batch = 1000
	for start := 0; start < len(practices); start += batch {
		if err := s.Index.Put(ctx, practices[start:min(start+batch, len(practices))]); err != nil {
			return fmt.Errorf("saved, but indexing failed (run reindex): %w", err)
		}
	}
	return nil
}

func baseName(name string) string {
	for i := len(name) - 1; i >= 0; i-- {
		if name[i] == '/' || name[i] == '\\' {
			return name[i+1:]
		}
	}
	return name
}

func fromCaseStudy(doc Document, cs indexer.CaseStudy, now time.Time) Practice {
	id := PracticeID(doc.ID, cs.Title)
	return Practice{
		ID: id, Slug: Slugify(cs.Title, 80), Number: cs.Number, Title: cs.Title, Section: cs.Section,
		Summary: cs.Summary, Text: cs.Text,
		States: nonNil(cs.States), Countries: cs.Countries, Source: cs.Source, Destination: cs.Destination,
		Districts: cs.Districts, Years: cs.Years, Themes: nonNil(cs.Themes), Exploitation: cs.Exploitation,
		Laws: cs.Laws, Agencies: cs.Agencies, Figures: cs.Figures,
		Routes: ProposeRoutes(cs.Text),
		Provenance: Provenance{DocumentID: doc.ID, DocumentTitle: doc.Title, File: doc.File, SHA256: doc.SHA256,
			PageStart: cs.PageStart, PageEnd: cs.PageEnd, Publisher: doc.Author, Year: doc.Year},
		Version:   1,
		CreatedAt: now, UpdatedAt: now,
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
