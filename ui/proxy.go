package ui

import (
	"fmt"
	"net"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// parseProxies reads the trusted proxies: addresses or CIDR ranges.
func parseProxies(list []string) ([]*net.IPNet, error) {
	var nets []*net.IPNet
	for _, s := range list {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if !strings.Contains(s, "/") {
			ip := net.ParseIP(s)
			if ip == nil {
				return nil, fmt.Errorf("trusted proxy %q is neither an address nor a CIDR range", s)
			}
			bits := 8 * len(ip.To16())
			if ip.To4() != nil {
				ip, bits = ip.To4(), 32
			}
			nets = append(nets, &net.IPNet{IP: ip, Mask: net.CIDRMask(bits, bits)})
			continue
		}
		_, n, err := net.ParseCIDR(s)
		if err != nil {
			return nil, fmt.Errorf("trusted proxy range %q: %w", s, err)
		}
		nets = append(nets, n)
	}
	return nets, nil
}

// untrustedForward marks a request that came through a proxy we do not
// trust: its peer address is the proxy's, not the client's.
const untrustedForward = "untrusted-forward"

func trusted(nets []*net.IPNet, ip net.IP) bool {
	for _, n := range nets {
		if n.Contains(ip) {
			return true
		}
	}
	return false
}

// forwardedFor leaves in X-Forwarded-For only the address of the real
// client. Fiber's c.IP() takes the header's leftmost valid address, which
// the client itself may have written ("X-Forwarded-For: 1.2.3.4" passes
// through a proxy that appends): the real client is the rightmost
// address that is not one of our proxies. Requests that did not come
// from a trusted proxy lose the header (and c.IP() ignores it anyway).
func (h *handlers) forwardedFor(c *fiber.Ctx) error {
	hdr := &c.Request().Header
	if !trusted(h.trustProxies, c.Context().RemoteIP()) {
		if len(hdr.Peek(fiber.HeaderXForwardedFor)) > 0 {
			c.Locals(untrustedForward, true)
		}
		hdr.Del(fiber.HeaderXForwardedFor)
		return c.Next()
	}
	var hops []string
	for _, v := range strings.Split(c.Get(fiber.HeaderXForwardedFor), ",") {
		if v = strings.TrimSpace(v); net.ParseIP(v) != nil {
			hops = append(hops, v)
		}
	}
	client := ""
	for i := len(hops) - 1; i >= 0; i-- {
		client = hops[i]
		if !trusted(h.trustProxies, net.ParseIP(hops[i])) {
			break
		}
	}
	if client == "" {
		hdr.Del(fiber.HeaderXForwardedFor)
	} else {
		hdr.Set(fiber.HeaderXForwardedFor, client)
	}
	return c.Next()
}
