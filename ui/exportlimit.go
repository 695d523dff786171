package ui

import (
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"
)

// Exports are capped, per client and in all: 32 anonymous XLSX exports
// of 20,000 practices at once took the process from 376 MiB to
// 2,092 MiB, about 54 MiB each. At most exportsAtOnce run at once
// (about 220 MiB), at most exportsPerClient of one client's; beyond,
// the answer is 429 with Retry-After, at once rather than after a wait:
// an export takes seconds, and a queue of them would hold connections.
const (
	exportsAtOnce    = 4
	exportsPerClient = 2
	exportRetry      = "30"
	// exportHold bounds how long a place is held if the response is
	// never written (its stream writer not called): then it is freed.
	exportHold = 30 * time.Minute
)

// exportLimiter counts running exports, in all and by client.
type exportLimiter struct {
	mu        sync.Mutex
	atOnce    int
	perClient int
	running   int
	byClient  map[string]int
}

func newExportLimiter(atOnce, perClient int) *exportLimiter {
	return &exportLimiter{atOnce: atOnce, perClient: perClient, byClient: map[string]int{}}
}

// admit takes a place for the request's client, or answers why not. The
// release it returns may be called more than once.
func (l *exportLimiter) admit(c *fiber.Ctx) (release func(), err error) {
	client := "address:" + c.IP()
	if u := current(c).user; u != nil {
		client = "user:" + u.ID
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.running >= l.atOnce || l.byClient[client] >= l.perClient {
		c.Set(fiber.HeaderRetryAfter, exportRetry)
		return nil, fiber.NewError(fiber.StatusTooManyRequests, "Many exports are running just now. Please try again in half a minute.")
	}
	l.running++
	l.byClient[client]++
	var once sync.Once
	release = func() {
		once.Do(func() {
			l.mu.Lock()
			defer l.mu.Unlock()
			l.running--
			if l.byClient[client]--; l.byClient[client] <= 0 {
				delete(l.byClient, client)
			}
		})
	}
	time.AfterFunc(exportHold, release)
	return release, nil
}
