package kb_test

import (
	"context"
	"io"
	"log/slog"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/compendium-kb/compendium/indexer"
	"github.com/compendium-kb/compendium/indexer/scantest"
	"github.com/compendium-kb/compendium/kb"
	"github.com/compendium-kb/compendium/kb/mongodb"
)

// readOrder extracts with the real isolated extractor and records the
// order in which files were read to the end.
type readOrder struct {
	x    *indexer.Isolated
	mu   sync.Mutex
	done []string
}

func (r *readOrder) Extract(ctx context.Context, name string, data []byte) (*indexer.Document, error) {
	doc, err := r.x.Extract(indexer.WithOCRLang(ctx, "eng"), name, data)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.done = append(r.done, name)
	return doc, err
}

// TestOneScannedPageIsNotQueuedBehindLongScans: two officers attach long
// image-only PDFs, then a third officer attaches a one-page scan; read
// in worker processes by OCR, as the server reads them, the one page is
// read before either long scan, and every file's text reaches its
// submission. (With two files read at once, the third officer's page
// waited for a long scan to end.)
func TestOneScannedPageIsNotQueuedBehindLongScans(t *testing.T) {
	if testing.Short() {
		t.Skip("OCR of 61 pages")
	}
	for _, prog := range []string{"gs", "pdftoppm", "tesseract"} {
		if _, err := exec.LookPath(prog); err != nil {
			t.Skipf("%s is not installed: %v", prog, err)
		}
	}
	ctx := context.Background()
	f := newWorkflow(t)
	store := f.reviews.Store.(*mongodb.Store)
	iso := indexer.DefaultIsolation
	iso.OCRPages = 2 // as on a 2-core server, whatever this machine has
	order := &readOrder{x: indexer.NewIsolated(iso)}
	t.Cleanup(func() { order.x.Close() })
	svc := kb.NewService(store, f.reviews.Service.Index, order, slog.New(slog.NewTextHandler(io.Discard, nil)))
	reviews := &kb.Reviews{Store: store, Service: svc, Now: time.Now, AttachWait: 100 * time.Millisecond}
	// Long enough that the one page's head start (its worker process
	// starting, a second or two on a busy machine) is not what decides:
	// with 12 pages a long scan once ended first under a loaded CI.
	const long = 30
	officers := []kb.User{f.officer}
	for _, email := range []string{"b@police.example", "c@police.example"} {
		u, err := f.accounts.AddUser(ctx, email, "Officer "+email, kb.RoleOfficer, "", "a long enough password")
		if err != nil {
			t.Fatal(err)
		}
		officers = append(officers, u)
	}
	files := []struct {
		name string
		data []byte
	}{
		{"long-a.pdf", scantest.Tiny(t, long, "Rescue at Ranchi station, page")},
		{"long-b.pdf", scantest.Tiny(t, long, "Raid on a placement agency, page")},
		{"one-page.pdf", scantest.Tiny(t, 1, "Bokaro district task force")},
	}
	ids := make([]string, len(officers))
	for i, u := range officers {
		s, err := reviews.Create(ctx, u, goodFields)
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = s.ID
		if _, err := reviews.Attach(ctx, u, s.ID, files[i].name, files[i].data); err != nil {
			t.Fatalf("attaching %s: %v", files[i].name, err)
		}
	}
	for i, u := range officers {
		want := map[int]int{0: long, 1: long, 2: 1}[i]
		for deadline := time.Now().Add(3 * time.Minute); ; {
			s, err := reviews.Get(ctx, u, ids[i])
			if err != nil {
				t.Fatal(err)
			}
			if len(s.Files) == 1 && s.Files[0].Note != kb.NoteQueued {
				if s.Files[0].Pages != want || s.Files[0].Note != "" {
					t.Errorf("%s: %d pages, note %q; want %d pages read", files[i].name, s.Files[0].Pages, s.Files[0].Note, want)
				}
				if i == 2 && !strings.Contains(s.Files[0].Text, "Bokaro") {
					t.Errorf("%s reads %q, want its line", files[i].name, s.Files[0].Text)
				}
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s was not read within 3 minutes", files[i].name)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	order.mu.Lock()
	defer order.mu.Unlock()
	if got := strings.Join(order.done, " "); !strings.HasPrefix(got, "one-page.pdf ") {
		t.Errorf("files were read in the order %s, want the one-page scan first", got)
	}
}
