package kb

import (
	"crypto/sha256"
	"encoding/base32"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Practice is a good practice against human trafficking: a case study
// from a compendium, or (later) a reviewed submission.
type Practice struct {
	ID        string   `json:"id" bson:"_id"`
	Slug      string   `json:"slug" bson:"slug"`
	Number    string   `json:"number,omitempty" bson:"number,omitempty"`
	Title     string   `json:"title" bson:"title"`
	Section   string   `json:"section,omitempty" bson:"section,omitempty"`
	Summary   string   `json:"summary" bson:"summary"`
	Text      string   `json:"text" bson:"text"`
	States    []string `json:"states" bson:"states"`
	Countries []string `json:"countries,omitempty" bson:"countries,omitempty"`
	// Country is what the practice is about (the countries it names may
	// be places on a route): read from its places and institutions,
	// corrected by a reviewer. India's laws apply where it is India.
	Country      string      `json:"country,omitempty" bson:"country,omitempty"`
	Source       []string    `json:"source_states,omitempty" bson:"source_states,omitempty"`
	Destination  []string    `json:"destination_states,omitempty" bson:"destination_states,omitempty"`
	Districts    []string    `json:"districts,omitempty" bson:"districts,omitempty"`
	Routes       []Route     `json:"routes,omitempty" bson:"routes,omitempty"` // source, transit, destination (routes.go)
	Years        []int       `json:"years,omitempty" bson:"years,omitempty"`
	Themes       []string    `json:"themes" bson:"themes"`
	Exploitation []string    `json:"exploitation,omitempty" bson:"exploitation,omitempty"`
	Laws         []string    `json:"laws,omitempty" bson:"laws,omitempty"`
	Agencies     []string    `json:"agencies,omitempty" bson:"agencies,omitempty"`
	Figures      Figures     `json:"figures,omitempty" bson:"figures,omitempty"`
	Provenance   Provenance  `json:"source" bson:"provenance"`
	Origin       string      `json:"origin,omitempty" bson:"origin,omitempty"` // OriginSubmission, or empty for a compendium
	Unit         string      `json:"unit,omitempty" bson:"unit,omitempty"`     // the submitting unit
	SubmissionID string      `json:"submission_id,omitempty" bson:"submission_id,omitempty"`
	ApprovedAt   time.Time   `json:"approved_at,omitzero" bson:"approved_at,omitempty"`
	Version      int         `json:"version" bson:"version"` // 1, then one more for each change of content
	Evidence     *Evidence   `json:"evidence,omitempty" bson:"evidence,omitempty"`
	OCR          *OCRReading `json:"ocr,omitempty" bson:"ocr,omitempty"` // nil unless read from a scan
	CreatedAt    time.Time   `json:"created_at" bson:"created_at"`
	UpdatedAt    time.Time   `json:"updated_at" bson:"updated_at"`
}

// OriginSubmission marks a practice published from a reviewed submission.
const OriginSubmission = "submission"

// Provenance says where a practice comes from: the compendium and its
// pages, so that a citation can point at the page.
type Provenance struct {
	DocumentID    string `json:"document_id" bson:"document_id"`
	DocumentTitle string `json:"document" bson:"document_title"`
	File          string `json:"file,omitempty" bson:"file"` // empty for a submitted practice
	SHA256        string `json:"sha256,omitempty" bson:"sha256"`
	PageStart     int    `json:"page_start,omitempty" bson:"page_start"`
	PageEnd       int    `json:"page_end,omitempty" bson:"page_end"`
	Publisher     string `json:"publisher,omitempty" bson:"publisher,omitempty"`
	Year          int    `json:"year,omitempty" bson:"year,omitempty"`
}

// Pages renders the page range the way a citation writes it.
func (p Provenance) Pages() string {
	if p.PageEnd > p.PageStart {
		return "pp. " + strconv.Itoa(p.PageStart) + "–" + strconv.Itoa(p.PageEnd)
	}
	return "p. " + strconv.Itoa(p.PageStart)
}

// Document is a source compendium as imported.
type Document struct {
	ID         string    `json:"id" bson:"_id"` // stable: from the file name
	Title      string    `json:"title" bson:"title"`
	File       string    `json:"file" bson:"file"`
	SHA256     string    `json:"sha256" bson:"sha256"`
	Size       int64     `json:"size" bson:"size"`
	Pages      int       `json:"pages" bson:"pages"`
	Author     string    `json:"author,omitempty" bson:"author,omitempty"`
	Year       int       `json:"year,omitempty" bson:"year,omitempty"`
	Practices  []string  `json:"practices" bson:"practices"` // published, in page order
	ImportedAt time.Time `json:"imported_at" bson:"imported_at"`
	// Rev is bumped by every change to the record; a change is written
	// only over the revision it read.
	Rev        int         `json:"rev" bson:"rev"`
	Withdrawal *Withdrawal `json:"withdrawal,omitempty" bson:"withdrawal,omitempty"`
	Withdrawn  []string    `json:"withdrawn,omitempty" bson:"withdrawn,omitempty"` // its practices withdrawn one by one
}

// DocumentID names a compendium by its file name, so that a corrected
// edition of the same file replaces the earlier one.
func DocumentID(file string) string {
	base := file
	if i := strings.LastIndexAny(base, `/\`); i >= 0 {
		base = base[i+1:]
	}
	base = strings.TrimSuffix(strings.TrimSuffix(base, ".pdf"), ".PDF")
	return Slugify(base, 80)
}

// PracticeID is stable across re-imports of a compendium: it depends on
// the document and the case title, not on the file's bytes or order.
func PracticeID(documentID, title string) string {
	sum := sha256.Sum256([]byte(documentID + "\x00" + Slugify(title, 200)))
	return strings.ToLower(base32.StdEncoding.EncodeToString(sum[:])[:10])
}

// Slugify makes a readable URL part: lower-case words joined by hyphens.
func Slugify(s string, max int) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if r > unicode.MaxASCII {
				continue
			}
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			if b.Len() >= max {
				break
			}
			continue
		}
		dash = true
	}
	return strings.Trim(b.String(), "-")
}
