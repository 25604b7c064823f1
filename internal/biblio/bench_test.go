package biblio

import "testing"

// BenchmarkExtract extracts the references of every footnote body of the
// seed documents; one op is the whole corpus.
func BenchmarkExtract(b *testing.B) {
	notes := seedFootnotes(b)
	size := 0
	for _, n := range notes {
		size += len(n.body)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, n := range notes {
			Extract(n.body)
		}
	}
}

// BenchmarkKey computes the keys of the seed references.
func BenchmarkKey(b *testing.B) {
	var refs []Reference
	for _, n := range seedFootnotes(b) {
		refs = append(refs, Extract(n.body)...)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, r := range refs {
			_ = r.Key()
		}
	}
}
