package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/compendium-kb/compendium/kb"
)

// cmdUser manages accounts from the command line:
//
//	user add --email E --name N --role R [--unit U]   (password from COMPENDIUM_PASSWORD or the terminal)
//	user list
//	user disable|enable --email E
//	user role --email E --role R
//	user unlock --email E         (ends the wait after failed sign-ins)
//	user token --email E          (prints a new API token once)
//	user revoke-token --token T
func cmdUser(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "usage: compendium user add|list|disable|enable|role|unlock|token|revoke-token [flags]")
		return exitError{2}
	}
	sub := args[0]
	var cfg config
	fl := flag.NewFlagSet("user "+sub, flag.ContinueOnError)
	storageFlags(fl, &cfg, getenv)
	email := fl.String("email", "", "the account's e-mail address")
	name := fl.String("name", "", "the person's name")
	role := fl.String("role", "", "officer, trainer, analyst, reviewer or admin")
	unit := fl.String("unit", "", "police unit or station")
	token := fl.String("token", "", "the API token to revoke")
	if err := parseFlags(fl, args[1:], stderr); err != nil {
		return err
	}
	log := newLogger(stderr, cfg.logLevel)
	st, err := openStorage(ctx, cfg, "user "+sub, log)
	if err != nil {
		return err
	}
	defer st.close(context.Background())
	acc := st.accounts
	switch sub {
	case "add":
		password := getenv("COMPENDIUM_PASSWORD")
		if password == "" {
			if password, err = readPassword(stdin, stderr); err != nil {
				return err
			}
		}
		r, err := kb.ParseRole(*role)
		if err != nil {
			return err
		}
		u, err := acc.AddUser(ctx, *email, *name, r, *unit, password)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "added %s <%s> as %s\n", u.Name, u.Email, u.Role)
	case "list":
		us, err := acc.Users(ctx)
		if err != nil {
			return err
		}
		for _, u := range us {
			state := "active"
			if u.Disabled {
				state = "disabled"
			}
			fmt.Fprintf(stdout, "%-32s %-9s %-8s %s\n", u.Email, u.Role, state, u.Name)
		}
	case "disable", "enable":
		u, err := acc.SetDisabled(ctx, *email, sub == "disable")
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%sd %s\n", sub, u.Email)
	case "role":
		r, err := kb.ParseRole(*role)
		if err != nil {
			return err
		}
		u, err := acc.SetRole(ctx, *email, r)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s is now %s\n", u.Email, u.Role)
	case "unlock":
		if err := acc.Unlock(ctx, *email, "the command line"); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "unlocked %s: the next sign-in is checked at once\n", strings.ToLower(strings.TrimSpace(*email)))
	case "token":
		t, _, err := acc.NewToken(ctx, *email)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s\n", t)
		fmt.Fprintln(stderr, "Keep this token secret; it is shown once. Send it as: Authorization: Bearer <token>")
	case "revoke-token":
		if err := acc.RevokeToken(ctx, *token); err != nil {
			return err
		}
		fmt.Fprintln(stdout, "revoked")
	default:
		return fmt.Errorf("unknown user command %q", sub)
	}
	return nil
}

// readPassword asks twice on a terminal, or reads one line from a pipe.
func readPassword(stdin io.Reader, stderr io.Writer) (string, error) {
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(stderr, "Password: ")
		a, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", err
		}
		fmt.Fprint(stderr, "Again: ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", err
		}
		if string(a) != string(b) {
			return "", errors.New("the passwords differ")
		}
		return string(a), nil
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && line == "" {
		return "", errors.New("no password: set COMPENDIUM_PASSWORD or type it on a terminal")
	}
	return strings.TrimRight(line, "\r\n"), nil
}
