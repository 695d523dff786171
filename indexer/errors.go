package indexer

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
)

// Class names a kind of extraction failure, so that a summary can count
// them and a user can tell what to do about a file.
type Class string

// The failure classes.
const (
	ClassNotPDF      Class = "not-pdf"
	ClassEncrypted   Class = "encrypted"   // needs a password
	ClassUnsupported Class = "unsupported" // encryption or feature we cannot read
	ClassDamaged     Class = "damaged"
	ClassNoText      Class = "no-text"  // scanned or image-only
	ClassNoCases     Class = "no-cases" // text, but nothing laid out as case studies
	ClassTimeout     Class = "timeout"
	ClassTooLarge    Class = "too-large" // past the memory or size limit
	ClassCrashed     Class = "crashed"   // the extraction process died
)

// Error is a failure to extract one file, naming the file and, where it
// is known, the page.
type Error struct {
	File  string
	Page  int
	Class Class
	Err   error
}

func (e *Error) Error() string {
	where := e.File
	if e.Page > 0 {
		where = fmt.Sprintf("%s, page %d", e.File, e.Page)
	}
	return fmt.Sprintf("%s: %s: %v", where, e.Class, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

var errEmptyFile = errors.New("empty file")

// ClassOf returns the class of an extraction error, or "" for others.
func ClassOf(err error) Class {
	var e *Error
	if errors.As(err, &e) {
		return e.Class
	}
	return ""
}

func classifyOpen(name string, data []byte, err error) error {
	msg := err.Error()
	class := ClassDamaged
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		class, err = ClassNotPDF, errEmptyFile
	case errors.Is(err, errNotPDF) || !bytes.Contains(data[:min(len(data), 1024)], []byte("%PDF-")):
		class, err = ClassNotPDF, errNotPDF
	case strings.Contains(msg, "encryption") || strings.Contains(msg, "encrypt"):
		class = ClassUnsupported
	case strings.Contains(msg, "password"):
		class, err = ClassEncrypted, errors.New("encrypted with a password")
	case strings.Contains(msg, "missing %%EOF") || strings.Contains(msg, "startxref"):
		err = fmt.Errorf("truncated or damaged (%v)", err)
	}
	return &Error{File: name, Class: class, Err: err}
}
