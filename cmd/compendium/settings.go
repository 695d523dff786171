package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/BurntSushi/toml"
)

// envNames are the environment variables that set a flag. A setting is
// taken from the command line first, then the environment, then the
// --config file, then the default.
var envNames = map[string]string{
	"addr":            "COMPENDIUM_ADDR",
	"data":            "COMPENDIUM_DATA",
	"mongo-uri":       "MONGODB_URI",
	"samples":         "COMPENDIUM_SAMPLES",
	"log-format":      "COMPENDIUM_LOG_FORMAT",
	"trusted-proxies": "COMPENDIUM_TRUSTED_PROXIES",
	"metrics-addr":    "COMPENDIUM_METRICS_ADDR",
	"config":          "COMPENDIUM_CONFIG",
}

// configFlag is --config: the file's path, and the environment to check
// before a setting of the file is used.
type configFlag struct {
	path   string
	getenv func(string) string
}

func (c *configFlag) String() string     { return c.path }
func (c *configFlag) Set(v string) error { c.path = v; return nil }

// configFileFlag adds --config to a command; parseFlags applies it.
func configFileFlag(fs *flag.FlagSet, getenv func(string) string) {
	fs.Var(&configFlag{path: getenv("COMPENDIUM_CONFIG"), getenv: getenv}, "config",
		"a TOML file of settings named as the flags are, e.g. addr = \"127.0.0.1:8080\" (env COMPENDIUM_CONFIG)")
}

// logFormatFlag adds --log-format.
func logFormatFlag(fs *flag.FlagSet, cfg *config, getenv func(string) string) {
	format := getenv("COMPENDIUM_LOG_FORMAT")
	if format == "" {
		format = "text"
	}
	fs.StringVar(&cfg.logFormat, "log-format", format, "log lines as text or json (env COMPENDIUM_LOG_FORMAT)")
}

// applyConfigFile fills the flags that neither the command line nor the
// environment set from the --config file, if there is one.
func applyConfigFile(fs *flag.FlagSet) error {
	f := fs.Lookup("config")
	if f == nil || f.Value.String() == "" {
		return nil
	}
	cf := f.Value.(*configFlag)
	var file map[string]any
	if _, err := toml.DecodeFile(cf.path, &file); err != nil {
		return fmt.Errorf("reading the settings in %s: %w", cf.path, err)
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	for name, v := range file {
		if fs.Lookup(name) == nil || name == "config" {
			if _, known := envNames[name]; known && name != "config" {
				continue // another command's: one file serves them all
			}
			return fmt.Errorf("%s: %q is not a setting", cf.path, name)
		}
		if given[name] || (envNames[name] != "" && cf.getenv(envNames[name]) != "") {
			continue
		}
		if err := fs.Set(name, settingText(v)); err != nil {
			return fmt.Errorf("%s: %s: %w", cf.path, name, err)
		}
	}
	return nil
}

// settingText turns a TOML value into a flag's text; a list becomes a
// comma-separated one (trusted-proxies = ["10.0.0.0/8", "127.0.0.1"]).
func settingText(v any) string {
	if list, ok := v.([]any); ok {
		parts := make([]string, len(list))
		for i, e := range list {
			parts[i] = fmt.Sprint(e)
		}
		return strings.Join(parts, ",")
	}
	return fmt.Sprint(v)
}

// logger builds the command's logger in the chosen format.
func (cfg config) logger(w io.Writer) (*slog.Logger, error) {
	opts := &slog.HandlerOptions{Level: cfg.logLevel}
	switch cfg.logFormat {
	case "", "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("--log-format %q: want text or json", cfg.logFormat)
}

// splitList reads a comma-separated list, leaving out empty items.
func splitList(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}
