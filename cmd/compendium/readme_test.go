package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestREADMECommands runs the README's commands the way a reader would,
// where this test can: the app's own commands for real on a fresh data
// folder (the server is started and asked for a page), the ones that need
// a MongoDB server or run for minutes as far as their flags, and the
// `go test -run` lines by finding the tests they name. A README that
// names a flag, command or test that is gone fails here.
func TestREADMECommands(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	data := t.TempDir()
	ran := 0
	for _, line := range codeLines(string(readme)) {
		switch {
		case strings.HasPrefix(line, "go run ./cmd/compendium "):
			args := shellWords(strings.TrimPrefix(line, "go run ./cmd/compendium "))
			t.Run(strings.Join(args[:min(2, len(args))], " "), func(t *testing.T) { runREADMECommand(t, args, data) })
			ran++
		case strings.HasPrefix(line, "go test "):
			checkTestsExist(t, shellWords(strings.TrimPrefix(line, "go test ")))
			ran++
		}
	}
	if ran < 5 {
		t.Fatalf("found %d commands in the README's code blocks; the test no longer reads them", ran)
	}
}

// codeLines are the README's indented code lines, without a leading
// `time ` and a trailing comment.
func codeLines(readme string) []string {
	var out []string
	for _, l := range strings.Split(readme, "\n") {
		if !strings.HasPrefix(l, "    ") {
			continue
		}
		l = strings.TrimSpace(l)
		l = strings.TrimPrefix(l, "time ")
		if i := strings.Index(l, "   #"); i >= 0 {
			l = strings.TrimSpace(l[:i])
		}
		out = append(out, l)
	}
	return out
}

// runREADMECommand runs one of the app's commands on the test's data
// folder, or checks its flags when it cannot run here.
func runREADMECommand(t *testing.T, args []string, data string) {
	line := strings.Join(args, " ")
	if strings.Contains(line, "--mongo-uri") || args[0] == "bench" {
		checkFlags(t, args)
		return
	}
	args = withData(args, data)
	if args[0] == "serve" {
		serveOnce(t, append(args, "--addr", "127.0.0.1:0"))
		return
	}
	var out, errOut strings.Builder
	vars := map[string]string{"COMPENDIUM_PASSWORD": "a long enough password"}
	if err := run(context.Background(), args, env(vars), &out, &errOut); err != nil {
		t.Errorf("%s: %v\n%s%s", line, err, out.String(), errOut.String())
	}
}

// withData points a command at the test's data folder.
func withData(args []string, data string) []string {
	out := append([]string{}, args...)
	for i := range out {
		if out[i] == "--data" && i+1 < len(out) {
			out[i+1] = data
			return out
		}
	}
	if out[0] == "user" && len(out) > 1 {
		return append([]string{out[0], out[1], "--data", data}, out[2:]...)
	}
	return append([]string{out[0], "--data", data}, out[1:]...)
}

// serveOnce starts the server, asks it for the home page, and stops it.
func serveOnce(t *testing.T, args []string) {
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, args, env(nil), pw, io.Discard)
		pw.Close()
	}()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve ended with %v", err)
		}
	}()
	lines := bufio.NewScanner(pr)
	for lines.Scan() {
		if m := regexp.MustCompile(`running at (http://\S+/)`).FindStringSubmatch(lines.Text()); m != nil {
			go io.Copy(io.Discard, pr)
			client := http.Client{Timeout: 10 * time.Second}
			resp, err := client.Get(m[1])
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != 200 {
				t.Errorf("GET %s: %d", m[1], resp.StatusCode)
			}
			return
		}
	}
	t.Error("serve printed no address")
}

// checkFlags asks a command for its help and checks that it knows every
// flag the README gives it.
func checkFlags(t *testing.T, args []string) {
	var words []string
	for _, a := range args {
		if strings.HasPrefix(a, "-") || strings.ContainsAny(a, "/.") { // a flag, or a path
			break
		}
		words = append(words, a)
	}
	var out, errOut strings.Builder
	run(context.Background(), append(words, "-h"), env(nil), &out, &errOut)
	help := out.String() + errOut.String()
	if strings.Contains(help, "unknown command") || !strings.Contains(strings.ToLower(help), "usage") {
		t.Fatalf("%s: not a command: %s", strings.Join(words, " "), help)
	}
	for _, a := range args {
		if name, ok := strings.CutPrefix(a, "--"); ok {
			name, _, _ = strings.Cut(name, "=")
			if !strings.Contains(help, "-"+name+" ") && !strings.Contains(help, "-"+name+"\n") {
				t.Errorf("%s does not know --%s:\n%s", strings.Join(words, " "), name, help)
			}
		}
	}
}

// checkTestsExist finds the test functions a `go test PKG -run 'A|B'`
// line names in the package's test files.
func checkTestsExist(t *testing.T, args []string) {
	var pkgs, names []string
	for i, a := range args {
		switch {
		case strings.HasPrefix(a, "./"):
			pkgs = append(pkgs, strings.TrimSuffix(strings.TrimPrefix(a, "./"), "/..."))
		case a == "-run" && i+1 < len(args):
			names = strings.Split(strings.Trim(args[i+1], "^$"), "|")
		}
	}
	for _, pkg := range pkgs {
		files, _ := filepath.Glob(filepath.Join("..", "..", pkg, "*_test.go"))
		var src strings.Builder
		for _, f := range files {
			b, _ := os.ReadFile(f)
			src.Write(b)
		}
		for _, name := range names {
			// "-run X -bench ." runs no test on purpose.
			if name != "" && name != "X" && !strings.Contains(src.String(), "func "+name) {
				t.Errorf("the README runs %s in ./%s, which has no such test", name, pkg)
			}
		}
	}
}

// shellWords splits a command line as a shell would, for the quoting the
// README uses: double and single quotes, no escapes.
func shellWords(s string) []string {
	var out []string
	var cur strings.Builder
	quote, in := rune(0), false
	for _, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '"' || r == '\'':
			quote, in = r, true
		case r == ' ' || r == '\t':
			if in {
				out = append(out, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteRune(r)
			in = true
		}
	}
	if in {
		out = append(out, cur.String())
	}
	return out
}
