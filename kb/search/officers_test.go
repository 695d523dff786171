package search_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/compendium-kb/compendium/kb"
	"github.com/compendium-kb/compendium/kb/search"
)

// officersCorpus is a knowledge base about trafficking, as ours is:
// "trafficking" and "police" are in most practices. Beside a few
// practices the tests look for, filler practices make those words
// frequent.
func officersCorpus() []kb.Practice {
	ps := []kb.Practice{
		{ID: "gumla", Title: "Village Vigilance Committees", Text: "Committees in the villages of Gumla district watch for agents who take girls away for domestic work.",
			States: []string{"Jharkhand"}, Districts: []string{"Gumla"}, Themes: []string{"prevention and awareness"}},
		{ID: "ranchi", Title: "Raids on Placement Agencies in Ranchi", Text: "Police raided placement agencies that sent girls from Jharkhand to Delhi. The rescue operation freed 40 girls from trafficking.",
			States: []string{"Jharkhand", "Delhi"}, Districts: []string{"Ranchi"}, Themes: []string{"rescue"}},
		{ID: "zari", Title: "Rescue of Child Labourers from Zari Units", Text: "Child labour in zari units of Mumbai: 60 children were rescued by the police and the labour department.",
			States: []string{"Maharashtra"}, Themes: []string{"rescue"}, Exploitation: []string{"child labour"}},
		{ID: "hindi-shram", Title: "बाल श्रम से मुक्त कराए गए बच्चे", Text: "पुलिस ने ढाबों और कारखानों से बाल श्रम में लगे बच्चों को मुक्त कराया। मानव तस्करी के मामले दर्ज किए गए।",
			States: []string{"Bihar"}, Themes: []string{"rescue"}, Exploitation: []string{"child labour"}},
		{ID: "odisha", Title: "Skills for Survivors in Bhubaneswar", Text: "Survivors of trafficking from Odisha were trained in tailoring by the police and an NGO.",
			States: []string{"Odisha"}, Themes: []string{"post-rescue care and rehabilitation"}},
		{ID: "kilns", Title: "Freeing Bonded Labourers from Brick Kilns", Text: "Families kept in debt bondage at brick kilns were freed by the police; trafficking cases were registered.",
			States: []string{"Tamil Nadu"}, Themes: []string{"rescue"}, Exploitation: []string{"forced and bonded labour"}},
	}
	for i := range 24 {
		ps = append(ps, kb.Practice{ID: fmt.Sprintf("filler-%02d", i), Title: fmt.Sprintf("Coordination Meeting %d", i),
			Text: "The police discussed trafficking with the district administration and agreed to meet every month.", States: []string{"Kerala"}, Themes: []string{"investigation"}})
	}
	return ps
}

func openOfficersIndex(t *testing.T) *search.Index {
	t.Helper()
	ix := openIndex(t)
	if err := ix.Delete(context.Background(), []string{"rescue", "kilns", "schools"}); err != nil {
		t.Fatal(err)
	}
	if err := ix.Put(context.Background(), officersCorpus()); err != nil {
		t.Fatal(err)
	}
	return ix
}

// TestFrequentWordNeverEmpties: a word most practices contain is not
// asked of the counted set; it still ranks, and the count of practices
// with every word is given apart.
func TestFrequentWordNeverEmpties(t *testing.T) {
	ix := openOfficersIndex(t)
	res := find(t, ix, kb.Query{Text: "trafficking Gumla"})
	if res.Total != 1 || len(res.Hits) == 0 || res.Hits[0].ID != "gumla" {
		t.Fatalf("trafficking Gumla: total %d, hits %v; want the Gumla practice counted though it never says trafficking", res.Total, ids(res))
	}
	if !slices.Equal(res.Frequent, []string{"trafficking"}) || res.EveryWord != 0 {
		t.Errorf("frequent %q, every word %d: want trafficking named frequent and no practice with both words", res.Frequent, res.EveryWord)
	}
	all := find(t, ix, kb.Query{Text: "trafficking police"})
	if all.Total < 25 || len(all.Frequent) != 0 {
		t.Errorf("trafficking police (both frequent): total %d, frequent %q; want both asked, most practices found", all.Total, all.Frequent)
	}
}

