package kb

import (
	"errors"
	"testing"
)

func TestTransitionProposal(t *testing.T) {
	reviewer := Actor{UserID: "r1", Role: RoleReviewer}
	admin := Actor{UserID: "a1", Role: RoleAdmin}
	officer := Actor{UserID: "o1", Role: RoleOfficer}
	tests := []struct {
		from  ProposalStatus
		a     ProposalAction
		actor Actor
		want  ProposalStatus
		err   error
	}{
		{ProposalProposed, ProposalPublish, reviewer, ProposalPublished, nil},
		{ProposalProposed, ProposalPublish, admin, ProposalPublished, nil},
		{ProposalProposed, ProposalDrop, reviewer, ProposalDropped, nil},
		{ProposalProposed, ProposalEditAction, reviewer, ProposalProposed, nil},
		{ProposalProposed, ProposalMerge, reviewer, ProposalProposed, nil},
		{ProposalProposed, ProposalSplit, reviewer, ProposalProposed, nil},
		{ProposalProposed, ProposalPublish, officer, ProposalProposed, ErrForbidden},
		{ProposalPublished, ProposalPublish, reviewer, ProposalPublished, ErrConflict},
		{ProposalPublished, ProposalDrop, reviewer, ProposalPublished, ErrConflict},
		{ProposalDropped, ProposalPublish, reviewer, ProposalDropped, ErrConflict},
		{ProposalDropped, ProposalReopen, reviewer, ProposalProposed, nil},
		{ProposalProposed, ProposalReopen, reviewer, ProposalProposed, ErrConflict},
		{ProposalProposed, ProposalAction("approve"), reviewer, ProposalProposed, ErrBadRequest},
	}
	for _, tt := range tests {
		t.Run(string(tt.from)+" "+string(tt.a)+" by "+string(tt.actor.Role), func(t *testing.T) {
			got, err := TransitionProposal(tt.from, tt.a, tt.actor)
			if got != tt.want {
				t.Errorf("status %q, want %q", got, tt.want)
			}
			if tt.err == nil && err != nil || tt.err != nil && !errors.Is(err, tt.err) {
				t.Errorf("error %v, want %v", err, tt.err)
			}
		})
	}
}

func TestTransitionRecord(t *testing.T) {
	reviewer := Actor{UserID: "r1", Role: RoleReviewer}
	admin := Actor{UserID: "a1", Role: RoleAdmin}
	officer := Actor{UserID: "o1", Role: RoleOfficer}
	tests := []struct {
		from   RecordState
		a      RecordAction
		actor  Actor
		reason string
		want   RecordState
		err    error
	}{
		{RecordLive, RecordWithdraw, reviewer, "a table row, not a case", RecordWithdrawn, nil},
		{RecordLive, RecordWithdraw, officer, "x", RecordLive, ErrForbidden},
		{RecordWithdrawn, RecordWithdraw, reviewer, "again", RecordWithdrawn, ErrConflict},
		{RecordWithdrawn, RecordRestore, admin, "", RecordLive, nil},
		{RecordWithdrawn, RecordRestore, reviewer, "", RecordWithdrawn, ErrForbidden},
		{RecordLive, RecordRestore, admin, "", RecordLive, ErrConflict},
		{RecordLive, RecordCorrect, reviewer, "", RecordLive, nil},
		{RecordWithdrawn, RecordCorrect, reviewer, "", RecordWithdrawn, ErrConflict},
		{RecordLive, RecordEvidence, reviewer, "", RecordLive, nil},
		{RecordLive, RecordEvidence, officer, "", RecordLive, ErrForbidden},
		{RecordLive, RecordDelete, admin, "a victim's name", RecordDeleted, nil},
		{RecordWithdrawn, RecordDelete, admin, "a victim's name", RecordDeleted, nil},
		{RecordLive, RecordDelete, reviewer, "a victim's name", RecordLive, ErrForbidden},
		{RecordDeleted, RecordRestore, admin, "", RecordDeleted, ErrConflict},
		{RecordLive, RecordAction("publish"), admin, "", RecordLive, ErrBadRequest},
	}
	for _, tt := range tests {
		t.Run(string(tt.from)+" "+string(tt.a)+" by "+string(tt.actor.Role), func(t *testing.T) {
			got, err := TransitionRecord(tt.from, tt.a, tt.actor, tt.reason)
			if got != tt.want {
				t.Errorf("state %q, want %q", got, tt.want)
			}
			if tt.err == nil && err != nil || tt.err != nil && !errors.Is(err, tt.err) {
				t.Errorf("error %v, want %v", err, tt.err)
			}
		})
	}
}

func TestTransitionRecordNeedsAReason(t *testing.T) {
	for _, c := range []struct {
		a     RecordAction
		actor Actor
	}{{RecordWithdraw, Actor{Role: RoleReviewer}}, {RecordDelete, Actor{Role: RoleAdmin}}} {
		_, err := TransitionRecord(RecordLive, c.a, c.actor, " ")
		var ve *ValidationError
		if !errors.As(err, &ve) || ve.Fields["reason"] == "" {
			t.Errorf("%s without a reason: %v, want a validation error on reason", c.a, err)
		}
	}
}

func TestKeepsAnAdmin(t *testing.T) {
	users := []User{{ID: "a", Role: RoleAdmin}, {ID: "b", Role: RoleAdmin, Disabled: true}, {ID: "r", Role: RoleReviewer}}
	if err := keepsAnAdmin(users, "a", RoleReviewer, false); !errors.Is(err, ErrConflict) {
		t.Errorf("demoting the last active admin: %v, want ErrConflict", err)
	}
	if err := keepsAnAdmin(users, "a", RoleAdmin, true); !errors.Is(err, ErrConflict) {
		t.Errorf("disabling the last active admin: %v, want ErrConflict", err)
	}
	if err := keepsAnAdmin(users, "r", RoleAdmin, false); err != nil {
		t.Errorf("making a reviewer admin: %v", err)
	}
	users[2].Role = RoleAdmin
	if err := keepsAnAdmin(users, "a", RoleOfficer, false); err != nil {
		t.Errorf("demoting one of two active admins: %v", err)
	}
}
