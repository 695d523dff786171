package kb

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// EvidenceLabel grades what is known of a practice's effect, as the
// College of Policing practice bank and CrimeSolutions do.
type EvidenceLabel string

// The evidence labels, strongest first.
const (
	EvidenceShown     EvidenceLabel = "shown_to_work" // evaluated independently
	EvidencePromising EvidenceLabel = "promising"     // evaluated locally
	EvidenceUntested  EvidenceLabel = "untested"
	EvidenceNotWorked EvidenceLabel = "did_not_work" // worth knowing too
)

// EvidenceLabels are the labels in the order pages list them.
var EvidenceLabels = []EvidenceLabel{EvidenceShown, EvidencePromising, EvidenceUntested, EvidenceNotWorked}

// ParseEvidence reads a label; empty reads as no label.
func ParseEvidence(s string) (EvidenceLabel, error) {
	l := EvidenceLabel(strings.ToLower(strings.TrimSpace(strings.ReplaceAll(s, " ", "_"))))
	if l == "" {
		return "", nil
	}
	for _, x := range EvidenceLabels {
		if l == x {
			return l, nil
		}
	}
	return "", &ValidationError{Fields: map[string]string{"evidence": "Choose shown to work, promising, untested or did not work."}}
}

// Text is the label in words.
func (l EvidenceLabel) Text() string { return strings.ReplaceAll(string(l), "_", " ") }

// Meaning says what the label stands for.
func (l EvidenceLabel) Meaning() string {
	switch l {
	case EvidenceShown:
		return "evaluated independently and found to work"
	case EvidencePromising:
		return "evaluated locally with good results"
	case EvidenceUntested:
		return "not evaluated yet"
	case EvidenceNotWorked:
		return "evaluated and found not to work"
	}
	return ""
}

// Evidence is a reviewer's grading of a practice, with its basis.
type Evidence struct {
	Label  EvidenceLabel `json:"label" bson:"label"`
	Basis  string        `json:"basis" bson:"basis"`
	ByName string        `json:"by" bson:"by_name"`
	At     time.Time     `json:"at" bson:"at"`
}

// EvidenceText is a practice's label in words, or "" without one: for
// search cards, citations' notes and handouts.
func (p Practice) EvidenceText() string {
	if p.Evidence == nil || p.Evidence.Label == "" {
		return ""
	}
	return p.Evidence.Label.Text()
}

// SetEvidence grades a published practice; the grading is a new version,
// since citations and handouts carry it. An empty label removes it.
func (c *Curation) SetEvidence(ctx context.Context, u User, id string, label EvidenceLabel, basis string, version int) (Practice, error) {
	basis = strings.TrimSpace(basis)
	if label != "" && len(basis) < 10 || len(basis) > 1000 {
		return Practice{}, &ValidationError{Fields: map[string]string{"basis": "Say in a sentence what the label rests on (10 to 1000 characters): an evaluation, figures, a court outcome."}}
	}
	return c.revise(ctx, u, id, version, RecordEvidence, "", func(p *Practice) ([]Change, error) {
		from := ""
		if p.Evidence != nil {
			from = fmt.Sprintf("%s: %s", p.Evidence.Label.Text(), p.Evidence.Basis)
		}
		p.Evidence = nil
		to := ""
		if label != "" {
			p.Evidence = &Evidence{Label: label, Basis: basis, ByName: u.Name, At: c.Now().UTC()}
			to = fmt.Sprintf("%s: %s", label.Text(), basis)
		}
		if from == to {
			return nil, nil
		}
		return []Change{{Field: "evidence", From: from, To: to}}, nil
	})
}
