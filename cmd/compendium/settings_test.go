package main

import (
	"flag"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestSettingsPrecedence: the command line wins over the environment,
// which wins over the --config file, which wins over the default.
func TestSettingsPrecedence(t *testing.T) {
	file := filepath.Join(t.TempDir(), "compendium.toml")
	toml := "data = \"/srv/from-file\"\nmongo-uri = \"mongodb://file/\"\ntrusted-proxies = [\"10.0.0.0/8\", \"127.0.0.1\"]\n"
	if err := os.WriteFile(file, []byte(toml), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name    string
		args    []string
		env     map[string]string
		data    string
		mongo   string
		proxies string
	}{
		{"file only", []string{"--config", file}, nil, "/srv/from-file", "mongodb://file/", "10.0.0.0/8,127.0.0.1"},
		{"environment over file", []string{"--config", file}, map[string]string{"MONGODB_URI": "mongodb://env/"}, "/srv/from-file", "mongodb://env/", "10.0.0.0/8,127.0.0.1"},
		{"flag over all", []string{"--config", file, "--data", "/srv/flag"}, map[string]string{"COMPENDIUM_DATA": "/srv/env"}, "/srv/flag", "mongodb://file/", "10.0.0.0/8,127.0.0.1"},
		{"file from the environment", nil, map[string]string{"COMPENDIUM_CONFIG": file}, "/srv/from-file", "mongodb://file/", "10.0.0.0/8,127.0.0.1"},
		{"no file", nil, nil, "data", "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var cfg config
			fs := flag.NewFlagSet("serve", flag.ContinueOnError)
			storageFlags(fs, &cfg, env(tc.env))
			fs.StringVar(&cfg.trustedProxies, "trusted-proxies", tc.env["COMPENDIUM_TRUSTED_PROXIES"], "")
			if err := parseFlags(fs, tc.args, io.Discard); err != nil {
				t.Fatal(err)
			}
			if cfg.data != tc.data || cfg.mongoURI != tc.mongo || cfg.trustedProxies != tc.proxies {
				t.Errorf("data %q, mongo-uri %q, trusted-proxies %q; want %q, %q, %q", cfg.data, cfg.mongoURI, cfg.trustedProxies, tc.data, tc.mongo, tc.proxies)
			}
		})
	}
}

func TestSettingsFileErrors(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{"unknown setting": "colour = \"red\"\n", "not TOML": "addr = \n"} {
		t.Run(name, func(t *testing.T) {
			file := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".toml")
			if err := os.WriteFile(file, []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
			var cfg config
			fs := flag.NewFlagSet("reindex", flag.ContinueOnError)
			storageFlags(fs, &cfg, env(nil))
			err := parseFlags(fs, []string{"--config", file}, io.Discard)
			if err == nil || !strings.Contains(err.Error(), file) {
				t.Errorf("error %v, want one naming %s", err, file)
			}
		})
	}
}

func TestVersion(t *testing.T) {
	out, _, err := runCmd(t, "version")
	if err != nil || !strings.HasPrefix(out, "compendium ") || !strings.Contains(out, runtime.Version()) {
		t.Errorf("version printed %q (%v), want the program and Go versions", out, err)
	}
}

// TestSettingsFileServesEveryCommand: one file holds every command's
// settings; a command skips the others' (a backup reads serve's file).
func TestSettingsFileServesEveryCommand(t *testing.T) {
	file := filepath.Join(t.TempDir(), "compendium.toml")
	if err := os.WriteFile(file, []byte("addr = \"127.0.0.1:9999\"\ntrusted-proxies = [\"127.0.0.1\"]\ndata = \"/srv/x\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var cfg config
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	storageFlags(fs, &cfg, env(nil))
	if err := parseFlags(fs, []string{"--config", file}, io.Discard); err != nil || cfg.data != "/srv/x" {
		t.Errorf("backup with serve's settings file: %v, data %q; want no error and /srv/x", err, cfg.data)
	}
}
