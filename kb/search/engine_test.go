package search

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	bq "github.com/blevesearch/bleve/v2/search/query"

	"github.com/compendium-kb/compendium/kb"
)

// vocabulary for generated practices: common words first, so that a
// Zipf draw makes some words in most practices and most words rare, as
// in real text.
var vocabulary = strings.Fields(`police trafficking rescue victims district state women children
	girls labour bonded brick kilns railway station train border nepal bangladesh shelter home
	committee welfare child court conviction chargesheet investigation raid network agency placement
	domestic workers survivors rehabilitation compensation training prosecutors awareness schools
	village vigilance migration recruitment online social media phone records money trail property
	anti human unit ahtu cwc itpa pocso fir rpf ssb interception highway truck drivers brides marriage
	spinning mills garment zari embroidery circus begging organ fishing tea gardens hotels spa
	bhiwandi kolkata mumbai delhi odisha bihar assam goa telangana rajasthan gujarat haryana tamil`)

// generated makes n practices; the same seed gives the same ones.
func generated(n int, seed uint64) []kb.Practice {
	r := rand.New(rand.NewPCG(seed, 1))
	z := rand.NewZipf(r, 1.2, 4, uint64(len(vocabulary)-1))
	words := func(k int) string {
		ws := make([]string, k)
		for i := range ws {
			ws[i] = vocabulary[z.Uint64()]
		}
		return strings.Join(ws, " ")
	}
	states := []string{"Bihar", "Odisha", "Goa", "Assam", "West Bengal", "Tamil Nadu"}
	out := make([]kb.Practice, n)
	for i := range out {
		text := words(40 + r.IntN(300))
		out[i] = kb.Practice{
			ID: fmt.Sprintf("g%05d", i), Title: words(3 + r.IntN(8)), Summary: firstWords(text, 30), Text: text,
			States: []string{states[r.IntN(len(states))]}, Themes: []string{"rescue"}, Years: []int{2000 + r.IntN(25)},
			Provenance: kb.Provenance{DocumentID: fmt.Sprintf("doc%d", i%7)},
		}
	}
	return out
}

func firstWords(s string, n int) string {
	w := strings.Fields(s)
	return strings.Join(w[:min(n, len(w))], " ")
}

// generatedIndex indexes 4,000 practices in several batches (several
// segments) and deletes some, so that documents are numbered across
// segments with holes.
func generatedIndex(t *testing.T) *Index {
	t.Helper()
	x, _, err := Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { x.Close() })
	ctx := context.Background()
	ps := generated(4000, 7)
	for i := 0; i < len(ps); i += 500 {
		if err := x.Put(ctx, ps[i:i+500]); err != nil {
			t.Fatal(err)
		}
	}
	var gone []string
	for i := 3; i < len(ps); i += 11 {
		gone = append(gone, ps[i].ID)
	}
	if err := x.Delete(ctx, gone); err != nil {
		t.Fatal(err)
	}
	return x
}

func TestPostingsFromSegmentsMatchTheReader(t *testing.T) {
	x := generatedIndex(t)
	v, err := x.acquire()
	if err != nil {
		t.Fatal(err)
	}
	defer v.release()
	if v.segs == nil {
		t.Fatal("the snapshot's segments were not read: postings would be read document by document")
	}
	if len(v.segs) < 2 {
		t.Logf("only %d segment(s): offsets are barely exercised", len(v.segs))
	}
	for _, ft := range [][2]string{{"text", "polic"}, {"text", "rescu"}, {"title", "kiln"}, {"text_raw", "nepal"}, {"states", "Goa"}, {"text", "absent"}} {
		fast, ok, err := v.segmentPostings(ft[0], ft[1])
		if err != nil || !ok {
			t.Fatalf("%s:%s: %v %v", ft[0], ft[1], ok, err)
		}
		slow, err := termBitmap(context.Background(), v.r, ft[0], ft[1])
		if err != nil {
			t.Fatal(err)
		}
		if !fast.Equals(slow) {
			t.Errorf("%s:%s: %d documents from segments, %d from the reader", ft[0], ft[1], fast.GetCardinality(), slow.GetCardinality())
		}
	}
}

// TestRankPrunesExactly checks MaxScore against scoring every match: the
// same documents in the same order with the same scores.
func TestRankPrunesExactly(t *testing.T) {
	x := generatedIndex(t)
	ctx := context.Background()
	v, err := x.acquire()
	if err != nil {
		t.Fatal(err)
	}
	defer v.release()
	for _, text := range []string{"police", "rescue victims", "bonded labour brick kilns", "AHTU", `"police trafficking"`,
		"railway station girls nepal", "traficking", "zari embroidery -mumbai", "women state:Goa", "circus"} {
		p := x.query.build(text, v)
		hits, err := v.matches(p)
		if err != nil {
			t.Fatal(err)
		}
		if hits.IsEmpty() {
			t.Errorf("%q matches nothing: a weak test", text)
			continue
		}
		for _, k := range []int{1, 10, 30} {
			pruned, err := v.rank(ctx, p, hits, k)
			if err != nil {
				t.Fatal(err)
			}
			all, err := v.rank(ctx, p, hits, int(hits.GetCardinality()))
			if err != nil {
				t.Fatal(err)
			}
			want := all[:min(k, len(all))]
			if len(pruned) != len(want) {
				t.Fatalf("%q k=%d: %d hits pruned, %d scoring all", text, k, len(pruned), len(want))
			}
			for i := range want {
				if pruned[i].doc != want[i].doc || math.Abs(pruned[i].score-want[i].score) > 1e-9 {
					t.Errorf("%q k=%d #%d: pruned %v, scoring all %v", text, k, i, pruned[i], want[i])
				}
			}
		}
	}
}

