package main

import (
	"fmt"
	"io"
	"runtime/debug"
)

// buildVersion is the module version the binary was built at ("(devel)"
// from a checkout), with the commit and whether the tree had changes when
// the build recorded them, and the Go version.
func buildVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
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
