package ingest_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	"github.com/sourcecmp/sourcecmp/internal/dbtest"
	"github.com/sourcecmp/sourcecmp/internal/ingest"
	"github.com/sourcecmp/sourcecmp/internal/parse"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

// badFiles are the contents a source file must not be stored from, with
// the error each must give.
func badFiles(t *testing.T) map[string]struct {
	content []byte
	err     error
} {
	t.Helper()
	seed, err := os.ReadFile(seedFiles(t)[0])
	if err != nil {
		t.Fatal(err)
	}
	// Cut inside the last multi-byte character.
	cut := len(seed) - 1
	for seed[cut]&0xC0 != 0xC0 {
		cut--
	}
	latin1, err := charmap.ISO8859_1.NewEncoder().Bytes([]byte("Überschrift\n\nÄußerst schädliche Bytes: «ÿþý», keine gültige Kodierung.\n"))
	if err != nil {
		t.Fatal(err)
	}
	return map[string]struct {
		content []byte
		err     error
	}{
		"empty.txt":     {nil, parse.ErrEmpty},
		"blank.txt":     {[]byte(" \n\t\r\n\u3000\n"), parse.ErrEmpty},
		"binary.txt":    {append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 64)...), parse.ErrBinary},
		"latin1.txt":    {latin1, parse.ErrEncoding},
		"truncated.txt": {seed[:cut+1], parse.ErrTruncated},
		"oversized.txt": {bytes.Repeat([]byte("本文。\n"), parse.MaxFileSize/10+1), parse.ErrTooLarge},
	}
}

