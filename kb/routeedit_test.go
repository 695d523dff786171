package kb

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestReadRoutes(t *testing.T) {
	tests := []struct {
		name string
		rows []RouteRow
		want []Route
		err  string // part of the message on "routes"; "" for none
	}{
		{"district with its state, transit, city", []RouteRow{{Source: "Gumla, Jharkhand", Transit: "Patna; Varanasi", Destination: "Mumbai"}},
			[]Route{{Source: Place{"Jharkhand", "Gumla"}, Transit: []Place{{"Bihar", "Patna"}, {"Uttar Pradesh", "Varanasi"}}, Destination: Place{"Maharashtra", "Mumbai"}}}, ""},
		{"old names, a country, an unknown end", []RouteRow{{Source: "Nepal", Destination: "Orissa"}, {Source: "", Destination: "Delhi"}},
			[]Route{{Source: Place{Region: "Nepal"}, Destination: Place{Region: "Odisha"}}, {Destination: Place{Region: "Delhi"}}}, ""},
		{"removed and empty rows are no routes", []RouteRow{{Source: "Assam", Destination: "Delhi", Remove: true}, {}, {Source: "Assam", Destination: "Tamil Nadu"}},
			[]Route{{Source: Place{Region: "Assam"}, Destination: Place{Region: "Tamil Nadu"}}}, ""},
		{"none at all", []RouteRow{{}}, []Route{}, ""},
		{"an unknown destination names its route", []RouteRow{{Source: "Assam", Destination: "Delhi"}, {Source: "Bihar", Destination: "Atlantis"}},
			nil, "route 2: destination “Atlantis” is not a known state, country, district or city"},
		{"an unknown transit place", []RouteRow{{Source: "Bihar", Transit: "Patna; Lilliput", Destination: "Delhi"}},
			nil, "route 1: transit “Lilliput” is not a known"},
		{"two sources in one row", []RouteRow{{Source: "Assam, Bihar", Destination: "Delhi"}},
			nil, "route 1: give one source place"},
		{"transit alone", []RouteRow{{Transit: "Bihar"}}, nil, "route 1: give a source or a destination"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadRoutes(tt.rows)
			var ve *ValidationError
			if tt.err != "" {
				if !errors.As(err, &ve) || !strings.Contains(ve.Fields["routes"], tt.err) {
					t.Fatalf("error %v, want a problem on routes saying %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("routes (-want +got):\n%s", diff)
			}
		})
	}
}

// TestRouteRowsReadBack: routes written as a form's rows read back as the
// same routes, so saving an untouched form changes nothing.
func TestRouteRowsReadBack(t *testing.T) {
	rs := []Route{{Source: Place{"Jharkhand", "Gumla"}, Transit: []Place{{"Bihar", "Raxaul"}, {Region: "Uttar Pradesh"}}, Destination: Place{Region: "Delhi"}},
		{Source: Place{Region: "Bangladesh"}, Destination: Place{"West Bengal", "Kolkata"}}, {Source: Place{Region: "Nepal"}}}
	got, err := ReadRoutes(RouteRows(rs))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(rs, got); diff != "" {
		t.Errorf("routes read back from their rows (-want +got):\n%s", diff)
	}
}

func TestCaseEditRoutes(t *testing.T) {
	f := CaseFields{Title: "A case", PageStart: 1, PageEnd: 2, Routes: []Route{{Source: Place{Region: "Xyzpur"}}}}
	if _, err := (CaseEdit{Title: ptr("A case, corrected")}).Apply(f, 5); err != nil {
		t.Errorf("an edit that leaves the routes alone failed on a place typed by a submitter: %v", err)
	}
	edit := CaseEdit{Routes: &[]Route{{Source: Place{Region: "orissa"}, Destination: Place{Region: "Narnia"}}}}
	_, err := edit.Apply(f, 5)
	var ve *ValidationError
	if !errors.As(err, &ve) || !strings.Contains(ve.Fields["routes"], "route 1: destination “Narnia”") {
		t.Errorf("routes with an unknown destination: %v, want a problem naming route 1's destination", err)
	}
	edit = CaseEdit{Routes: &[]Route{{Source: Place{Region: "orissa"}, Destination: Place{Region: "Delhi"}}}}
	got, err := edit.Apply(f, 5)
	if err != nil || RoutesText(got.Routes) != "Odisha → Delhi" {
		t.Errorf("routes after the edit: %q, %v; want Odisha → Delhi", RoutesText(got.Routes), err)
	}
	if ch := diffFields(f, got); len(ch) != 1 || ch[0].Words() != "routes changed from “Xyzpur → unknown” to “Odisha → Delhi”" {
		t.Errorf("the trail's words for the edit: %+v", ch)
	}
}

func ptr[T any](v T) *T { return &v }

// TestRouteEditAcceptsEveryGazetteerPlace: a reviewer may name any
// district or town of India and the neighbours' places, in English, in
// Hindi or by an old name, and the route keeps the current English name.
func TestRouteEditAcceptsEveryGazetteerPlace(t *testing.T) {
	tests := []struct {
		typed string
		want  Place
	}{
		{"Simdega", Place{"Jharkhand", "Simdega"}},
		{"Pakur", Place{"Jharkhand", "Pakur"}},
		{"Lohardaga district", Place{"Jharkhand", "Lohardaga"}},
		{"Sundargarh, Odisha", Place{"Odisha", "Sundargarh"}},
		{"Katihar", Place{"Bihar", "Katihar"}},
		{"Darjeeling", Place{"West Bengal", "Darjeeling"}},
		{"Kathmandu", Place{"Nepal", "Kathmandu"}},
		{"Dhaka", Place{"Bangladesh", "Dhaka"}},
		{"सिमडेगा, झारखंड", Place{"Jharkhand", "Simdega"}},
		{"कटिहार", Place{"Bihar", "Katihar"}},
		{"Gurgaon", Place{"Haryana", "Gurugram"}},
		{"Calcutta", Place{"West Bengal", "Kolkata"}},
		{"उड़ीसा", Place{Region: "Odisha"}},
		{"Aurangabad, Maharashtra", Place{"Maharashtra", "Aurangabad"}},
		{"Aurangabad, Bihar", Place{"Bihar", "Aurangabad"}},
	}
	for _, tt := range tests {
		got, err := ReadRoutes([]RouteRow{{Source: tt.typed, Destination: "Delhi"}})
		if err != nil {
			t.Errorf("source %q: %v", tt.typed, err)
			continue
		}
		if len(got) != 1 || got[0].Source != tt.want {
			t.Errorf("source %q read as %+v, want %+v", tt.typed, got, tt.want)
		}
	}
	// Routes sent as JSON are checked against the same gazetteer.
	if msg := checkRoutes(canonicalRoutes([]Route{{Source: Place{Region: "Pakur"}, Destination: Place{Region: "नेपाल"}}})); msg != "" {
		t.Errorf("JSON routes through Pakur and नेपाल: %s", msg)
	}
	if msg := checkRoutes(canonicalRoutes([]Route{{Source: Place{Region: "Atlantis"}}})); !strings.Contains(msg, "“Atlantis” is not a known") {
		t.Errorf("JSON route from Atlantis: %q, want it named unknown", msg)
	}
}
