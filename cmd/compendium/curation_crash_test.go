package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"sync"
	"testing"
	"time"
)

type apiProposal struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Status string `json:"status"`
	Rev    int    `json:"rev"`
}

func proposalsOn(t *testing.T, n *node, token string) []apiProposal {
	t.Helper()
	status, body := n.api(t, token, "GET", "api/v1/proposals?document=casebook", nil)
	var out struct{ Proposals []apiProposal }
	if err := json.Unmarshal(body, &out); status != 200 || err != nil {
		t.Fatalf("proposals: %d %s", status, body)
	}
	return out.Proposals
}

// decide sends a decision without failing the test when the node is
// killed meanwhile, and returns the status (0 when no answer came).
func decide(n *node, token string, p apiProposal, decision string) int {
	js, _ := json.Marshal(map[string]any{"decision": decision, "rev": p.Rev})
	req, _ := http.NewRequest("POST", n.addr+"api/v1/proposals/"+p.ID+"/decision", bytes.NewReader(js))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestKilledDuringDecisions: a node is killed with kill -9 at a random
// moment while eleven publications are in flight. After a restart every
// proposal is either published with its practice listed in its document,
// or still proposed and publishable: none is published without its
// practice, and none is stuck. (Before, such a kill left proposals
// published with no practice, and others answering 409 to every
// decision.)
func TestKilledDuringDecisions(t *testing.T) {
	if testing.Short() {
		t.Skip("starts PostgreSQL and kills processes")
	}
	mongoURI := startSharedDatabase(t)
	getenv := env(map[string]string{"COMPENDIUM_PASSWORD": testPassword})
	scratch := t.TempDir()
	admin := addUserAt(t, getenv, scratch, mongoURI, "admin@police.example", "admin")
	reviewer := addUserAt(t, getenv, scratch, mongoURI, "reviewer@police.example", "reviewer")
	n := startNode(t, t.TempDir(), mongoURI, "--samples=false")
	postImport(n, admin, "casebook.pdf", samplePath("state-casebook.pdf"))
	ps := proposalsOn(t, n, reviewer)
	if len(ps) < 10 {
		t.Fatalf("%d proposals after the import, want at least 10", len(ps))
	}
	var wg sync.WaitGroup
	for _, p := range ps {
		wg.Add(1)
		go func() { defer wg.Done(); decide(n, reviewer, p, "publish") }()
	}
	delay := time.Duration(rand.IntN(250)) * time.Millisecond
	time.Sleep(delay)
	n.kill()
	wg.Wait()

	n = startNode(t, n.data, mongoURI, "--samples=false")
	published := 0
	for _, p := range proposalsOn(t, n, reviewer) {
		switch p.Status {
		case "published":
			published++
		case "proposed":
			if status := decide(n, reviewer, p, "publish"); status != 200 {
				t.Errorf("%q, left proposed by the kill, cannot be published: %d", p.Title, status)
			}
		default:
			t.Errorf("%q is %s, want published or proposed", p.Title, p.Status)
		}
	}
	t.Logf("killed after %v: %d of %d publications had been recorded", delay, published, len(ps))
	status, body := n.api(t, reviewer, "GET", "api/v1/documents/casebook", nil)
	var doc struct {
		Document  struct{ Practices []string }
		Practices []struct{ ID string }
	}
	if err := json.Unmarshal(body, &doc); status != 200 || err != nil {
		t.Fatalf("document: %d %s", status, body)
	}
	if len(doc.Document.Practices) != len(ps) || len(doc.Practices) != len(ps) {
		t.Errorf("the document lists %d practices and %d exist, want all %d published", len(doc.Document.Practices), len(doc.Practices), len(ps))
	}
	for start := time.Now(); ; time.Sleep(200 * time.Millisecond) {
		status, body := n.api(t, "", "GET", "readyz", nil)
		if status == 200 {
			break
		}
		if time.Since(start) > 5*time.Second {
			t.Errorf("not ready 5 s after the restart: %d %s", status, fmt.Sprint(string(body)))
			break
		}
	}
}
