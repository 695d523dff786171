// Package samples carries the sample compendia inside the binary, so that
// serve on an empty knowledge base can import them from any folder.
// Rebuild them with: go run ./samples/gen
package samples

import "embed"

// FS holds the sample PDFs and, beside each, the JSON list of its case
// studies that the tests score extraction against.
//
//go:embed *.pdf *.json
var FS embed.FS
