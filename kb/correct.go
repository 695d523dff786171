package kb

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Correct writes a reviewer's correction of a published practice as a new
// version; the earlier one stays readable, and citations name the version
// they cite. version, when not 0, is the version the reviewer corrected.
func (c *Curation) Correct(ctx context.Context, u User, id string, edit CaseEdit, version int) (Practice, error) {
	return c.revise(ctx, u, id, version, RecordCorrect, "", func(p *Practice) ([]Change, error) {
		doc, err := c.Service.Store.Document(ctx, p.Provenance.DocumentID)
		pages := doc.Pages
		if err != nil {
			pages = 0 // a submitted practice: no source document
		}
		before := fieldsOf(*p)
		after, err := edit.Apply(before, pages)
		if err != nil {
			return nil, err
		}
		*p = withFields(*p, after)
		return diffFields(before, after), nil
	})
}

// revise applies change to a practice as its next version. The version is
// claimed once, so of two reviewers correcting the same version one wins
// and the other gets ErrConflict.
func (c *Curation) revise(ctx context.Context, u User, id string, version int, a RecordAction, reason string, change func(*Practice) ([]Change, error)) (Practice, error) {
	if _, err := TransitionRecord(c.practiceState(ctx, id), a, u.Actor(), reason); err != nil {
		return Practice{}, err
	}
	p, err := c.Service.Store.Practice(ctx, id)
	if err != nil {
		return Practice{}, err
	}
	if version != 0 && version != p.Version {
		return p, fmt.Errorf("%w: the practice is at version %d now, not %d; reload it", ErrConflict, p.Version, version)
	}
	prior := p
	changes, err := change(&p)
	if err != nil || len(changes) == 0 {
		return prior, err
	}
	if err := c.Store.Claim(ctx, fmt.Sprintf("practice/%s/%d", id, prior.Version)); err != nil {
		return prior, fmt.Errorf("%w: someone else changed this practice at the same moment; reload it", ErrConflict)
	}
	if err := c.Service.Store.SaveVersions(ctx, []Practice{prior}); err != nil {
		return prior, err
	}
	p.Version++
	p.UpdatedAt = c.Now().UTC()
	if err := c.Store.ReplacePractice(ctx, p); err != nil {
		return prior, err
	}
	if err := c.Service.Index.Put(ctx, []Practice{p}); err != nil {
		return p, fmt.Errorf("saved, but indexing failed (run reindex): %w", err)
	}
	changes = append(changes, Change{Field: "version", From: strconv.Itoa(prior.Version), To: strconv.Itoa(p.Version)})
	_, err = c.Audit.Record(ctx, u.Actor(), "practice."+string(a), p.about(), reason, changes)
	return p, err
}

// DocumentEdit is a correction of a document's metadata; nil leaves a
// field as it is.
type DocumentEdit struct {
	Title     *string `json:"title,omitempty"`
	Publisher *string `json:"publisher,omitempty"`
	Year      *int    `json:"year,omitempty"`
}

// EditDocument corrects a document's title, publisher or year; its
// practices' citations follow.
func (c *Curation) EditDocument(ctx context.Context, u User, id string, e DocumentEdit) (Document, error) {
	if !u.Role.CanReview() {
		return Document{}, fmt.Errorf("%w: only reviewers and admins edit documents", ErrForbidden)
	}
	var doc Document
	var changes []Change
	err := c.editDocument(ctx, id, func(d *Document) error {
		changes = nil
		set := func(name string, dst *string, v *string) {
			if v != nil && strings.TrimSpace(*v) != *dst {
				changes = append(changes, Change{Field: name, From: *dst, To: strings.TrimSpace(*v)})
				*dst = strings.TrimSpace(*v)
			}
		}
		set("title", &d.Title, e.Title)
		set("publisher", &d.Author, e.Publisher)
		if e.Year != nil && *e.Year != d.Year {
			if *e.Year != 0 && (*e.Year < 1900 || *e.Year > 2100) {
				return &ValidationError{Fields: map[string]string{"year": "Give the year of publication, such as 2019."}}
			}
			changes = append(changes, Change{Field: "year", From: strconv.Itoa(d.Year), To: strconv.Itoa(*e.Year)})
			d.Year = *e.Year
		}
		if strings.TrimSpace(d.Title) == "" {
			return &ValidationError{Fields: map[string]string{"title": "A document needs a title."}}
		}
		doc = *d
		return nil
	})
	if err != nil || len(changes) == 0 {
		return doc, err
	}
	if err := c.reprovenance(ctx, doc); err != nil {
		return doc, err
	}
	_, err = c.Audit.Record(ctx, u.Actor(), "document.edit", doc.about(), "", changes)
	return doc, err
}

