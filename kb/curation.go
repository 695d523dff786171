package kb

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// CurationStore keeps what reviewers curate: proposals, withdrawn
// practices and the audit trail, beside the practices and documents.
type CurationStore interface {
	EventStore
	ProposalChangeStore
	Proposal(ctx context.Context, id string) (Proposal, error)
	// Proposals returns a document's proposals, or every one when
	// documentID is empty.
	Proposals(ctx context.Context, documentID string) ([]Proposal, error)
	InsertProposal(ctx context.Context, p Proposal) error
	DeleteProposals(ctx context.Context, ids []string) error
	// UpdateDocument writes d if the stored revision is d.Rev-1.
	UpdateDocument(ctx context.Context, d Document) error
	DeleteDocument(ctx context.Context, id string) error
	SavePractice(ctx context.Context, p Practice) error
	// ReplacePractice writes p over the stored practice; the caller has
	// claimed the change.
	ReplacePractice(ctx context.Context, p Practice) error
	DeletePractice(ctx context.Context, id string) error
	// DeleteVersions deletes a practice's earlier versions.
	DeleteVersions(ctx context.Context, id string) error
	// PutTombstone records a withdrawn practice; one already there is
	// ErrConflict.
	PutTombstone(ctx context.Context, t Tombstone) error
	Tombstone(ctx context.Context, id string) (Tombstone, error)
	DeleteTombstone(ctx context.Context, id string) error
	DeleteFile(ctx context.Context, sha256 string) error
	// Claim records key once: the second claim of a key is ErrConflict.
	Claim(ctx context.Context, key string) error
}

// Curation is what reviewers and admins do to imported and published
// records: decide on proposals, correct, grade, withdraw, restore and
// delete practices and documents. Every action is in the audit trail.
type Curation struct {
	Service *Service
	Store   CurationStore
	Audit   *Audit
	Now     func() time.Time
}

// NewCuration wires curation over a store with the machine's clock.
func NewCuration(svc *Service, store CurationStore) *Curation {
	return &Curation{Service: svc, Store: store, Audit: &Audit{Store: store, Now: time.Now}, Now: time.Now}
}

// Import imports a file as Service.ImportWith does and records who did.
func (c *Curation) Import(ctx context.Context, actor Actor, name string, data []byte, opts ImportOptions) (ImportResult, error) {
	res, err := c.Service.ImportWith(ctx, name, data, opts)
	if err != nil {
		return res, err
	}
	changes := []Change{{Field: "outcome", To: string(res.Outcome)}, {Field: "published", To: fmt.Sprint(res.Added + res.Updated)},
		{Field: "proposed", To: fmt.Sprint(res.Proposed)}}
	if opts.Trusted {
		changes = append(changes, Change{Field: "trusted above", To: fmt.Sprint(opts.Threshold)})
	}
	_, err = c.Audit.Record(ctx, actor, "document.import", res.Document.about(), baseName(name), changes)
	return res, err
}

// Proposals returns a document's proposals (every document's when
// documentID is empty) with the given status (any when empty), in
// reading order: by page, then as read, then by id, so that any two
// listings agree.
func (c *Curation) Proposals(ctx context.Context, documentID string, status ProposalStatus) ([]Proposal, error) {
	all, err := c.Store.Proposals(ctx, documentID)
	if err != nil {
		return nil, err
	}
	out := []Proposal{}
	for _, p := range all {
		if status == "" || p.Status == status {
			out = append(out, p)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.DocumentID != b.DocumentID {
			return a.DocumentID < b.DocumentID
		}
		if a.PageStart != b.PageStart {
			return a.PageStart < b.PageStart
		}
		if a.Order != b.Order {
			return a.Order < b.Order
		}
		if !a.CreatedAt.Equal(b.CreatedAt) {
			return a.CreatedAt.Before(b.CreatedAt)
		}
		return a.ID < b.ID
	})
	return out, nil
}

// Waiting counts the proposals waiting for a decision, by document.
func (c *Curation) Waiting(ctx context.Context) (map[string]int, error) {
	ps, err := c.Store.Proposals(ctx, "")
	if err != nil {
		return nil, err
	}
	count := map[string]int{}
	for _, p := range ps {
		if p.Status == ProposalProposed {
			count[p.DocumentID]++
		}
	}
	return count, nil
}

