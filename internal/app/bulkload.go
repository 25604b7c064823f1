package app

import (
	"context"
	"log/slog"
	"os"
	"runtime/debug"

	"github.com/sourcecmp/sourcecmp/internal/store"
)

// bulkLoadMin is the number of documents from which a load into an empty
// database defers its index builds to its end (store.BulkLoadBegin):
// below it, building them row by row costs less than building them
// after.
const bulkLoadMin = 200

// gcPercent is the garbage collector's target during a load and in the
// server, unless GOGC says otherwise: the analyser's dictionary (about
// 100 MB of small strings) is most of the live heap, and every collection
// marks it again. Collecting a quarter as often saved about a seventh of
// the analysis CPU (BenchmarkPrepare, GOGC=400 against 100), and in the
// server it takes a reader request from 7 collections per thousand to
// 1.5, for a few hundred MB more.
const gcPercent = 400

// CollectLessOften sets the garbage collector's target to gcPercent,
// unless GOGC is set, and returns the function that puts it back.
func CollectLessOften() (restore func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	old := debug.SetGCPercent(gcPercent)
	return func() { debug.SetGCPercent(old) }
}

// BulkLoad runs load, with the index builds deferred to its end when the
// load is large and the database empty.
func BulkLoad(ctx context.Context, log *slog.Logger, st *store.Store, documents int, load func() error) error {
	defer CollectLessOften()()
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
