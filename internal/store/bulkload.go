package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// A load into an empty database builds the secondary indexes of the
// tables ingest writes once, at the end, rather than row by row: for the
// GIN index over the search vectors that is most of PostgreSQL's work.
// Unique and primary-key indexes stay (they enforce constraints and find
// rows during the load). Each dropped index's definition is kept in
// deferred_indexes in the transaction that drops it; BulkLoad.End builds
// them and DeferredIndexesBuild builds what a load that died left.

// bulkLoadLock is the session advisory lock a load holds while indexes
// are deferred, so that no other process builds them under it.
const bulkLoadLock = `hashtextextended('sourcecmp.bulk-load', 0)`

// BulkLoadTryLock takes the bulk load lock if no other load holds it.
const BulkLoadTryLock = `SELECT pg_try_advisory_lock(` + bulkLoadLock + `)`

// BulkLoadUnlock releases the bulk load lock.
const BulkLoadUnlock = `SELECT pg_advisory_unlock(` + bulkLoadLock + `)`

// ingestTables are the tables DocumentSave fills under a document row.
var ingestTables = []string{"sections", "paragraphs", "footnotes", "footnote_refs", "captions", "document_authors",
	"paragraph_topics", "section_topics", "document_topics", "footnote_works"}

// IndexListDeferrable lists the indexes of the tables ingest writes that
// back no constraint: those a load may drop and build again.
const IndexListDeferrable = `SELECT i.relname, pg_get_indexdef(x.indexrelid)
FROM pg_index x
JOIN pg_class i ON i.oid = x.indexrelid
JOIN pg_class t ON t.oid = x.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
WHERE n.nspname = current_schema() AND t.relname = ANY($1)
	AND NOT x.indisunique AND NOT x.indisprimary
	AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
ORDER BY i.relname`

// DocumentsAny tells whether any document is stored.
const DocumentsAny = `SELECT EXISTS (SELECT 1 FROM documents)`

// DeferredIndexInsert keeps a dropped index's definition.
const DeferredIndexInsert = `INSERT INTO deferred_indexes (name, definition) VALUES ($1, $2)`

// searchLexemesDeferred defers the count of the search vectors' lexemes
// too (migration 000018): while this row is there the paragraphs'
// triggers count nothing and search does not read the counts, and its
// "definition" counts them all once, as the indexes are built.
const searchLexemesDeferred = `INSERT INTO deferred_indexes (name, definition)
VALUES ('search_lexemes', 'SELECT search_lexemes_rebuild()')`

// DeferredIndexList lists the indexes waiting to be built, the largest
// table's first: the search index and the lexeme count, each a full read
// of the vectors, start at once.
const DeferredIndexList = `SELECT name, definition FROM deferred_indexes
ORDER BY name IN ('paragraphs_search_idx', 'search_lexemes') DESC, name LIKE 'paragraphs%' DESC, name`

// DeferredIndexDelete forgets an index once it is built.
const DeferredIndexDelete = `DELETE FROM deferred_indexes WHERE name = $1`

// BulkLoad is a load whose index builds are deferred to its End. Its zero
// value (and nil) defer nothing.
type BulkLoad struct {
	s        *Store
	conn     *pgxpool.Conn // holds the lock
	Deferred []string      // the indexes dropped, by name
}

// BulkLoadBegin prepares a load of many documents. When the database holds
// no document and no other load runs, it drops the deferrable indexes of
// the tables ingest writes, in one transaction, keeping their definitions;
// otherwise it defers nothing (a load into a populated database updates
// the indexes as it goes, and readers keep them). The caller must call End,
// also after a failed or cancelled load.
func (s *Store) BulkLoadBegin(ctx context.Context) (*BulkLoad, error) {
	b, err := s.lockLoad(ctx)
	if err != nil || b.conn == nil {
		return b, err
	}
	// Indexes a load that died left unbuilt are built before anything
	// else: this load might find documents and defer nothing.
	if err := buildDeferred(ctx, s.pool); err != nil {
		b.release()
		return nil, err
	}
	conn := b.conn
	err = pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
		var stored bool
		if err := tx.QueryRow(ctx, DocumentsAny).Scan(&stored); err != nil || stored {
			return err
		}
		// DROP INDEX waits for readers of the table; a busy server is
		// left its indexes rather than stalled behind this lock.
		if _, err := tx.Exec(ctx, `SET LOCAL lock_timeout = '5s'`); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, IndexListDeferrable, ingestTables)
		if err != nil {
			return err
		}
		var names, defs []string
		var name, def string
		if _, err := pgx.ForEachRow(rows, []any{&name, &def}, func() error {
			names, defs = append(names, name), append(defs, def)
			return nil
		}); err != nil {
			return err
		}
		for i, name := range names {
			if _, err := tx.Exec(ctx, DeferredIndexInsert, name, defs[i]); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, "DROP INDEX "+pgx.Identifier{name}.Sanitize()); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(ctx, searchLexemesDeferred); err != nil {
			return err
		}
		b.Deferred = append(names, "search_lexemes")
		return nil
	})
	if err != nil {
		b.release()
		return nil, fmt.Errorf("bulk load: defer indexes: %w", err)
	}
	if len(b.Deferred) == 0 { // nothing to build at the end: let other loads defer
		b.release()
		return &BulkLoad{}, nil
	}
	return b, nil
}

