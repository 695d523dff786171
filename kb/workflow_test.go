package kb

import (
	"errors"
	"testing"
)

func TestTransition(t *testing.T) {
	officer := Actor{UserID: "o1", Role: RoleOfficer}
	other := Actor{UserID: "o2", Role: RoleOfficer}
	reviewer := Actor{UserID: "r1", Role: RoleReviewer}
	admin := Actor{UserID: "a1", Role: RoleAdmin}
	reviewerOwner := Actor{UserID: "o1", Role: RoleReviewer} // wrote it, now reviews
	tests := []struct {
		from   Status
		action Action
		actor  Actor
		reason string
		want   Status
		err    error
	}{
		{StatusDraft, ActionEdit, officer, "", StatusDraft, nil},
		{StatusDraft, ActionSubmit, officer, "", StatusSubmitted, nil},
		{StatusChangesRequested, ActionSubmit, officer, "", StatusSubmitted, nil},
		{StatusDraft, ActionSubmit, other, "", StatusDraft, ErrForbidden},
		{StatusSubmitted, ActionEdit, officer, "", StatusSubmitted, ErrConflict},
		{StatusApproved, ActionSubmit, officer, "", StatusApproved, ErrConflict},
		{StatusSubmitted, ActionClaim, reviewer, "", StatusInReview, nil},
		{StatusInReview, ActionClaim, reviewer, "", StatusInReview, ErrConflict},
		{StatusSubmitted, ActionClaim, officer, "", StatusSubmitted, ErrForbidden},
		{StatusInReview, ActionApprove, reviewer, "", StatusApproved, nil},
		{StatusSubmitted, ActionApprove, admin, "", StatusApproved, nil},
		{StatusInReview, ActionApprove, officer, "", StatusInReview, ErrForbidden},
		{StatusInReview, ActionApprove, reviewerOwner, "", StatusInReview, ErrForbidden},
		{StatusInReview, ActionRequestChanges, reviewer, "Add the FIR numbers.", StatusChangesRequested, nil},
		{StatusInReview, ActionReject, reviewer, "Not a practice.", StatusRejected, nil},
		{StatusDraft, ActionApprove, reviewer, "", StatusDraft, ErrConflict},
		{StatusApproved, ActionReject, reviewer, "late", StatusApproved, ErrConflict},
		{StatusRejected, ActionApprove, reviewer, "", StatusRejected, ErrConflict},
		{StatusSubmitted, ActionWithdraw, officer, "", StatusWithdrawn, nil},
		{StatusInReview, ActionWithdraw, officer, "", StatusWithdrawn, nil},
		{StatusApproved, ActionWithdraw, officer, "", StatusApproved, ErrConflict},
		{StatusSubmitted, ActionWithdraw, reviewer, "", StatusSubmitted, ErrForbidden},
		{StatusSubmitted, Action("publish"), reviewer, "", StatusSubmitted, ErrBadRequest},
		{StatusSubmitted, ActionEditRoutes, reviewer, "", StatusSubmitted, nil},
		{StatusInReview, ActionEditRoutes, admin, "", StatusInReview, nil},
		{StatusInReview, ActionEditRoutes, officer, "", StatusInReview, ErrForbidden},
		{StatusInReview, ActionEditRoutes, reviewerOwner, "", StatusInReview, ErrForbidden},
		{StatusDraft, ActionEditRoutes, reviewer, "", StatusDraft, ErrConflict},
		{StatusApproved, ActionEditRoutes, reviewer, "", StatusApproved, ErrConflict},
	}
	for _, tt := range tests {
		t.Run(string(tt.from)+" "+string(tt.action)+" by "+tt.actor.UserID, func(t *testing.T) {
			got, err := Transition(tt.from, tt.action, tt.actor, "o1", tt.reason)
			if got != tt.want {
				t.Errorf("status %q, want %q", got, tt.want)
			}
			if tt.err == nil && err != nil || tt.err != nil && !errors.Is(err, tt.err) {
				t.Errorf("error %v, want %v", err, tt.err)
			}
		})
	}
}

func TestTransitionNeedsAReason(t *testing.T) {
	reviewer := Actor{UserID: "r1", Role: RoleReviewer}
	for _, a := range []Action{ActionRequestChanges, ActionReject} {
		_, err := Transition(StatusInReview, a, reviewer, "o1", "  ")
		var ve *ValidationError
		if !errors.As(err, &ve) || ve.Fields["reason"] == "" {
			t.Errorf("%s without a reason: %v, want a validation error on reason", a, err)
		}
	}
}
