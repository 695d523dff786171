package kb

import (
	"context"
	"crypto/sha256"
	"encoding/base32"
	"errors"
	"strings"
)

// A phone that loses its signal keeps a submission's form and sends it
// when the network returns; it may send it twice (a retry after an
// answer that never arrived). The form carries a key made when it was
// shown, and the key makes the submission's id: its first revision is an
// insert of "id:1", which only one sender wins, in one process or many.

// MaxFormKeyLength bounds a form's key.
const MaxFormKeyLength = 64

// submissionIDFor is the id of the submission a user's form with key
// creates.
func submissionIDFor(userID, key string) string {
	sum := sha256.Sum256([]byte(userID + "\x00" + key))
	return "s" + strings.ToLower(base32.StdEncoding.EncodeToString(sum[:])[:11])
}

// CreateOnce creates a draft from a form carrying key, once: the same
// form sent again returns the submission it made, with created false.
func (r *Reviews) CreateOnce(ctx context.Context, u User, key string, f SubmissionFields) (s Submission, created bool, err error) {
	if key == "" || len(key) > MaxFormKeyLength {
		s, err = r.Create(ctx, u, f)
		return s, err == nil, err
	}
	id := submissionIDFor(u.ID, key)
	if earlier, err := r.Get(ctx, u, id); err == nil && earlier.Rev > 0 {
		return earlier, false, nil
	}
	if err := f.checkSizes(); err != nil {
		return Submission{}, false, err
	}
	f = f.normalize()
	if err := f.Validate(false); err != nil {
		return Submission{}, false, err
	}
	s, err = r.create(ctx, u, id, f)
	if errors.Is(err, ErrConflict) { // the other sending won
		s, err = r.Get(ctx, u, id)
		return s, false, err
	}
	return s, err == nil, err
}
