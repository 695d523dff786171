package mongodb

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/compendium-kb/compendium/kb"
)

// A backup is checked before anything of it is written: a manifest
// saying "schema": -5 was restored, recorded, and made Migrate (and so
// every later serve on that folder) panic. And it is read through a
// guard on how far it expands: a 699 KB file expanded to 622 MB in 60 s
// and had no end.

// Limits on what a manifest may say.
const (
	maxCollections = 1000
	// maxExpansion is how many times its compressed size a backup may
	// expand to. Our backups: PDF chunks (compressed already) about 1x,
	// records 5-12x; a gzip of repeated bytes reaches 1,000x.
	maxExpansion = 100
	// expansionFloor is what any backup may expand to, whatever its
	// ratio: a small store's backup of few, repetitive records.
	expansionFloor = 64 << 20
)

var collectionName = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.-]{0,119}$`)
var hexSum = regexp.MustCompile(`^[0-9a-f]{64}$`)

// validate checks what a manifest says before a byte is restored.
func (m Manifest) validate() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("manifest.json: %s: %w", fmt.Sprintf(format, args...), kb.ErrBadRequest)
	}
	if m.Schema < 0 || m.Schema > SchemaVersion() {
		return bad("schema version %d: this program reads versions 0 to %d", m.Schema, SchemaVersion())
	}
	if len(m.Collections) > maxCollections {
		return bad("%d collections listed, at most %d", len(m.Collections), maxCollections)
	}
	seen := map[string]bool{}
	for _, c := range m.Collections {
		switch {
		case !collectionName.MatchString(c.Name) || strings.HasPrefix(c.Name, "system."):
			return bad("a collection named %q", c.Name)
		case seen[c.Name]:
			return bad("the collection %s listed twice", c.Name)
		case c.Count < 0 || c.Bytes < 0 || (c.Count == 0) != (c.Bytes == 0) || c.Bytes < 5*int64(c.Count):
			return bad("the collection %s with %d documents in %d bytes", c.Name, c.Count, c.Bytes)
		case !hexSum.MatchString(c.SHA256):
			return bad("the collection %s with checksum %q", c.Name, c.SHA256)
		}
		seen[c.Name] = true
	}
	return nil
}

// errExpands stops a backup that expands without bound.
var errExpands = fmt.Errorf("the backup expands to more than %d times its size: it is damaged or not a compendium backup: %w", maxExpansion, kb.ErrBadRequest)

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// expansionGuard fails once what it has given out passes both
// expansionFloor and maxExpansion times the compressed bytes read.
type expansionGuard struct {
	r          io.Reader
	compressed *countingReader
	out        int64
}

func (g *expansionGuard) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	g.out += int64(n)
	if g.out > expansionFloor && g.out > maxExpansion*g.compressed.n {
		return n, errExpands
	}
	return n, err
}

// isExpansion says whether err is the guard's.
func isExpansion(err error) bool { return errors.Is(err, errExpands) }
