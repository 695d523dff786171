package mongodb_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/compendium-kb/compendium/kb/mongodb"
)

// TestChangeLogNumbersAcrossStores: writers on two stores (two nodes)
// appending at once, all starting from the same stale number, get
// distinct numbers with no gap, and every entry reads back by number.
func TestChangeLogNumbersAcrossStores(t *testing.T) {
	ctx := context.Background()
	_, nodes := twoNodes(t)
	if _, _, err := nodes[0].Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	const writers = 12
	seqs := make([]int64, writers)
	var wg sync.WaitGroup
	for i := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := mongodb.Change{Node: fmt.Sprint(i % 2), Put: []string{fmt.Sprintf("p%d", i)}}
			var err error
			if seqs[i], err = nodes[i%2].AppendChange(ctx, c, 0); err != nil {
				t.Errorf("writer %d: %v", i, err)
			}
		}()
	}
	wg.Wait()
	slices.Sort(seqs)
	for i, s := range seqs {
		if s != int64(i+1) {
			t.Fatalf("numbers %v, want 1 to %d with no gap or repeat", seqs, writers)
		}
	}
	if last, err := nodes[1].LastChange(ctx); err != nil || last != writers {
		t.Errorf("LastChange: %d (%v), want %d", last, err, writers)
	}
	seen := map[string]bool{}
	for seq := int64(1); seq <= writers; seq++ {
		c, found, err := nodes[1].ChangeAt(ctx, seq)
		if err != nil || !found || len(c.Put) != 1 {
			t.Fatalf("entry %d: %+v, found %v, %v", seq, c, found, err)
		}
		seen[c.Put[0]] = true
	}
	if len(seen) != writers {
		t.Errorf("%d distinct practices in the log, want %d", len(seen), writers)
	}
	if _, found, err := nodes[0].ChangeAt(ctx, writers+1); found || err != nil {
		t.Errorf("past the end: found %v, %v; want not found", found, err)
	}
}

// TestLargeChangeIsSplit: an import of many practices becomes several
// entries, each under the document size limit, in order.
func TestLargeChangeIsSplit(t *testing.T) {
	ctx := context.Background()
	_, nodes := twoNodes(t)
	st := nodes[0]
	ids := make([]string, 25_000)
	for i := range ids {
		ids[i] = fmt.Sprintf("practice-%05d", i)
	}
	last, err := st.AppendChange(ctx, mongodb.Change{Node: "n", Put: ids}, 0)
	if err != nil || last != 3 {
		t.Fatalf("25,000 ids: last entry %d (%v), want 3", last, err)
	}
	var got []string
	for seq := int64(1); seq <= last; seq++ {
		c, _, err := st.ChangeAt(ctx, seq)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, c.Put...)
	}
	if !slices.Equal(got, ids) {
		t.Errorf("the entries hold %d ids, not the 25,000 in order", len(got))
	}
}

// TestTrimChanges: trimming keeps the newest entries and deletes the
// rest; a writer whose last known entry was trimmed still appends after
// the log's end, where followers read, not into the trimmed numbers.
func TestTrimChanges(t *testing.T) {
	ctx := context.Background()
	_, nodes := twoNodes(t)
	st := nodes[0]
	for i := range 30 {
		if _, err := st.AppendChange(ctx, mongodb.Change{Node: "n", Put: []string{fmt.Sprint("p", i)}}, int64(i)); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := st.TrimChanges(ctx, 10); err != nil || n != 20 {
		t.Fatalf("trimming 30 entries to 10 deleted %d (%v), want 20", n, err)
	}
	for seq, want := range map[int64]bool{1: false, 20: false, 21: true, 30: true} {
		if _, found, err := st.ChangeAt(ctx, seq); err != nil || found != want {
			t.Errorf("entry %d after trimming: found %v (%v), want %v", seq, found, err, want)
		}
	}
	if n, err := st.TrimChanges(ctx, 10); err != nil || n != 0 {
		t.Errorf("trimming again deleted %d (%v), want 0", n, err)
	}
	for _, after := range []int64{5, 0} { // trimmed; none known
		seq, err := nodes[1].AppendChange(ctx, mongodb.Change{Node: "stale", Put: []string{"late"}}, after)
		if last, _ := st.LastChange(ctx); err != nil || seq != last || seq <= 30 {
			t.Errorf("a writer that last knew entry %d appended at %d (%v), want after 30 at the log's end (%d)", after, seq, err, last)
		}
	}
}