// reprovenance writes a document's metadata into its practices' sources,
// which citations read.
func (c *Curation) reprovenance(ctx context.Context, doc Document) error {
	ps, err := c.Service.Store.Practices(ctx, doc.Practices)
	if err != nil {
		return err
	}
	for i := range ps {
		ps[i].Provenance.DocumentTitle, ps[i].Provenance.Publisher, ps[i].Provenance.Year = doc.Title, doc.Author, doc.Year
		if err := c.Store.ReplacePractice(ctx, ps[i]); err != nil {
			return err
		}
	}
	return c.Service.Index.Put(ctx, ps)
}

// DeletePracticeForGood removes a practice and every trace of its text:
// for material that must not be kept. Admins only, with a reason; the
// trail keeps who, when, why and the title.
func (c *Curation) DeletePracticeForGood(ctx context.Context, u User, id, reason string) error {
	if _, err := TransitionRecord(c.practiceState(ctx, id), RecordDelete, u.Actor(), reason); err != nil {
		return err
	}
	p, err := c.Service.Store.Practice(ctx, id)
	if errors.Is(err, ErrNotFound) {
		var t Tombstone
		if t, err = c.Store.Tombstone(ctx, id); err == nil {
			p = t.Practice
		}
	}
	if err != nil {
		return err
	}
	if err := c.erase(ctx, []string{id}); err != nil {
		return err
	}
	if p.Origin == "" && p.Provenance.DocumentID != "" {
		if err := c.editDocument(ctx, p.Provenance.DocumentID, func(d *Document) error {
			d.Practices, d.Withdrawn = without(d.Practices, id), without(d.Withdrawn, id)
			return nil
		}); err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
	}
	_, err = c.Audit.Record(ctx, u.Actor(), "practice.delete", p.about(), reason, nil)
	return err
}

// DeleteDocumentForGood removes a document, its file, practices,
// tombstones and proposals. confirm must repeat the document's id.
func (c *Curation) DeleteDocumentForGood(ctx context.Context, u User, id, reason, confirm string) error {
	if _, err := TransitionRecord(RecordLive, RecordDelete, u.Actor(), reason); err != nil {
		return err
	}
	if strings.TrimSpace(confirm) != id {
		return &ValidationError{Fields: map[string]string{"confirm": "Type the document's id, " + id + ", to confirm."}}
	}
	doc, err := c.Service.Store.Document(ctx, id)
	if err != nil {
		return err
	}
	ps, err := c.Store.Proposals(ctx, id)
	if err != nil {
		return err
	}
	ids := append(append([]string{}, doc.Practices...), doc.Withdrawn...)
	for _, p := range ps {
		ids = append(ids, p.ID)
	}
	if err := c.erase(ctx, ids); err != nil {
		return err
	}
	if err := c.Store.DeleteProposals(ctx, ids); err != nil {
		return err
	}
	if err := c.Store.DeleteDocument(ctx, id); err != nil {
		return err
	}
	if err := c.Store.DeleteFile(ctx, doc.SHA256); err != nil {
		return err
	}
	c.Service.forgetTitles()
	_, err = c.Audit.Record(ctx, u.Actor(), "document.delete", doc.about(), reason, []Change{{Field: "file", From: doc.File}})
	return err
}

// erase deletes practices and their tombstones, from the store and the
// index.
func (c *Curation) erase(ctx context.Context, ids []string) error {
	for _, id := range ids {
		if err := c.Store.DeletePractice(ctx, id); err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
		if err := c.Store.DeleteTombstone(ctx, id); err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
		if err := c.Store.DeleteVersions(ctx, id); err != nil {
			return err
		}
	}
	return c.Service.Index.Delete(ctx, ids)
}
