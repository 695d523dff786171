package main

import (
	"context"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/compendium-kb/compendium/indexer"
	"github.com/compendium-kb/compendium/kb"
	"github.com/compendium-kb/compendium/samples"
)

// corpusModel is what the samples teach about practices: a word chain for
// titles and text, their lengths, and how states, themes and years are
// spread. Synthetic practices drawn from it look like real ones to the
// index: the same vocabulary, lengths and facet spreads.
type corpusModel struct {
	next         map[string][]string // bigram chain; "" starts a sentence
	titleStarts  []string
	titleNext    map[string][]string
	titleLens    []int
	textLens     []int // in words
	states       [][]string
	themes       [][]string
	exploitation [][]string
	years        [][]int
	sections     []string
	routes       [][]kb.Route
}

func learnCorpus() (*corpusModel, error) {
	m := &corpusModel{next: map[string][]string{}, titleNext: map[string][]string{}}
	names, err := fs.Glob(samples.FS, "*.pdf")
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		data, err := fs.ReadFile(samples.FS, name)
		if err != nil {
			return nil, err
		}
		doc, err := indexer.Extract(name, data, indexer.DefaultLimits)
		if err != nil {
			return nil, err
		}
		for _, cs := range doc.Practices {
			tw := strings.Fields(cs.Title)
			m.titleLens = append(m.titleLens, len(tw))
			m.titleStarts = append(m.titleStarts, tw[0])
			for i := 1; i < len(tw); i++ {
				m.titleNext[tw[i-1]] = append(m.titleNext[tw[i-1]], tw[i])
			}
			words := strings.Fields(cs.Text)
			m.textLens = append(m.textLens, len(words))
			prev := ""
			for _, w := range words {
				m.next[prev] = append(m.next[prev], w)
				prev = w
				if strings.HasSuffix(w, ".") {
					prev = ""
				}
			}
			m.states = append(m.states, cs.States)
			m.themes = append(m.themes, cs.Themes)
			m.exploitation = append(m.exploitation, cs.Exploitation)
			m.years = append(m.years, cs.Years)
			m.sections = append(m.sections, cs.Section)
			m.routes = append(m.routes, kb.ProposeRoutes(cs.Text))
		}
	}
	if len(m.titleLens) == 0 {
		return nil, fmt.Errorf("the samples hold no case studies to learn from")
	}
	m.titleNext[""] = m.titleStarts
	return m, nil
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// chain walks the bigram chain for n words.
func chain(r *rand.Rand, next map[string][]string, start string, n int) string {
	words := make([]string, 0, n)
	w := start
	for len(words) < n {
		if w == "" || len(next[w]) == 0 {
			w = pick(r, next[""])
		}
		words = append(words, w)
		if strings.HasSuffix(w, ".") {
			if len(words)%9 == 0 {
				words[len(words)-1] += "\n\n" // paragraphs, as imported text has
			}
			w = ""
			continue
		}
		w = pick(r, next[w])
	}
	return strings.Join(words, " ")
}

// practice draws the i-th synthetic practice; the same seed gives the
// same corpus.
func (m *corpusModel) practice(r *rand.Rand, i int, doc kb.Document, now time.Time) kb.Practice {
	k := r.IntN(len(m.titleLens))
	tn := m.titleLens[k]
	title := strings.TrimSuffix(chain(r, m.titleNext, pick(r, m.titleStarts), tn), ".")
	text := chain(r, m.next, "", max(40, m.textLens[r.IntN(len(m.textLens))]+r.IntN(80)-40))
	years := m.years[r.IntN(len(m.years))]
	if len(years) > 0 {
		shift := r.IntN(15) - 7
		ys := make([]int, len(years))
		for j, y := range years {
			ys[j] = y + shift
		}
		years = ys
	}
	id := fmt.Sprintf("s%07d", i)
	page := 1 + (i%500)*2
	var figures map[string]int
	if r.IntN(5) < 2 { // most practices report no figures
		figures = map[string]int{}
		for _, ms := range kb.Measures {
			if r.IntN(2) == 0 {
				figures[ms.Name] = r.IntN(200)
			}
		}
	}
	return kb.Practice{
		ID: id, Slug: kb.Slugify(title, 80), Title: title, Section: m.sections[r.IntN(len(m.sections))],
		Summary: firstWords(text, 45), Text: text,
		States: m.states[r.IntN(len(m.states))], Themes: m.themes[r.IntN(len(m.themes))],
		Exploitation: m.exploitation[r.IntN(len(m.exploitation))], Years: years,
		Provenance: kb.Provenance{DocumentID: doc.ID, DocumentTitle: doc.Title, File: doc.File, SHA256: doc.SHA256, PageStart: page, PageEnd: page + r.IntN(2)},
		CreatedAt:  now, UpdatedAt: now, Routes: m.routes[r.IntN(len(m.routes))],
	}.WithFigureCounts(figures)
}

func firstWords(s string, n int) string {
	w := strings.Fields(s)
	if len(w) > n {
		w = w[:n]
	}
	return strings.Join(w, " ")
}

// generate makes n practices spread over documents of docSize each and
// hands each document's batch to save.
func (m *corpusModel) generate(ctx context.Context, n, docSize int, seed uint64, save func(kb.Document, []kb.Practice) error) error {
	r := rand.New(rand.NewPCG(seed, 7))
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for start, d := 0, 0; start < n; start, d = start+docSize, d+1 {
		if err := ctx.Err(); err != nil {
			return err
		}
		doc := kb.Document{ID: fmt.Sprintf("synthetic-%04d", d), Title: fmt.Sprintf("Synthetic compendium %d", d+1),
			File: fmt.Sprintf("synthetic-%04d.pdf", d), SHA256: fmt.Sprintf("%064x", d+1), Pages: 1000, ImportedAt: now}
		batch := make([]kb.Practice, 0, docSize)
		for i := start; i < min(start+docSize, n); i++ {
			batch = append(batch, m.practice(r, i, doc, now))
		}
		if err := save(doc, batch); err != nil {
			return err
		}
	}
	return nil
}

// queries draws n distinct queries as officers type them: one to three
// words that follow each other in the samples, some quoted, some with a
// letter dropped, some narrowed to a state. No two are the same, so no
// search is answered from the result cache.
func (m *corpusModel) queries(n int, seed uint64) []kb.Query {
	r := rand.New(rand.NewPCG(seed, 11))
	seen := map[string]bool{}
	var out []kb.Query
	for tries := 0; len(out) < n && tries < 100*n; tries++ {
		w := pick(r, m.next[""])
		words := []string{}
		for len(words) < 1+r.IntN(3) {
			if t := strings.ToLower(strings.Trim(w, `.,;:()"'“”‘’`)); len(t) > 2 {
				words = append(words, t)
			}
			if len(m.next[w]) == 0 {
				break
			}
			w = pick(r, m.next[w])
		}
		if len(words) == 0 {
			continue
		}
		q := kb.Query{Text: strings.Join(words, " ")}
		switch k := r.IntN(10); {
		case k == 0 && len(words) > 1:
			q.Text = `"` + q.Text + `"`
		case k == 1 && len(words[0]) > 5:
			i := 1 + r.IntN(len(words[0])-2)
			q.Text = words[0][:i] + words[0][i+1:] + strings.TrimPrefix(q.Text, words[0])
		case k < 4:
			if states := m.states[r.IntN(len(m.states))]; len(states) > 0 {
				q.States = states[:1]
			}
		}
		key := q.Text + "|" + strings.Join(q.States, ",")
		if !seen[key] {
			seen[key] = true
			out = append(out, q)
		}
	}
	return out
}
