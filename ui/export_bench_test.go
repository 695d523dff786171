//go:build unix

package ui_test

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/compendium-kb/compendium/kb"
)

var exportRows = flag.Int("export-rows", 10000, "practices in the export benchmarks' index")

// BenchmarkExport downloads every practice of an index of -export-rows
// practices (copies of the sample compendium's, each under its own id) as
// CSV and as XLSX through the app, as a browser does, and reports the time
// per row (app.Test holds the whole response in memory, so the memory an
// export takes is measured over HTTP by `compendium bench export`). To
// see where the time goes:
//
//	go test ./ui -run '^$' -bench Export -benchtime 3x -cpuprofile export.prof
//	go tool pprof -top ui.test export.prof
//
// The whole-knowledge-base figure is `compendium bench search --stats-only`.
func BenchmarkExport(b *testing.B) {
	app := exportApp(b, *exportRows)
	for _, format := range []string{"csv", "xlsx"} {
		b.Run(format, func(b *testing.B) {
			b.ReportAllocs()
			var size int64
			cpu := processorTime()
			for b.Loop() {
				resp, err := app.Test(httptest.NewRequest(http.MethodGet, "/api/v1/search?format="+format, nil), -1)
				if err != nil {
					b.Fatal(err)
				}
				size, err = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if err != nil || resp.StatusCode != http.StatusOK {
					b.Fatalf("export %s: status %d, %v", format, resp.StatusCode, err)
				}
			}
			// On a shared machine the processor time is the steadier figure.
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64(*exportRows), "µs/row")
			b.ReportMetric(float64((processorTime()-cpu).Microseconds())/float64(b.N)/float64(*exportRows), "cpu-µs/row")
			b.ReportMetric(float64(size)/float64(*exportRows), "bytes/row")
		})
	}
}

// exportApp serves an index of n practices made from the sample
// compendium's.
func exportApp(b *testing.B, n int) *fiber.App {
	b.Helper()
	app, svc := newAppWithService(b)
	pdf, err := os.ReadFile(filepath.Join("..", "samples", "law-enforcement-compendium.pdf"))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	if _, err := svc.ImportWith(ctx, "law-enforcement-compendium.pdf", pdf, kb.ImportOptions{PublishAll: true}); err != nil {
		b.Fatal(err)
	}
	var samples []kb.Practice
	if err := svc.Export(ctx, kb.Query{}, func(p kb.Practice) error { samples = append(samples, p); return nil }); err != nil || len(samples) == 0 {
		b.Fatalf("the sample practices: %d, %v", len(samples), err)
	}
	start := time.Now()
	batch := make([]kb.Practice, 0, 1000)
	for i := len(samples); i < n; i++ {
		p := samples[i%len(samples)]
		p.ID = fmt.Sprintf("%s-%d", p.ID, i)
		p.Years = []int{1990 + i%35}
		if batch = append(batch, p); len(batch) == cap(batch) || i == n-1 {
			if err := svc.Index.Put(ctx, batch); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	b.Logf("indexed %d practices in %s", n, time.Since(start).Round(time.Millisecond))
	return app
}

// processorTime is the user and system time the process has used.
func processorTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
