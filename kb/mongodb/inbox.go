package mongodb

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/compendium-kb/compendium/kb"
)

// Every page shows the user's count of unread notices, so it must not
// filter the notices (the embedded database answers a filter by reading
// them all), and several nodes add notices at once, so it cannot be a
// counter ($inc loses increments on FerretDB over PostgreSQL: 4 nodes
// sending 32 notices at once counted 22). It comes from two sequences
// (sequence.go) in inbox_marks: "USER:nK", one for each notice the user
// was sent, and "USER:rJ", one for each time the user read them, holding
// up to which notice. The count is the last notice's number less the
// last read mark's: a few lookups by _id.
const inboxMarks = "inbox_marks"

// inboxMark is one mark: a notice counted, or notices read.
type inboxMark struct {
	ID     string `bson:"_id"`
	Notice string `bson:"notice,omitempty"` // the notice counted
	Upto   int64  `bson:"upto,omitempty"`   // the notices read, up to this number
}

func noticePrefix(userID string) string { return userID + ":n" }
func readPrefix(userID string) string   { return userID + ":r" }

// AddNotice stores a notice for a user and counts it unread: first the
// count, so that a stored notice is always counted; a notice stored
// already is not added again.
func (s *Store) AddNotice(ctx context.Context, n kb.Notice) error {
	s.mu.Lock() // a backup of the embedded database waits for the write
	defer s.mu.Unlock()
	notices := s.db.Collection("notices")
	if have, err := exists(ctx, notices, n.ID); err != nil || have {
		return err
	}
	if err := s.countNotice(ctx, n); err != nil {
		return err
	}
	if _, err := notices.InsertOne(ctx, n); err != nil && !mongo.IsDuplicateKeyError(err) {
		return translate(err, "notice")
	}
	return nil
}

// recountWindow is how far back a retry looks for the mark it made
// before a crash: the outbox retries within a minute, so the mark is
// among the user's latest.
const recountWindow = 16

// countNotice adds the notice's mark unless one of the latest holds it.
func (s *Store) countNotice(ctx context.Context, n kb.Notice) error {
	marks, prefix := s.db.Collection(inboxMarks), noticePrefix(n.UserID)
	end, err := s.sequenceEnd(ctx, marks, prefix)
	if err != nil {
		return err
	}
	for k := end; k > max(0, end-recountWindow); k-- {
		m, err := byID[inboxMark](ctx, marks, seqID(prefix, k), "inbox mark")
		if err != nil {
			return err
		}
		if m.Notice == n.ID {
			return nil
		}
	}
	_, err = s.appendToSequence(ctx, marks, prefix, end, func(k int64) any { return inboxMark{ID: seqID(prefix, k), Notice: n.ID} })
	return err
}

// lastRead returns the user's last read mark's number and the number of
// the last notice it says was read; 0 and 0 before the first.
func (s *Store) lastRead(ctx context.Context, userID string) (mark, upto int64, err error) {
	marks, prefix := s.db.Collection(inboxMarks), readPrefix(userID)
	if mark, err = s.sequenceEnd(ctx, marks, prefix); err != nil || mark == 0 {
		return mark, 0, err
	}
	m, err := byID[inboxMark](ctx, marks, seqID(prefix, mark), "inbox mark")
	return mark, m.Upto, err
}

// UnreadNotices counts a user's unseen notices from the marks.
func (s *Store) UnreadNotices(ctx context.Context, userID string) (int, error) {
	end, err := s.sequenceEnd(ctx, s.db.Collection(inboxMarks), noticePrefix(userID))
	if err != nil {
		return 0, err
	}
	_, upto, err := s.lastRead(ctx, userID)
	return int(max(0, end-upto)), err
}

// Notices returns a user's notices, newest first.
func (s *Store) Notices(ctx context.Context, userID string) ([]kb.Notice, error) {
	return all[kb.Notice](ctx, s.db.Collection("notices"), bson.D{{Key: "user_id", Value: userID}}, bson.D{{Key: "at", Value: -1}}, 50, "notices")
}

// MarkNoticesRead marks a user's notices as seen, and adds a read mark
// up to the last notice counted. Each mark reads further than the one
// before it: two nodes marking at once take two numbers, the later mark
// reading at least as far.
func (s *Store) MarkNoticesRead(ctx context.Context, userID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	marks := s.db.Collection(inboxMarks)
	end, err := s.sequenceEnd(ctx, marks, noticePrefix(userID))
	if err != nil {
		return err
	}
	_, err = s.db.Collection("notices").UpdateMany(ctx, bson.D{{Key: "user_id", Value: userID}, {Key: "read", Value: false}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "read", Value: true}}}})
	if err != nil {
		return translate(err, "notices")
	}
	for {
		j, upto, err := s.lastRead(ctx, userID)
		if err != nil || upto >= end {
			return err
		}
		_, err = marks.InsertOne(ctx, inboxMark{ID: seqID(readPrefix(userID), j+1), Upto: end})
		if !mongo.IsDuplicateKeyError(err) {
			return translate(err, "inbox mark")
		}
	}
}
