package main

import (
	"runtime/debug"
	"strings"
	"testing"
)

// TestVersionWithoutCommit: a build that records no commit (go run, a
// build outside a checkout) still shows the release, never "(devel)".
func TestVersionWithoutCommit(t *testing.T) {
	for _, c := range []struct {
		name  string
		info  *debug.BuildInfo
		ok    bool
		want  string
		avoid string
	}{
		{"go run", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}}, true, release + " go1.26.8", "(devel)"},
		{"stamped", &debug.BuildInfo{GoVersion: "go1.26.8", Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "3f2a9c1d04be77aa"}, {Key: "vcs.modified", Value: "true"}}}, true, release + " 3f2a9c1d04be+changes go1.26.8", "(devel)"},
		{"no build info", nil, false, release, "unknown"},
	} {
		got := versionOf(c.info, c.ok)
		if got != c.want || strings.Contains(got, c.avoid) {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}
