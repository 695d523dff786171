package indexer

import (
	"fmt"
	"strings"
	"testing"
)

// TestStreamWithoutLength reads a page whose content stream has no
// /Length, with a comment in its dictionary that mentions one (as
// pdfium's hello_world.pdf has): pdftotext reads it, so must we.
func TestStreamWithoutLength(t *testing.T) {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /MediaBox [0 0 200 200] /Count 1 /Kids [3 0 R] >>",
		"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>",
		"<<\n  % Note this object deliberately does not use /Length 83.\n>>\nstream\nBT\n20 50 Td\n/F1 12 Tf\n(Hello, world!) Tj\nET\nendstream",
	}
	var b strings.Builder
	b.WriteString("%PDF-1.7\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj %s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer << /Root 1 0 R /Size %d >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)

	doc, err := Extract("hello.pdf", []byte(b.String()), DefaultLimits)
	if doc == nil {
		t.Fatalf("a stream without /Length: %v", err)
	}
	if !strings.Contains(doc.Text(), "Hello, world!") {
		t.Errorf("text %q, want Hello, world!", doc.Text())
	}
}