// TestPartialMatchesFollow: practices with some of the words follow
// those with all, marked and not counted, and paging runs through both.
func TestPartialMatchesFollow(t *testing.T) {
	ix := openOfficersIndex(t)
	res := find(t, ix, kb.Query{Text: "zari units Bhubaneswar", Size: 2})
	if res.Total != 0 || res.More < 2 || !res.Partial {
		t.Fatalf("zari units Bhubaneswar: total %d, more %d, partial %v; want nothing counted and partial matches", res.Total, res.More, res.Partial)
	}
	if res.Hits[0].ID != "zari" || !res.Hits[0].Partial {
		t.Errorf("first hit %v: want zari (two of the three words) first, marked partial", ids(res))
	}
	res = find(t, ix, kb.Query{Text: "rescue girls", Size: 1})
	if res.Total != 1 || res.Hits[0].ID != "ranchi" || res.Hits[0].Partial {
		t.Fatalf("rescue girls, page 1: total %d, hits %v; want ranchi counted", res.Total, ids(res))
	}
	next := find(t, ix, kb.Query{Text: "rescue girls", Size: 1, Page: 2})
	if len(next.Hits) != 1 || !next.Hits[0].Partial || next.Total != 1 {
		t.Errorf("rescue girls, page 2: total %d, hits %+v; want the first partial match", next.Total, next.Hits)
	}
}

// TestQueryNamesFields: a place, in any script or by an old name, and a
// form of exploitation typed as words match their fields too, and are
// named for the page to offer as filters.
func TestQueryNamesFields(t *testing.T) {
	ix := openOfficersIndex(t)
	jharkhand := find(t, ix, kb.Query{Text: "Jharkhand"})
	filter := find(t, ix, kb.Query{States: []string{"Jharkhand"}})
	if jharkhand.Total != filter.Total || !hasNamed(jharkhand, "state", "Jharkhand") {
		t.Errorf("Jharkhand typed: %d practices, named %+v; the filter finds %d", jharkhand.Total, jharkhand.Named, filter.Total)
	}
	if hindi := find(t, ix, kb.Query{Text: "झारखंड"}); hindi.Total != filter.Total {
		t.Errorf("झारखंड: %d practices %v, want the %d of the Jharkhand filter", hindi.Total, ids(hindi), filter.Total)
	}
	if old := find(t, ix, kb.Query{Text: "Orissa"}); old.Total != 1 || old.Hits[0].ID != "odisha" || !hasNamed(old, "state", "Odisha") {
		t.Errorf("Orissa: %v named %+v, want the Odisha practice", ids(old), old.Named)
	}
	gumla := find(t, ix, kb.Query{Text: "gumla"})
	if !hasNamed(gumla, "district", "Gumla") {
		t.Errorf("gumla named %+v, want the district", gumla.Named)
	}
	if hindi := find(t, ix, kb.Query{Text: "गुमला"}); hindi.Total != 1 || hindi.Hits[0].ID != "gumla" {
		t.Errorf("गुमला: %v, want the Gumla practice (district names go both ways between scripts)", ids(hindi))
	}
	if byField := find(t, ix, kb.Query{Districts: []string{"Gumla"}}); byField.Total != 1 {
		t.Errorf("district filter Gumla: %d practices, want 1", byField.Total)
	}
	labour := find(t, ix, kb.Query{Text: "child labour"})
	if !hasNamed(labour, "exploitation", "child labour") {
		t.Errorf("child labour named %+v, want the form of exploitation", labour.Named)
	}
}

