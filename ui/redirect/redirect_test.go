package redirect

import (
	"net/url"
	"strings"
	"testing"
	"unicode"
)

func TestSafe(t *testing.T) {
	tests := []struct{ in, want string }{
		{"/submissions", "/submissions"},
		{"/?q=child%20labour&state=Jharkhand", "/?q=child%20labour&state=Jharkhand"},
		{"/practices/p1/a-slug", "/practices/p1/a-slug"},
		{"/", "/"},
		{"", "/fallback"},
		{"//evil.example", "/fallback"},
		{"/\\evil.example", "/fallback"},
		{"\\\\evil.example", "/fallback"},
		{"/\t/evil.example", "/fallback"},
		{"/%09/evil.example", "/fallback"},
		{"/%2F/evil.example", "/fallback"},
		{"/%5Cevil.example", "/fallback"},
		{"/%252F/evil.example", "/fallback"},
		{"/\nSet-Cookie: x=y; Path=/", "/fallback"},
		{"/%0d%0aSet-Cookie:%20x=y", "/fallback"},
		{"/?q=%0aSet-Cookie", "/fallback"},
		{" /evil", "/fallback"},
		{"https://evil.example/", "/fallback"},
		{"javascript:alert(1)", "/fallback"},
		{"/a b", "/fallback"},
		{"/\u2028/evil.example", "/fallback"},
	}
	for _, tt := range tests {
		if got := Safe(tt.in, "/fallback"); got != tt.want {
			t.Errorf("Safe(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzSafe checks that whatever comes in, what goes out is the
// fallback or a path on this site that no decoding turns into another
// site or a second header.
func FuzzSafe(f *testing.F) {
	for _, s := range []string{"/submissions", "/%09/evil", "//x", "/\\x", "/?q=a%20b", "/%0d%0aX: y", "/%252f%252fx"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := Safe(in, "/fallback")
		if out == "/fallback" {
			return
		}
		for s, i := out, 0; i < 4; i++ {
			if !strings.HasPrefix(s, "/") || strings.HasPrefix(s, "//") || strings.HasPrefix(s, "/\\") ||
				strings.ContainsFunc(s, unicode.IsControl) {
				t.Fatalf("Safe(%q) = %q: decodes to %q, not a path on this site", in, out, s)
			}
			d, err := url.PathUnescape(s)
			if err != nil || d == s {
				break
			}
			s = d
		}
		if strings.ContainsAny(out, " \t\r\n") {
			t.Fatalf("Safe(%q) = %q: white space in a Location", in, out)
		}
		u, err := url.Parse(out)
		if err != nil || u.Host != "" || u.Scheme != "" {
			t.Fatalf("Safe(%q) = %q: parses as %+v, %v", in, out, u, err)
		}
	})
}
