package kb_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/compendium-kb/compendium/indexer"
	"github.com/compendium-kb/compendium/kb"
	"github.com/compendium-kb/compendium/kb/mongodb"
)

// slowBombs reads files with the real extractor, two at a time as the
// worker processes do, but a file named bomb*.pdf holds its worker for a
// while first, as a hostile file holds it until its time limit. It
// records the order in which files got a worker.
type slowBombs struct {
	hold    time.Duration
	workers chan struct{}
	mu      sync.Mutex
	started []string
}

func (b *slowBombs) Extract(ctx context.Context, name string, data []byte) (*indexer.Document, error) {
	b.workers <- struct{}{}
	defer func() { <-b.workers }()
	b.mu.Lock()
	b.started = append(b.started, name)
	b.mu.Unlock()
	if strings.HasPrefix(name, "bomb") {
		time.Sleep(b.hold)
	}
	return indexer.InProcess{}.Extract(ctx, name, data)
}

// TestExtractionIsFairBetweenOfficers: while one officer's two bombs hold
// the workers' time, another officer's file is read at once; the bomb
// that had to wait is answered as queued and read later.
func TestExtractionIsFairBetweenOfficers(t *testing.T) {
	ctx := context.Background()
	f := newWorkflow(t)
	store := f.reviews.Store.(*mongodb.Store)
	ex := &slowBombs{hold: 3 * time.Second, workers: make(chan struct{}, 2)}
	svc := kb.NewService(store, f.reviews.Service.Index, ex, slog.New(slog.NewTextHandler(io.Discard, nil)))
	reviews := &kb.Reviews{Store: store, Service: svc, Now: time.Now, AttachWait: time.Second}
	pdf := sample(t, "border-casebook.pdf")
	other, err := f.accounts.AddUser(ctx, "other@police.example", "Other", kb.RoleOfficer, "", "a long enough password")
	if err != nil {
		t.Fatal(err)
	}
	draft := func(u kb.User) string {
		s, err := reviews.Create(ctx, u, goodFields)
		if err != nil {
			t.Fatal(err)
		}
		return s.ID
	}
	bombs := []string{draft(f.officer), draft(f.officer)}
	theirs := draft(other)
	var wg sync.WaitGroup
	for i, name := range []string{"bomb1.pdf", "bomb2.pdf"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := reviews.Attach(ctx, f.officer, bombs[i], name, pdf); err != nil {
				t.Errorf("attaching %s: %v", name, err)
			}
		}()
	}
	time.Sleep(200 * time.Millisecond) // the bombs are in
	// Its file gets a worker before the second bomb (checked at the end,
	// by the order files started): the answer is the file read, unless
	// this machine is too slow to read three pages within AttachWait.
	if s, err := reviews.Attach(ctx, other, theirs, "three-pages.pdf", pdf); err != nil || len(s.Files) != 1 {
		t.Errorf("the other officer's file: %v, %d files", err, len(s.Files))
	}
	wg.Wait()
	var files []kb.Attachment
	for _, id := range bombs {
		got, err := reviews.Get(ctx, f.officer, id)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, got.Files...)
	}
	if len(files) != 2 || files[0].Note != kb.NoteQueued || files[1].Note != kb.NoteQueued {
		t.Errorf("the bombs: %d files, want both answered as queued (each took longer than AttachWait)", len(files))
	}
	for _, id := range append(bombs, theirs) {
		deadline := time.Now().Add(15 * time.Second)
		owner := f.officer // drafts are their authors' alone
		if id == theirs {
			owner = other
		}
		for {
			got, _ := reviews.Get(ctx, owner, id)
			if len(got.Files) == 1 && got.Files[0].Pages == 3 && got.Files[0].Note == "" {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("a queued file was never read: %d files", len(got.Files))
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	ex.mu.Lock()
	defer ex.mu.Unlock()
	if got := strings.Join(ex.started, " "); got != "bomb1.pdf three-pages.pdf bomb2.pdf" && got != "bomb2.pdf three-pages.pdf bomb1.pdf" {
		t.Errorf("files got a worker in the order %s; want the other officer's second, before the second bomb", got)
	}
}
