package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"runtime"
	"strings"
	"sync"

	"github.com/sourcecmp/sourcecmp/internal/tag"
)

// Fingerprint identifies what a taxonomy scores by: its topics and their
// terms. Names, descriptions and positions do not change scores.
func Fingerprint(tax *tag.Taxonomy) string {
	h := sha256.New()
	for _, t := range tax.Topics {
		fmt.Fprintf(h, "%s\x00%s\x01", t.Slug, strings.Join(t.Terms, "\x00"))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Retag scores every stored document again when the taxonomy's terms
// differ from those the stored scores were computed with, so that editing
// topics.yaml never leaves stale scores behind unchanged documents. It
// returns how many documents it scored.
func (in *Ingester) Retag(ctx context.Context, tax *tag.Taxonomy) (int, error) {
	if in.Tagger == nil {
		return 0, nil
	}
	fp := Fingerprint(tax)
	stored, err := in.Store.TaxonomyFingerprint(ctx)
	if err != nil || stored == fp {
		return 0, err
	}
	ids, err := in.Store.DocumentIDs(ctx)
	if err != nil {
		return 0, err
	}
	work := make(chan int64)
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for id := range work {
				if err := in.retagOne(ctx, id); err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
				}
			}
		})
	}
	for _, id := range ids {
		work <- id
	}
	close(work)
	wg.Wait()
	if firstErr != nil {
		return 0, fmt.Errorf("retag: %w", firstErr)
	}
	return len(ids), in.Store.SetTaxonomyFingerprint(ctx, fp)
}

func (in *Ingester) retagOne(ctx context.Context, id int64) error {
	o, err := in.Store.DocumentOutline(ctx, id)
	if err != nil {
		return err
	}
	toks, err := analyze(ctx, o.Doc)
	if err != nil {
		return err
	}
	sc := in.Tagger.TagAnalyzed(o.Doc, toks)
	return in.Store.DocumentScoresReplace(ctx, o, &sc)
}
