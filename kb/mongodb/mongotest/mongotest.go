// Package mongotest gives tests a real store: embedded FerretDB in a
// temporary folder, or the MongoDB named by COMPENDIUM_TEST_MONGODB_URI
// (each test in a database of its own), never a mock.
package mongotest

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/compendium-kb/compendium/kb/mongodb"
)

// New returns a connected store that is closed when the test ends.
func New(t testing.TB) *mongodb.Store {
	st, _ := start(t)
	return st
}

func start(t testing.TB) (*mongodb.Store, *mongodb.Embedded) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	uri := os.Getenv("COMPENDIUM_TEST_MONGODB_URI")
	var emb *mongodb.Embedded
	if uri == "" {
		var err error
		emb, err = mongodb.StartEmbedded(ctx, t.TempDir(), slog.New(slog.NewTextHandler(io.Discard, nil)))
		if err != nil {
			t.Fatalf("starting embedded FerretDB: %v", err)
		}
		t.Cleanup(func() { _ = emb.Close() })
		uri = emb.URI
	} else {
		name := fmt.Sprintf("compendium_test_%s_%d", strings.NewReplacer("/", "_", " ", "_").Replace(t.Name()), time.Now().UnixNano())
		uri = strings.TrimSuffix(uri, "/") + "/" + name[:min(len(name), 60)]
	}
	st, err := mongodb.Connect(ctx, uri)
	if err != nil {
		t.Fatalf("connecting to %s: %v", uri, err)
	}
	t.Cleanup(func() { _ = st.Close(context.Background()) })
	if emb != nil {
		if err := emb.Prepare(ctx, st); err != nil {
			t.Fatalf("preparing the embedded database: %v", err)
		}
	}
	return st, emb
}
