package kb

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"golang.org/x/crypto/argon2"
)

// User is an account.
type User struct {
	ID           string    `json:"id" bson:"_id"` // the e-mail address, lower case
	Email        string    `json:"email" bson:"email"`
	Name         string    `json:"name" bson:"name"`
	Role         Role      `json:"role" bson:"role"`
	Unit         string    `json:"unit,omitempty" bson:"unit,omitempty"` // police unit or station
	PasswordHash string    `json:"-" bson:"password_hash"`
	Disabled     bool      `json:"disabled" bson:"disabled"`
	CreatedAt    time.Time `json:"created_at" bson:"created_at"`
}

// Actor returns the user as the workflow sees them.
func (u User) Actor() Actor { return Actor{UserID: u.ID, Name: u.Name, Role: u.Role} }

// Session is a signed-in browser. Its id is the SHA-256 of the cookie's
// token, so a copy of the database does not let anyone sign in.
type Session struct {
	ID        string    `bson:"_id"`
	UserID    string    `bson:"user_id"`
	CSRF      string    `bson:"csrf"` // the token forms must carry
	CreatedAt time.Time `bson:"created_at"`
	ExpiresAt time.Time `bson:"expires_at"`
}

// APIToken lets a program use the JSON API as a user. Only its hash is
// stored.
type APIToken struct {
	ID        string    `json:"id" bson:"_id"` // SHA-256 of the token
	UserID    string    `json:"user_id" bson:"user_id"`
	CreatedAt time.Time `json:"created_at" bson:"created_at"`
	Revoked   bool      `json:"revoked" bson:"revoked"`
}

// UserStore keeps accounts, sessions and API tokens.
type UserStore interface {
	CreateUser(ctx context.Context, u User) error
	User(ctx context.Context, id string) (User, error)
	Users(ctx context.Context) ([]User, error)
	UpdateUser(ctx context.Context, u User) error
	CreateSession(ctx context.Context, s Session) error
	Session(ctx context.Context, id string) (Session, error)
	DeleteSession(ctx context.Context, id string) error
	CreateToken(ctx context.Context, t APIToken) error
	Token(ctx context.Context, id string) (APIToken, error)
	UpdateToken(ctx context.Context, t APIToken) error
	AttemptStore
}

// Accounts manages users, sign-in and tokens.
type Accounts struct {
	Store    UserStore
	Now      func() time.Time
	attempts *attemptLogs
	hashing  chan struct{} // the password-hashing pool's places (hashWorkers)
}

// NewAccounts makes the account service.
func NewAccounts(store UserStore) *Accounts {
	return &Accounts{Store: store, Now: time.Now, attempts: &attemptLogs{store: store, ends: map[string]int{}},
		hashing: make(chan struct{}, hashWorkers())}
}

// SessionLifetime is how long a sign-in lasts.
const SessionLifetime = 7 * 24 * time.Hour

// ErrBadLogin is the one answer to a wrong e-mail, a wrong password or a
// disabled account, so that none can be told apart.
var ErrBadLogin = errors.New("wrong e-mail address or password")

// ErrTooManyAttempts says to wait before trying again.
var ErrTooManyAttempts = errors.New("too many failed sign-ins; wait a few minutes")

// AddUser creates an account.
func (a *Accounts) AddUser(ctx context.Context, email, name string, role Role, unit, password string) (User, error) {
	addr, err := mail.ParseAddress(strings.TrimSpace(email))
	fields := map[string]string{}
	if err != nil || addr.Address != strings.TrimSpace(email) {
		fields["email"] = "Enter an e-mail address such as sho.kadiri@police.example."
	}
	if strings.TrimSpace(name) == "" || len(name) > 200 {
		fields["name"] = "Enter a name of up to 200 characters."
	}
	if len(password) < 10 || len(password) > 200 {
		fields["password"] = "Use a password of at least 10 characters."
	}
	if _, err := ParseRole(string(role)); err != nil {
		fields["role"] = "Choose officer, trainer, analyst, reviewer or admin."
	}
	if len(fields) > 0 {
		return User{}, &ValidationError{Fields: fields}
	}
	u := User{ID: strings.ToLower(addr.Address), Email: addr.Address, Name: strings.TrimSpace(name), Role: role,
		Unit: strings.TrimSpace(unit), PasswordHash: HashPassword(password), CreatedAt: a.Now().UTC()}
	if err := a.Store.CreateUser(ctx, u); err != nil {
		return User{}, err
	}
	return u, nil
}

// SetRole changes a user's role.
func (a *Accounts) SetRole(ctx context.Context, email string, role Role) (User, error) {
	if _, err := ParseRole(string(role)); err != nil {
		return User{}, err
	}
	u, err := a.Store.User(ctx, strings.ToLower(strings.TrimSpace(email)))
	if err != nil {
		return User{}, err
	}
	u.Role = role
	return u, a.Store.UpdateUser(ctx, u)
}

// SetDisabled disables or enables a user; a disabled user cannot sign in
// and their sessions and tokens stop working.
func (a *Accounts) SetDisabled(ctx context.Context, email string, disabled bool) (User, error) {
	u, err := a.Store.User(ctx, strings.ToLower(strings.TrimSpace(email)))
	if err != nil {
		return User{}, err
	}
	u.Disabled = disabled
	return u, a.Store.UpdateUser(ctx, u)
}

// Users lists the accounts.
func (a *Accounts) Users(ctx context.Context) ([]User, error) { return a.Store.Users(ctx) }

// HasAdmin reports whether an enabled admin exists.
func (a *Accounts) HasAdmin(ctx context.Context) (bool, error) {
	us, err := a.Store.Users(ctx)
	for _, u := range us {
		if u.Role == RoleAdmin && !u.Disabled {
			return true, err
		}
	}
	return false, err
}

