package kb_test

import (
	"os"
	"testing"

	"github.com/compendium-kb/compendium/indexer"
)

// TestMain lets the test binary serve as the extraction worker, for the
// tests that read files in worker processes as the server does.
func TestMain(m *testing.M) {
	indexer.RunWorker()
	os.Exit(m.Run())
}
