package curate

import (
	"crypto/sha256"
	"fmt"
	"hash"

	"github.com/sourcecmp/sourcecmp/internal/annotation"
)

// syncVersion is part of every file's hash: change it when the same file
// and text would be stored differently (how quotes are anchored, what a
// stance keeps), so that the next sync verifies every file again.
const syncVersion = "1"

// fileHash is the key of what a sync stores from f: its document and its
// stances in order, with everything they say. The path and the line
// numbers are left out: only error messages name them, and a file that
// failed has no sync recorded.
func fileHash(f annotation.File) []byte {
	h := sha256.New()
	put(h, syncVersion, f.Document)
	for _, s := range f.Stances {
		put(h, "stance", s.Topic, s.Position, s.Summary.JA, s.Summary.EN)
		for _, c := range s.Citations {
			put(h, "citation", c.Quote, c.Prefix)
		}
	}
	return h.Sum(nil)
}

// put writes each field with its length first, so that no two lists of
// fields write the same bytes.
func put(h hash.Hash, fields ...string) {
	for _, f := range fields {
		fmt.Fprintf(h, "%d:%s", len(f), f)
	}
}
