package ui

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/compendium-kb/compendium/kb"
	"github.com/compendium-kb/compendium/ui/redirect"
)

const (
	sessionCookie = "compendium_session"
	loginCSRF     = "compendium_login_csrf" // double-submit token for the sign-in form
)

// who is the request's user, if any, and how they proved it.
type who struct {
	user    *kb.User
	session *kb.Session
	bearer  bool // an API token, not a browser session
}

func current(c *fiber.Ctx) who {
	w, _ := c.Locals("who").(who)
	return w
}

// identify finds the user of a request from its session cookie or its
// bearer token.
func (h *handlers) identify(c *fiber.Ctx) error {
	var w who
	if auth := c.Get("Authorization"); strings.HasPrefix(auth, "Bearer ") {
		u, err := h.accounts.TokenUser(c.UserContext(), strings.TrimSpace(strings.TrimPrefix(auth, "Bearer ")))
		if err != nil {
			return fiber.NewError(fiber.StatusUnauthorized, "The API token is not valid.")
		}
		w = who{user: &u, bearer: true}
	} else if token := c.Cookies(sessionCookie); token != "" {
		if s, u, err := h.accounts.SessionUser(c.UserContext(), token); err == nil {
			w = who{user: &u, session: &s}
		}
	}
	c.Locals("who", w)
	return c.Next()
}

// checkCSRF checks the token of every form a session sends. It runs after
// uploadSlots: for an upload, reading the token reads the body.
func (h *handlers) checkCSRF(c *fiber.Ctx) error {
	w := current(c)
	// The sign-in form carries its own token (it may come before a session).
	if w.session != nil && !safeMethod(c.Method()) && c.Path() != "/login" {
		sent := bodyValue(c, "_csrf")
		if sent == "" {
			sent = c.Get("X-CSRF-Token")
		}
		if !kb.SameToken(sent, w.session.CSRF) {
			return fiber.NewError(fiber.StatusForbidden, "This form has expired or did not come from this site. Reload the page and try again.")
		}
	}
	return c.Next()
}

// bodyValue reads a field of a form's body only. Fiber's FormValue also
// reads the query string, and a token in a link ends up in logs, history
// and Referer headers, so a CSRF token is never taken from there.
func bodyValue(c *fiber.Ctx, name string) string {
	if v := c.Request().PostArgs().Peek(name); len(v) > 0 {
		return string(v)
	}
	if form, err := c.MultipartForm(); err == nil && len(form.Value[name]) > 0 {
		return form.Value[name][0]
	}
	return ""
}

func safeMethod(m string) bool {
	return m == fiber.MethodGet || m == fiber.MethodHead || m == fiber.MethodOptions
}

// signedIn makes a route need a user: the API answers 401, pages send the
// browser to the sign-in page and back.
func signedIn(c *fiber.Ctx) error {
	if current(c).user != nil {
		return c.Next()
	}
	if strings.HasPrefix(c.Path(), "/api/") {
		return fiber.NewError(fiber.StatusUnauthorized, "Sign in, or send an API token as Authorization: Bearer …")
	}
	return c.Redirect("/login?next="+url.QueryEscape(c.OriginalURL()), fiber.StatusSeeOther)
}

// needRole makes a route need one of the roles.
func needRole(roles ...kb.Role) fiber.Handler {
	return func(c *fiber.Ctx) error {
		u := current(c).user
		for _, r := range roles {
			if u != nil && u.Role == r {
				return c.Next()
			}
		}
		return kb.ErrForbidden
	}
}

type loginPage struct {
	page
	Email, Next, Error, LoginCSRF string
}

func (h *handlers) loginForm(c *fiber.Ctx) error {
	token := kb.RandomToken()
	h.setCookie(c, loginCSRF, token, time.Now().Add(time.Hour))
	return h.render(c, "login", loginPage{page: h.pageFor(c, "Sign in"), Next: redirect.Safe(c.Query("next"), ""), LoginCSRF: token})
}

func (h *handlers) login(c *fiber.Ctx) error {
	next := redirect.Safe(c.FormValue("next"), "")
	fail := func(status int, msg string) error {
		token := kb.RandomToken()
		h.setCookie(c, loginCSRF, token, time.Now().Add(time.Hour))
		return h.render(c.Status(status), "login", loginPage{page: h.pageFor(c, "Sign in"), Email: c.FormValue("email"), Next: next, Error: msg, LoginCSRF: token})
	}
	if !kb.SameToken(bodyValue(c, "_csrf"), c.Cookies(loginCSRF)) {
		return fail(fiber.StatusForbidden, "This form has expired. Please try again.")
	}
	token, s, u, err := h.accounts.SignIn(c.UserContext(), c.FormValue("email"), c.FormValue("password"), c.IP())
	switch {
	case errors.Is(err, kb.ErrTooManyAttempts):
		wait := time.Minute
		var we *kb.WaitError
		if errors.As(err, &we) {
			wait = max(we.Wait.Round(time.Second), time.Second)
		}
		c.Set("Retry-After", strconv.Itoa(int(wait.Seconds())))
		return fail(fiber.StatusTooManyRequests, fmt.Sprintf("Too many failed attempts for this account or from this network. Wait %s and try again.", wait))
	case errors.Is(err, kb.ErrOverloaded):
		c.Set("Retry-After", "5")
		return fail(fiber.StatusServiceUnavailable, "Many people are signing in just now. Please try again in a moment.")
	case errors.Is(err, kb.ErrBadLogin):
		return fail(fiber.StatusUnauthorized, "The e-mail address or the password is wrong.")
	case err != nil:
		return err
	}
	// A new session id at every sign-in: an id planted before cannot be used.
	if old := c.Cookies(sessionCookie); old != "" {
		if err := h.accounts.SignOut(c.UserContext(), old); err != nil {
			h.log.Warn("the session before sign-in was not ended", "err", err)
		}
	}
	h.setCookie(c, sessionCookie, token, s.ExpiresAt)
	c.ClearCookie(loginCSRF)
	if next == "" {
		next = landing(u.Role)
	}
	return c.Redirect(next, fiber.StatusSeeOther)
}

func (h *handlers) logout(c *fiber.Ctx) error {
	if token := c.Cookies(sessionCookie); token != "" {
		// Told "signed out" while the session stays valid, a user on a
		// shared computer would leave it open: say that it failed.
		if err := h.accounts.SignOut(c.UserContext(), token); err != nil && !errors.Is(err, kb.ErrNotFound) {
			return err
		}
	}
	c.Cookie(&fiber.Cookie{Name: sessionCookie, Value: "", Path: "/", Expires: time.Unix(0, 0), HTTPOnly: true, SameSite: fiber.CookieSameSiteLaxMode, Secure: secure(c)})
	return c.Redirect("/", fiber.StatusSeeOther)
}

// setCookie sets an HttpOnly, SameSite cookie, Secure behind HTTPS.
func (h *handlers) setCookie(c *fiber.Ctx, name, value string, expires time.Time) {
	c.Cookie(&fiber.Cookie{Name: name, Value: value, Path: "/", Expires: expires, HTTPOnly: true,
		SameSite: fiber.CookieSameSiteLaxMode, Secure: secure(c)})
}

func secure(c *fiber.Ctx) bool { return c.Protocol() == "https" }
