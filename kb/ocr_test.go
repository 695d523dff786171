package kb_test

import (
	"cmp"
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
type scanReader struct {
	lang       string
	confidence float64 // the word confidence it gives; 0.8 when unset
}

func (s *scanReader) Extract(ctx context.Context, name string, data []byte) (*indexer.Document, error) {
	s.lang = indexer.OCRLangOf(ctx, "")
	doc, err := indexer.InProcess{}.Extract(ctx, name, data)
	if err == nil {
		for i := range doc.Practices {
			doc.Practices[i].OCR, doc.Practices[i].OCRConfidence = true, cmp.Or(s.confidence, 0.8)
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

// TestReread: an admin reads a stored document again by OCR in other
// languages; its published practices take the new reading (the earlier
// text kept as a version when it changed), and the history says who did
// it, in which languages, with what outcome. Only admins may, only with
// languages Tesseract names.
func TestReread(t *testing.T) {
	ctx := context.Background()
	ix, _, err := search.Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	store := mongotest.New(t)
	reader := &scanReader{}
	svc := kb.NewService(store, ix, reader, slog.New(slog.NewTextHandler(io.Discard, nil)))
	cur := kb.NewCuration(svc, store)
	res, err := cur.Import(ctx, admin.Actor(), "border-casebook.pdf", sample(t, "border-casebook.pdf"), kb.ImportOptions{PublishAll: true})
	if err != nil {
		t.Fatal(err)
	}
	docID, published := res.Document.ID, len(res.Document.Practices)
	if _, err := cur.Reread(ctx, reviewer, docID, "hin+ben"); !errors.Is(err, kb.ErrForbidden) {
		t.Errorf("a reviewer re-reading: %v, want forbidden", err)
	}
	var verr *kb.ValidationError
	if _, err := cur.Reread(ctx, admin, docID, "eng; rm -rf /"); !errors.As(err, &verr) || verr.Fields["ocr_lang"] == "" {
		t.Errorf("re-reading in %q: %v, want a validation error on ocr_lang", "eng; rm -rf /", err)
	}
	reader.confidence = 0.93
	again, err := cur.Reread(ctx, admin, docID, "hin+ben")
	if err != nil {
		t.Fatal(err)
	}
	if reader.lang != "hin+ben" {
		t.Errorf("the extractor was asked for %q, want hin+ben", reader.lang)
	}
	if again.Updated != published || again.Removed != 0 {
		t.Errorf("re-reading: %d updated, %d removed; want all %d published practices updated", again.Updated, again.Removed, published)
	}
	p, err := svc.Practice(ctx, res.Document.Practices[0])
	if err != nil {
		t.Fatal(err)
	}
	if p.OCR == nil || p.OCR.Label() != "read by OCR, 93% word confidence" {
		t.Errorf("after re-reading, %q has OCR %+v, want the new reading's 93%%", p.Title, p.OCR)
	}
	events, err := cur.Audit.Events(ctx, kb.EventFilter{DocumentID: docID})
	if err != nil {
		t.Fatal(err)
	}
	if len(events) == 0 || events[0].Action != "document.reread" || events[0].Words() != "read the document again" ||
		len(events[0].Changes) == 0 || events[0].Changes[0].To != "hin+ben" {
		t.Errorf("newest event %+v, want the re-reading in hin+ben", events[0])
	}
}
