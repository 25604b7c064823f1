package main

import (
	"context"
	"log/slog"

	"github.com/sourcecmp/sourcecmp/internal/store"
)

// bulkLoadMin is the number of documents from which a load into an empty
// database defers its index builds to its end (store.BulkLoadBegin):
// below it, building them row by row costs less than building them
// after.
const bulkLoadMin = 200

// bulkLoad runs load, with the index builds deferred to its end when the
// load is large and the database empty.
func bulkLoad(ctx context.Context, log *slog.Logger, st *store.Store, documents int, load func() error) error {
	if documents < bulkLoadMin {
		return load()
	}
	b, err := st.BulkLoadBegin(ctx)
	if err != nil {
		return err
	}
	if len(b.Deferred) > 0 {
		log.Info("bulk load into an empty database: indexes built at the end", "indexes", b.Deferred)
	}
	loadErr := load()
	if err := b.End(ctx); err != nil {
		log.Error("building the deferred indexes failed: they are built on the next start", "err", err)
		if loadErr == nil {
			return err
		}
	} else if len(b.Deferred) > 0 {
		log.Info("indexes built", "indexes", len(b.Deferred))
	}
	return loadErr
}

// buildDeferredIndexes builds the indexes a bulk load that died left
// unbuilt: every command that opens the database does.
func buildDeferredIndexes(ctx context.Context, log *slog.Logger, st *store.Store) error {
	n, err := st.DeferredIndexesBuild(ctx)
	if n > 0 && err == nil {
		log.Info("built the indexes an interrupted bulk load left", "indexes", n)
	}
	return err
}