// lockLoad takes the bulk load lock on a connection of its own; the
// BulkLoad has no connection when another load holds the lock.
func (s *Store) lockLoad(ctx context.Context) (*BulkLoad, error) {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return nil, fmt.Errorf("bulk load: %w", err)
	}
	var locked bool
	if err := conn.QueryRow(ctx, BulkLoadTryLock).Scan(&locked); err != nil || !locked {
		conn.Release()
		if err != nil {
			return nil, fmt.Errorf("bulk load: lock: %w", err)
		}
		return &BulkLoad{}, nil
	}
	return &BulkLoad{s: s, conn: conn}, nil
}

// End builds the indexes Begin dropped and releases the load's lock. It
// runs to the end even when ctx is cancelled (a load stopped half-way
// keeps what it stored, with its indexes).
func (b *BulkLoad) End(ctx context.Context) error {
	if b == nil || b.conn == nil {
		return nil
	}
	defer b.release()
	ctx = context.WithoutCancel(ctx)
	if err := buildDeferred(ctx, b.s.pool); err != nil {
		return err
	}
	// Tables filled from empty have no column statistics until autovacuum
	// gets to them: meanwhile the planner guesses (a topic filter's
	// matches 40× too few, so totalCount counts where it would estimate).
	if _, err := b.s.pool.Exec(ctx, analyzeLoaded); err != nil {
		return fmt.Errorf("bulk load: analyze the loaded tables: %w", err)
	}
	return nil
}

// analyzeLoaded gathers the statistics of the tables a load fills.
var analyzeLoaded = "ANALYZE documents, search_lexemes, " + strings.Join(ingestTables, ", ")

func (b *BulkLoad) release() {
	// A failed unlock is released with the session: the pool's
	// connection is closed rather than returned holding the lock.
	if _, err := b.conn.Exec(context.Background(), BulkLoadUnlock); err != nil {
		b.conn.Conn().Close(context.Background())
	}
	b.conn.Release()
	b.conn = nil
}

// DeferredIndexesBuild builds the indexes a bulk load dropped and did not
// build again (it died half-way), unless a load holds them deferred now.
// It returns their number; with none waiting it costs one query.
func (s *Store) DeferredIndexesBuild(ctx context.Context) (int, error) {
	var waiting int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM deferred_indexes`).Scan(&waiting); err != nil || waiting == 0 {
		if err != nil {
			return 0, fmt.Errorf("deferred indexes: %w", err)
		}
		return 0, nil
	}
	b, err := s.lockLoad(ctx)
	if err != nil || b.conn == nil {
		return 0, err // nil: a load runs, and builds them at its end
	}
	defer b.release()
	return waiting, buildDeferred(ctx, s.pool)
}

// buildDeferred builds every index in deferred_indexes, two at a time (the
// machine's cores: a GIN build is one process), each in a transaction that
// also forgets its definition.
func buildDeferred(ctx context.Context, pool *pgxpool.Pool) error {
	rows, err := pool.Query(ctx, DeferredIndexList)
	if err != nil {
		return fmt.Errorf("deferred indexes: %w", err)
	}
	type index struct{ name, def string }
	var todo []index
	var ix index
	if _, err := pgx.ForEachRow(rows, []any{&ix.name, &ix.def}, func() error { todo = append(todo, ix); return nil }); err != nil {
		return fmt.Errorf("deferred indexes: %w", err)
	}
	work := make(chan index)
	var mu sync.Mutex
	var errs []error
	var wg sync.WaitGroup
	for range min(2, len(todo)) {
		wg.Go(func() {
			for ix := range work {
				err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
					// Builds sort in memory up to this bound, not the
					// 64 MB default: the search index spills less.
					if _, err := tx.Exec(ctx, `SET LOCAL maintenance_work_mem = '256MB'`); err != nil {
						return err
					}
					if _, err := tx.Exec(ctx, ix.def); err != nil {
						return err
					}
					_, err := tx.Exec(ctx, DeferredIndexDelete, ix.name)
					return err
				})
				if err != nil {
					mu.Lock()
					errs = append(errs, fmt.Errorf("build index %s: %w", ix.name, err))
					mu.Unlock()
				}
			}
		})
	}
	for _, ix := range todo {
		work <- ix
	}
	close(work)
	wg.Wait()
	return errors.Join(errs...)
}
