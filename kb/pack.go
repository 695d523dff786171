package kb

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Pack is a trainer's set of cases for a session: a reading list with an
// introduction and a note per case, shareable read-only by link.
type Pack struct {
	ID         string     `json:"id" bson:"_id"`
	OwnerID    string     `json:"owner_id" bson:"owner_id"`
	Title      string     `json:"title" bson:"title"`
	Intro      string     `json:"intro" bson:"intro"`
	Items      []PackItem `json:"items" bson:"items"`
	ShareToken string     `json:"-" bson:"share_token"`
	CreatedAt  time.Time  `json:"created_at" bson:"created_at"`
	UpdatedAt  time.Time  `json:"updated_at" bson:"updated_at"`
}

// PackItem is a case in a pack, in the trainer's order.
type PackItem struct {
	PracticeID string `json:"practice_id" bson:"practice_id"`
	Note       string `json:"note" bson:"note"`
}

// PackStore keeps packs.
type PackStore interface {
	CreatePack(ctx context.Context, p Pack) error
	Pack(ctx context.Context, id string) (Pack, error)
	Packs(ctx context.Context) ([]Pack, error)
	UpdatePack(ctx context.Context, p Pack) error
}

// Packs manages training packs.
type Packs struct {
	Store   PackStore
	Service *Service
	Now     func() time.Time
}

const maxPackItems = 100

func checkPack(title, intro string) error {
	fields := map[string]string{}
	if t := strings.TrimSpace(title); t == "" || len(t) > 200 {
		fields["title"] = "Give the pack a title of up to 200 characters."
	}
	if len(intro) > maxField {
		fields["intro"] = fmt.Sprintf("Keep the introduction under %d characters.", maxField)
	}
	if len(fields) > 0 {
		return &ValidationError{Fields: fields}
	}
	return nil
}

// Create starts a pack.
func (ps *Packs) Create(ctx context.Context, u User, title, intro string) (Pack, error) {
	if err := checkPack(title, intro); err != nil {
		return Pack{}, err
	}
	now := ps.Now().UTC()
	p := Pack{ID: "p" + RandomToken()[:11], OwnerID: u.ID, Title: strings.TrimSpace(title), Intro: strings.TrimSpace(intro),
		Items: []PackItem{}, ShareToken: RandomToken()[:24], CreatedAt: now, UpdatedAt: now}
	return p, ps.Store.CreatePack(ctx, p)
}

// List returns a user's packs.
func (ps *Packs) List(ctx context.Context, u User) ([]Pack, error) {
	all, err := ps.Store.Packs(ctx)
	if err != nil {
		return nil, err
	}
	var out []Pack
	for _, p := range all {
		if p.OwnerID == u.ID {
			out = append(out, p)
		}
	}
	return out, nil
}

// Get returns a pack to its owner.
func (ps *Packs) Get(ctx context.Context, u User, id string) (Pack, error) {
	p, err := ps.Store.Pack(ctx, id)
	if err != nil {
		return Pack{}, err
	}
	if p.OwnerID != u.ID {
		return Pack{}, fmt.Errorf("pack %s: %w", id, ErrNotFound)
	}
	return p, nil
}

// Shared returns a pack to anyone with its share link.
func (ps *Packs) Shared(ctx context.Context, id, token string) (Pack, error) {
	p, err := ps.Store.Pack(ctx, id)
	if err != nil || !SameToken(token, p.ShareToken) {
		return Pack{}, fmt.Errorf("pack %s: %w", id, ErrNotFound)
	}
	return p, nil
}

// Change applies an edit to a user's pack.
func (ps *Packs) Change(ctx context.Context, u User, id string, edit func(*Pack) error) (Pack, error) {
	p, err := ps.Get(ctx, u, id)
	if err != nil {
		return Pack{}, err
	}
	if err := edit(&p); err != nil {
		return Pack{}, err
	}
	p.UpdatedAt = ps.Now().UTC()
	return p, ps.Store.UpdatePack(ctx, p)
}

// Rename changes the title and introduction.
func Rename(title, intro string) func(*Pack) error {
	return func(p *Pack) error {
		if err := checkPack(title, intro); err != nil {
			return err
		}
		p.Title, p.Intro = strings.TrimSpace(title), strings.TrimSpace(intro)
		return nil
	}
}

// AddCase adds a practice at the end, once.
func (ps *Packs) AddCase(ctx context.Context, practiceID string) func(*Pack) error {
	return func(p *Pack) error {
		if _, err := ps.Service.Practice(ctx, practiceID); err != nil {
			return err
		}
		for _, it := range p.Items {
			if it.PracticeID == practiceID {
				return nil
			}
		}
		if len(p.Items) >= maxPackItems {
			return &ValidationError{Fields: map[string]string{"items": fmt.Sprintf("A pack holds at most %d cases.", maxPackItems)}}
		}
		p.Items = append(p.Items, PackItem{PracticeID: practiceID})
		return nil
	}
}

// RemoveCase takes a practice out.
func RemoveCase(practiceID string) func(*Pack) error {
	return func(p *Pack) error {
		i := p.index(practiceID)
		if i < 0 {
			return fmt.Errorf("case %s: %w", practiceID, ErrNotFound)
		}
		p.Items = append(p.Items[:i], p.Items[i+1:]...)
		return nil
	}
}

// MoveCase moves a practice up (delta -1) or down (+1).
func MoveCase(practiceID string, delta int) func(*Pack) error {
	return func(p *Pack) error {
		i := p.index(practiceID)
		if i < 0 {
			return fmt.Errorf("case %s: %w", practiceID, ErrNotFound)
		}
		j := i + delta
		if j < 0 || j >= len(p.Items) {
			return nil
		}
		p.Items[i], p.Items[j] = p.Items[j], p.Items[i]
		return nil
	}
}

// NoteCase sets the trainer's note on a case.
func NoteCase(practiceID, note string) func(*Pack) error {
	return func(p *Pack) error {
		i := p.index(practiceID)
		if i < 0 {
			return fmt.Errorf("case %s: %w", practiceID, ErrNotFound)
		}
		if len(note) > 5000 {
			return &ValidationError{Fields: map[string]string{"note": "Keep a note under 5,000 characters."}}
		}
		p.Items[i].Note = strings.TrimSpace(note)
		return nil
	}
}

func (p *Pack) index(practiceID string) int {
	for i, it := range p.Items {
		if it.PracticeID == practiceID {
			return i
		}
	}
	return -1
}

// PackCase is a case of a pack with its practice loaded.
type PackCase struct {
	PackItem
	Practice Practice
}

// Cases loads a pack's practices in order; a practice that no longer
// exists is left out.
func (ps *Packs) Cases(ctx context.Context, p Pack) ([]PackCase, error) {
	ids := make([]string, len(p.Items))
	for i, it := range p.Items {
		ids[i] = it.PracticeID
	}
	practices, err := ps.Service.Store.Practices(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := map[string]Practice{}
	for _, pr := range practices {
		byID[pr.ID] = pr
	}
	var out []PackCase
	for _, it := range p.Items {
		if pr, ok := byID[it.PracticeID]; ok {
			out = append(out, PackCase{PackItem: it, Practice: pr})
		}
	}
	return out, nil
}