// TestHindiAndHinglishFindEnglish: a Hindi or romanised Hindi query, in
// any common spelling, finds English practices through the lexicon, and
// an English query Hindi ones.
func TestHindiAndHinglishFindEnglish(t *testing.T) {
	ix := openOfficersIndex(t)
	for _, q := range []string{"bal shram", "baal shram", "बाल श्रम"} {
		res := find(t, ix, kb.Query{Text: q})
		got := ids(res)
		if !slices.Contains(got, "zari") || !slices.Contains(got, "hindi-shram") || res.Total < 2 {
			t.Errorf("%q: total %d, hits %v; want the English and the Hindi child labour practices", q, res.Total, got)
		}
	}
	if res := find(t, ix, kb.Query{Text: "child labour"}); !slices.Contains(ids(res), "hindi-shram") {
		t.Errorf("child labour: %v, want the Hindi practice too", ids(res))
	}
	if res := find(t, ix, kb.Query{Text: "manav taskari"}); res.Total < 25 {
		t.Errorf("manav taskari: total %d, want the practices that speak of trafficking", res.Total)
	}
}

// TestNoOrdinaryWordCorrected: a word spelt right is never "corrected",
// whether or not the knowledge base has it; a typo still finds.
func TestNoOrdinaryWordCorrected(t *testing.T) {
	ix := openOfficersIndex(t)
	for _, q := range []string{"begging", "sex work", "spa massage parlour raid", "Protection of Children from Sexual Offences", "SJPU", "bal shram", "manav taskari"} {
		if res := find(t, ix, kb.Query{Text: q}); res.DidYouMean != "" {
			t.Errorf("%q: did you mean %q; a word spelt right is never corrected", q, res.DidYouMean)
		}
	}
	if res := find(t, ix, kb.Query{Text: "zarri"}); len(res.Hits) == 0 || res.Hits[0].ID != "zari" {
		t.Errorf("zarri: %v, want the zari practice found despite the typo", ids(res))
	}
}

// TestNoPracticeOffersThemes: a query that no practice answers says so
// (a total of 0) and offers themes.
func TestNoPracticeOffersThemes(t *testing.T) {
	ix := openOfficersIndex(t)
	res := find(t, ix, kb.Query{Text: "organ trafficking"})
	if res.Total != 0 || len(res.NearThemes) == 0 {
		t.Errorf("organ trafficking: total %d, near themes %q; want none counted and themes offered", res.Total, res.NearThemes)
	}
}

func hasNamed(r kb.IndexResults, facet, value string) bool {
	return slices.ContainsFunc(r.Named, func(f kb.NamedField) bool { return f.Facet == facet && f.Value == value })
}

// TestAddedEntryLive: an entry an admin adds (a romanised Hindi phrase
// of two words here) works at the next search, with no rebuild.
func TestAddedEntryLive(t *testing.T) {
	ix := openOfficersIndex(t)
	if res := find(t, ix, kb.Query{Text: "bhatta majuri"}); slices.Contains(ids(res), "kilns") && !res.Hits[0].Partial {
		t.Fatalf("bhatta majuri found the kilns practice before the entry was added: %v", ids(res))
	}
	ix.SetAddedSynonyms([][]string{{"bhatta majuri", "brick kilns"}})
	if res := find(t, ix, kb.Query{Text: "bhatta majuri"}); res.Total != 1 || res.Hits[0].ID != "kilns" {
		t.Errorf("bhatta majuri after the entry: total %d, %v; want the kilns practice", res.Total, ids(res))
	}
}

// TestTyposOfLexiconWords: a misspelt romanised Hindi or Hindi word is
// read as the lexicon word it misspells, in any language.
func TestTyposOfLexiconWords(t *testing.T) {
	ix := openOfficersIndex(t)
	for _, q := range []string{"bal shrm", "baal shram", "बाल श्रम"} {
		if res := find(t, ix, kb.Query{Text: q}); !slices.Contains(ids(res), "zari") || res.Total < 2 {
			t.Errorf("%q: total %d, %v; want the child labour practices", q, res.Total, ids(res))
		}
	}
	if res := find(t, ix, kb.Query{Text: "brik kilns"}); res.Total != 1 || res.Hits[0].ID != "kilns" {
		t.Errorf("brik kilns: total %d, %v; want the kilns practice", res.Total, ids(res))
	}
}
