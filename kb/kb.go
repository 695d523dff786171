// Package kb is the domain of the knowledge base: practices, the source
// documents they come from, and the services that import, find and show
// them. It declares the small interfaces it consumes; storage lives in
// kb/mongodb and the full-text index in kb/search.
package kb

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Sentinel errors, mapped to HTTP status codes in one place in ui.
var (
	ErrNotFound   = errors.New("not found")
	ErrConflict   = errors.New("conflict")
	ErrForbidden  = errors.New("forbidden")
	ErrBadRequest = errors.New("bad request")
	ErrBusy       = errors.New("data folder in use")
)

// ValidationError lists problems by field, in words a user can act on.
type ValidationError struct {
	Fields map[string]string
}

func (e *ValidationError) Error() string {
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s: %s", k, e.Fields[k])
	}
	return "invalid input: " + strings.Join(parts, "; ")
}
