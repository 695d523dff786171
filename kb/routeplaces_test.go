package kb

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/compendium-kb/compendium/indexer"
	"github.com/compendium-kb/compendium/samples/gen/layouts"
)

func TestReadPlacesSeparatesBySemicolons(t *testing.T) {
	tests := []struct {
		typed   string
		want    []Place
		unknown []string
	}{
		{"Gumla, Jharkhand; Simdega, Jharkhand", []Place{{"Jharkhand", "Gumla"}, {"Jharkhand", "Simdega"}}, nil},
		{"Pakur\nKathmandu, Nepal", []Place{{"Jharkhand", "Pakur"}, {"Nepal", "Kathmandu"}}, nil},
		{"Gumla district, Jharkhand, India", []Place{{"Jharkhand", "Gumla"}}, nil},
		{"Aurangabad, Bihar", []Place{{"Bihar", "Aurangabad"}}, nil},
		{"गुमला, झारखंड", []Place{{"Jharkhand", "Gumla"}}, nil},
		{"Bihar, Jharkhand", []Place{{Region: "Bihar"}, {Region: "Jharkhand"}}, nil},
		{"unknown; Delhi; not known", []Place{{Region: "Delhi"}}, nil},
		{"Xyzpur, Jharkhand; Delhi", []Place{{Locality: "Xyzpur, Jharkhand"}, {Region: "Delhi"}}, []string{"Xyzpur, Jharkhand"}},
		{"Gumla, Bihar", []Place{{Locality: "Gumla, Bihar"}}, []string{"Gumla, Bihar"}},
	}
	for _, tt := range tests {
		t.Run(tt.typed, func(t *testing.T) {
			got, unknown := readPlaces(tt.typed)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("places (-want +got):\n%s", diff)
			}
			if !slices.Equal(unknown, tt.unknown) {
				t.Errorf("unknown %q, want %q", unknown, tt.unknown)
			}
		})
	}
}

// An officer's unknown source is kept as written and flagged, and the
// statistics count the known end only: "Xyzpur" is no source area.
func TestUnknownPlacesCountNowhere(t *testing.T) {
	f := SubmissionFields{Sources: "Xyzpur; unknown", Destinations: "Murshidabad"}
	rs := f.Routes()
	if len(rs) != 1 || rs[0].Source != (Place{Locality: "Xyzpur"}) || rs[0].Destination != (Place{"West Bengal", "Murshidabad"}) {
		t.Fatalf("routes %+v, want Xyzpur (as written) to Murshidabad, West Bengal", rs)
	}
	if got, want := RoutesText(rs), "Xyzpur ("+NotInGazetteer+") → Murshidabad, West Bengal"; got != want {
		t.Errorf("route reads %q, want %q", got, want)
	}
	// A record saved before places were checked holds a district as its
	// region; that counts nowhere either.
	p := Practice{Routes: append(rs, Route{Source: Place{Region: "Pakur"}, Destination: Place{Region: "Delhi"}},
		Route{Destination: Place{Region: "Jharkhand"}})}
	counts := map[string][]string{}
	for _, role := range []string{"source", "transit", "destination", "route"} {
		counts[role] = p.RouteRegions(role)
	}
	want := map[string][]string{"destination": {"West Bengal", "Delhi", "Jharkhand"}}
	if diff := cmp.Diff(want, counts, cmp.Transformer("nonil", func(m map[string][]string) map[string][]string {
		out := map[string][]string{}
		for k, v := range m {
			if len(v) > 0 {
				out[k] = v
			}
		}
		return out
	})); diff != "" {
		t.Errorf("counted regions (-want +got):\n%s", diff)
	}
}

// Every route the reader proposes passes the route editor unchanged: its
// rows, read back, are the same routes, with no place refused. Read on the
// sample compendia, the layout corpus and, when present beside the
// repository, published reports.
func TestProposedRoutesValidate(t *testing.T) {
	texts := map[string]string{}
	for _, p := range layouts.Practices() {
		texts["layout: "+p.Title] = p.Text
	}
	files, _ := filepath.Glob(filepath.Join("..", "samples", "*.pdf"))
	if len(files) == 0 {
		t.Fatal("no sample PDFs")
	}
	if !testing.Short() {
		reports, _ := filepath.Glob(filepath.Join("..", "..", "shared", "pdfs", "anti-trafficking", "*.pdf"))
		files = append(files, reports...)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		addCases(t, texts, filepath.Base(f), data)
	}
	proposed := 0
	for name, text := range texts {
		rs := ProposeRoutes(text)
		proposed += len(rs)
		got, err := ReadRoutes(RouteRows(rs))
		if err != nil {
			t.Errorf("%s: the proposal %q is refused: %v", name, RoutesText(rs), err)
			continue
		}
		if diff := cmp.Diff(rs, got, cmp.Comparer(sameRoute)); diff != "" && len(rs) > 0 {
			t.Errorf("%s: routes change when read back (-proposed +read):\n%s", name, diff)
		}
		if msg := checkRoutes(canonicalRoutes(rs)); msg != "" {
			t.Errorf("%s: the proposal %q is refused as JSON: %s", name, RoutesText(rs), msg)
		}
	}
	t.Logf("%d routes proposed over %d texts", proposed, len(texts))
	if proposed < 20 {
		t.Errorf("only %d routes proposed: the test reads too little", proposed)
	}
}

func addCases(t *testing.T, texts map[string]string, name string, data []byte) {
	t.Helper()
	doc, err := indexer.Extract(name, data, indexer.DefaultLimits)
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return
	}
	for _, cs := range doc.Practices {
		texts[name+": "+cs.Title] = strings.Join([]string{cs.Title, cs.Text}, "\n")
	}
}
