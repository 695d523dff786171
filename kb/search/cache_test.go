package search

import (
	"reflect"
	"testing"

	"github.com/compendium-kb/compendium/kb"
)

// TestCacheKeyCoversEveryField: two queries that differ in any one
// field never share a cached answer, whatever fields kb.Query gains.
func TestCacheKeyCoversEveryField(t *testing.T) {
	base := cacheKey(kb.Query{})
	typ := reflect.TypeOf(kb.Query{})
	for i := range typ.NumField() {
		var q kb.Query
		f := reflect.ValueOf(&q).Elem().Field(i)
		switch f.Kind() {
		case reflect.String:
			f.SetString("x")
		case reflect.Int:
			f.SetInt(2)
		case reflect.Slice:
			f.Set(reflect.ValueOf([]string{"x"}))
		default:
			t.Fatalf("kb.Query.%s is a %s: teach this test to set it", typ.Field(i).Name, f.Kind())
		}
		if cacheKey(q) == base {
			t.Errorf("a query differing in %s has the same cache key", typ.Field(i).Name)
		}
	}
}
