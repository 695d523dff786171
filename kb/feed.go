package kb

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"
)

// A feed, and the pass that tells followers, look at what a search finds
// with the search itself, so that they count what it counts (every rare
// word matched) and never see a withdrawn practice (withdrawal takes it
// out of the index). A feed lists the newest MaxPageSize matches by year
// ordered by publication: a practice published today from an old
// compendium, behind a hundred newer ones, is not in the feed of a broad
// search. The followers' pass asks for what was added lately instead
// (Query.AddedSince), so a follower is told of it.

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
//
// The pass looks at the practices added in the last followWindow, every
// page of them: a practice from an old compendium, added today behind a
// hundred newer ones matching a broad follow, is told too.
func (l *Library) NotifyFollowers(ctx context.Context) error {
	follows, err := l.Store.AllFollows(ctx)
	if err != nil {
		return err
	}
	since := l.Now().UTC().Add(-followWindow).Format(time.DateOnly)
	for _, f := range follows {
		if err := l.notify(ctx, f, since); err != nil {
			return fmt.Errorf("follow %s: %w", f.ID, err)
		}
	}
	return nil
}

// followWindow is how far back a pass looks: passes run every minute,
// and notices are told once, so two days cover a server that was down.
const followWindow = 48 * time.Hour

// notify tells a follower of the practices added since day that match.
func (l *Library) notify(ctx context.Context, f Follow, since string) error {
	q := f.Query
	q.AddedSince, q.Sort, q.Size = since, SortNewest, MaxPageSize
	for q.Page = 1; ; q.Page++ {
		res, err := l.Service.Search(ctx, q)
		if err != nil {
			return err
		}
		for _, h := range res.Hits {
			p := h.Practice
			if h.Partial || !p.CreatedAt.After(f.CreatedAt) {
				continue // not counted by the search, or there before the follow
			}
			n := Notice{ID: "follow:" + f.ID + ":" + p.ID, UserID: f.UserID, PracticeID: p.ID, Title: p.Title, Status: NoticeFollowed,
				Text: fmt.Sprintf("A new practice matches “%s”: %s", f.Label, p.Title), At: l.Now().UTC()}
			if err := l.Store.AddNotice(ctx, n); err != nil {
				return err
			}
		}
		if q.Page*q.Size >= res.Total || q.Page*q.Size >= 10000 {
			return nil
		}
	}
}