// Proposal returns one proposal.
func (c *Curation) Proposal(ctx context.Context, id string) (Proposal, error) {
	return c.proposal(ctx, id)
}

// Decide edits, publishes, drops or reopens a proposal. edit, when not
// nil, corrects its fields first; rev, when not 0, is the revision the
// reviewer saw. Publishing returns the practice, searchable at once.
func (c *Curation) Decide(ctx context.Context, u User, id string, a ProposalAction, edit *CaseEdit, rev int) (Proposal, *Practice, error) {
	p, published, _, err := c.decide(ctx, u, id, a, edit, rev, false)
	return p, published, err
}

// decide makes a decision and returns its event. The decision is one
// unique insert, its effects carried out through the outbox
// (curationbox.go); grouped says a bulk action records the trail entry
// for all its decisions, so this one goes only into the proposal's
// history.
func (c *Curation) decide(ctx context.Context, u User, id string, a ProposalAction, edit *CaseEdit, rev int, grouped bool) (Proposal, *Practice, Event, error) {
	p, err := c.proposal(ctx, id)
	if err != nil {
		return Proposal{}, nil, Event{}, err
	}
	if rev != 0 && rev != p.Rev {
		return p, nil, Event{}, fmt.Errorf("%w: the proposal changed since you opened it; reload it", ErrConflict)
	}
	to, err := TransitionProposal(p.Status, a, u.Actor())
	if err != nil {
		return p, nil, Event{}, err
	}
	doc, err := c.Service.Store.Document(ctx, p.DocumentID)
	if err != nil {
		return p, nil, Event{}, err
	}
	if a == ProposalPublish && doc.Withdrawal != nil {
		return p, nil, Event{}, fmt.Errorf("%w: the document is withdrawn; restore it first", ErrConflict)
	}
	before := p.CaseFields
	if edit != nil {
		if p.CaseFields, err = edit.Apply(p.CaseFields, doc.Pages); err != nil {
			return p, nil, Event{}, err
		}
	}
	p.Status = to
	e := c.event(u.Actor(), "proposal."+string(a), p.about(), "", diffFields(before, p.CaseFields))
	var published *Practice
	if to == ProposalPublished {
		pr := practiceFrom(doc, p.CaseFields, p.ID, e.At)
		pr.OCR = p.OCR
		published = &pr
	}
	if err := c.commitProposal(ctx, &p, e, published, grouped); err != nil {
		return p, nil, Event{}, err
	}
	return p, published, e, nil
}

// Merge joins a proposal with the next one of its document (in page
// order): one case the indexer cut in two. The next one is dropped.
func (c *Curation) Merge(ctx context.Context, u User, id string, rev int) (Proposal, error) {
	p, err := c.proposal(ctx, id)
	if err != nil {
		return Proposal{}, err
	}
	if rev != 0 && rev != p.Rev {
		return p, fmt.Errorf("%w: the proposal changed since you opened it; reload it", ErrConflict)
	}
	if _, err := TransitionProposal(p.Status, ProposalMerge, u.Actor()); err != nil {
		return p, err
	}
	ps, err := c.Proposals(ctx, p.DocumentID, ProposalProposed)
	if err != nil {
		return p, err
	}
	var next *Proposal
	for i := range ps {
		if ps[i].ID == p.ID && i+1 < len(ps) {
			next = &ps[i+1]
		}
	}
	if next == nil {
		return p, fmt.Errorf("%w: no proposal follows this one to merge with", ErrConflict)
	}
	before := p.CaseFields
	pages := next.PageTexts
	if next.PageStart == p.PageEnd && len(pages) > 0 {
		pages = pages[1:] // the page both share
	}
	p.PageTexts = append(p.PageTexts, pages...)
	p.PageEnd = max(p.PageEnd, next.PageEnd)
	p.Text = strings.TrimSpace(p.Text + "\n\n" + next.Title + "\n\n" + next.Text)
	p.States, p.Districts, p.Themes, p.Laws = union(p.States, next.States), union(p.Districts, next.Districts), union(p.Themes, next.Themes), union(p.Laws, next.Laws)
	e := c.event(u.Actor(), "proposal.merge", p.about(), "merged with “"+next.Title+"”", diffFields(before, p.CaseFields))
	if err := c.commitProposal(ctx, &p, e, nil, false); err != nil {
		return p, err
	}
	next.Status = ProposalDropped
	ne := c.event(u.Actor(), "proposal.merge", next.about(), "merged into “"+p.Title+"”", nil)
	return p, c.commitProposal(ctx, next, ne, nil, false)
}

