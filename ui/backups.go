package ui

import (
	"context"
	"fmt"
	"time"
)

// Backup is a backup made of the database, as the admin pages show it.
type Backup struct {
	At    time.Time
	Bytes int64
	File  string
}

// backupNote is the admin pages' line about backups.
type backupNote struct {
	Shown bool // false without a way to know (no LastBackup)
	Found bool
	At    time.Time
	Size  string
	Error string
}

// backupNote reads the latest backup; a failure to read it is shown, not
// fatal: the accounts page must work when the record cannot be read.
func (h *handlers) backupNote(ctx context.Context) backupNote {
	if h.lastBackup == nil {
		return backupNote{}
	}
	b, found, err := h.lastBackup(ctx)
	if err != nil {
		return backupNote{Shown: true, Error: "The last backup could not be read."}
	}
	return backupNote{Shown: true, Found: found, At: b.At.Local(), Size: byteSize(b.Bytes)}
}

// byteSize writes a size the way people read it: 812 KB, 2.3 MB.
func byteSize(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d bytes", n)
	case n < 1000*1000:
		return fmt.Sprintf("%.0f KB", float64(n)/1e3)
	case n < 1000*1000*1000:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	}
	return fmt.Sprintf("%.2f GB", float64(n)/1e9)
}
