package ui

import (
	"context"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"
)

// uploadKey holds the read deadline of a request whose body is an
// upload (limitBody).
const uploadKey = "upload"

// An upload must arrive at minUploadRate at least, after a grace of
// uploadGrace: its deadline is set from its length, and becomes its
// connection's read deadline while the form is read. One officer's uploads at 100
// bytes a second held every place for the whole 30 s read timeout, and
// an admin's import got 503; a 17 KB upload now has 10 s. (8 KB/s is a
// 64 kbit/s link.)
const (
	minUploadRate = 8 << 10 // bytes a second
	uploadGrace   = 10 * time.Second
)

// uploadDeadline is when an upload of length bytes must have arrived.
func uploadDeadline(length int64) time.Time {
	return time.Now().Add(max(uploadGrace, time.Duration(length/minUploadRate)*time.Second))
}

// uploadPlaces are the places for uploads being read: maxUploads in
// all, maxUploadsPerUser for one user (or one address, signed out).
type uploadPlaces struct {
	mu      sync.Mutex
	all     int
	perUser int
	running int
	byUser  map[string]int
}

func newUploadPlaces(all, perUser int) *uploadPlaces {
	return &uploadPlaces{all: all, perUser: perUser, byUser: map[string]int{}}
}

// take waits for a place for key, for uploadWait at most.
func (u *uploadPlaces) take(ctx context.Context, key string) (release func(), err error) {
	ctx, cancel := context.WithTimeout(ctx, uploadWait)
	defer cancel()
	for {
		u.mu.Lock()
		if u.running < u.all && u.byUser[key] < u.perUser {
			u.running++
			u.byUser[key]++
			u.mu.Unlock()
			var once sync.Once
			return func() { once.Do(func() { u.give(key) }) }, nil
		}
		u.mu.Unlock()
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

func (u *uploadPlaces) give(key string) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.running--
	if u.byUser[key]--; u.byUser[key] <= 0 {
		delete(u.byUser, key)
	}
}

// uploadSlots holds a place while an upload is read, once its user is
// known, and answers a body that did not arrive by its deadline with 408.
func (h *handlers) uploadSlots(c *fiber.Ctx) error {
	deadline, ok := c.Locals(uploadKey).(time.Time)
	if !ok {
		return c.Next()
	}
	key := "address:" + c.IP()
	if u := current(c).user; u != nil {
		key = "user:" + u.ID
	}
	release, err := h.uploads.take(c.UserContext(), key)
	if err != nil {
		c.Set(fiber.HeaderRetryAfter, "30")
		return fiber.NewError(fiber.StatusServiceUnavailable, "Many files are being uploaded just now. Please try again in a minute.")
	}
	defer release()
	// The form is read here, within the deadline and the place; the
	// handler and the CSRF check then read the parsed form. (Closing the
	// connection instead made fasthttp panic on its next write deadline.)
	conn := c.Context().Conn()
	if conn != nil {
		_ = conn.SetReadDeadline(deadline) // a connection without deadlines keeps the server's read timeout
	}
	_, err = c.MultipartForm()
	if time.Now().After(deadline) {
		c.Context().SetConnectionClose()
		return fiber.NewError(fiber.StatusRequestTimeout, "The file arrived too slowly. Please try again on a steadier connection.")
	}
	if conn != nil {
		_ = conn.SetReadDeadline(time.Time{}) // read: what follows is not an upload's
	}
	return c.Next()
}
