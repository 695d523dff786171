package kb

import (
	"context"
	"errors"
	"fmt"
	"slices"
)

// Routes are the routes the practice records when published: those a
// reviewer confirmed or corrected, or else those the submitter listed,
// or else those its text describes.
func (s Submission) Routes() []Route {
	if s.RoutesReviewed {
		return s.ReviewedRoutes
	}
	return s.Fields.routes(SubmissionText(s.Fields))
}

// EditRoutes records the routes as a reviewer confirms or corrects them
// during review; rev, when not 0, is the revision the reviewer saw. The
// trail says what changed, in words; the same routes again are recorded
// as confirmed. Like a decision, it is one insert of the next revision,
// so of two reviewers acting at once one wins and the other gets
// ErrConflict.
func (r *Reviews) EditRoutes(ctx context.Context, u User, id string, rev int, routes []Route) (Submission, error) {
	s, err := r.Get(ctx, u, id)
	if err != nil {
		return Submission{}, err
	}
	if rev != 0 && rev != s.Rev {
		return Submission{}, fmt.Errorf("%w: the submission changed since you opened it; reload it", ErrConflict)
	}
	if _, err := Transition(s.Status, ActionEditRoutes, u.Actor(), s.OwnerID, ""); err != nil {
		return Submission{}, err
	}
	routes = canonicalRoutes(routes)
	if msg := checkRoutes(routes); msg != "" {
		return Submission{}, &ValidationError{Fields: map[string]string{"routes": msg}}
	}
	before := s.Routes()
	s.ReviewedRoutes, s.RoutesReviewed = routes, true
	entry := r.auditEntry(Submission{ID: s.ID, Rev: s.Rev + 1}, u.Actor(), ActionEditRoutes, s.Status, s.Status, "")
	if !slices.EqualFunc(before, routes, sameRoute) {
		entry.Changes = []Change{{Field: "routes", From: RoutesText(before), To: RoutesText(routes)}}
	}
	if err := r.save(ctx, &s, SubmissionChange{Audit: &entry}); err != nil {
		if errors.Is(err, ErrConflict) {
			return Submission{}, fmt.Errorf("%w: someone else acted on this submission at the same moment; reload it to see what changed", ErrConflict)
		}
		return Submission{}, err
	}
	return s, nil
}

func sameRoute(a, b Route) bool {
	return a.Source == b.Source && a.Destination == b.Destination && slices.Equal(a.Transit, b.Transit)
}
