package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/compendium-kb/compendium/kb/mongodb"
)

// node is a serve process of its own, on a shared database.
type node struct {
	cmd  *exec.Cmd
	addr string // http://127.0.0.1:PORT/
	data string
}

// startNode starts "compendium serve" as a process (this test binary)
// and waits for its address.
func startNode(t *testing.T, data, mongoURI string, extra ...string) *node {
	t.Helper()
	args := append([]string{"serve", "--addr", "127.0.0.1:0", "--data", data, "--mongo-uri", mongoURI}, extra...)
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "COMPENDIUM_TEST_AS_MAIN=1")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	n := &node{cmd: cmd, data: data}
	t.Cleanup(func() { n.kill() })
	lines := bufio.NewScanner(stdout)
	for lines.Scan() {
		if m := regexp.MustCompile(`running at (http://\S+/)`).FindStringSubmatch(lines.Text()); m != nil {
			n.addr = m[1]
			break
		}
	}
	go io.Copy(io.Discard, stdout)
	if n.addr == "" {
		_ = cmd.Wait()
		t.Fatalf("node did not start: %s", stderr.String())
	}
	return n
}

// waitForWorker waits until the node has started an extraction worker,
// the sign that an import is under way (the node imported nothing before).
func (n *node) waitForWorker(limit time.Duration) bool {
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		time.Sleep(150 * time.Millisecond)
		return false
	}
	for start := time.Now(); time.Since(start) < limit; time.Sleep(5 * time.Millisecond) {
		if hasChild(n.cmd.Process.Pid) {
			return true
		}
	}
	return false
}

// hasChild looks through /proc for a process whose parent is pid.
func hasChild(pid int) bool {
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, f := range stats {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		// pid (comm) state ppid ...; comm may hold spaces, so read after ")".
		rest := string(b[strings.LastIndexByte(string(b), ')')+1:])
		if fields := strings.Fields(rest); len(fields) > 1 && fields[1] == strconv.Itoa(pid) {
			return true
		}
	}
	return false
}

func (n *node) kill() {
	if n.cmd.ProcessState == nil {
		_ = n.cmd.Process.Signal(syscall.SIGKILL)
		_ = n.cmd.Wait()
	}
}

func (n *node) api(t *testing.T, token, method, path string, body any) (int, []byte) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		js, _ := json.Marshal(body)
		rd = bytes.NewReader(js)
	}
	req, _ := http.NewRequest(method, n.addr+path, rd)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, out
}

// reviewRace: two reviewers on two nodes decide on one submission at
// the same moment, many times over; each time exactly one wins and the
// other is told someone acted first.
func reviewRace(t *testing.T, on *node, deciders []*node, officer string, reviewers []string) {
	t.Helper()
	for round := range 5 {
		status, body := on.api(t, officer, "POST", "api/v1/submissions", practiceFields(fmt.Sprintf("Rescue race number %d", round)))
		if status != 201 {
			t.Fatalf("create: %d %s", status, body)
		}
		var s struct{ ID string }
		json.Unmarshal(body, &s)
		if status, body := on.api(t, officer, "POST", "api/v1/submissions/"+s.ID+"/submit", nil); status != 200 {
			t.Fatalf("submit: %d %s", status, body)
		}
		statuses := make([]int, len(deciders))
		var wg sync.WaitGroup
		for i, n := range deciders {
			wg.Add(1)
			go func() {
				defer wg.Done()
				statuses[i], _ = n.api(t, reviewers[i], "POST", "api/v1/submissions/"+s.ID+"/decision", map[string]string{"decision": []string{"approve", "reject"}[i%2], "reason": "checked"})
			}()
		}
		wg.Wait()
		slices.Sort(statuses)
		if !slices.Equal(statuses, []int{200, 409}) {
			t.Errorf("round %d: two reviewers on two nodes got %v, want one 200 and one 409", round, statuses)
		}
	}
}

// practiceFields are a submission complete enough to submit.
func practiceFields(title string) map[string]any {
	return map[string]any{"title": title, "states": []string{"Goa"}, "district": "North Goa", "unit": "AHTU Panaji", "period": "2025",
		"problem": "Girls were trafficked through a placement agency.", "action": "The unit traced the agency and rescued them.",
		"results": "Nine rescued.", "lessons": "Trace the money."}
}

// publish submits a practice on one node and approves it on another.
func publish(t *testing.T, on, approveOn *node, officer, reviewer, title string) {
	t.Helper()
	status, body := on.api(t, officer, "POST", "api/v1/submissions", practiceFields(title))
	if status != 201 {
		t.Fatalf("create on %s: %d %s", on.addr, status, body)
	}
	var s struct{ ID string }
	json.Unmarshal(body, &s)
	if status, body := on.api(t, officer, "POST", "api/v1/submissions/"+s.ID+"/submit", nil); status != 200 {
		t.Fatalf("submit: %d %s", status, body)
	}
	if status, body := approveOn.api(t, reviewer, "POST", "api/v1/submissions/"+s.ID+"/decision", map[string]string{"decision": "approve"}); status != 200 {
		t.Fatalf("approve on %s: %d %s", approveOn.addr, status, body)
	}
}

// searchable waits until a search on n finds the title, and says how
// long that took; it gives up after limit.
func searchable(t *testing.T, n *node, title string, limit time.Duration) (time.Duration, bool) {
	start := time.Now()
	for time.Since(start) < limit {
		status, body := n.api(t, "", "GET", "api/v1/search?q="+url.QueryEscape(`"`+title+`"`), nil)
		if status == 200 && strings.Contains(string(body), title) {
			return time.Since(start), true
		}
		time.Sleep(50 * time.Millisecond)
	}
	return limit, false
}

