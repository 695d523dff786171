package kb_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/compendium-kb/compendium/kb"
)

var (
	reviewer = kb.User{ID: "rev@police.example", Name: "Reviewer", Role: kb.RoleReviewer}
	admin    = kb.User{ID: "admin@police.example", Name: "Admin", Role: kb.RoleAdmin}
)

func newCuration(t *testing.T) (*kb.Curation, *kb.Service) {
	t.Helper()
	svc, store := newServiceAndStore(t)
	return kb.NewCuration(svc, store), svc
}

func total(t *testing.T, svc *kb.Service, text string) int {
	t.Helper()
	res, err := svc.Search(context.Background(), kb.Query{Text: text})
	if err != nil {
		t.Fatal(err)
	}
	return res.Total
}

// TestImportProposes: an import publishes nothing; a reviewer's decision
// publishes one proposal, with the title corrected, searchable at once.
func TestImportProposes(t *testing.T) {
	ctx := context.Background()
	cur, svc := newCuration(t)
	res, err := cur.Import(ctx, admin.Actor(), "casebook.pdf", sample(t, "state-casebook.pdf"), kb.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Proposed != 11 || res.Added != 0 || len(res.Document.Practices) != 0 {
		t.Fatalf("import: %+v, want 11 proposed and none published", res)
	}
	if n, _ := svc.Store.CountPractices(ctx); n != 0 || total(t, svc, "Muskaan") != 0 {
		t.Fatalf("an import made %d practices public before any decision", n)
	}
	ps, err := cur.Proposals(ctx, "casebook", kb.ProposalProposed)
	if err != nil || len(ps) != 11 {
		t.Fatalf("proposals: %d (%v), want 11", len(ps), err)
	}
	for i := 1; i < len(ps); i++ {
		if ps[i].PageStart < ps[i-1].PageStart {
			t.Errorf("proposals not in page order: %d after %d", ps[i].PageStart, ps[i-1].PageStart)
		}
	}
	var muskaan kb.Proposal
	for _, p := range ps {
		if p.Confidence < 0 || p.Confidence > 1 {
			t.Errorf("%s: confidence %v outside 0..1", p.Title, p.Confidence)
		}
		if len(p.Title) > 8 && p.Title[:9] == "Operation" {
			muskaan = p
		}
	}
	if muskaan.ID == "" {
		t.Fatalf("no proposal titled Operation …: %v", ps)
	}
	title := "Operation Muskaan: tracing missing children"
	_, pr, err := cur.Decide(ctx, reviewer, muskaan.ID, kb.ProposalPublish, &kb.CaseEdit{Title: &title}, muskaan.Rev)
	if err != nil || pr == nil {
		t.Fatalf("publish: %v", err)
	}
	if pr.ID != muskaan.ID || pr.Title != title || pr.Version != 1 {
		t.Errorf("published practice %s %q v%d, want the proposal's id with the corrected title at version 1", pr.ID, pr.Title, pr.Version)
	}
	if total(t, svc, "tracing missing children") != 1 {
		t.Error("the published practice is not searchable under its corrected title")
	}
	if _, _, err := cur.Decide(ctx, reviewer, muskaan.ID, kb.ProposalDrop, nil, 0); !errors.Is(err, kb.ErrConflict) {
		t.Errorf("dropping a published proposal: %v, want ErrConflict", err)
	}
	if _, _, err := cur.Decide(ctx, reviewer, ps[0].ID, kb.ProposalPublish, nil, ps[0].Rev+1); !errors.Is(err, kb.ErrConflict) {
		t.Errorf("deciding on a revision not seen: %v, want ErrConflict", err)
	}
	doc, _ := svc.Document(ctx, "casebook")
	if len(doc.Practices) != 1 || doc.Practices[0] != pr.ID {
		t.Errorf("document lists %v, want the one published practice", doc.Practices)
	}
	evs, err := cur.Audit.Events(ctx, kb.EventFilter{DocumentID: "casebook"})
	if err != nil || len(evs) != 2 || evs[0].Action != "proposal.publish" || evs[0].ActorID != reviewer.ID || evs[1].Action != "document.import" {
		t.Fatalf("trail %+v (%v), want the publication by the reviewer after the import", evs, err)
	}
	if len(evs[0].Changes) != 1 || evs[0].Changes[0].Field != "title" || evs[0].Changes[0].To != title {
		t.Errorf("the publication's changes %+v, want the title's correction", evs[0].Changes)
	}
}

// TestOneDecisionWins: two reviewers deciding on the revision they both
// read: one wins, the other gets ErrConflict.
func TestOneDecisionWins(t *testing.T) {
	ctx := context.Background()
	cur, _ := newCuration(t)
	if _, err := cur.Import(ctx, admin.Actor(), "casebook.pdf", sample(t, "state-casebook.pdf"), kb.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	ps, _ := cur.Proposals(ctx, "casebook", kb.ProposalProposed)
	errs := make(chan error, 2)
	for _, a := range []kb.ProposalAction{kb.ProposalPublish, kb.ProposalDrop} {
		go func() {
			_, _, err := cur.Decide(ctx, reviewer, ps[0].ID, a, nil, ps[0].Rev)
			errs <- err
		}()
	}
	e1, e2 := <-errs, <-errs
	if (e1 == nil) == (e2 == nil) || !errors.Is(errors.Join(e1, e2), kb.ErrConflict) {
		t.Errorf("two decisions at once: %v and %v, want one success and one ErrConflict", e1, e2)
	}
}

// TestTrustedImportAndReimport: a trusted import publishes what is above
// its threshold; a changed edition keeps published ids and versions and
// proposes the rest again.
func TestTrustedImportAndReimport(t *testing.T) {
	ctx := context.Background()
	cur, svc := newCuration(t)
	data := sample(t, "state-casebook.pdf")
	res, err := cur.Import(ctx, admin.Actor(), "casebook.pdf", data, kb.ImportOptions{Trusted: true, Threshold: 1})
	if err != nil || res.Added != 0 || res.Proposed != 11 {
		t.Fatalf("trusted above 1: %+v (%v), want nothing published", res, err)
	}
	ps, _ := cur.Proposals(ctx, "casebook", kb.ProposalProposed)
	n, err := cur.Bulk(ctx, reviewer, kb.BulkDecision{Documents: []string{"casebook"}, Action: kb.ProposalPublish, Min: 0, Max: 1})
	if err != nil || n.Total != 11 {
		t.Fatalf("bulk publish: %d (%v), want 11", n.Total, err)
	}
	edited := append(append([]byte(nil), data...), []byte("\n% corrected edition\n")...)
	res, err = cur.Import(ctx, admin.Actor(), "casebook.pdf", edited, kb.ImportOptions{})
	if err != nil || res.Updated != 11 || res.Proposed != 0 || res.Removed != 0 {
		t.Fatalf("re-import: %+v (%v), want every published case updated in place", res, err)
	}
	for i, id := range res.Document.Practices {
		if id != ps[i].ID {
			t.Errorf("practice %d: id %s, want %s kept", i, id, ps[i].ID)
		}
	}
	if total(t, svc, "Muskaan") == 0 {
		t.Error("published practices left search after a re-import")
	}
	other, err := cur.Import(ctx, admin.Actor(), "le.pdf", sample(t, "law-enforcement-compendium.pdf"), kb.ImportOptions{Trusted: true, Threshold: 0})
	if err != nil || other.Added+other.Proposed != 11 {
		t.Fatalf("trusted above 0: %+v (%v)", other, err)
	}
	if other.Added == 0 {
		t.Errorf("trusted above 0 published none of %d; every case with confidence above 0 should be", other.Proposed)
	}
}

// TestMergeAndSplit: a case cut in two is merged back; one read as two
// cases is split at a page into a new proposal.
func TestMergeAndSplit(t *testing.T) {
	ctx := context.Background()
	cur, _ := newCuration(t)
	if _, err := cur.Import(ctx, admin.Actor(), "casebook.pdf", sample(t, "state-casebook.pdf"), kb.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	ps, _ := cur.Proposals(ctx, "casebook", kb.ProposalProposed)
	first, second := ps[0], ps[1]
	merged, err := cur.Merge(ctx, reviewer, first.ID, first.Rev)
	if err != nil {
		t.Fatal(err)
	}
	if merged.PageEnd != second.PageEnd || len(merged.Text) <= len(first.Text) {
		t.Errorf("merged: pages %d–%d, want to %d, with the next one's text", merged.PageStart, merged.PageEnd, second.PageEnd)
	}
	gone, _ := cur.Proposal(ctx, second.ID)
	if gone.Status != kb.ProposalDropped {
		t.Errorf("the merged-in proposal is %s, want dropped", gone.Status)
	}
	if merged.PageEnd == merged.PageStart {
		t.Skip("the merged proposal spans one page; nothing to split")
	}
	a, b, err := cur.Split(ctx, reviewer, merged.ID, second.PageStart, merged.Rev)
	if err != nil {
		t.Fatal(err)
	}
	if a.PageEnd != second.PageStart-1 || b.PageStart != second.PageStart || b.PageEnd != merged.PageEnd || b.Status != kb.ProposalProposed {
		t.Errorf("split: %d–%d and %d–%d (%s), want the cut at page %d", a.PageStart, a.PageEnd, b.PageStart, b.PageEnd, b.Status, second.PageStart)
	}
	if _, _, err := cur.Split(ctx, reviewer, a.ID, a.PageStart, a.Rev); err == nil {
		t.Error("split at the first page succeeded; want a validation error")
	}
}

// TestWithdrawRestoreCorrect: a withdrawn practice leaves search at once
// and keeps a tombstone; an admin restores it; a correction is a new
// version with the earlier one readable; delete for good leaves nothing.
func TestWithdrawRestoreCorrect(t *testing.T) {
	ctx := context.Background()
	cur, svc := newCuration(t)
	if _, err := svc.ImportWith(ctx, "casebook.pdf", sample(t, "state-casebook.pdf"), kb.ImportOptions{PublishAll: true}); err != nil {
		t.Fatal(err)
	}
	hits, _ := svc.Search(ctx, kb.Query{Text: "Muskaan"})
	p := hits.Hits[0].Practice
	if _, err := cur.WithdrawPractice(ctx, reviewer, p.ID, ""); err == nil {
		t.Error("withdrawal without a reason succeeded")
	}
	if _, err := cur.WithdrawPractice(ctx, reviewer, p.ID, "duplicate of a later edition"); err != nil {
		t.Fatal(err)
	}
	if total(t, svc, "Muskaan") != 0 {
		t.Error("a withdrawn practice is still found")
	}
	if _, err := cur.WithdrawPractice(ctx, reviewer, p.ID, "again"); !errors.Is(err, kb.ErrConflict) {
		t.Errorf("withdrawing twice: %v, want ErrConflict", err)
	}
	ts, err := cur.Tombstone(ctx, p.ID)
	if err != nil || ts.Practice.Title != p.Title || ts.Withdrawal.Reason != "duplicate of a later edition" || ts.Withdrawal.ByID != reviewer.ID {
		t.Fatalf("tombstone %+v (%v)", ts.Withdrawal, err)
	}
	if _, err := cur.RestorePractice(ctx, reviewer, p.ID); !errors.Is(err, kb.ErrForbidden) {
		t.Errorf("a reviewer restoring: %v, want ErrForbidden", err)
	}
	if _, err := cur.RestorePractice(ctx, admin, p.ID); err != nil {
		t.Fatal(err)
	}
	if total(t, svc, "Muskaan") == 0 {
		t.Error("a restored practice is not found")
	}
	summary := "Children traced through shelters and railway stations."
	corrected, err := cur.Correct(ctx, reviewer, p.ID, kb.CaseEdit{Summary: &summary}, p.Version)
	if err != nil || corrected.Version != p.Version+1 || corrected.Summary != summary {
		t.Fatalf("correction: v%d %q (%v), want v%d with the new summary", corrected.Version, corrected.Summary, err, p.Version+1)
	}
	if _, err := cur.Correct(ctx, reviewer, p.ID, kb.CaseEdit{Summary: &summary}, p.Version); !errors.Is(err, kb.ErrConflict) {
		t.Errorf("correcting an old version: %v, want ErrConflict", err)
	}
	old, err := svc.PracticeVersion(ctx, p.ID, p.Version)
	if err != nil || old.Summary != p.Summary {
		t.Errorf("earlier version: %q (%v), want the original summary", old.Summary, err)
	}
	graded, err := cur.SetEvidence(ctx, reviewer, p.ID, kb.EvidencePromising, "District evaluation, 2019: 212 children traced.", 0)
	if err != nil || graded.Evidence == nil || graded.Evidence.Label != kb.EvidencePromising {
		t.Fatalf("evidence: %+v (%v)", graded.Evidence, err)
	}
	byLabel, err := svc.Search(ctx, kb.Query{Evidence: []string{string(kb.EvidencePromising)}})
	if err != nil || byLabel.Total != 1 || byLabel.Hits[0].Practice.ID != p.ID || byLabel.Hits[0].Practice.EvidenceText() != "promising" {
		t.Errorf("filtering by evidence: %d hits (%v), want the graded practice with its label", byLabel.Total, err)
	}
	if f := byLabel.Facets["evidence"]; len(f) != 1 || f[0].Value != "promising" || f[0].Count != 1 {
		t.Errorf("evidence facet %+v, want promising: 1", f)
	}
	if note := (kb.Cite{Practice: graded}).ChicagoNote(); note == "" {
		t.Error("no citation")
	}
	if bib, _ := (kb.Cite{Practice: graded}).Format(kb.FormatBibTeX); !strings.Contains(bib, "Evidence: promising") {
		t.Errorf("the BibTeX note lacks the evidence label:\n%s", bib)
	}
	if err := cur.DeletePracticeForGood(ctx, reviewer, p.ID, "names a victim"); !errors.Is(err, kb.ErrForbidden) {
		t.Errorf("a reviewer deleting for good: %v, want ErrForbidden", err)
	}
	if err := cur.DeletePracticeForGood(ctx, admin, p.ID, "names a victim"); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.PracticeVersion(ctx, p.ID, p.Version); !errors.Is(err, kb.ErrNotFound) {
		t.Errorf("an earlier version survived delete for good: %v", err)
	}
	if _, err := cur.Tombstone(ctx, p.ID); !errors.Is(err, kb.ErrNotFound) {
		t.Errorf("a tombstone survived delete for good: %v", err)
	}
	evs, _ := cur.Audit.Events(ctx, kb.EventFilter{Subject: p.ID})
	want := []string{"practice.delete", "practice.evidence", "practice.correct", "practice.restore", "practice.withdraw"}
	if len(evs) != len(want) {
		t.Fatalf("trail of %s: %d events, want %v", p.ID, len(evs), want)
	}
	for i, e := range evs {
		if e.Action != want[i] {
			t.Errorf("event %d: %s, want %s", i, e.Action, want[i])
		}
	}
}

// TestWithdrawDocument: a whole document's practices leave search and
// come back with it; a withdrawn document is not re-imported.
func TestWithdrawDocument(t *testing.T) {
	ctx := context.Background()
	cur, svc := newCuration(t)
	data := sample(t, "state-casebook.pdf")
	if _, err := svc.ImportWith(ctx, "casebook.pdf", data, kb.ImportOptions{PublishAll: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := cur.WithdrawDocument(ctx, reviewer, "casebook", "superseded by the 2024 edition"); err != nil {
		t.Fatal(err)
	}
	if c, _ := svc.Index.Count(); c != 0 {
		t.Errorf("%d practices still indexed after the document was withdrawn", c)
	}
	if _, err := svc.ImportWith(ctx, "casebook.pdf", append(data, ' '), kb.ImportOptions{}); !errors.Is(err, kb.ErrConflict) {
		t.Errorf("importing a withdrawn document: %v, want ErrConflict", err)
	}
	if _, err := cur.RestoreDocument(ctx, admin, "casebook"); err != nil {
		t.Fatal(err)
	}
	if c, _ := svc.Index.Count(); c != 11 {
		t.Errorf("%d practices indexed after restoring, want 11", c)
	}
	if err := cur.DeleteDocumentForGood(ctx, admin, "casebook", "must not be kept", "wrong"); err == nil {
		t.Error("delete for good without the id typed succeeded")
	}
	if err := cur.DeleteDocumentForGood(ctx, admin, "casebook", "must not be kept", "casebook"); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Document(ctx, "casebook"); !errors.Is(err, kb.ErrNotFound) {
		t.Errorf("document after delete for good: %v", err)
	}
	if n, _ := svc.Store.CountPractices(ctx); n != 0 {
		t.Errorf("%d practices left after delete for good", n)
	}
}

// TestImportAfterACrash: practices left by an import stopped before its
// document record do not block the next import of the file.
func TestImportAfterACrash(t *testing.T) {
	ctx := context.Background()
	cur, svc := newCuration(t)
	data := sample(t, "state-casebook.pdf")
	res, err := svc.ImportWith(ctx, "casebook.pdf", data, kb.ImportOptions{PublishAll: true})
	if err != nil {
		t.Fatal(err)
	}
	// What a crash before the document record leaves: practices, no record.
	if err := cur.Store.DeleteDocument(ctx, "casebook"); err != nil {
		t.Fatal(err)
	}
	again, err := svc.ImportWith(ctx, "casebook.pdf", data, kb.ImportOptions{PublishAll: true})
	if err != nil || again.Added != len(res.Document.Practices) {
		t.Fatalf("import after a crash: %+v (%v), want it to succeed", again, err)
	}
}

// TestEditDocument: a corrected title, publisher and year reach the
// practices' sources, which citations read, and the trail says what
// changed.
func TestEditDocument(t *testing.T) {
	ctx := context.Background()
	cur, svc := newCuration(t)
	res, err := svc.ImportWith(ctx, "casebook.pdf", sample(t, "state-casebook.pdf"), kb.ImportOptions{PublishAll: true})
	if err != nil {
		t.Fatal(err)
	}
	title, publisher, year := "State Casebook 2019", "State CID, Ranchi", 2019
	if _, err := cur.EditDocument(ctx, reviewer, "casebook", kb.DocumentEdit{Title: &title, Publisher: &publisher, Year: &year}); err != nil {
		t.Fatal(err)
	}
	p, err := svc.Practice(ctx, res.Document.Practices[0])
	if err != nil || p.Provenance.DocumentTitle != title || p.Provenance.Publisher != publisher || p.Provenance.Year != year {
		t.Errorf("a practice's source after the edit: %+v (%v)", p.Provenance, err)
	}
	bad := 20190
	if _, err := cur.EditDocument(ctx, reviewer, "casebook", kb.DocumentEdit{Year: &bad}); err == nil {
		t.Error("year 20190 was accepted")
	}
	if _, err := cur.EditDocument(ctx, kb.User{ID: "o", Role: kb.RoleOfficer}, "casebook", kb.DocumentEdit{Title: &title}); !errors.Is(err, kb.ErrForbidden) {
		t.Errorf("an officer editing a document: %v, want ErrForbidden", err)
	}
	evs, _ := cur.Audit.Events(ctx, kb.EventFilter{DocumentID: "casebook"})
	if len(evs) == 0 || evs[0].Action != "document.edit" || len(evs[0].Changes) != 3 {
		t.Errorf("trail %+v, want the edit with its three changes first", evs)
	}
}
