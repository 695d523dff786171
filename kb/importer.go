package kb

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"

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
	Proposed  int // waiting in the inbox
}

// Import reads a compendium PDF and proposes its case studies: nothing
// it reads is public until a reviewer publishes it (ImportWith can trust
// a source). Importing the same bytes again changes nothing; a changed
// file with the same name updates the practices already published from
// it, keeping their ids and versions, and proposes the rest again. A file
// that fails extraction leaves nothing behind.
func (s *Service) Import(ctx context.Context, name string, data []byte) (ImportResult, error) {
	return s.ImportWith(ctx, name, data, ImportOptions{})
}

// ImportOptions say how far an import is trusted.
type ImportOptions struct {
	// PublishAll publishes every case study at once: the bundled samples,
	// whose truth is known.
	PublishAll bool
	// Trusted publishes the case studies whose confidence is at or above
	// Threshold at once (PublishAt, as the inbox means it); the rest wait
	// for a reviewer.
	Trusted   bool
	Threshold float64
	// OCRLang is the languages scanned pages are read in, as Tesseract
	// names them ("eng+hin"); "" is English and Hindi.
	OCRLang string
	// Again reads the file even when the same bytes were imported before:
	// an admin re-reading a scan in other languages.
	Again bool
}

func (o ImportOptions) publishes(confidence float64) bool {
	return o.PublishAll || o.Trusted && confidence >= o.Threshold
}

// ImportWith imports like Import, publishing at once what opts trusts.
func (s *Service) ImportWith(ctx context.Context, name string, data []byte, opts ImportOptions) (ImportResult, error) {
	sum := sha256.Sum256(data)
	sha := hex.EncodeToString(sum[:])
	docID := DocumentID(name)
	if docID == "" {
		return ImportResult{}, fmt.Errorf("%s: %w: the file name gives no document id", name, ErrBadRequest)
	}
	prev, err := s.Store.Document(ctx, docID)
	switch {
	case err == nil && prev.Withdrawal != nil:
		return ImportResult{}, fmt.Errorf("%s: %w: the document was withdrawn; restore it before importing a new edition", name, ErrConflict)
	case err == nil && prev.SHA256 == sha && !opts.Again:
		return ImportResult{Document: prev, Outcome: Unchanged, Pages: prev.Pages, Unchanged: len(prev.Practices)}, nil
	case err != nil && !errors.Is(err, ErrNotFound):
		return ImportResult{}, fmt.Errorf("%s: reading the earlier import: %w", name, err)
	}
	if !indexer.ValidOCRLang(opts.OCRLang) {
		return ImportResult{}, &ValidationError{Fields: map[string]string{"ocr_lang": fmt.Sprintf("%q is not a list of OCR languages such as eng+hin.", opts.OCRLang)}}
	}
	ex, err := s.Extract.Extract(indexer.WithOCRLang(ctx, opts.OCRLang), name, data)
	if err != nil {
		return ImportResult{}, err
	}
	if len(ex.Practices) == 0 {
		return ImportResult{}, &indexer.Error{File: name, Class: indexer.ClassNoCases, Err: errors.New("no case studies found: no numbered, labelled or heading-styled case titles")}
	}
	now := s.Now().UTC()
	doc := Document{ID: docID, Title: ex.Title, File: baseName(name), SHA256: sha, Size: int64(len(data)), Pages: ex.Pages,
		Author: ex.Author, Year: ex.Year, ImportedAt: now, Rev: prev.Rev + 1, Practices: []string{}}
	if doc.Title == "" {
		doc.Title = doc.File
	}
	res := ImportResult{Document: doc, Outcome: Added, Pages: ex.Pages}
	if prev.ID != "" {
		res.Outcome = Updated
	}
	practices, versions, proposals, err := s.sortCases(ctx, &doc, prev, ex, opts, &res)
	if err != nil {
		return res, fmt.Errorf("%s: %w", name, err)
	}
	res.Document = doc
	if err := s.Store.SaveVersions(ctx, versions); err != nil {
		return res, fmt.Errorf("%s: keeping earlier versions: %w", name, err)
	}
	// Proposals first: they are not public, and the next import replaces
	// them if this one stops before the document record is written.
	if err := s.Store.SaveProposals(ctx, docID, proposals); err != nil {
		return res, fmt.Errorf("%s: saving proposals: %w", name, err)
	}
	removed := removedIDs(prev.Practices, doc.Practices)
	res.Removed = len(removed)
	if err := s.save(ctx, doc, data, practices, prev.Practices, removed); err != nil {
		return res, fmt.Errorf("%s: %w", name, err)
	}
	return res, nil
}

