package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/compendium-kb/compendium/indexer"
	"github.com/compendium-kb/compendium/kb"
	"github.com/compendium-kb/compendium/kb/mongodb"
	"github.com/compendium-kb/compendium/kb/search"
)

// storage is an open knowledge base: the data folder's lock, the database
// (embedded or not), the index and the service over them.
type storage struct {
	svc       *kb.Service
	accounts  *kb.Accounts
	reviews   *kb.Reviews
	packs     *kb.Packs
	library   *kb.Library
	curation  *kb.Curation
	store     *mongodb.Store
	index     *search.Index
	embedded  *mongodb.Embedded
	lock      *dataLock
	indexDir  string
	extractor *indexer.Isolated
	follow    *follower // on a shared database (--mongo-uri): the change log
}

// recreateIndex replaces the index with an empty one.
func (st *storage) recreateIndex() error {
	if err := st.index.Close(); err != nil {
		return err
	}
	if err := os.RemoveAll(st.indexDir); err != nil {
		return fmt.Errorf("removing the index: %w", err)
	}
	ix, _, err := search.Open(st.indexDir)
	if err != nil {
		return err
	}
	st.index, st.svc.Index = ix, ix
	return nil
}

// openStorage locks the data folder, starts the embedded database when no
// MongoDB URI is given, and opens the index, rebuilding it from the
// database when it is new, outdated or out of step.
func openStorage(ctx context.Context, cfg config, command string, log *slog.Logger) (*storage, error) {
	st := &storage{}
	ok := false
	defer func() {
		if !ok {
			st.close(context.Background())
		}
	}()
	var err error
	if st.lock, err = lockDataDir(cfg.data, command); err != nil {
		return nil, err
	}
	uri := cfg.mongoURI
	if uri == "" {
		if st.embedded, err = mongodb.StartEmbedded(ctx, filepath.Join(cfg.data, "db"), log); err != nil {
			return nil, err
		}
		uri = st.embedded.URI
	}
	if st.store, err = mongodb.Connect(ctx, uri); err != nil {
		return nil, err
	}
	if st.embedded != nil {
		if err := st.embedded.Prepare(ctx, st.store); err != nil {
			return nil, fmt.Errorf("preparing the embedded database: %w", err)
		}
	}
	if from, to, err := st.store.Migrate(ctx); err != nil {
		return nil, err
	} else if from != to {
		log.Info("migrated the database", "from", from, "to", to)
	}
	st.indexDir = filepath.Join(cfg.data, "index")
	var fresh bool
	if st.index, fresh, err = search.Open(st.indexDir); err != nil {
		return nil, err
	}
	iso := indexer.DefaultIsolation
	iso.Exe = cfg.workerExe
	st.extractor = indexer.NewIsolated(iso)
	st.svc = kb.NewService(st.store, st.index, st.extractor, log)
	st.accounts = kb.NewAccounts(st.store)
	st.reviews = &kb.Reviews{Store: st.store, Service: st.svc, Now: time.Now}
	st.packs = &kb.Packs{Store: st.store, Service: st.svc, Now: time.Now}
	st.library = &kb.Library{Store: st.store, Service: st.svc, Now: time.Now}
	if cfg.mongoURI != "" {
		if fresh, err = st.followShared(ctx, cfg, fresh, log); err != nil {
			return nil, err
		}
	}
	st.curation = kb.NewCuration(st.svc, st.store)
	stored, err := st.store.CountPractices(ctx)
	if err != nil {
		return nil, err
	}
	indexed, err := st.index.Count()
	if err != nil {
		return nil, err
	}
	if !fresh && int(indexed) != stored {
		// Out of step (an import cut short, or another database): start over.
		if err := st.recreateIndex(); err != nil {
			return nil, err
		}
		fresh = true
	}
	if fresh && stored > 0 {
		log.Info("rebuilding the search index from the database", "practices", stored)
		if _, err := st.svc.Reindex(ctx); err != nil {
			return nil, err
		}
	}
	if st.follow != nil {
		st.follow.index = st.index
		st.svc.Index = loggedIndex{Index: st.index, f: st.follow}
	}
	ok = true
	return st, nil
}

// close shuts down in order: index, database client, embedded database,
// and last the lock.
func (st *storage) close(ctx context.Context) error {
	var errs []error
	if st.follow != nil {
		st.follow.close()
	}
	if st.extractor != nil {
		errs = append(errs, st.extractor.Close())
	}
	if st.index != nil {
		errs = append(errs, st.index.Close())
	}
	if st.store != nil {
		errs = append(errs, st.store.Close(ctx))
	}
	if st.embedded != nil {
		errs = append(errs, st.embedded.Close())
	}
	if st.lock != nil {
		st.lock.release()
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("closing storage: %w", err)
	}
	return nil
}
