package kb

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/compendium-kb/compendium/indexer"
)

// Reread reads a stored document again, its scanned pages by OCR in the
// languages given ("eng+ben"), as a new edition of itself: practices
// already published from it are updated where their text changed (the
// earlier text kept as a version), and cases not yet published are
// proposed again for review. Admins only.
func (c *Curation) Reread(ctx context.Context, u User, docID, ocrLang string) (ImportResult, error) {
	if u.Role != RoleAdmin {
		return ImportResult{}, fmt.Errorf("%w: only admins read documents again", ErrForbidden)
	}
	ocrLang = strings.TrimSpace(ocrLang)
	if ocrLang == "" || !indexer.ValidOCRLang(ocrLang) {
		return ImportResult{}, &ValidationError{Fields: map[string]string{"ocr_lang": "Name the OCR languages as Tesseract does, joined by +, such as eng+hin or hin+ben."}}
	}
	doc, err := c.Service.Store.Document(ctx, docID)
	if err != nil {
		return ImportResult{}, err
	}
	if doc.Withdrawal != nil {
		return ImportResult{}, fmt.Errorf("%s: %w: the document is withdrawn; restore it first", docID, ErrConflict)
	}
	r, _, err := c.Service.OpenFile(ctx, doc.SHA256)
	if err != nil {
		return ImportResult{}, fmt.Errorf("%s: reading the stored PDF: %w", docID, err)
	}
	data, err := io.ReadAll(r)
	r.Close()
	if err != nil {
		return ImportResult{}, fmt.Errorf("%s: reading the stored PDF: %w", docID, err)
	}
	res, err := c.Service.ImportWith(ctx, doc.File, data, ImportOptions{OCRLang: ocrLang, Again: true})
	if err != nil {
		return res, err
	}
	changes := []Change{{Field: "OCR languages", To: ocrLang},
		{Field: "outcome", To: fmt.Sprintf("%d updated, %d proposed, %d removed", res.Updated, res.Proposed, res.Removed)}}
	_, err = c.Audit.Record(ctx, u.Actor(), "document.reread", doc.about(), "", changes)
	return res, err
}
