package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// deployFiles are the files the README's deployment section tells an
// operator to write, by path, and its other command lines in order.
func deployFiles(t *testing.T) (files map[string]string, commands []string) {
	t.Helper()
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	section := string(readme)
	start := strings.Index(section, "### Deployment\n")
	if start < 0 {
		t.Fatal("the README has no deployment section")
	}
	section = section[start:]
	section = section[:strings.Index(section, "\n## ")]
	files = map[string]string{}
	var block []string
	flush := func() {
		if len(block) == 0 {
			return
		}
		if path, ok := strings.CutPrefix(block[0], "# /"); ok {
			files["/"+path] = strings.Join(block[1:], "\n") + "\n"
		} else {
			commands = append(commands, block...)
		}
		block = nil
	}
	for _, l := range strings.Split(section, "\n") {
		if code, ok := strings.CutPrefix(l, "    "); ok {
			if strings.HasPrefix(code, "# /") {
				flush() // the next file
			}
			block = append(block, code)
		} else if strings.TrimSpace(l) == "" && len(block) > 0 && strings.HasPrefix(block[0], "# /") {
			block = append(block, "") // a unit's blank lines between sections
		} else {
			flush()
		}
	}
	flush()
	for path, text := range files {
		files[path] = strings.TrimRight(text, "\n") + "\n"
	}
	return files, commands
}

// unitExecStart reads a unit's ExecStart as the words systemd runs: a
// "/bin/sh -c '…'" line becomes the shell's command, with systemd's $$
// and %% made $ and %.
func unitExecStart(t *testing.T, unit string) []string {
	t.Helper()
	m := regexp.MustCompile(`(?m)^ExecStart=(.+)$`).FindStringSubmatch(unit)
	if m == nil {
		t.Fatalf("a unit without ExecStart:\n%s", unit)
	}
	line := strings.NewReplacer("$$", "$", "%%", "%").Replace(m[1])
	return shellWords(line)
}

