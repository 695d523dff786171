package kb

import (
	"context"
	"errors"
	"fmt"
	mrand "math/rand/v2"
	"strings"
	"sync"
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
	Rev        int        `json:"rev" bson:"rev"` // bumped by every change; see PackStore.UpdatePack
	ShareToken string     `json:"-" bson:"share_token"`
	// Team marks a trainer's pack, which the other trainers open and
	// change too: trainers of one academy prepare sessions together.
	Team      bool      `json:"team,omitempty" bson:"team,omitempty"`
	CreatedAt time.Time `json:"created_at" bson:"created_at"`
	UpdatedAt time.Time `json:"updated_at" bson:"updated_at"`
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
	// PacksOf returns a page of a user's packs, latest change first,
	// without their introductions and notes.
	PacksOf(ctx context.Context, ownerID string, page ListPage) ([]Pack, error)
	// TeamPacks returns a page of the packs shared with every trainer,
	// latest change first, as PacksOf does.
	TeamPacks(ctx context.Context, page ListPage) ([]Pack, error)
	// UpdatePack stores p as revision p.Rev, which must be the stored
	// revision plus one; of two writers of the same revision one wins and
	// the other gets ErrConflict, also across processes.
	UpdatePack(ctx context.Context, p Pack) error
}

// Packs manages training packs.
type Packs struct {
	Store   PackStore
	Service *Service
	Now     func() time.Time
	editing sync.Map // pack id -> *sync.Mutex: one change at a time per pack in this process
}

func checkPack(title, intro string) error {
	fields := map[string]string{}
	if t := strings.TrimSpace(title); t == "" || len(t) > MaxTitleLength {
		fields["title"] = fmt.Sprintf("Give the pack a title of up to %d characters.", MaxTitleLength)
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
		Items: []PackItem{}, ShareToken: RandomToken()[:24], Team: u.Role == RoleTrainer, CreatedAt: now, UpdatedAt: now}
	return p, ps.Store.CreatePack(ctx, p)
}

// List returns a user's packs, the latest changed first (a page of
// MaxListSize: more than anyone keeps).
func (ps *Packs) List(ctx context.Context, u User) ([]Pack, error) {
	return ps.Store.PacksOf(ctx, u.ID, ListPage{Size: MaxListSize})
}

// Team returns the packs other trainers share with u, a trainer; none
// for the other roles.
func (ps *Packs) Team(ctx context.Context, u User) ([]Pack, error) {
	if u.Role != RoleTrainer {
		return nil, nil
	}
	all, err := ps.Store.TeamPacks(ctx, ListPage{Size: MaxListSize})
	others := all[:0]
	for _, p := range all {
		if p.OwnerID != u.ID {
			others = append(others, p)
		}
	}
	return others, err
}

// Get returns a pack to its owner, or a team pack to any trainer.
func (ps *Packs) Get(ctx context.Context, u User, id string) (Pack, error) {
	p, err := ps.Store.Pack(ctx, id)
	if err != nil {
		return Pack{}, err
	}
	if p.OwnerID != u.ID && !(p.Team && u.Role == RoleTrainer) {
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

// ShortTokenLength is how much of a pack's share token its short link
// carries: 12 of its random base64 characters, 72 bits, beside the pack's
// id; the full link carries all 24.
const ShortTokenLength = 12

// SharedShort returns a pack to anyone with its short link.
func (ps *Packs) SharedShort(ctx context.Context, id, short string) (Pack, error) {
	p, err := ps.Store.Pack(ctx, id)
	if err != nil || len(p.ShareToken) < ShortTokenLength || !SameToken(short, p.ShareToken[:ShortTokenLength]) {
		return Pack{}, fmt.Errorf("pack %s: %w", id, ErrNotFound)
	}
	return p, nil
}

// Change applies an edit to a user's pack as a new revision. When
// another change took that revision first, the pack is read again and the
// edit applied to what it became, a few times (another process may
// change the pack too): 33 concurrent additions once kept 10, the last
// write winning.
func (ps *Packs) Change(ctx context.Context, u User, id string, edit func(*Pack) error) (Pack, error) {
	// Within a process, changes to one pack wait for each other; the
	// revision check is what holds between processes.
	m, _ := ps.editing.LoadOrStore(id, &sync.Mutex{})
	m.(*sync.Mutex).Lock()
	defer m.(*sync.Mutex).Unlock()
	const tries = 8
	for try := 1; ; try++ {
		p, err := ps.Get(ctx, u, id)
		if err != nil {
			return Pack{}, err
		}
		if err := edit(&p); err != nil {
			return Pack{}, err
		}
		p.Rev++
		p.UpdatedAt = ps.Now().UTC()
		err = ps.Store.UpdatePack(ctx, p)
		if !errors.Is(err, ErrConflict) || try == tries {
			return p, err
		}
		select { // let the other writer finish before reading again
		case <-time.After(time.Duration(try*(5+mrand.IntN(20))) * time.Millisecond):
		case <-ctx.Done():
			return Pack{}, ctx.Err()
		}
	}
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
		if len(p.Items) >= MaxPackItems {
			return &ValidationError{Fields: map[string]string{"items": fmt.Sprintf("A pack holds at most %d cases.", MaxPackItems)}}
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
		if len(note) > MaxNote {
			return &ValidationError{Fields: map[string]string{"note": fmt.Sprintf("Keep a note under %d characters.", MaxNote)}}
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
