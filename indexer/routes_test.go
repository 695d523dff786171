package indexer

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRoutesFromPhrases(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string // source>destination, transit regions after "via"
	}{
		{"Girls from Jharkhand were placed in Delhi homes.", []string{"Jharkhand>Delhi"}},
		{"Young people were brought by train from Assam to Tamil Nadu.", []string{"Assam>Tamil Nadu"}},
		{"Women were brought across the Nepal border at Raxaul.", []string{"Nepal> via Bihar"}},
		{"Boys were taken from Patna through Gorakhpur to Mumbai.", []string{"Bihar>Maharashtra via Uttar Pradesh"}},
		{"The released families were repatriated to Odisha.", []string{"Odisha>"}},
		{"The Delhi police worked with the Bihar police.", nil},
		{"Girls were sold to men in Dubai.", []string{">United Arab Emirates"}},
		// Districts and towns that only the gazetteer knows, abroad too.
		{"Girls from Simdega were taken via Katihar to Darjeeling.", []string{"Jharkhand>West Bengal via Bihar"}},
		{"Women from Kathmandu were trafficked through Birgunj to Sundargarh.", []string{"Nepal>Odisha via Nepal"}},
		{"Girls were lured from Gaya district to Salem, Tamil Nadu.", []string{"Bihar>Tamil Nadu"}},
		// Ordinary words that are also towns' names are no places.
		{"Those on parole were taken to the salon along the river.", nil},
		// Where victims were exploited, whatever the words before.
		{"Girls were rescued from brothels in Agra.", []string{">Uttar Pradesh"}},
		{"The police rescued 12 women from Sonagachi; 5 were from Nepal.", []string{"Nepal>West Bengal"}},
		// Where people belong, and where they were headed.
		{"Workers, natives of Gaya, were found at a brick kiln near Ludhiana.", []string{"Bihar>Punjab"}},
		{"Boys from Purnia were stopped on a train bound for Surat.", []string{"Bihar>Gujarat"}},
		{"A Bangladeshi girl had been sold to a brothel in Pune.", []string{"Bangladesh>Maharashtra"}},
		{"Girls missing in the hill districts of Uttarakhand were found in Meerut.", []string{"Uttarakhand>Uttar Pradesh"}},
		{"Girls were taken to Siliguri and then by train to Delhi.", []string{">Delhi via West Bengal"}},
		// People named with a place who were not moved.
		{"Officers from Nagaland and experts from Assam attended the workshop.", nil},
		{"A Nepali NGO petitioned the court.", nil},
		// The police's own place ends a route that lacks that end, unless
		// the route passes through it.
		{"Police in Rewari district of Haryana found women brought from Assam.", []string{"Assam>Haryana"}},
		{"The GRP at Katni stopped families migrating to Delhi.", []string{"Madhya Pradesh>Delhi"}},
		{"Women from Nepal were brought across the border at Raxaul. The Raxaul police intercepted them.", []string{"Nepal> via Bihar"}},
		{"The Ranchi police rescued girls from Gumla.", []string{"Jharkhand>"}},
	} {
		t.Run(tc.text, func(t *testing.T) {
			var got []string
			for _, r := range Routes(tc.text) {
				got = append(got, routeString(r))
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("routes of %q (-want +got):\n%s", tc.text, diff)
			}
		})
	}
}

func routeString(r Route) string {
	s := r.Source.Region + ">" + r.Destination.Region
	for i, p := range r.Transit {
		if i == 0 {
			s += " via "
		} else {
			s += ", "
		}
		s += p.Region
	}
	return s
}

// TestRoutesOnSamples scores the proposed routes of every sample case
// against samples/routes.json, by place and role (Jharkhand as a source)
// and by route (Jharkhand to Delhi), and prints precision and recall.
func TestRoutesOnSamples(t *testing.T) {
	var truth struct {
		Practices []struct {
			Title  string `json:"title"`
			Routes []struct {
				Source      string   `json:"source"`
				Transit     []string `json:"transit"`
				Destination string   `json:"destination"`
			} `json:"routes"`
		} `json:"practices"`
	}
	js, err := os.ReadFile(filepath.Join("..", "samples", "routes.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(js, &truth); err != nil {
		t.Fatal(err)
	}
	texts := sampleTexts(t)
	var places, routes score
	for _, p := range truth.Practices {
		text, ok := texts[p.Title]
		if !ok {
			t.Errorf("no sample case titled %q", p.Title)
			continue
		}
		wantPlaces, wantRoutes := map[string]bool{}, map[string]bool{}
		for _, r := range p.Routes {
			addRoute(wantPlaces, wantRoutes, r.Source, r.Transit, r.Destination)
		}
		gotPlaces, gotRoutes := map[string]bool{}, map[string]bool{}
		for _, r := range Routes(text) {
			var via []string
			for _, v := range r.Transit {
				via = append(via, v.Region)
			}
			addRoute(gotPlaces, gotRoutes, r.Source.Region, via, r.Destination.Region)
		}
		places.add(wantPlaces, gotPlaces)
		routes.add(wantRoutes, gotRoutes)
		if len(places.misses)+len(places.extras) > 0 && testing.Verbose() {
			t.Logf("%s: missed %v, extra %v", p.Title, places.misses, places.extras)
		}
		places.misses, places.extras = nil, nil
	}
	t.Logf("places by role: precision %.3f, recall %.3f (%d expected)", places.precision(), places.recall(), places.want)
	t.Logf("routes (source to destination): precision %.3f, recall %.3f (%d expected)", routes.precision(), routes.recall(), routes.want)
	if places.precision() < 0.8 || places.recall() < 0.8 {
		t.Errorf("places by role: precision %.3f, recall %.3f, want both >= 0.8", places.precision(), places.recall())
	}
	if routes.precision() < 0.7 || routes.recall() < 0.7 {
		t.Errorf("routes: precision %.3f, recall %.3f, want both >= 0.7", routes.precision(), routes.recall())
	}
}

func addRoute(places, routes map[string]bool, src string, via []string, dst string) {
	if src != "" {
		places["source:"+src] = true
	}
	if dst != "" {
		places["destination:"+dst] = true
	}
	for _, v := range via {
		places["transit:"+v] = true
	}
	if src != "" && dst != "" {
		routes[src+">"+dst] = true
	}
}

type score struct {
	want, got, hit int
	misses, extras []string
}

func (s *score) add(want, got map[string]bool) {
	s.want += len(want)
	s.got += len(got)
	for k := range got {
		if want[k] {
			s.hit++
		} else {
			s.extras = append(s.extras, k)
		}
	}
	for k := range want {
		if !got[k] {
			s.misses = append(s.misses, k)
		}
	}
	sort.Strings(s.misses)
	sort.Strings(s.extras)
}

func (s score) precision() float64 {
	if s.got == 0 {
		return 1
	}
	return float64(s.hit) / float64(s.got)
}

func (s score) recall() float64 {
	if s.want == 0 {
		return 1
	}
	return float64(s.hit) / float64(s.want)
}

// sampleTexts extracts every sample compendium: case text by title.
func sampleTexts(t *testing.T) map[string]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "samples", "*.pdf"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no sample PDFs: %v", err)
	}
	out := map[string]string{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := Extract(filepath.Base(f), data, DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		for _, cs := range doc.Practices {
			out[cs.Title] = cs.Text
		}
	}
	return out
}
