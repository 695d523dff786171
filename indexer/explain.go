package indexer

import (
	"errors"
	"fmt"
)

// advice says, for each kind of failure, what is wrong with the file in
// words an admin understands, and what to try.
var advice = map[Class]string{
	ClassNotPDF:      "is not a PDF file (it may be a Word document, a web page or an image). Save or export it as PDF, then import that.",
	ClassEncrypted:   "is protected with a password. Ask the publisher for a copy without one, or remove the password (for example with qpdf --decrypt), then import that.",
	ClassUnsupported: "uses a kind of encryption or a PDF feature this reader cannot open. Open it in a PDF reader and print it to a new PDF, then import that.",
	ClassDamaged:     "is damaged or incomplete (it may have been cut short while downloading). Download it again, or open and save it again in a PDF reader.",
	ClassNoText:      "has no text to read: its pages are scanned images. It needs OCR (text recognition) before it can be imported.",
	ClassNoCases:     "was read, but no case study was found in it: no numbered, labelled or heading-styled case titles. If it is a compendium, check that each case starts with a heading of its own.",
	ClassTimeout:     "took too long to read and was stopped. It may be very large or malformed: try splitting it into parts.",
	ClassTooLarge:    "is too large to read within the memory allowed. Split it into parts and import each.",
	ClassCrashed:     "made the reader fail. The file is probably malformed: open and save it again in a PDF reader, then import that.",
}

// Explain says what went wrong with a file in plain words: which file
// (and page), what is wrong with it, and what to try. Errors that are not
// extraction failures are returned as they are.
func Explain(err error) string {
	var e *Error
	if !errors.As(err, &e) {
		return err.Error()
	}
	what, ok := advice[e.Class]
	if !ok {
		return err.Error()
	}
	if e.Class == ClassNotPDF && errors.Is(e.Err, errEmptyFile) {
		what = "is empty. Check that it was copied or downloaded completely."
	}
	if e.Page > 0 {
		return fmt.Sprintf("%s (page %d) %s", e.File, e.Page, what)
	}
	return fmt.Sprintf("%s %s", e.File, what)
}
