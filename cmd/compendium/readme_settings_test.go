package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestREADMESettings: every flag in the README's table of settings is a
// flag of the commands it names (serve when it names none), every
// environment variable in it is read somewhere in the code, and every
// variable the code reads is in the table.
func TestREADMESettings(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	section := string(readme)[strings.Index(string(readme), "### Settings\n"):]
	section = section[:strings.Index(section, "\n## ")]
	source := goSource(t)
	listed := map[string]bool{}
	rows := 0
	for _, row := range regexp.MustCompile(`(?m)^\|([^|]*)\|([^|]*)\|`).FindAllStringSubmatch(section, -1) {
		flagCell, envCell := strings.TrimSpace(row[1]), row[2]
		for _, env := range regexp.MustCompile("`([A-Z_]+)").FindAllStringSubmatch(envCell, -1) {
			listed[env[1]] = true
			if !strings.Contains(source, `"`+env[1]+`"`) {
				t.Errorf("the README lists %s, which no code reads", env[1])
			}
		}
		m := regexp.MustCompile("^`--([a-z-]+)[^`]*`(?: \\((.*)\\))?").FindStringSubmatch(flagCell)
		if m == nil {
			continue
		}
		rows++
		commands := []string{"serve"}
		if m[2] != "" {
			commands = strings.Split(m[2], ", ")
		}
		for _, c := range commands {
			checkFlags(t, append(strings.Fields(c), "--"+m[1]))
		}
	}
	if rows < 8 {
		t.Fatalf("read %d flags from the README's settings table; the test no longer reads it", rows)
	}
	for _, m := range regexp.MustCompile(`[gG]etenv\("([A-Z_]+)"\)`).FindAllStringSubmatch(source, -1) {
		if !listed[m[1]] {
			t.Errorf("the code reads %s, which the README's settings table does not list", m[1])
		}
	}
}

// goSource is the text of every Go file in the module.
func goSource(t *testing.T) string {
	var b strings.Builder
	err := filepath.WalkDir(filepath.Join("..", ".."), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		data, err := os.ReadFile(path)
		b.Write(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}
