package samples

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/compendium-kb/compendium/kb"
)

// Hindi returns the Hindi sample practices (hindi-practices.json) and
// their document, ready for kb.Service.SavePractices: there is no Hindi
// PDF yet that the reader extracts correctly, so tests of Hindi search
// and pages index these directly.
func Hindi() (kb.Document, []kb.Practice, error) {
	var s struct {
		Document  kb.Document   `json:"document"`
		Practices []kb.Practice `json:"practices"`
	}
	data, err := FS.ReadFile("hindi-practices.json")
	if err != nil {
		return kb.Document{}, nil, err
	}
	if err := json.Unmarshal(data, &s); err != nil {
		return kb.Document{}, nil, fmt.Errorf("hindi-practices.json: %w", err)
	}
	now := time.Now().UTC()
	s.Document.ImportedAt = now
	for i := range s.Practices {
		p := &s.Practices[i]
		p.Provenance.DocumentID, p.Provenance.DocumentTitle = s.Document.ID, s.Document.Title
		p.Version, p.CreatedAt, p.UpdatedAt = 1, now, now
	}
	return s.Document, s.Practices, nil
}
