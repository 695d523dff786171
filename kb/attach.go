package kb

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/compendium-kb/compendium/indexer"
)

// Notes on an attachment while and after it is read.
const (
	NoteQueued = "queued for reading: its text is added when it has been read"
	noteNoText = "no text layer (scanned?)"
)

// Attach adds a supporting PDF to a submission its owner may still edit.
// The file must be a PDF by its content, not its name; its text is read
// with the indexer, in a worker process like every upload, through a
// queue that is fair between users (attachqueue.go), its scanned pages
// by OCR in turn with other users' pages. When reading takes
// longer than AttachWait, the file is kept as queued and its text added
// when it has been read, so the officer is answered at once.
func (r *Reviews) Attach(ctx context.Context, u User, id, name string, data []byte) (Submission, error) {
	s, err := r.Get(ctx, u, id)
	if err != nil {
		return Submission{}, err
	}
	if _, err := Transition(s.Status, ActionEdit, u.Actor(), s.OwnerID, ""); err != nil {
		return Submission{}, err
	}
	name = truncate(strings.TrimSpace(strings.ReplaceAll(name, "/", "_")), 120)
	if err := checkAttachment(s, name, data); err != nil {
		return Submission{}, err
	}
	sum := sha256.Sum256(data)
	a := Attachment{Name: name, SHA256: hex.EncodeToString(sum[:]), Size: int64(len(data)), AddedAt: r.Now().UTC()}
	if err := r.Store.PutFile(ctx, a.SHA256, data); err != nil {
		return Submission{}, err
	}
	done, err := r.extractions().add(u.ID, func(ctx context.Context) (*indexer.Document, error) {
		// Its scanned pages take turns with other users' and the imports'.
		return r.Service.Extract.Extract(indexer.WithOCROwner(ctx, "user:"+u.ID), name, data)
	})
	if err != nil {
		return Submission{}, err
	}
	wait := r.AttachWait
	if wait == 0 {
		wait = 3 * time.Second
	}
	select {
	case res := <-done:
		if err := readInto(&a, res); err != nil {
			return Submission{}, err
		}
	case <-time.After(wait):
		a.Note = NoteQueued
		go r.finishReading(context.WithoutCancel(ctx), s.ID, a.SHA256, done)
	}
	s.Files = append(s.Files, a)
	return s, r.save(ctx, &s, SubmissionChange{})
}

func checkAttachment(s Submission, name string, data []byte) error {
	bad := func(msg string) error { return &ValidationError{Fields: map[string]string{"files": msg}} }
	switch {
	case len(s.Files) >= MaxAttachments:
		return bad(fmt.Sprintf("A submission takes at most %d files.", MaxAttachments))
	case len(data) > MaxAttachmentBytes:
		return bad(fmt.Sprintf("%s is larger than %d MB.", name, MaxAttachmentBytes>>20))
	case !bytes.HasPrefix(bytes.TrimLeft(data[:min(len(data), 1024)], "\x00\t\r\n \xef\xbb\xbf"), []byte("%PDF-")):
		return bad(fmt.Sprintf("%s is not a PDF file (only PDFs are accepted).", name))
	}
	return nil
}

// readInto fills in what extraction found, or says why the file cannot be
// read.
func readInto(a *Attachment, res extraction) error {
	switch c := indexer.ClassOf(res.err); {
	case res.err == nil:
		a.Pages, a.Text, a.Note = res.doc.Pages, truncate(res.doc.Text(), maxAttachmentText), ""
	case c == indexer.ClassNoText:
		a.Note = noteNoText
	case c != "":
		return &ValidationError{Fields: map[string]string{"files": fmt.Sprintf("%s cannot be read: %v", a.Name, errors.Unwrap(res.err))}}
	default:
		return res.err
	}
	return nil
}

// finishReading waits for a queued file's text and adds it to the
// submission, reading the submission again if it changed meanwhile.
func (r *Reviews) finishReading(ctx context.Context, id, sha string, done <-chan extraction) {
	res := <-done
	for try := 1; try <= 8; try++ {
		s, err := r.Store.Submission(ctx, id)
		if err == nil {
			s, err = r.catchUp(ctx, s)
		}
		if err != nil {
			r.log().Error("adding a queued file's text", "submission", id, "err", err)
			return
		}
		i := s.fileIndex(sha)
		if i < 0 || s.Files[i].Note != NoteQueued {
			return // removed, or read already
		}
		if err := readInto(&s.Files[i], res); err != nil {
			s.Files[i].Note = "cannot be read: " + truncate(err.Error(), 200)
		}
		err = r.save(ctx, &s, SubmissionChange{})
		if !errors.Is(err, ErrConflict) {
			if err != nil {
				r.log().Error("adding a queued file's text", "submission", id, "err", err)
			}
			return
		}
		_ = sleepCtx(ctx, time.Duration(try*20)*time.Millisecond)
	}
}

func (s Submission) fileIndex(sha string) int {
	for i, f := range s.Files {
		if f.SHA256 == sha {
			return i
		}
	}
	return -1
}

func (r *Reviews) extractions() *extractQueue {
	r.queueOnce.Do(func() { r.queue = newExtractQueue(readingAtOnce, maxQueuedPerUser) })
	return r.queue
}