// SignIn checks a password and opens a new session, returning the
// cookie's token. Failures slow down further attempts on the account and
// from the address (see signin.go); they never lock the account.
func (a *Accounts) SignIn(ctx context.Context, email, password, addr string) (string, Session, User, error) {
	id := strings.ToLower(strings.TrimSpace(email))
	if len(id) > 320 || len(password) > 1000 {
		return "", Session{}, User{}, ErrBadLogin
	}
	claimed, err := a.claim(ctx, id, addr, a.Now().UTC())
	if err != nil {
		return "", Session{}, User{}, err
	}
	u, err := a.Store.User(ctx, id)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return "", Session{}, User{}, err
	}
	hash := u.PasswordHash
	if err != nil {
		hash = dummyHash // the same work, so timing tells nothing
	}
	ok, herr := a.checkAddressThenPassword(ctx, addr, hash, password)
	if herr != nil {
		// The password was not checked (the server was busy, the client
		// left, the address must wait): nothing was learnt, so nothing is
		// counted against the account. Left pending, the claim counted as
		// a failure, and officers signing in while the server was busy
		// were then told to wait.
		if err := a.release(context.WithoutCancel(ctx), claimed, a.Now().UTC()); err != nil {
			return "", Session{}, User{}, errors.Join(herr, err)
		}
		return "", Session{}, User{}, herr
	}
	ok = ok && err == nil && !u.Disabled
	if err := a.settle(ctx, claimed, ok, a.Now().UTC()); err != nil {
		return "", Session{}, User{}, err
	}
	if !ok && claimed.accountWait > 0 {
		return "", Session{}, User{}, &WaitError{Wait: claimed.accountWait}
	}
	if !ok {
		return "", Session{}, User{}, ErrBadLogin
	}
	token := RandomToken()
	now := a.Now().UTC()
	s := Session{ID: hashToken(token), UserID: u.ID, CSRF: RandomToken(), CreatedAt: now, ExpiresAt: now.Add(SessionLifetime)}
	if err := a.Store.CreateSession(ctx, s); err != nil {
		return "", Session{}, User{}, err
	}
	return token, s, u, nil
}

// SessionUser returns the session and user of a cookie's token.
func (a *Accounts) SessionUser(ctx context.Context, token string) (Session, User, error) {
	if token == "" {
		return Session{}, User{}, ErrNotFound
	}
	s, err := a.Store.Session(ctx, hashToken(token))
	if err != nil {
		return Session{}, User{}, err
	}
	if a.Now().After(s.ExpiresAt) {
		_ = a.Store.DeleteSession(ctx, s.ID)
		return Session{}, User{}, ErrNotFound
	}
	u, err := a.Store.User(ctx, s.UserID)
	if err != nil || u.Disabled {
		return Session{}, User{}, ErrNotFound
	}
	return s, u, nil
}

// SignOut ends a session.
func (a *Accounts) SignOut(ctx context.Context, token string) error {
	return a.Store.DeleteSession(ctx, hashToken(token))
}

// NewToken creates an API token for a user; the token is shown once.
func (a *Accounts) NewToken(ctx context.Context, email string) (string, APIToken, error) {
	u, err := a.Store.User(ctx, strings.ToLower(strings.TrimSpace(email)))
	if err != nil {
		return "", APIToken{}, err
	}
	token := "cpd_" + RandomToken()
	t := APIToken{ID: hashToken(token), UserID: u.ID, CreatedAt: a.Now().UTC()}
	return token, t, a.Store.CreateToken(ctx, t)
}

// RevokeToken stops a token from working.
func (a *Accounts) RevokeToken(ctx context.Context, token string) error {
	t, err := a.Store.Token(ctx, hashToken(token))
	if err != nil {
		return err
	}
	t.Revoked = true
	return a.Store.UpdateToken(ctx, t)
}

// TokenUser returns the user of a bearer token.
func (a *Accounts) TokenUser(ctx context.Context, token string) (User, error) {
	t, err := a.Store.Token(ctx, hashToken(token))
	if err != nil || t.Revoked {
		return User{}, ErrNotFound
	}
	u, err := a.Store.User(ctx, t.UserID)
	if err != nil || u.Disabled {
		return User{}, ErrNotFound
	}
	return u, nil
}

// SameToken compares secrets in constant time.
func SameToken(a, b string) bool {
	return len(a) > 0 && subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

// RandomToken returns 256 random bits, URL-safe: for session ids, CSRF
// and share tokens.
func RandomToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err) // the system's random source failed: nothing is safe
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

func hashToken(t string) string {
	sum := sha256.Sum256([]byte(t))
	return hex.EncodeToString(sum[:])
}

// Argon2id parameters: OWASP's recommendation for an interactive login
// (19 MiB, two passes, one lane).
const (
	argonTime    = 2
	argonMemory  = 19 * 1024
	argonThreads = 1
	argonKeyLen  = 32
)

// HashPassword hashes a password with Argon2id and a random salt, in the
// usual encoded form.
func HashPassword(password string) string {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		panic(err)
	}
	key := argon2.IDKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	return fmt.Sprintf("$argon2id$v=19$m=%d,t=%d,p=%d$%s$%s", argonMemory, argonTime, argonThreads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key))
}

// CheckPassword reports whether password matches an encoded hash.
func CheckPassword(encoded, password string) bool {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil || m > 1<<20 || t > 10 || p == 0 {
		return false
	}
	salt, err1 := base64.RawStdEncoding.DecodeString(parts[4])
	want, err2 := base64.RawStdEncoding.DecodeString(parts[5])
	if err1 != nil || err2 != nil {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

var dummyHash = HashPassword("not a password anyone has")