// TestSearchWhileWriting: searches running while practices are added and
// removed never fail, and once the writes end they see all of them (run
// with -race to check the views' sharing).
func TestSearchWhileWriting(t *testing.T) {
	x, _, err := Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	x.SetCacheSize(0)
	ctx := context.Background()
	ps := generated(1200, 3)
	done := make(chan struct{})
	errs := make(chan error, 4)
	for w := 0; w < 4; w++ {
		go func(w int) {
			for i := 0; ; i++ {
				select {
				case <-done:
					errs <- nil
					return
				default:
				}
				q, _ := kb.Query{Text: []string{"police", "rescue victims", "", "nepal -women"}[(w+i)%4], States: []string{"Goa"}[:i%2]}.Normalize()
				if _, err := x.Search(ctx, q); err != nil {
					errs <- err
					return
				}
			}
		}(w)
	}
	for i := 0; i < len(ps); i += 100 {
		if err := x.Put(ctx, ps[i:i+100]); err != nil {
			t.Fatal(err)
		}
		if err := x.Delete(ctx, []string{ps[i].ID}); err != nil {
			t.Fatal(err)
		}
	}
	close(done)
	for w := 0; w < 4; w++ {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	q, _ := kb.Query{}.Normalize()
	res, err := x.Search(ctx, q)
	if err != nil || res.Total != len(ps)-len(ps)/100 {
		t.Errorf("after the writes: %d practices (%v), want %d", res.Total, err, len(ps)-len(ps)/100)
	}
}

// TestPhrasesAreExact: a phrase of several pairs matches only where its
// words stand side by side, not where each pair occurs apart.
func TestPhrasesAreExact(t *testing.T) {
	x, _, err := Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	ctx := context.Background()
	if err := x.Put(ctx, []kb.Practice{
		{ID: "exact", Title: "Raids", Text: "The anti human trafficking unit raided three spas. Girls were rescued from the brothel."},
		{ID: "apart", Title: "Rights", Text: "Anti human rights groups met. Human trafficking rose. A trafficking unit was formed. Rescue of girls followed."},
	}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		text string
		want []string
	}{
		{`"anti human trafficking unit"`, []string{"exact"}},
		{`"human trafficking"`, []string{"apart", "exact"}},
		{`"rescue of girls"`, []string{"apart"}},
		{`girls -"anti human trafficking unit"`, []string{"apart"}},
	} {
		q, _ := kb.Query{Text: tt.text}.Normalize()
		res, err := x.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range res.Hits {
			got = append(got, h.ID)
		}
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestPhraseCheckMatchesBleve: over thousands of practices, the checked
// phrase matches are the ones Bleve's own phrase search finds, stop
// words at either end included. (A stop word between two words is left
// out: it asks for a stop word there, where Bleve takes any word.)
func TestPhraseCheckMatchesBleve(t *testing.T) {
	x := generatedIndex(t)
	v, err := x.acquire()
	if err != nil {
		t.Fatal(err)
	}
	defer v.release()
	for _, phrase := range []string{"police trafficking rescue", "police police trafficking", "trafficking police", "rescue police victims",
		"the police trafficking", "police of the", "the trafficking police of"} {
		p := x.query.build(`"`+phrase+`"`, v)
		got, err := v.matches(p)
		if err != nil {
			t.Fatal(err)
		}
		var qs []bq.Query
		for _, f := range []string{"title", "summary", "text"} {
			q := bleve.NewMatchPhraseQuery(phrase)
			q.SetField(f)
			qs = append(qs, q)
		}
		req := bleve.NewSearchRequestOptions(bleve.NewDisjunctionQuery(qs...), 10000, 0, false)
		res, err := x.idx.Search(req)
		if err != nil {
			t.Fatal(err)
		}
		want := roaring.New()
		for _, h := range res.Hits {
			n, _ := v.r.InternalID(h.ID)
			want.Add(uint32(n.Value()))
		}
		if !got.Equals(want) || want.IsEmpty() {
			t.Errorf("%q: %d checked matches, Bleve finds %d", phrase, got.GetCardinality(), want.GetCardinality())
		}
	}
}

// TestSynonymListVersion: the index version follows the list's groups,
// not its comments or blank lines.
func TestSynonymListVersion(t *testing.T) {
	base := parseSynonyms(listGroups("cwc, child welfare committee\nfir, first information report\n"))
	if parseSynonyms(listGroups("# units\ncwc, child welfare committee\n\nfir, first information report\n")).hash != base.hash {
		t.Error("a comment or a blank line changed the hash")
	}
	if parseSynonyms(listGroups("cwc, child welfare committee\nfir, first information report, first report\n")).hash == base.hash {
		t.Error("a new synonym left the hash as it was")
	}
}
