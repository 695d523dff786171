package kb_test

import (
	"testing"

	"github.com/compendium-kb/compendium/kb"
)

// Who reads statistics and search analytics, for every role, with
// statistics public and for signed-in users only.
func TestAccessByRole(t *testing.T) {
	open, closed := kb.Settings{}, kb.Settings{StatsSignedInOnly: true}
	if !open.MayReadStatistics(nil) || closed.MayReadStatistics(nil) {
		t.Errorf("anonymous statistics: public %v, signed-in only %v", open.MayReadStatistics(nil), closed.MayReadStatistics(nil))
	}
	analytics := map[kb.Role]bool{kb.RoleOfficer: false, kb.RoleTrainer: false, kb.RoleAnalyst: true, kb.RoleReviewer: true, kb.RoleAdmin: true}
	for _, r := range kb.Roles {
		u := &kb.User{ID: "u", Role: r}
		if !closed.MayReadStatistics(u) {
			t.Errorf("%s may not read statistics kept for signed-in users", r)
		}
		if got := kb.MayReadSearchAnalytics(u); got != analytics[r] {
			t.Errorf("%s reads search analytics: %v, want %v", r, got, analytics[r])
		}
	}
	if kb.MayReadSearchAnalytics(nil) {
		t.Error("anonymous readers read search analytics")
	}
}

// Every role is read back from its name; others are refused, naming the
// roles there are.
func TestParseRole(t *testing.T) {
	for _, r := range kb.Roles {
		if got, err := kb.ParseRole(" " + string(r) + " "); err != nil || got != r {
			t.Errorf("ParseRole(%q) = %q, %v", r, got, err)
		}
	}
	if _, err := kb.ParseRole("inspector"); err == nil {
		t.Error("an unknown role was accepted")
	}
}