// TestBadFilesAreRefusedByName: every kind of bad file fails with an
// error naming it and saying what is wrong, stores nothing, and does not
// stop the good files beside it; uploads of the same bytes fail alike.
func TestBadFilesAreRefusedByName(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := dbtest.Store(t)
	in := &ingest.Ingester{Store: st}
	dir := copySeeds(t)
	bad := badFiles(t)
	for name, b := range bad {
		if err := os.WriteFile(filepath.Join(dir, name), b.content, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	results := in.Paths(ctx, []string{dir})
	stored := 0
	for _, r := range results {
		name := filepath.Base(r.File)
		b, isBad := bad[name]
		switch {
		case isBad && r.Err == nil:
			t.Errorf("%s was stored", name)
		case isBad:
			if !strings.Contains(r.String(), name) || !strings.Contains(r.String(), b.err.Error()) {
				t.Errorf("%s: %q, want %q naming the file", name, r.String(), b.err)
			}
		case r.Err != nil:
			t.Errorf("good file %s failed: %v", name, r.Err)
		default:
			stored++
		}
	}
	if stored != len(seedFiles(t)) || queryInt(t, st, `SELECT count(*) FROM documents`) != int64(stored) {
		t.Errorf("%d files stored, %d documents, want the %d seeds", stored, queryInt(t, st, `SELECT count(*) FROM documents`), len(seedFiles(t)))
	}
	before := writeState(t, st)
	for name, b := range bad {
		_, err := in.Bytes(ctx, name, b.content)
		if store.ErrorCode(err) != store.EInvalid || !strings.Contains(err.Error(), name) {
			t.Errorf("upload of %s: %v, want INVALID_ARGUMENT naming it", name, err)
		}
	}
	if after := writeState(t, st); after != before {
		t.Error("refused uploads wrote rows")
	}
}

// TestFileDisappearingMidRun: a file listed when the run started and
// deleted before it is read fails by name; the others are stored.
func TestFileDisappearingMidRun(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := dbtest.Store(t)
	in := &ingest.Ingester{Store: st}
	dir := t.TempDir()
	seeds := seedFiles(t)
	// Every worker blocks reading a FIFO until the test writes a seed into
	// it, so that the file after the FIFOs is read only once it is gone.
	workers := min(runtime.GOMAXPROCS(0), len(seeds))
	fifos := make([]string, workers)
	for i := range fifos {
		fifos[i] = filepath.Join(dir, fmt.Sprintf("a%02d.txt", i))
		if err := syscall.Mkfifo(fifos[i], 0o644); err != nil {
			t.Skipf("no FIFOs here: %v", err)
		}
	}
	gone := filepath.Join(dir, "z-gone.txt")
	if err := copyFile(seeds[len(seeds)-1], gone); err != nil {
		t.Fatal(err)
	}
	done := make(chan []ingest.Result, 1)
	go func() { done <- in.Paths(ctx, []string{dir}) }()
	// A FIFO opened for writing without blocking fails until it has a
	// reader: then the run has listed the directory. The probe stays open
	// and feeds the first FIFO: closing it empty would hand the reader EOF.
	deadline := time.Now().Add(10 * time.Second)
	var first *os.File
	for {
		f, err := os.OpenFile(fifos[0], os.O_WRONLY|syscall.O_NONBLOCK, 0)
		if err == nil {
			first = f
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no worker reads the FIFO: %v", err)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := os.Remove(gone); err != nil {
		t.Fatal(err)
	}
	var feeding sync.WaitGroup
	for i, fifo := range fifos {
		feeding.Go(func() {
			b, _ := os.ReadFile(seeds[i])
			if i == 0 {
				if _, err := first.Write(b); err != nil {
					t.Errorf("feed %s: %v", fifo, err)
				}
				first.Close()
				return
			}
			if err := os.WriteFile(fifo, b, 0); err != nil {
				t.Errorf("feed %s: %v", fifo, err)
			}
		})
	}
	feeding.Wait()
	results := <-done
	if len(results) != workers+1 {
		t.Fatalf("%d results, want %d", len(results), workers+1)
	}
	for _, r := range results[:workers] {
		if r.Err != nil || r.Status != store.Added {
			t.Errorf("%s: %v", r.File, r)
		}
	}
	last := results[workers]
	if last.Err == nil || !strings.Contains(last.String(), "z-gone.txt: no such file") {
		t.Errorf("the vanished file: %q, want a failure naming it", last.String())
	}
	if n := queryInt(t, st, `SELECT count(*) FROM documents`); n != int64(workers) {
		t.Errorf("%d documents stored, want %d", n, workers)
	}
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o644)
}

// TestConcurrentIngestsFromTwoProcesses: two ingesters on separate
// connection pools (two `sourcecmp ingest` runs) store one directory at
// once: every document is stored once and whole, and each file is added
// by one of them and found unchanged by the other.
func TestConcurrentIngestsFromTwoProcesses(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	url := dbtest.URL(t)
	var results [2][]ingest.Result
	var wg sync.WaitGroup
	for i := range results {
		st, err := store.Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		in := &ingest.Ingester{Store: st}
		wg.Go(func() { results[i] = in.Paths(ctx, []string{seedDir}) })
	}
	wg.Wait()
	for j, file := range seedFiles(t) {
		a, b := results[0][j], results[1][j]
		if a.Err != nil || b.Err != nil {
			t.Fatalf("%s: %v / %v", file, a.Err, b.Err)
		}
		if a.DocumentID != b.DocumentID || !(a.Status == store.Added) != (b.Status == store.Added) {
			t.Errorf("%s: %s %d and %s %d, want one added and one unchanged, same document", file, a.Status, a.DocumentID, b.Status, b.DocumentID)
		}
	}
	check, err := store.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer check.Close()
	if n := queryInt(t, check, `SELECT count(*) FROM documents`); n != int64(len(seedFiles(t))) {
		t.Errorf("%d documents", n)
	}
	for _, file := range seedFiles(t) {
		checkStored(t, check, file)
	}
}

// TestDatabaseFailureMidDocument: the database refusing a row in the
// middle of a document (here, its footnotes) leaves no trace of it.
func TestDatabaseFailureMidDocument(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := dbtest.Store(t)
	in := &ingest.Ingester{Store: st}
	_, err := st.Pool().Exec(ctx, `
		CREATE FUNCTION refuse_footnotes() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN RAISE EXCEPTION 'injected failure'; END $$;
		CREATE TRIGGER refuse BEFORE INSERT ON footnotes FOR EACH ROW EXECUTE FUNCTION refuse_footnotes()`)
	if err != nil {
		t.Fatal(err)
	}
	before := writeState(t, st)
	var withNotes string
	for _, f := range seedFiles(t) {
		if d, _ := parse.File(f); d != nil && len(d.Footnotes) > 0 {
			withNotes = f
			break
		}
	}
	results := in.Paths(ctx, []string{withNotes})
	if len(results) != 1 || results[0].Err == nil {
		t.Fatalf("ingest with footnotes refused: %v", results)
	}
	if r := results[0]; r.File != withNotes || !strings.Contains(r.String(), filepath.Base(withNotes)) {
		t.Errorf("the failure %q does not name the file (Result.File %q)", r.String(), r.File)
	}
	if after := writeState(t, st); after != before {
		t.Errorf("a failed document left rows behind:\nbefore %s\nafter  %s", before, after)
	}
	for _, table := range []string{"documents", "authors", "sections", "paragraphs", "captions", "document_authors"} {
		if n := queryInt(t, st, `SELECT count(*) FROM `+table); n != 0 {
			t.Errorf("%d rows in %s", n, table)
		}
	}
}

// TestCancelledIngestStoresWholeDocumentsOnly: a run cancelled midway
// reports the files it did not store, and what it stored is whole.
func TestCancelledIngestStoresWholeDocumentsOnly(t *testing.T) {
	t.Parallel()
	st := dbtest.Store(t)
	ctx, cancel := context.WithCancel(context.Background())
	// Stop after the first file, which is stored in a batch with the
	// second: the files after them are not.
	in := &ingest.Ingester{Store: st, BatchSize: 2, OnResult: func(r ingest.Result) { cancel() }}
	results := in.Paths(ctx, []string{seedDir})
	cancel()
	stored := 0
	for _, r := range results {
		if r.Err == nil {
			stored++
			checkStored(t, st, r.File)
		} else if !errors.Is(r.Err, context.Canceled) {
			t.Errorf("%s: %v, want a cancellation", r.File, r.Err)
		}
	}
	if stored == len(results) || queryInt(t, st, `SELECT count(*) FROM documents`) != int64(stored) {
		t.Errorf("%d of %d files stored, %d documents", stored, len(results), queryInt(t, st, `SELECT count(*) FROM documents`))
	}
}
