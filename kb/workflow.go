package kb

import (
	"fmt"
	"strings"
)

// Role says what a user may do.
type Role string

// The roles.
const (
	RoleOfficer  Role = "officer"  // submits practices, builds packs
	RoleTrainer  Role = "trainer"  // builds packs, shared with the other trainers
	RoleAnalyst  Role = "analyst"  // reads statistics, exports and search analytics
	RoleReviewer Role = "reviewer" // decides on submissions
	RoleAdmin    Role = "admin"    // manages accounts and imports; may review
)

// Roles lists every role, in the order forms offer them.
var Roles = []Role{RoleOfficer, RoleTrainer, RoleAnalyst, RoleReviewer, RoleAdmin}

// ParseRole reads a role name.
func ParseRole(s string) (Role, error) {
	r := Role(strings.ToLower(strings.TrimSpace(s)))
	for _, known := range Roles {
		if r == known {
			return r, nil
		}
	}
	return "", fmt.Errorf("%w: role must be officer, trainer, analyst, reviewer or admin", ErrBadRequest)
}

// Submits reports whether the role writes practices for review (the
// review roles may too). Trainers and analysts read; they do not submit.
func (r Role) Submits() bool { return r == RoleOfficer || r.CanReview() }

// BuildsPacks reports whether the role keeps training packs: everyone
// who did before the trainer role, and trainers; not analysts.
func (r Role) BuildsPacks() bool { return r != RoleAnalyst }

// CanReview reports whether the role decides on submissions.
func (r Role) CanReview() bool { return r == RoleReviewer || r == RoleAdmin }

// Status is where a submission stands in review.
type Status string

// The states of a submission.
const (
	StatusDraft            Status = "draft"
	StatusSubmitted        Status = "submitted"
	StatusInReview         Status = "in_review"
	StatusChangesRequested Status = "changes_requested"
	StatusApproved         Status = "approved" // published
	StatusRejected         Status = "rejected"
	StatusWithdrawn        Status = "withdrawn"
)

// Label is the status in plain words.
func (s Status) Label() string {
	switch s {
	case StatusInReview:
		return "in review"
	case StatusChangesRequested:
		return "changes requested"
	case StatusApproved:
		return "approved (published)"
	}
	return string(s)
}

// Action is something a user does to a submission.
type Action string

// The actions on a submission.
const (
	ActionCreate         Action = "create"
	ActionEdit           Action = "edit"
	ActionSubmit         Action = "submit"
	ActionClaim          Action = "claim"
	ActionApprove        Action = "approve"
	ActionRequestChanges Action = "request_changes"
	ActionReject         Action = "reject"
	ActionWithdraw       Action = "withdraw"
	ActionEditRoutes     Action = "edit_routes" // a reviewer confirms or corrects the routes
)

// Actor is who acts: the user's id and role.
type Actor struct {
	UserID string
	Name   string
	Role   Role
}

// Transition is the review workflow as a pure function: from a status, an
// action by an actor on a submission owned by owner, with a reason, to the
// next status, or an error saying why not. ErrForbidden: the actor may not
// do this; ErrConflict: not from this status; a ValidationError: a reason
// is missing.
func Transition(from Status, a Action, actor Actor, owner, reason string) (Status, error) {
	isOwner := actor.UserID != "" && actor.UserID == owner
	conflict := func() (Status, error) {
		return from, fmt.Errorf("%w: this submission is %s, so it cannot be %s now", ErrConflict, from.Label(), pastTense(a))
	}
	switch a {
	case ActionEdit, ActionSubmit:
		if !isOwner {
			return from, fmt.Errorf("%w: only the officer who wrote a submission may %s it", ErrForbidden, a)
		}
		if from != StatusDraft && from != StatusChangesRequested {
			return conflict()
		}
		if a == ActionEdit {
			return from, nil
		}
		return StatusSubmitted, nil
	case ActionWithdraw:
		if !isOwner {
			return from, fmt.Errorf("%w: only the officer who wrote a submission may withdraw it", ErrForbidden)
		}
		switch from {
		case StatusDraft, StatusSubmitted, StatusInReview, StatusChangesRequested:
			return StatusWithdrawn, nil
		}
		return conflict()
	case ActionClaim, ActionApprove, ActionRequestChanges, ActionReject, ActionEditRoutes:
		if !actor.Role.CanReview() {
			return from, fmt.Errorf("%w: only reviewers decide on submissions", ErrForbidden)
		}
		if isOwner {
			return from, fmt.Errorf("%w: a reviewer cannot review their own submission", ErrForbidden)
		}
		if a == ActionClaim {
			if from != StatusSubmitted {
				return conflict()
			}
			return StatusInReview, nil
		}
		if from != StatusSubmitted && from != StatusInReview {
			return conflict()
		}
		if a == ActionEditRoutes {
			return from, nil
		}
		if (a == ActionRequestChanges || a == ActionReject) && strings.TrimSpace(reason) == "" {
			return from, &ValidationError{Fields: map[string]string{"reason": "Say why, so that the officer can act on it."}}
		}
		switch a {
		case ActionApprove:
			return StatusApproved, nil
		case ActionRequestChanges:
			return StatusChangesRequested, nil
		}
		return StatusRejected, nil
	}
	return from, fmt.Errorf("%w: unknown action %q", ErrBadRequest, a)
}

func pastTense(a Action) string {
	switch a {
	case ActionEdit:
		return "edited"
	case ActionSubmit:
		return "submitted"
	case ActionClaim:
		return "claimed for review"
	case ActionApprove:
		return "approved"
	case ActionRequestChanges:
		return "sent back for changes"
	case ActionReject:
		return "rejected"
	case ActionWithdraw:
		return "withdrawn"
	case ActionEditRoutes:
		return "given routes"
	}
	return string(a)
}

// Done is the action in plain words, as a history says who did what:
// "Asha Rao (reviewer) asked for changes".
func (a Action) Done() string {
	switch a {
	case ActionCreate:
		return "started a draft"
	case ActionEdit:
		return "edited it"
	case ActionSubmit:
		return "submitted it for review"
	case ActionClaim:
		return "claimed it for review"
	case ActionApprove:
		return "approved and published it"
	case ActionRequestChanges:
		return "asked for changes"
	case ActionReject:
		return "rejected it"
	case ActionWithdraw:
		return "withdrew it"
	case ActionEditRoutes:
		return "edited the routes"
	}
	return string(a)
}

// Notice is what the submitter is told when their submission reaches a
// status: "Your submission … was approved and published."
func (s Status) Notice() string {
	switch s {
	case StatusSubmitted:
		return "was submitted for review"
	case StatusInReview:
		return "is being reviewed"
	case StatusChangesRequested:
		return "needs changes: the reviewer asked for changes"
	case StatusApproved:
		return "was approved and published"
	case StatusRejected:
		return "was rejected"
	case StatusWithdrawn:
		return "was withdrawn"
	}
	return "is now " + s.Label()
}
