package kb

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/compendium-kb/compendium/indexer"
)

// Figure is a count a practice states, with what it counts and the
// sentence that states it: rescued 212 workers, arrested 9 traffickers.
type Figure struct {
	Measure  string `json:"measure" bson:"measure"` // rescued, arrested, firs, chargesheeted, convicted
	Count    int    `json:"count" bson:"count"`
	Of       string `json:"of,omitempty" bson:"of,omitempty"` // workers, minors, traffickers…
	Sentence string `json:"sentence,omitempty" bson:"sentence,omitempty"`
}

// Figures are a practice's figures in the order its text states them.
type Figures []Figure

// FiguresFrom takes the figures the indexer read.
func FiguresFrom(in []indexer.Figure) Figures {
	var out Figures
	for _, f := range in {
		out = append(out, Figure(f))
	}
	return out
}

// Label names what a figure counts for a reader: "Workers rescued",
// "FIRs registered".
func (f Figure) Label() string {
	verb := map[string]string{"firs": "registered", "chargesheeted": "charge-sheeted"}[f.Measure]
	if verb == "" {
		verb = f.Measure
	}
	of := f.Of
	if f.Measure == "firs" && of == "" {
		of = "FIRs"
	}
	if of == "" {
		return strings.ToUpper(verb[:1]) + verb[1:]
	}
	return strings.ToUpper(of[:1]) + of[1:] + " " + verb
}

// UnmarshalBSONValue reads figures as stored now (an array of documents)
// and as databases written before kept them: a document of counts by
// name, {"rescued": 28, "minors": 5}. kb imports no driver, so the few
// BSON types involved are read here.
func (fs *Figures) UnmarshalBSONValue(typ byte, data []byte) error {
	*fs = nil
	switch typ {
	case bsonNull, bsonUndefined:
		return nil
	case bsonDocument: // the old map of counts
		return eachElement(data, func(t byte, name string, v []byte) error {
			n, ok := bsonNumber(t, v)
			if !ok {
				return fmt.Errorf("figures: %q is not a number", name)
			}
			f := Figure{Measure: name, Count: n}
			if name == "minors" {
				f = Figure{Measure: "rescued", Count: n, Of: "minors"}
			}
			*fs = append(*fs, f)
			return nil
		})
	case bsonArray:
		return eachElement(data, func(t byte, _ string, v []byte) error {
			if t != bsonDocument {
				return errors.New("figures: an element is not a document")
			}
			var f Figure
			err := eachElement(v, func(t byte, name string, v []byte) error {
				switch name {
				case "measure", "of", "sentence":
					s, ok := bsonText(t, v)
					if !ok {
						return fmt.Errorf("figures: %s is not a string", name)
					}
					*map[string]*string{"measure": &f.Measure, "of": &f.Of, "sentence": &f.Sentence}[name] = s
				case "count":
					n, ok := bsonNumber(t, v)
					if !ok {
						return errors.New("figures: count is not a number")
					}
					f.Count = n
				}
				return nil
			})
			*fs = append(*fs, f)
			return err
		})
	}
	return fmt.Errorf("figures: unexpected BSON type %#x", typ)
}

const (
	bsonDouble    = 0x01
	bsonString    = 0x02
	bsonDocument  = 0x03
	bsonArray     = 0x04
	bsonUndefined = 0x06
	bsonNull      = 0x0A
	bsonInt32     = 0x10
	bsonInt64     = 0x12
)

// eachElement calls fn for each element of a BSON document or array.
func eachElement(doc []byte, fn func(typ byte, name string, value []byte) error) error {
	if len(doc) < 5 || int(binary.LittleEndian.Uint32(doc)) != len(doc) {
		return errors.New("figures: malformed BSON document")
	}
	rest := doc[4 : len(doc)-1]
	for len(rest) > 0 {
		typ := rest[0]
		end := 1
		for end < len(rest) && rest[end] != 0 {
			end++
		}
		if end == len(rest) {
			return errors.New("figures: unterminated element name")
		}
		name, body := string(rest[1:end]), rest[end+1:]
		size, err := valueSize(typ, body)
		if err != nil {
			return err
		}
		if err := fn(typ, name, body[:size]); err != nil {
			return err
		}
		rest = body[size:]
	}
	return nil
}

// valueSize is the length of a value of the types figures may hold or
// that an element might carry beside them.
func valueSize(typ byte, b []byte) (int, error) {
	n := -1
	switch typ {
	case bsonDouble, bsonInt64, 0x09, 0x11: // double, int64, datetime, timestamp
		n = 8
	case bsonInt32:
		n = 4
	case 0x08: // boolean
		n = 1
	case bsonNull, bsonUndefined:
		n = 0
	case 0x07: // object id
		n = 12
	case bsonString, bsonDocument, bsonArray:
		if len(b) >= 4 {
			n = int(binary.LittleEndian.Uint32(b))
			if typ == bsonString {
				n += 4
			}
		}
	}
	if n < 0 || n > len(b) {
		return 0, fmt.Errorf("figures: unreadable BSON value of type %#x", typ)
	}
	return n, nil
}

func bsonNumber(typ byte, v []byte) (int, bool) {
	switch typ {
	case bsonInt32:
		return int(int32(binary.LittleEndian.Uint32(v))), true
	case bsonInt64:
		return int(int64(binary.LittleEndian.Uint64(v))), true
	case bsonDouble:
		return int(math.Round(math.Float64frombits(binary.LittleEndian.Uint64(v)))), true
	}
	return 0, false
}

func bsonText(typ byte, v []byte) (string, bool) {
	if typ != bsonString || len(v) < 5 {
		return "", false
	}
	return string(v[4 : len(v)-1]), true
}

// UnmarshalJSON reads figures as the API writes them, a list of
// {"measure","count","of"}, and as earlier clients sent them, an object of
// counts by name ({"rescued": 12}).
func (fs *Figures) UnmarshalJSON(b []byte) error {
	var list []Figure
	if err := json.Unmarshal(b, &list); err == nil {
		*fs = list
		return nil
	}
	var counts map[string]int
	if err := json.Unmarshal(b, &counts); err != nil {
		return fmt.Errorf("figures: a list of {measure, count, of}, or counts by name: %w", err)
	}
	names := make([]string, 0, len(counts))
	for k := range counts {
		names = append(names, k)
	}
	sort.Strings(names)
	*fs = Figures{}
	for _, k := range names {
		*fs = append(*fs, Figure{Measure: k, Count: counts[k]})
	}
	return nil
}
