package kb

import (
	"fmt"
	"strings"
	"time"

	"github.com/compendium-kb/compendium/indexer"
)

// ProposalStatus is where a machine-read case study stands: proposed,
// waiting for a person; published, a practice; or dropped.
type ProposalStatus string

// The states of a proposal.
const (
	ProposalProposed  ProposalStatus = "proposed"
	ProposalPublished ProposalStatus = "published"
	ProposalDropped   ProposalStatus = "dropped"
)

// CaseFields are the parts of a case study a reviewer may correct: on a
// proposal before it is published, on a practice afterwards.
type CaseFields struct {
	Title     string   `json:"title" bson:"title"`
	Number    string   `json:"number,omitempty" bson:"number,omitempty"`
	Section   string   `json:"section,omitempty" bson:"section,omitempty"`
	PageStart int      `json:"page_start" bson:"page_start"`
	PageEnd   int      `json:"page_end" bson:"page_end"`
	Summary   string   `json:"summary" bson:"summary"`
	Text      string   `json:"text" bson:"text"`
	States    []string `json:"states" bson:"states"`
	Districts []string `json:"districts,omitempty" bson:"districts,omitempty"`
	Years     []int    `json:"years,omitempty" bson:"years,omitempty"`
	Themes    []string `json:"themes" bson:"themes"`
	Laws      []string `json:"laws,omitempty" bson:"laws,omitempty"`
	Figures   Figures  `json:"figures,omitempty" bson:"figures,omitempty"`
	Routes    []Route  `json:"routes,omitempty" bson:"routes,omitempty"`   // proposed from the text; reviewers confirm or edit them
	Country   string   `json:"country,omitempty" bson:"country,omitempty"` // what the case is about, read from its places and institutions
	// What the indexer read and nobody edits here.
	Countries    []string `json:"countries,omitempty" bson:"countries,omitempty"`
	Source       []string `json:"source_states,omitempty" bson:"source_states,omitempty"`
	Destination  []string `json:"destination_states,omitempty" bson:"destination_states,omitempty"`
	Exploitation []string `json:"exploitation,omitempty" bson:"exploitation,omitempty"`
	Agencies     []string `json:"agencies,omitempty" bson:"agencies,omitempty"`
}

// Proposal is a case study as the indexer read it, waiting for a reviewer
// to publish or drop it. Its id is the id of the practice it becomes, so
// that publishing it again after a re-import finds the same practice.
type Proposal struct {
	ID         string         `json:"id" bson:"_id"`
	DocumentID string         `json:"document_id" bson:"document_id"`
	Status     ProposalStatus `json:"status" bson:"status"`
	Confidence float64        `json:"confidence" bson:"confidence"`
	Reasons    []string       `json:"reasons" bson:"reasons"`
	OCR        *OCRReading    `json:"ocr,omitempty" bson:"ocr,omitempty"` // nil unless read from a scan
	// Order is the case's place in its document as read (from 1; 0 in
	// records older than it). It orders cases that start on one page (a
	// codebook had up to nine), which the store returns in no fixed
	// order: the inbox and the API, paging through lists asked for in
	// two ways, each put a page's cases in another order.
	Order      int `json:"-" bson:"order,omitempty"`
	CaseFields `bson:",inline"`
	// PageTexts holds each page's text from PageStart to PageEnd, so that
	// a proposal can be split at a page.
	PageTexts []string `json:"-" bson:"page_texts,omitempty"`
	// Gen is new each time the case is proposed and Rev counts changes
	// since: a change claims (Gen, Rev) once, so of two reviewers acting
	// at the same moment one wins, on one database node or many.
	Gen       string    `json:"-" bson:"gen"`
	Rev       int       `json:"rev" bson:"rev"`
	History   []Event   `json:"history" bson:"history"`
	CreatedAt time.Time `json:"created_at" bson:"created_at"`
	UpdatedAt time.Time `json:"updated_at" bson:"updated_at"`
}

// ProposalAction is something a reviewer does to a proposal.
type ProposalAction string

// The actions on a proposal.
const (
	ProposalEditAction ProposalAction = "edit"
	ProposalPublish    ProposalAction = "publish"
	ProposalDrop       ProposalAction = "drop"
	ProposalMerge      ProposalAction = "merge" // with the next proposal
	ProposalSplit      ProposalAction = "split" // at a page
	ProposalReopen     ProposalAction = "reopen"
)

// TransitionProposal is the proposal workflow as a pure function of
// status, action and actor: the next status, or ErrForbidden (only
// reviewers and admins decide), ErrConflict (not from this status) or
// ErrBadRequest (no such action).
func TransitionProposal(from ProposalStatus, a ProposalAction, actor Actor) (ProposalStatus, error) {
	switch a {
	case ProposalEditAction, ProposalPublish, ProposalDrop, ProposalMerge, ProposalSplit, ProposalReopen:
	default:
		return from, fmt.Errorf("%w: unknown action %q on a proposal", ErrBadRequest, a)
	}
	if !actor.Role.CanReview() {
		return from, fmt.Errorf("%w: only reviewers and admins decide on proposals", ErrForbidden)
	}
	if a == ProposalReopen {
		if from != ProposalDropped {
			return from, fmt.Errorf("%w: only a dropped proposal can be reopened; this one is %s", ErrConflict, from)
		}
		return ProposalProposed, nil
	}
	if from != ProposalProposed {
		return from, fmt.Errorf("%w: this proposal is already %s", ErrConflict, from)
	}
	switch a {
	case ProposalPublish:
		return ProposalPublished, nil
	case ProposalDrop:
		return ProposalDropped, nil
	}
	return ProposalProposed, nil
}