// TestNodesShareOneDatabase: PostgreSQL, "db serve" and three app nodes.
// A practice submitted on one node and approved on another is found on
// the third within two seconds; a node killed mid-import leaves the
// others serving, and on restart catches up with what it missed.
func TestNodesShareOneDatabase(t *testing.T) {
	if testing.Short() {
		t.Skip("starts PostgreSQL and four processes")
	}
	mongoURI := startSharedDatabase(t)

	getenv := env(map[string]string{"COMPENDIUM_PASSWORD": testPassword})
	scratch := t.TempDir()
	officer := addUserAt(t, getenv, scratch, mongoURI, "officer@police.example", "officer")
	reviewer := addUserAt(t, getenv, scratch, mongoURI, "reviewer@police.example", "reviewer")
	reviewer2 := addUserAt(t, getenv, scratch, mongoURI, "reviewer2@police.example", "reviewer")
	admin := addUserAt(t, getenv, scratch, mongoURI, "admin@police.example", "admin")

	a := startNode(t, t.TempDir(), mongoURI, "--samples=false")
	b := startNode(t, t.TempDir(), mongoURI, "--samples=false")
	c := startNode(t, t.TempDir(), mongoURI, "--samples=false")

	title := "Placement agency rescue in North Goa"
	publish(t, a, b, officer, reviewer, title)
	took, ok := searchable(t, c, title, 2*time.Second)
	if !ok {
		t.Fatalf("published on one node, not searchable on a third within 2 s")
	}
	t.Logf("searchable on the third node after %v", took)
	reviewRace(t, a, []*node{b, c}, officer, []string{reviewer, reviewer2})

	// Kill node c in the middle of an import.
	importDone := make(chan struct{})
	go func() {
		defer close(importDone)
		postImport(c, admin, "copy-of-state-casebook.pdf", samplePath("state-casebook.pdf"))
	}()
	if !c.waitForWorker(10 * time.Second) {
		t.Log("no extraction worker seen (no /proc?): killing the node after 150 ms")
	}
	c.kill()
	<-importDone
	missed := "Bonded labour rescue at a brick kiln in Ranchi"
	publish(t, b, a, officer, reviewer, missed)
	for _, n := range []*node{a, b} {
		if _, ok := searchable(t, n, missed, 2*time.Second); !ok {
			t.Errorf("node %s does not find what was published after another node died", n.addr)
		}
	}

	c = startNode(t, c.data, mongoURI, "--samples=false")
	for _, want := range []string{title, missed} {
		if _, ok := searchable(t, c, want, 2*time.Second); !ok {
			t.Errorf("the restarted node does not find %q", want)
		}
	}
	if status, body := c.api(t, "", "GET", "readyz", nil); status != 200 {
		t.Errorf("the restarted node is not ready: %d %s", status, body)
	}
	if _, metrics := c.api(t, admin, "GET", "metrics", nil); !regexp.MustCompile(`(?m)^compendium_changelog_position [1-9]`).Match(metrics) {
		t.Errorf("the restarted node's /metrics has no change-log position")
	}
	backupSharedAndRestore(t, mongoURI)
}

// backupSharedAndRestore backs up the shared database while the nodes
// run and restores it into an embedded one: the same records, indexed.
func backupSharedAndRestore(t *testing.T, mongoURI string) {
	file := filepath.Join(t.TempDir(), "shared.backup")
	if _, errOut, err := runCmd(t, "backup", "--data", t.TempDir(), "--mongo-uri", mongoURI, "--out", file); err != nil {
		t.Fatalf("backup of the shared database: %v %s", err, errOut)
	}
	m, err := verifyFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if m.Consistency != mongodb.PerCollection {
		t.Errorf("a backup of FerretDB on PostgreSQL while nodes run says %q, want %q: it has no snapshot reads", m.Consistency, mongodb.PerCollection)
	}
	counts := map[string]int{}
	for _, c := range m.Collections {
		counts[c.Name] = c.Count
	}
	restored := t.TempDir()
	if _, errOut, err := runCmd(t, "restore", file, "--data", restored); err != nil {
		t.Fatalf("restoring the shared database's backup into an embedded one: %v %s", err, errOut)
	}
	log, _ := config{}.logger(io.Discard)
	st, err := openStorage(context.Background(), config{data: restored}, "test", log)
	if err != nil {
		t.Fatal(err)
	}
	defer st.close(context.Background())
	indexed, _ := st.index.Count()
	if counts["practices"] == 0 || int(indexed) != counts["practices"] || counts["submissions"] == 0 {
		t.Errorf("backup of %d practices and %d submissions; restored index holds %d", counts["practices"], counts["submissions"], indexed)
	}
}

func addUserAt(t *testing.T, getenv func(string) string, data, mongoURI, email, role string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	base := []string{"--data", data, "--mongo-uri", mongoURI, "--email", email}
	if err := run(context.Background(), append([]string{"user", "add", "--name", role, "--role", role}, base...), getenv, &out, &errOut); err != nil {
		t.Fatalf("user add: %v %s", err, errOut.String())
	}
	out.Reset()
	if err := run(context.Background(), append([]string{"user", "token"}, base...), getenv, &out, &errOut); err != nil {
		t.Fatalf("user token: %v %s", err, errOut.String())
	}
	return strings.TrimSpace(out.String())
}

// postImport uploads a PDF to a node's import page, ignoring the outcome
// (the node may be killed meanwhile).
func postImport(n *node, token, name, path string) {
	data, err := os.ReadFile(path)
	if err != nil {
		return
	}
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	fw, _ := w.CreateFormFile("files", name)
	fw.Write(data)
	w.Close()
	req, _ := http.NewRequest(http.MethodPost, n.addr+"admin/import", &body)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", w.FormDataContentType())
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
	}
}
