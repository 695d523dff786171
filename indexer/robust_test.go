package indexer

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"
)

// TestMain lets the test binary serve as the extraction worker.
func TestMain(m *testing.M) {
	RunWorker()
	code := m.Run()
	removeCorpus()
	os.Exit(code)
}

func readSample(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "samples", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestHostileInputs: bad input gets a classified error naming the file,
// never a panic.
func TestHostileInputs(t *testing.T) {
	good := readSample(t, "state-casebook.pdf")
	tests := []struct {
		name  string
		data  []byte
		class Class
	}{
		{"empty.pdf", nil, ClassNotPDF},
		{"text.pdf", []byte("hello"), ClassNotPDF},
		{"exe.pdf", append([]byte("MZ\x90\x00\x03"), bytes.Repeat([]byte{0xff}, 4096)...), ClassNotPDF},
		{"header-only.pdf", []byte("%PDF-1.7\n"), ClassDamaged},
		{"truncated.pdf", good[:len(good)/2], ClassDamaged},
		{"garbage-body.pdf", append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("(((<<[[/"), 5000)...), ClassDamaged},
		{"no-pages.pdf", []byte("%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\nxref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \ntrailer <</Size 3 /Root 1 0 R>>\nstartxref\n107\n%%EOF\n"), ClassDamaged},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Extract(tt.name, tt.data, DefaultLimits)
			if err == nil {
				t.Fatalf("no error; got %d pages", doc.Pages)
			}
			if ClassOf(err) != tt.class {
				t.Errorf("class %q, want %q (%v)", ClassOf(err), tt.class, err)
			}
			if !bytes.Contains([]byte(err.Error()), []byte(tt.name)) {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}

func TestIsolatedMatchesInProcess(t *testing.T) {
	data := readSample(t, "law-enforcement-compendium.pdf")
	want, err := Extract("le.pdf", data, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	x := NewIsolated(DefaultIsolation)
	defer x.Close()
	got, err := x.Extract(context.Background(), "le.pdf", data)
	if err != nil {
		t.Fatal(err)
	}
	if got.Text() != want.Text() || len(got.Practices) != len(want.Practices) {
		t.Errorf("the worker's result differs from in-process extraction")
	}
}

func TestIsolatedLimits(t *testing.T) {
	data := readSample(t, "law-enforcement-compendium.pdf")
	with := func(change func(*Isolation)) *Isolated {
		cfg := DefaultIsolation
		change(&cfg)
		x := NewIsolated(cfg)
		t.Cleanup(func() { x.Close() })
		return x
	}
	slow := with(func(c *Isolation) { c.Timeout = time.Millisecond })
	if _, err := slow.Extract(context.Background(), "slow.pdf", data); ClassOf(err) != ClassTimeout {
		t.Errorf("1ms limit: %v, want a time-out", err)
	}
	small := with(func(c *Isolation) { c.MaxBytes = 1000 })
	if _, err := small.Extract(context.Background(), "big.pdf", data); ClassOf(err) != ClassTooLarge {
		t.Errorf("size limit: %v, want too-large", err)
	}
	hungry := with(func(c *Isolation) { c.MemoryMB = 64 }) // too little for the Go runtime
	if _, err := hungry.Extract(context.Background(), "hungry.pdf", data); err != nil && ClassOf(err) != ClassTooLarge && ClassOf(err) != ClassCrashed {
		t.Errorf("memory limit: %v, want too-large or crashed", err)
	}
	// After a time-out the pool starts a fresh worker and goes on.
	ok := with(func(c *Isolation) { c.Timeout = 30 * time.Second; c.Workers = 1 })
	for i := 0; i < 3; i++ {
		if _, err := ok.Extract(context.Background(), "again.pdf", data); err != nil {
			t.Fatalf("reused worker, file %d: %v", i, err)
		}
	}
}

// TestSharedPDFs runs every real PDF in ../shared/pdfs through the worker:
// no panic escapes (a crashed worker), and every failure has a class.
func TestSharedPDFs(t *testing.T) {
	root := filepath.Join("..", "..", "shared", "pdfs")
	files, _ := filepath.Glob(filepath.Join(root, "*", "*.pdf"))
	if len(files) == 0 {
		t.Skip("../shared/pdfs is not here")
	}
	if testing.Short() {
		t.Skip("slow: runs every shared PDF")
	}
	cfg := DefaultIsolation
	cfg.Timeout = 10 * time.Second
	x := NewIsolated(cfg)
	defer x.Close()
	var mu sync.Mutex
	classes := map[Class]int{}
	work := make(chan string)
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range work {
				data, err := os.ReadFile(f)
				if err != nil {
					t.Error(err)
					continue
				}
				_, err = x.Extract(context.Background(), f, data)
				mu.Lock()
				switch c := ClassOf(err); {
				case err == nil:
					classes["ok"]++
				case c == "" || c == ClassCrashed:
					t.Errorf("%s: unclassified or crashed: %v", f, err)
				default:
					classes[c]++
				}
				mu.Unlock()
			}
		}()
	}
	for _, f := range files {
		work <- f
	}
	close(work)
	wg.Wait()
	t.Logf("%d files: %v", len(files), classes)
}

// encryptedPDF makes a one-page PDF protected with RC4, as many published
// reports are: an empty user password opens it, printing is restricted.
func encryptedPDF(t *testing.T, userPassword string) []byte {
	t.Helper()
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetProtection(fpdf.CnProtectPrint, userPassword, "owner-secret")
	pdf.AddPage()
	pdf.SetFont("Helvetica", "B", 14)
	pdf.Cell(0, 10, "1. Rescue of Bonded Labourers in Odisha")
	pdf.Ln(12)
	pdf.SetFont("Helvetica", "", 11)
	pdf.MultiCell(0, 6, "The district police of Ganjam released 40 bonded labourers from brick kilns with the labour department.", "", "L", false)
	pdf.Ln(6)
	pdf.SetFont("Helvetica", "B", 14)
	pdf.Cell(0, 10, "2. Awareness in Schools of Assam")
	pdf.Ln(12)
	pdf.SetFont("Helvetica", "", 11)
	pdf.MultiCell(0, 6, "Police officers visited schools with the Childline number.", "", "L", false)
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestEncrypted(t *testing.T) {
	doc, err := Extract("open.pdf", encryptedPDF(t, ""), DefaultLimits)
	if err != nil {
		t.Fatalf("a file with an empty user password must open: %v", err)
	}
	if !bytes.Contains([]byte(doc.Text()), []byte("released 40 bonded labourers")) {
		t.Errorf("decrypted text lacks the body: %q", doc.Text())
	}
	if len(doc.Practices) != 2 {
		t.Errorf("found %d case studies in the decrypted file, want 2", len(doc.Practices))
	}
	_, err = Extract("locked.pdf", encryptedPDF(t, "secret"), DefaultLimits)
	if ClassOf(err) != ClassEncrypted {
		t.Errorf("a file that needs a password: %v, want class %q", err, ClassEncrypted)
	}
}
