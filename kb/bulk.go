package kb

import (
	"context"
	"fmt"
	"slices"
)

// The reader's confidence thresholds, with one meaning everywhere (the
// inbox, bulk actions, a trusted import): a proposal at or above PublishAt
// may be published without a reading, one at or below DropAt dropped; the
// rest wait for a person. On the labelled published reports the publish
// threshold takes the six survivor cases of a case-study collection and
// nothing else, and the drop threshold keeps every police programme and
// case sheet and no section of a report.
const (
	PublishAt = 0.8
	DropAt    = 0.3
)

// BulkDecision publishes or drops every proposal still proposed, in the
// documents named, whose confidence is within [Min, Max] (both included).
type BulkDecision struct {
	Documents []string
	Action    ProposalAction // ProposalPublish or ProposalDrop
	Min, Max  float64
}

// BulkCount is how many proposals a bulk decision takes, by document.
type BulkCount struct {
	ByDocument map[string]int `json:"by_document"`
	Total      int            `json:"total"`
}

func (b BulkDecision) validate() error {
	switch {
	case b.Action != ProposalPublish && b.Action != ProposalDrop:
		return &ValidationError{Fields: map[string]string{"decision": "Choose publish or drop."}}
	case len(b.Documents) == 0:
		return &ValidationError{Fields: map[string]string{"documents": "Choose at least one document."}}
	case b.Min < 0 || b.Max > 1 || b.Min > b.Max:
		return &ValidationError{Fields: map[string]string{"threshold": "Give a confidence from 0 to 1, such as 0.8."}}
	}
	return nil
}

// takes lists the proposals a bulk decision applies to, in page order.
func (c *Curation) takes(ctx context.Context, b BulkDecision) ([]Proposal, error) {
	if err := b.validate(); err != nil {
		return nil, err
	}
	ps, err := c.Proposals(ctx, "", ProposalProposed)
	if err != nil {
		return nil, err
	}
	var out []Proposal
	for _, p := range ps {
		if slices.Contains(b.Documents, p.DocumentID) && p.Confidence >= b.Min && p.Confidence <= b.Max {
			out = append(out, p)
		}
	}
	return out, nil
}

// PreviewBulk says how many proposals a bulk decision would take in each
// document, deciding nothing: what a reviewer sees before confirming.
func (c *Curation) PreviewBulk(ctx context.Context, b BulkDecision) (BulkCount, error) {
	ps, err := c.takes(ctx, b)
	if err != nil {
		return BulkCount{}, err
	}
	return countOf(ps), nil
}

func countOf(ps []Proposal) BulkCount {
	n := BulkCount{ByDocument: map[string]int{}}
	for _, p := range ps {
		n.ByDocument[p.DocumentID]++
		n.Total++
	}
	return n
}

// Bulk applies a decision to many proposals across documents. Each
// proposal's history records its decision; the audit trail gets one entry
// for the whole action, listing every proposal it decided by title, page
// and confidence, with its document. It stops at the first failure,
// recording what was done by then.
func (c *Curation) Bulk(ctx context.Context, u User, b BulkDecision) (BulkCount, error) {
	ps, err := c.takes(ctx, b)
	if err != nil {
		return BulkCount{}, err
	}
	var done []Proposal
	for _, p := range ps {
		if _, _, _, err = c.decide(ctx, u, p.ID, b.Action, nil, p.Rev, true); err != nil {
			err = fmt.Errorf("%s: %w", p.Title, err)
			break
		}
		done = append(done, p)
	}
	if len(done) == 0 {
		return BulkCount{}, err
	}
	about := About{}
	if len(b.Documents) == 1 {
		about.DocumentID = b.Documents[0]
	}
	reason := fmt.Sprintf("confidence: from %.2f to %.2f", b.Min, b.Max) // ui/sentences.go reads it back
	e := c.event(u.Actor(), "proposal.bulk_"+string(b.Action), about, reason, nil)
	e.Decided = c.decided(ctx, done)
	if aerr := c.Store.AppendEvent(ctx, e); aerr != nil && err == nil {
		err = aerr
	}
	return countOf(done), err
}

// decided lists proposals as a bulk action's trail entry names them, each
// with its document's title (read once per document; a document that
// cannot be read is named by its id).
func (c *Curation) decided(ctx context.Context, ps []Proposal) []Decided {
	titles := map[string]string{}
	out := make([]Decided, 0, len(ps))
	for _, p := range ps {
		title, ok := titles[p.DocumentID]
		if !ok {
			if d, err := c.Service.Store.Document(ctx, p.DocumentID); err == nil {
				title = d.Title
			}
			titles[p.DocumentID] = title
		}
		out = append(out, Decided{ID: p.ID, Title: p.Title, DocumentID: p.DocumentID, DocumentTitle: title, Page: p.PageStart, Confidence: p.Confidence})
	}
	return out
}
