package kb

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

// keepsAnAdmin refuses a change to target (a new role, or disabling it)
// that would leave no active admin: nobody could then manage accounts or
// imports again without the command line.
func keepsAnAdmin(users []User, target string, role Role, disabled bool) error {
	for _, u := range users {
		if u.ID == target {
			u.Role, u.Disabled = role, disabled
		}
		if u.Role == RoleAdmin && !u.Disabled {
			return nil
		}
	}
	return fmt.Errorf("%w: this is the last active admin; make another admin first", ErrConflict)
}

// AdminAddUser adds an account for an admin and records it.
func (a *Accounts) AdminAddUser(ctx context.Context, audit *Audit, by User, email, name string, role Role, unit, password string) (User, error) {
	u, err := a.AddUser(ctx, email, name, role, unit, password)
	if err != nil {
		return u, err
	}
	_, err = audit.Record(ctx, by.Actor(), "user.add", About{ID: u.ID, Title: u.Name}, "", []Change{{Field: "role", To: string(role)}, {Field: "unit", To: u.Unit}})
	return u, err
}

// AdminSetRole changes a user's role for an admin, never leaving the
// knowledge base without an active admin, and records it.
func (a *Accounts) AdminSetRole(ctx context.Context, audit *Audit, by User, email string, role Role) (User, error) {
	if _, err := ParseRole(string(role)); err != nil {
		return User{}, err
	}
	target, err := a.Store.User(ctx, strings.ToLower(strings.TrimSpace(email)))
	if err != nil || target.Role == role {
		return target, err
	}
	if err := a.checkAdmins(ctx, target.ID, role, target.Disabled); err != nil {
		return target, err
	}
	u, err := a.SetRole(ctx, target.ID, role)
	if err != nil {
		return u, err
	}
	_, err = audit.Record(ctx, by.Actor(), "user.role", About{ID: u.ID, Title: u.Name}, "", []Change{{Field: "role", From: string(target.Role), To: string(role)}})
	return u, err
}

// AdminSetDisabled disables or enables an account for an admin, never the
// last active admin, and records it.
func (a *Accounts) AdminSetDisabled(ctx context.Context, audit *Audit, by User, email string, disabled bool) (User, error) {
	target, err := a.Store.User(ctx, strings.ToLower(strings.TrimSpace(email)))
	if err != nil || target.Disabled == disabled {
		return target, err
	}
	if err := a.checkAdmins(ctx, target.ID, target.Role, disabled); err != nil {
		return target, err
	}
	u, err := a.SetDisabled(ctx, target.ID, disabled)
	if err != nil {
		return u, err
	}
	action := "user.enable"
	if disabled {
		action = "user.disable"
	}
	_, err = audit.Record(ctx, by.Actor(), action, About{ID: u.ID, Title: u.Name}, "", []Change{{Field: "disabled", From: strconv.FormatBool(!disabled), To: strconv.FormatBool(disabled)}})
	return u, err
}

func (a *Accounts) checkAdmins(ctx context.Context, target string, role Role, disabled bool) error {
	us, err := a.Store.Users(ctx)
	if err != nil {
		return err
	}
	return keepsAnAdmin(us, target, role, disabled)
}

// AdminUnlock clears an account's sign-in waits for an admin (after the
// officer proved who they are some other way), and records it.
func (a *Accounts) AdminUnlock(ctx context.Context, audit *Audit, by User, email string) error {
	if err := a.Unlock(ctx, email, by.ID); err != nil {
		return err
	}
	_, err := audit.Record(ctx, by.Actor(), "user.unlock", About{ID: strings.ToLower(strings.TrimSpace(email))}, "", nil)
	return err
}
