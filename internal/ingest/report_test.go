package ingest_test

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/dbtest"
	"github.com/sourcecmp/sourcecmp/internal/ingest"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

// TestOnResult: every file Paths and Bytes finish with reaches OnResult,
// in order, with its size.
func TestOnResult(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := dbtest.Store(t)
	var mu sync.Mutex
	var heard []ingest.Result
	in := &ingest.Ingester{Store: st, OnResult: func(r ingest.Result) {
		mu.Lock()
		heard = append(heard, r)
		mu.Unlock()
	}}
	files := seedFiles(t)
	missing := filepath.Join(t.TempDir(), "missing.txt")
	results := in.Paths(ctx, append([]string{seedDir}, missing))
	plan, total := ingest.Plan([]string{seedDir, missing})
	if len(heard) != len(files)+1 || len(plan) != len(files) {
		t.Fatalf("heard %d results, planned %d files; want %d and %d", len(heard), len(plan), len(files)+1, len(files))
	}
	var sum int64
	for i, r := range heard {
		if r.File != results[i].File || r.Status != results[i].Status || r.Bytes != results[i].Bytes {
			t.Errorf("result %d heard as %+v, returned as %+v", i, r, results[i])
		}
		if i < len(files) {
			info, err := os.Stat(files[i])
			if err != nil || r.Bytes != info.Size() || r.Status != store.Added {
				t.Errorf("%s: %+v, want added with %d bytes", files[i], r, info.Size())
			}
			sum += r.Bytes
		}
	}
	if last := heard[len(heard)-1]; last.Err == nil || last.Bytes != 0 {
		t.Errorf("the missing file: %+v", last)
	}
	if sum != total {
		t.Errorf("Plan says %d bytes, the files were %d", total, sum)
	}

	raw, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	heard = nil
	if r, err := in.Bytes(ctx, filepath.Base(files[0]), raw); err != nil || r.Bytes != int64(len(raw)) {
		t.Fatalf("upload: %+v, %v", r, err)
	}
	if _, err := in.Bytes(ctx, "empty.txt", nil); err == nil {
		t.Fatal("an empty upload was stored")
	}
	if len(heard) != 2 || heard[0].Status != store.Unchanged || heard[0].Bytes != int64(len(raw)) || heard[1].Err == nil || heard[1].File != "empty.txt" {
		t.Errorf("uploads heard as %+v", heard)
	}
}
