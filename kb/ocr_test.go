package kb_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"testing"

	"github.com/compendium-kb/compendium/indexer"
	"github.com/compendium-kb/compendium/kb"
	"github.com/compendium-kb/compendium/kb/mongodb/mongotest"
	"github.com/compendium-kb/compendium/kb/search"
)

// scanReader reads a sample as the indexer does and then marks its cases
// as read by OCR at 80% word confidence, as the indexer marks a scan's
// (indexer's TestOCRScannedSample reads a real one); it records the OCR
// languages the import asked for.
type scanReader struct{ lang string }

func (s *scanReader) Extract(ctx context.Context, name string, data []byte) (*indexer.Document, error) {
	s.lang = indexer.OCRLangOf(ctx, "")
	doc, err := indexer.InProcess{}.Extract(ctx, name, data)
	if err == nil {
		for i := range doc.Practices {
			doc.Practices[i].OCR, doc.Practices[i].OCRConfidence = true, 0.8
		}
	}
	return doc, err
}

// TestImportCarriesOCR: an import's OCR languages reach the extractor,
// and a case read by OCR keeps its word confidence on the proposal and
// the published practice; languages that are not Tesseract names are
// refused before anything is read.
func TestImportCarriesOCR(t *testing.T) {
	ctx := context.Background()
	ix, _, err := search.Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	reader := &scanReader{}
	svc := kb.NewService(mongotest.New(t), ix, reader, slog.New(slog.NewTextHandler(io.Discard, nil)))
	var verr *kb.ValidationError
	if _, err := svc.ImportWith(ctx, "border-casebook.pdf", sample(t, "border-casebook.pdf"), kb.ImportOptions{OCRLang: "eng -c x=1"}); !errors.As(err, &verr) || verr.Fields["ocr_lang"] == "" {
		t.Fatalf("importing with OCR languages %q: got %v, want a validation error on ocr_lang", "eng -c x=1", err)
	}
	res, err := svc.ImportWith(ctx, "border-casebook.pdf", sample(t, "border-casebook.pdf"), kb.ImportOptions{PublishAll: true, OCRLang: "eng+ben"})
	if err != nil {
		t.Fatal(err)
	}
	if reader.lang != "eng+ben" {
		t.Errorf("the extractor was asked for OCR languages %q, want eng+ben", reader.lang)
	}
	if len(res.Document.Practices) == 0 {
		t.Fatal("the import published no practice")
	}
	p, err := svc.Practice(ctx, res.Document.Practices[0])
	if err != nil {
		t.Fatal(err)
	}
	if p.OCR == nil || p.OCR.Label() != "read by OCR, 80% word confidence" {
		t.Errorf("practice %q: OCR %+v, want it read by OCR at 80%% word confidence", p.Title, p.OCR)
	}
}