// TestREADMEDeploymentUnits: the unit files the README gives are valid
// to systemd (systemd-analyze verify, where installed), and every
// ExecStart names commands and flags the program has.
func TestREADMEDeploymentUnits(t *testing.T) {
	files, _ := deployFiles(t)
	dir := t.TempDir()
	var units []string
	for path, text := range files {
		if !strings.HasPrefix(path, "/etc/systemd/system/") {
			continue
		}
		units = append(units, filepath.Join(dir, filepath.Base(path)))
		if strings.HasSuffix(path, ".service") {
			checkExecStart(t, path, text)
		}
		// systemd-analyze checks that the program exists: this test's
		// binary stands in for it.
		text = strings.ReplaceAll(text, "/usr/local/bin/compendium", os.Args[0])
		if err := os.WriteFile(units[len(units)-1], []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if len(units) < 4 {
		t.Fatalf("found %d unit files in the deployment section, want the database, app and backup units and the timer", len(units))
	}
	analyze, err := exec.LookPath("systemd-analyze")
	if err != nil {
		t.Skip("systemd-analyze is not installed: the units' flags are checked, not their syntax")
	}
	out, err := exec.Command(analyze, append([]string{"verify", "--man=no"}, units...)...).CombinedOutput()
	if err != nil || len(strings.TrimSpace(string(out))) > 0 {
		t.Errorf("systemd-analyze verify: %v\n%s", err, out)
	}
}

// checkExecStart checks that a service runs the installed program with
// flags it has.
func checkExecStart(t *testing.T, path, unit string) {
	words := unitExecStart(t, unit)
	if words[0] == "/bin/sh" {
		words = shellWords(strings.TrimPrefix(words[2], "exec "))
	}
	if words[0] != "/usr/local/bin/compendium" {
		t.Errorf("%s runs %s, not the program the section installs", path, words[0])
	}
	checkFlags(t, words[1:])
}

// TestREADMEDeploymentOnThisMachine follows the deployment section as an
// operator would, with its paths, ports and PostgreSQL pointed at
// temporary ones and without systemd: the PostgreSQL lines, the database
// unit's ExecStart, user add, the app unit's ExecStart, the curl line,
// and the backup unit's command. Lines it cannot run here (building,
// installing, systemctl) must be of the kinds it knows.
func TestREADMEDeploymentOnThisMachine(t *testing.T) {
	if testing.Short() {
		t.Skip("starts PostgreSQL and the program three times")
	}
	files, commands := deployFiles(t)
	pgURL := startPostgres(t)
	var pgPort string
	fmt.Sscanf(pgURL[strings.LastIndex(pgURL, ":")+1:], "%5s", &pgPort)
	pgDir := pgSocketDir(t, pgPort)
	tmp := t.TempDir()
	conf := filepath.Join(tmp, "compendium.toml")
	dbAddr := fmt.Sprintf("127.0.0.1:%d", freePort(t))
	local := strings.NewReplacer(
		"/etc/compendium/compendium.toml", conf,
		"/var/lib/compendium", filepath.Join(tmp, "data"),
		"/backups", filepath.Join(tmp, "backups"),
		"127.0.0.1:27017", dbAddr,
		"127.0.0.1:8080", "127.0.0.1:0",
		"host=/var/run/postgresql", "host="+pgDir+"&port="+pgPort,
	)
	os.MkdirAll(filepath.Join(tmp, "backups"), 0o700)
	if err := os.WriteFile(conf, []byte(local.Replace(files["/etc/compendium/compendium.toml"])), 0o600); err != nil {
		t.Fatal(err)
	}
	var appAddr string
	for _, line := range commands {
		words := shellWords(local.Replace(line))
		switch {
		case words[0] == "runuser" && words[2] == "postgres":
			pgCommand(t, words[4:], pgDir, pgPort)
		case line == "systemctl enable --now compendium-db.service":
			runUnit(t, local.Replace(files["/etc/systemd/system/compendium-db.service"]), "")
			waitForDatabase(t, "mongodb://"+dbAddr+"/compendium")
		case words[0] == "runuser" && words[2] == "compendium":
			runCompendium(t, words[5:], map[string]string{"COMPENDIUM_PASSWORD": testPassword}) // runuser -u compendium -- compendium …
		case strings.HasPrefix(line, "systemctl enable --now compendium.service"):
			appAddr = runUnit(t, local.Replace(files["/etc/systemd/system/compendium.service"]), `running at (http://\S+/)`)
		case words[0] == "curl":
			url := strings.Replace(words[len(words)-1], "http://127.0.0.1:0/", appAddr, 1)
			resp, err := http.Get(url)
			if err != nil || resp.StatusCode != 200 {
				t.Fatalf("%s: %v %v", line, resp, err)
			}
			resp.Body.Close()
		case regexp.MustCompile(`^(go build|useradd|install|apt-get|systemctl daemon-reload)\b`).MatchString(line):
			// builds and installs: the test's own binary stands in
		default:
			t.Errorf("a line of the deployment section this test does not know how to follow: %s", line)
		}
	}
	if appAddr == "" {
		t.Fatal("the section never started the app")
	}
	// The backup unit's command, through the shell as systemd runs it.
	words := unitExecStart(t, local.Replace(files["/etc/systemd/system/compendium-backup.service"]))
	sh := exec.Command(words[0], words[1], strings.ReplaceAll(words[2], "/usr/local/bin/compendium", os.Args[0]))
	sh.Env = append(os.Environ(), "COMPENDIUM_TEST_AS_MAIN=1")
	if out, err := sh.CombinedOutput(); err != nil {
		t.Fatalf("the backup unit's command: %v\n%s", err, out)
	}
	backups, _ := filepath.Glob(filepath.Join(tmp, "backups", "compendium-*.backup"))
	if len(backups) != 1 {
		t.Fatalf("the backup unit's command wrote %v, want one dated backup", backups)
	}
	if _, err := verifyFile(backups[0]); err != nil {
		t.Errorf("the backup unit's file: %v", err)
	}
}

// pgSocketDir is the folder of the test cluster's Unix socket.
func pgSocketDir(t *testing.T, port string) string {
	sockets, _ := filepath.Glob(filepath.Join(os.TempDir(), "compendium-pg-*", ".s.PGSQL."+port))
	if len(sockets) != 1 {
		t.Fatalf("no Unix socket of the test's PostgreSQL on port %s", port)
	}
	return filepath.Dir(sockets[0])
}

// pgCommand runs a PostgreSQL client program of the README's as the
// cluster's superuser, at the test's cluster.
func pgCommand(t *testing.T, words []string, dir, port string) {
	bins, _ := filepath.Glob("/usr/lib/postgresql/*/bin/" + words[0])
	if len(bins) == 0 {
		t.Fatalf("%s is not a PostgreSQL program", words[0])
	}
	cmd := exec.Command(bins[len(bins)-1], words[1:]...)
	cmd.Env = append(os.Environ(), "PGHOST="+dir, "PGPORT="+port, "PGUSER=postgres")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(words, " "), err, out)
	}
}

// runCompendium runs a compendium command line (without the program's
// name) in this process.
func runCompendium(t *testing.T, args []string, vars map[string]string) {
	var out, errOut strings.Builder
	if err := run(context.Background(), args, env(vars), &out, &errOut); err != nil {
		t.Fatalf("compendium %s: %v\n%s%s", strings.Join(args, " "), err, out.String(), errOut.String())
	}
}

// runUnit starts a unit's ExecStart as a process of its own (this test
// binary as the program) and, given a pattern, waits for a line of its
// output that matches it and returns the pattern's group.
func runUnit(t *testing.T, unit, wait string) string {
	words := unitExecStart(t, unit)
	cmd := exec.Command(os.Args[0], words[1:]...)
	cmd.Env = append(os.Environ(), "COMPENDIUM_TEST_AS_MAIN=1")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	n := &node{cmd: cmd}
	t.Cleanup(n.kill)
	if wait == "" {
		go io.Copy(io.Discard, stdout)
		return ""
	}
	lines := bufio.NewScanner(stdout)
	deadline := time.AfterFunc(60*time.Second, n.kill)
	defer deadline.Stop()
	for lines.Scan() {
		if m := regexp.MustCompile(wait).FindStringSubmatch(lines.Text()); m != nil {
			go io.Copy(io.Discard, stdout)
			return m[1]
		}
	}
	t.Fatalf("%s printed nothing like %s: %s", strings.Join(words, " "), wait, stderr.String())
	return ""
}
