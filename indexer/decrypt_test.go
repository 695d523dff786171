package indexer

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestDecryptQpdf reads files encrypted by qpdf, a tool publishers use,
// with each cipher the reader supports: RC4 (40 and 128 bits), AES-128
// and AES-256 (revisions 5 and 6), without a user password and with one.
func TestDecryptQpdf(t *testing.T) {
	if _, err := exec.LookPath("qpdf"); err != nil {
		t.Skip("qpdf is not installed (Debian: qpdf); the encryption fixtures need it")
	}
	dir := t.TempDir()
	plain := filepath.Join(dir, "plain.pdf")
	if err := os.WriteFile(plain, readSample(t, "state-casebook.pdf"), 0o600); err != nil {
		t.Fatal(err)
	}
	want, err := Extract("plain.pdf", readSample(t, "state-casebook.pdf"), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		weak bool     // RC4 needs qpdf's --allow-weak-crypto
		args []string // key length, then options of --encrypt
	}{
		{"rc4-40", true, []string{"40"}},
		{"rc4-128", true, []string{"128", "--use-aes=n"}},
		{"aes-128", false, []string{"128", "--use-aes=y"}},
		{"aes-256-r6", false, []string{"256"}},
		{"aes-256-r5", false, []string{"256", "--force-R5"}},
	} {
		for _, user := range []string{"", "secret"} {
			name := c.name
			if user != "" {
				name += "-password"
			}
			t.Run(name, func(t *testing.T) {
				out := filepath.Join(dir, name+".pdf")
				var args []string
				if c.weak {
					args = append(args, "--allow-weak-crypto")
				}
				args = append(args, "--encrypt", user, "owner-"+c.name)
				args = append(args, c.args...)
				args = append(args, "--", plain, out)
				if msg, err := exec.Command("qpdf", args...).CombinedOutput(); err != nil {
					t.Fatalf("qpdf %s: %v: %s", strings.Join(args, " "), err, msg)
				}
				data, err := os.ReadFile(out)
				if err != nil {
					t.Fatal(err)
				}
				doc, err := Extract(name+".pdf", data, DefaultLimits)
				if user != "" {
					if ClassOf(err) != ClassEncrypted {
						t.Errorf("a file that needs a password: %v, want class %q", err, ClassEncrypted)
					}
					return
				}
				if err != nil {
					t.Fatalf("an encrypted file anyone may open: %v", err)
				}
				if f1 := WordF1(doc.Text(), want.Text()); f1 < 0.999 || len(doc.Practices) != len(want.Practices) {
					t.Errorf("decrypted text agrees %.3f with the plain file's, %d cases against %d; want the same", f1, len(doc.Practices), len(want.Practices))
				}
			})
		}
	}
}
