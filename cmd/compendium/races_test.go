package main

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/compendium-kb/compendium/kb"
	"github.com/compendium-kb/compendium/kb/mongodb"
)

// sharedStores connects n stores to the shared database: n app nodes,
// each with its own connections and its own in-process lock.
func sharedStores(t *testing.T, mongoURI string, n int) []*mongodb.Store {
	t.Helper()
	stores := make([]*mongodb.Store, n)
	for i := range stores {
		st, err := mongodb.Connect(context.Background(), mongoURI)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = st.Close(context.Background()) })
		stores[i] = st
	}
	return stores
}

// TestNodesWriteTrailsAndNoticesAtOnce: on FerretDB over PostgreSQL,
// where only an insert of a unique _id is atomic, four nodes append to
// one submission's audit trail and send one user notices at the same
// moment; no entry and no unread notice is lost. (A trail grown by $push
// and a counter grown by $inc lost both here.)
func TestNodesWriteTrailsAndNoticesAtOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("starts PostgreSQL and FerretDB")
	}
	ctx := context.Background()
	nodes := sharedStores(t, startSharedDatabase(t), 4)
	const each = 8
	var wg sync.WaitGroup
	errs := make(chan error, 2*len(nodes)*each)
	at := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	for i, st := range nodes {
		for j := range each {
			wg.Add(2)
			go func() {
				defer wg.Done()
				errs <- st.AppendAudit(ctx, kb.AuditEntry{ID: fmt.Sprintf("a%d-%d", i, j), SubmissionID: "s1", Action: "comment", At: at})
			}()
			go func() {
				defer wg.Done()
				errs <- st.AddNotice(ctx, kb.Notice{ID: fmt.Sprintf("n%d-%d", i, j), UserID: "officer@police.example", Text: "returned", At: at})
			}()
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	want := len(nodes) * each
	trail, err := nodes[0].Audit(ctx, "s1")
	if err != nil {
		t.Fatal(err)
	}
	distinct := map[string]bool{}
	for _, e := range trail {
		distinct[e.ID] = true
	}
	if len(trail) != want || len(distinct) != want {
		t.Errorf("the trail holds %d entries (%d distinct) after %d appends from %d nodes, want %d", len(trail), len(distinct), want, len(nodes), want)
	}
	for i, st := range nodes {
		if n, err := st.UnreadNotices(ctx, "officer@police.example"); err != nil || n != want {
			t.Errorf("node %d counts %d unread notices (%v) after %d were sent, want %d", i, n, err, want, want)
		}
	}
	for _, st := range nodes[:2] { // the officer reads them in two tabs on two nodes
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := st.MarkNoticesRead(ctx, "officer@police.example"); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if n, err := nodes[3].UnreadNotices(ctx, "officer@police.example"); err != nil || n != 0 {
		t.Errorf("%d unread notices (%v) after they were read, want 0", n, err)
	}
}
