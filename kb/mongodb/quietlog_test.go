package mongodb

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
)

// countedValue counts how often a handler works out its value.
type countedValue struct{ n *int }

func (c countedValue) LogValue() slog.Value { *c.n++; return slog.StringValue("document") }

// TestQuietLoggerDefersAttributes: FerretDB attaches every statement's
// arguments with With to log them at Debug; the quiet logger must not
// work them out unless a record is written, and an error must still carry
// them, in their groups.
func TestQuietLoggerDefersAttributes(t *testing.T) {
	var out bytes.Buffer
	log := QuietLogger(slog.New(slog.NewTextHandler(&out, &slog.HandlerOptions{Level: slog.LevelInfo})))
	n := 0
	log.With("args", countedValue{&n}).Debug("statement")
	log.WithGroup("conn").With("args", countedValue{&n}).Info("connected")
	if n != 0 || out.Len() != 0 {
		t.Fatalf("records below Error: value worked out %d times, wrote %q; want 0 and nothing", n, out.String())
	}
	log.WithGroup("conn").With("args", countedValue{&n}).Error("failed", "code", 7)
	got := out.String()
	for _, want := range []string{"component=ferretdb", "conn.args=document", "conn.code=7", "msg=failed"} {
		if !strings.Contains(got, want) {
			t.Errorf("error record %q lacks %q", got, want)
		}
	}
	if n != 1 {
		t.Errorf("value worked out %d times for one error record, want 1", n)
	}
}