// sortCases decides each case study's fate: a practice published from
// the earlier edition is updated (a new version when its text or title
// changed); a case the options trust is published; the rest are proposed.
func (s *Service) sortCases(ctx context.Context, doc *Document, prev Document, ex *indexer.Document, opts ImportOptions, res *ImportResult) (practices, versions []Practice, proposals []Proposal, err error) {
	old := map[string]bool{}
	for _, id := range prev.Practices {
		old[id] = true
	}
	seen := map[string]bool{}
	for i, cs := range ex.Practices {
		prop := proposalFrom(doc.ID, cs, ex.PageTexts, doc.ImportedAt)
		prop.Order = i + 1
		for n := 2; seen[prop.ID]; n++ { // two cases with one title
			prop.ID = PracticeID(doc.ID, fmt.Sprintf("%s %d", cs.Title, n))
		}
		seen[prop.ID] = true
		switch {
		case old[prop.ID]:
			p := practiceFrom(*doc, prop.CaseFields, prop.ID, doc.ImportedAt)
			p.OCR = prop.OCR
			prior, err := s.Store.Practice(ctx, p.ID)
			if err != nil && !errors.Is(err, ErrNotFound) {
				return nil, nil, nil, err
			}
			if err == nil {
				p.CreatedAt, p.Version, p.Evidence = prior.CreatedAt, prior.Version, prior.Evidence
				if prior.Text != p.Text || prior.Title != p.Title {
					// A new edition changed the case: the earlier text stays
					// readable, and citations name the version they cite.
					p.Version++
					versions = append(versions, prior)
				}
			}
			res.Updated++
			practices = append(practices, p)
		case opts.publishes(prop.Confidence):
			prop.Status = ProposalPublished
			res.Added++
			p := practiceFrom(*doc, prop.CaseFields, prop.ID, doc.ImportedAt)
			p.OCR = prop.OCR
			practices = append(practices, p)
			proposals = append(proposals, prop)
		default:
			res.Proposed++
			proposals = append(proposals, prop)
		}
	}
	for _, p := range practices {
		doc.Practices = append(doc.Practices, p.ID)
	}
	return practices, versions, proposals, nil
}

func removedIDs(before, after []string) []string {
	keep := map[string]bool{}
	for _, id := range after {
		keep[id] = true
	}
	var out []string
	for _, id := range before {
		if !keep[id] {
			out = append(out, id)
		}
	}
	return out
}

// SavePractices stores a document with ready-made practices and indexes
// them: the path an import takes after extraction, for generated corpora.
func (s *Service) SavePractices(ctx context.Context, doc Document, pdf []byte, practices []Practice) error {
	for _, p := range practices {
		doc.Practices = append(doc.Practices, p.ID)
	}
	return s.save(ctx, doc, pdf, practices, nil, nil)
}

// save writes to the database, the source of truth, then to the index:
// each part of the practices is indexed once it is stored, while the
// database takes the next. stale lists the earlier edition's practices;
// removed, those of them that the new edition no longer has.
func (s *Service) save(ctx context.Context, doc Document, pdf []byte, practices []Practice, stale, removed []string) error {
	s.mu.Lock()
	s.titles = nil // a new or changed document: read the titles again
	s.mu.Unlock()
	q := newIndexQueue(ctx, s.Index, len(practices)/indexBatch+1)
	err := s.Store.SaveImport(ctx, doc, pdf, practices, stale, func(part []Practice) {
		for start := 0; start < len(part); start += indexBatch {
			q.add(part[start:min(start+indexBatch, len(part))])
		}
	})
	// What was stored is indexed even when the rest failed: the index
	// follows the database.
	_, ixErr := q.wait()
	if err != nil {
		return fmt.Errorf("saving: %w", err)
	}
	if err := s.Index.Delete(ctx, removed); err != nil {
		return fmt.Errorf("saved, but removing old entries from the index failed (run reindex): %w", err)
	}
	if ixErr != nil {
		return fmt.Errorf("saved, but indexing failed (run reindex): %w", ixErr)
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

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
