package kb

import (
	"cmp"
	"context"
	"fmt"
	"slices"
)

// A feed, and the pass that tells followers, look at what a search finds
// with the search itself, so that they count what it counts (every rare
// word matched) and never see a withdrawn practice (withdrawal takes it
// out of the index). They look at the newest MaxPageSize matches by year
// and order those by publication: a practice published today from an old
// compendium, behind a hundred newer ones matching the same search, is
// not seen. A follow is meant to be narrow (a theme, a state); the
// cheaper-to-miss case is the broad one.

// NoticeFollowed is the status of a notice that a new practice matches a
// search the user follows.
const NoticeFollowed Status = "followed"

// Latest returns the practices q finds, the latest published first, at
// most n.
func (s *Service) Latest(ctx context.Context, q Query, n int) ([]Practice, error) {
	q.Page, q.Size, q.Sort = 1, MaxPageSize, SortNewest
	res, err := s.Search(ctx, q)
	if err != nil {
		return nil, err
	}
	ps := make([]Practice, 0, len(res.Hits))
	for _, h := range res.Hits {
		if !h.Partial { // not counted by the search: some words missing
			ps = append(ps, h.Practice)
		}
	}
	slices.SortStableFunc(ps, func(a, b Practice) int {
		return cmp.Or(b.CreatedAt.Compare(a.CreatedAt), cmp.Compare(a.ID, b.ID))
	})
	return ps[:min(n, len(ps))], nil
}

// NotifyFollowers gives each follower a notice for every practice
// published after they followed a search that finds it. A notice's id
// names the follow and the practice, so a practice is told once however
// often the pass runs, on however many nodes; a correction (a new version
// of the same practice) is not news.
func (l *Library) NotifyFollowers(ctx context.Context) error {
	follows, err := l.Store.AllFollows(ctx)
	if err != nil {
		return err
	}
	for _, f := range follows {
		ps, err := l.Service.Latest(ctx, f.Query, MaxPageSize)
		if err != nil {
			return fmt.Errorf("follow %s: %w", f.ID, err)
		}
		for _, p := range ps {
			if !p.CreatedAt.After(f.CreatedAt) {
				break // latest first: the rest are older still
			}
			n := Notice{ID: "follow:" + f.ID + ":" + p.ID, UserID: f.UserID, PracticeID: p.ID, Title: p.Title, Status: NoticeFollowed,
				Text: fmt.Sprintf("A new practice matches “%s”: %s", f.Label, p.Title), At: l.Now().UTC()}
			if err := l.Store.AddNotice(ctx, n); err != nil {
				return err
			}
		}
	}
	return nil
}