// proposalFrom turns what the indexer read into a proposal.
func proposalFrom(docID string, cs indexer.CaseStudy, pages []indexer.Page, now time.Time) Proposal {
	conf, reasons := caseConfidence(cs)
	p := Proposal{ID: PracticeID(docID, cs.Title), DocumentID: docID, Status: ProposalProposed, Confidence: conf, Reasons: reasons,
		CaseFields: CaseFields{Title: cs.Title, Number: cs.Number, Section: cs.Section, PageStart: cs.PageStart, PageEnd: cs.PageEnd,
			Summary: cs.Summary, Text: cs.Text, States: nonNil(cs.States), Districts: cs.Districts, Years: cs.Years,
			Themes: nonNil(cs.Themes), Laws: cs.Laws, Figures: FiguresFrom(cs.Figures), Countries: cs.Countries, Source: cs.Source,
			Destination: cs.Destination, Exploitation: cs.Exploitation, Agencies: cs.Agencies, Routes: ProposeRoutes(cs.Text),
			Country: cs.Country},
		Gen: RandomToken()[:12], Rev: 1, History: []Event{}, CreatedAt: now, UpdatedAt: now}
	for _, pg := range pages {
		if pg.Number >= cs.PageStart && pg.Number <= cs.PageEnd {
			p.PageTexts = append(p.PageTexts, pg.Text())
		}
	}
	if p.Reasons == nil {
		p.Reasons = []string{}
	}
	if cs.OCR {
		p.OCR = &OCRReading{Confidence: cs.OCRConfidence}
	}
	return p
}

// OCRReading marks a case read from a scanned page by OCR, where a word
// may be misread: readers and reviewers are told, with how sure the OCR
// was.
type OCRReading struct {
	Confidence float64 `json:"confidence" bson:"confidence"` // mean word confidence, 0..1
}

// Label is the badge shown beside a case read by OCR.
func (o *OCRReading) Label() string {
	return fmt.Sprintf("read by OCR, %.0f%% word confidence", 100*o.Confidence)
}

// caseConfidence is the reader's confidence in a case study and its
// reasons, in words a reviewer understands.
func caseConfidence(cs indexer.CaseStudy) (float64, []string) {
	return cs.Confidence, cs.Reasons
}

// practiceFrom is the practice a proposal becomes in its document.
func practiceFrom(doc Document, f CaseFields, id string, now time.Time) Practice {
	return Practice{
		ID: id, Slug: Slugify(f.Title, 80), Number: f.Number, Title: f.Title, Section: f.Section, Summary: f.Summary, Text: f.Text,
		States: nonNil(f.States), Countries: f.Countries, Source: f.Source, Destination: f.Destination, Districts: f.Districts,
		Years: f.Years, Themes: nonNil(f.Themes), Exploitation: f.Exploitation, Laws: f.Laws, Agencies: f.Agencies, Figures: f.Figures,
		Routes: f.Routes, Country: f.Country,
		Provenance: Provenance{DocumentID: doc.ID, DocumentTitle: doc.Title, File: doc.File, SHA256: doc.SHA256,
			PageStart: f.PageStart, PageEnd: f.PageEnd, Publisher: doc.Author, Year: doc.Year},
		Version: 1, CreatedAt: now, UpdatedAt: now,
	}
}

// fieldsOf reads a practice's correctable fields.
func fieldsOf(p Practice) CaseFields {
	return CaseFields{Title: p.Title, Number: p.Number, Section: p.Section, PageStart: p.Provenance.PageStart, PageEnd: p.Provenance.PageEnd,
		Summary: p.Summary, Text: p.Text, States: p.States, Districts: p.Districts, Years: p.Years, Themes: p.Themes, Laws: p.Laws,
		Figures: p.Figures, Countries: p.Countries, Source: p.Source, Destination: p.Destination, Exploitation: p.Exploitation, Agencies: p.Agencies,
		Routes: p.Routes, Country: p.Country}
}

// withFields writes corrected fields into a practice.
func withFields(p Practice, f CaseFields) Practice {
	p.Title, p.Slug, p.Number, p.Section, p.Summary, p.Text = f.Title, Slugify(f.Title, 80), f.Number, f.Section, f.Summary, f.Text
	p.States, p.Districts, p.Years, p.Themes, p.Laws, p.Figures = nonNil(f.States), f.Districts, f.Years, nonNil(f.Themes), f.Laws, f.Figures
	p.Routes, p.Country = f.Routes, f.Country
	p.Provenance.PageStart, p.Provenance.PageEnd = f.PageStart, f.PageEnd
	return p
}

// splitPages divides a proposal's page texts at page (which starts the
// second part) and says the first line of that page, a title to start
// from.
func splitPages(p Proposal, page int) (first, second []string, title string) {
	cut := page - p.PageStart
	first, second = p.PageTexts[:cut], p.PageTexts[cut:]
	for _, line := range strings.Split(second[0], "\n") {
		if line = strings.TrimSpace(line); line != "" {
			return first, second, truncate(line, 200)
		}
	}
	return first, second, fmt.Sprintf("%s (from page %d)", p.Title, page)
}
