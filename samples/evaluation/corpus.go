// Package evaluation builds the corpus that search relevance is judged
// on and reads the judged query files, for `compendium bench relevance`
// and the relevance tests alike, so that both measure the same thing.
package evaluation

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/compendium-kb/compendium/indexer"
	"github.com/compendium-kb/compendium/kb"
	"github.com/compendium-kb/compendium/samples"
	"github.com/compendium-kb/compendium/samples/gen/layouts"
)

// Files are the judged query files in samples, in the order reports list
// them: the samples' own queries, the Hindi samples', and the officers'.
var Files = []string{"queries.json", "queries-hi.json", "queries-officers.json"}

// Load puts the evaluation corpus into an empty knowledge base: the
// sample compendia imported from their PDFs (every case published), the
// Hindi sample practices, and the layout corpus's practices, whose PDFs
// need tools too heavy for a bench, put in from their texts.
func Load(ctx context.Context, svc *kb.Service) error {
	names, err := fs.Glob(samples.FS, "*.pdf")
	if err != nil {
		return err
	}
	for _, name := range names {
		data, err := fs.ReadFile(samples.FS, name)
		if err != nil {
			return err
		}
		if _, err := svc.ImportWith(ctx, name, data, kb.ImportOptions{PublishAll: true}); err != nil {
			return fmt.Errorf("importing %s: %w", name, err)
		}
	}
	doc, ps, err := samples.Hindi()
	if err != nil {
		return err
	}
	if err := svc.SavePractices(ctx, doc, nil, ps); err != nil {
		return err
	}
	doc, ps = layoutPractices(time.Now().UTC())
	return svc.SavePractices(ctx, doc, nil, ps)
}

// layoutPractices are the layout corpus's practices as an import would
// publish them: fields read from the text the way a submission's are,
// the state and district the layout prints.
func layoutPractices(now time.Time) (kb.Document, []kb.Practice) {
	doc := kb.Document{ID: "layout-corpus", Title: "Layout corpus", File: "layout-corpus.pdf", ImportedAt: now}
	var out []kb.Practice
	for i, lp := range layouts.Practices() {
		f := indexer.ReadFieldsFromText(lp.Title, lp.Text)
		problem, _, _ := strings.Cut(lp.Text, "\n\n")
		// Ids and slugs from the title keep Latin letters only: Hindi and
		// Bengali titles would all become "1" or "".
		id, slug := fmt.Sprintf("layout-%s-%02d", lp.Lang, i+1), kb.Slugify(lp.Title, 80)
		if lp.Lang != "en" {
			slug = id
		}
		out = append(out, kb.Practice{
			ID: id, Slug: slug, Title: lp.Title,
			Summary: problem, Text: lp.Text, States: []string{lp.State}, Districts: []string{lp.District},
			Countries: f.Countries, Source: f.Source, Destination: f.Destination, Years: lp.Years,
			Themes: append([]string{}, f.Themes...), Exploitation: f.Exploitation, Laws: f.Laws, Agencies: f.Agencies,
			Figures: kb.FiguresFrom(f.Figures), Routes: kb.ProposeRoutes(lp.Text),
			Provenance: kb.Provenance{DocumentID: doc.ID, DocumentTitle: doc.Title, File: doc.File},
			Version:    1, CreatedAt: now, UpdatedAt: now,
		})
	}
	return doc, out
}

// Judged reads the judged queries of one of Files.
func Judged(file string) ([]kb.JudgedQuery, error) {
	data, err := samples.FS.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var judged struct {
		Queries []kb.JudgedQuery `json:"queries"`
	}
	if err := json.Unmarshal(data, &judged); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return judged.Queries, nil
}