// Split cuts a proposal in two at a page, which starts the second part:
// two cases the indexer read as one. The second part is a new proposal,
// titled with that page's first line until a reviewer corrects it.
func (c *Curation) Split(ctx context.Context, u User, id string, page, rev int) (Proposal, Proposal, error) {
	p, err := c.proposal(ctx, id)
	if err != nil {
		return Proposal{}, Proposal{}, err
	}
	if rev != 0 && rev != p.Rev {
		return p, Proposal{}, fmt.Errorf("%w: the proposal changed since you opened it; reload it", ErrConflict)
	}
	if _, err := TransitionProposal(p.Status, ProposalSplit, u.Actor()); err != nil {
		return p, Proposal{}, err
	}
	if page <= p.PageStart || page > p.PageEnd || len(p.PageTexts) != p.PageEnd-p.PageStart+1 {
		return p, Proposal{}, &ValidationError{Fields: map[string]string{"page": fmt.Sprintf("Split at a page from %d to %d.", p.PageStart+1, p.PageEnd)}}
	}
	before := p.CaseFields
	first, second, title := splitPages(p, page)
	now := c.Now().UTC()
	q := Proposal{DocumentID: p.DocumentID, Status: ProposalProposed, Confidence: p.Confidence, Order: p.Order,
		Reasons:    []string{fmt.Sprintf("split from “%s” at page %d", p.Title, page)},
		CaseFields: CaseFields{Title: title, Section: p.Section, PageStart: page, PageEnd: p.PageEnd, States: []string{}, Themes: []string{}},
		PageTexts:  second, Gen: RandomToken()[:12], Rev: 1, History: []Event{}, CreatedAt: now, UpdatedAt: now}
	q.Text = strings.TrimSpace(strings.Join(second, "\n\n"))
	q.Summary = truncate(strings.Join(strings.Fields(q.Text), " "), 300)
	if i := strings.Index(p.Text, firstLine(second[0])); i > 0 {
		p.Text = strings.TrimSpace(p.Text[:i]) // the first part's text as the indexer cut it
	} else {
		p.Text = strings.TrimSpace(strings.Join(first, "\n\n"))
	}
	p.PageEnd, p.PageTexts = page-1, first
	for n := 1; ; n++ {
		q.ID = PracticeID(p.DocumentID, fmt.Sprintf("%s %d", title, n))
		if n == 1 {
			q.ID = PracticeID(p.DocumentID, title)
		}
		err := c.Store.InsertProposal(ctx, q)
		if err == nil {
			break
		}
		if !errors.Is(err, ErrConflict) || n > 20 {
			return p, q, err
		}
	}
	e := c.event(u.Actor(), "proposal.split", p.about(), fmt.Sprintf("split at page %d into “%s”", page, q.Title), diffFields(before, p.CaseFields))
	if err := c.commitProposal(ctx, &p, e, nil, false); err != nil {
		// The split lost to another decision: its second part goes. A
		// delete that fails leaves a proposal a reviewer can drop.
		return p, q, errors.Join(err, c.Store.DeleteProposals(ctx, []string{q.ID}))
	}
	return p, q, nil
}

func (c *Curation) event(actor Actor, action string, about About, reason string, changes []Change) Event {
	return c.Audit.New(actor, action, about, reason, changes)
}

// about names a proposal in the trail, by its title as decided.
func (p Proposal) about() About {
	return About{ID: p.ID, Title: p.Title, DocumentID: p.DocumentID}
}

// about names a practice in the trail.
func (p Practice) about() About {
	return About{ID: p.ID, Title: p.Title, DocumentID: p.Provenance.DocumentID}
}

// about names a document in the trail.
func (d Document) about() About {
	return About{ID: d.ID, Title: d.Title, DocumentID: d.ID}
}

func union(a, b []string) []string {
	out := append([]string{}, a...)
	for _, x := range b {
		if !contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

func without(xs []string, x string) []string {
	out := []string{}
	for _, y := range xs {
		if y != x {
			out = append(out, y)
		}
	}
	return out
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func firstLine(s string) string {
	for _, line := range strings.Split(s, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			return line
		}
	}
	return "\x00"
}
