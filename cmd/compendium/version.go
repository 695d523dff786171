package main

import (
	"fmt"
	"io"
	"runtime/debug"
)

// release is this program's version, kept in the repository so that
// every build shows one: `go run` and builds outside a checkout record
// no commit, and their module version is only "(devel)".
const release = "0.21.0"

// buildVersion is the release, with the commit (and whether the tree had
// changes) where the build recorded it, and the Go version:
// "0.21.0 3f2a9c1d04be go1.26.8".
func buildVersion() string {
	return versionOf(debug.ReadBuildInfo())
}

func versionOf(info *debug.BuildInfo, ok bool) string {
	v := release
	if !ok {
		return v
	}
	var rev, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value[:min(len(s.Value), 12)]
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+changes"
			}
		}
	}
	if rev != "" {
		v += " " + rev + dirty
	}
	return v + " " + info.GoVersion
}

func cmdVersion(stdout io.Writer) error {
	_, err := fmt.Fprintln(stdout, "compendium", buildVersion())
	return err
}
