package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/compendium-kb/compendium/kb"
)

// TestHousekeeping: what serve runs at start and hourly prunes
// a quiet sign-in log and a pack's revisions but the latest, and logs
// what it pruned.
func TestHousekeeping(t *testing.T) {
	ctx := context.Background()
	discard := slog.New(slog.DiscardHandler)
	st, err := openStorage(ctx, config{data: t.TempDir()}, "test", discard)
	if err != nil {
		t.Fatal(err)
	}
	defer st.close(context.Background())
	now := time.Now()
	old := kb.SignInAttempt{ID: "address:10.1.1.1:1", Key: "address:10.1.1.1", N: 1, At: now.Add(-kb.SignInLogsKept - time.Minute), Note: "failed"}
	if err := st.store.AddSignInAttempt(ctx, old); err != nil {
		t.Fatal(err)
	}
	p := kb.Pack{ID: "pk", OwnerID: "trainer@police.example", Title: "A pack"}
	if err := st.store.CreatePack(ctx, p); err != nil {
		t.Fatal(err)
	}
	for p.Rev = 1; p.Rev <= packRevisionsKept+5; p.Rev++ {
		if err := st.store.UpdatePack(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	var logged bytes.Buffer
	if err := housekeep(ctx, st.store, now, slog.New(slog.NewTextHandler(&logged, nil))); err != nil {
		t.Fatal(err)
	}
	if _, err := st.store.SignInAttempt(ctx, old.Key, 1); !errors.Is(err, kb.ErrNotFound) {
		t.Errorf("a sign-in log quiet for longer than %v is still there: %v", kb.SignInLogsKept, err)
	}
	if want := fmt.Sprintf("signin_attempts=1 pack_revisions=%d", 5); !strings.Contains(logged.String(), want) {
		t.Errorf("housekeeping logged %q, want it to say %s", logged.String(), want)
	}
}
