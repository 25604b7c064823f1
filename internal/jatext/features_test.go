package jatext

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/ikawaha/kagome/v2/tokenizer"
)

// TestFeaturesAreKagomes checks the shared tables against kagome's own
// Token methods for every token of the seed documents, in both modes,
// and of text full of words the dictionary does not know.
func TestFeaturesAreKagomes(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("..", "..", "seeds", "documents", "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("seed documents: %v %v", paths, err)
	}
	texts := []string{"ＴＨＡＡＤとSu-35、ｶﾀｶﾅ、한국어、⾮常に🙂 x86_64 μ粒子"}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	tk := tokenizerInstance()
	classes := map[tokenizer.TokenClass]int{}
	for _, s := range texts {
		for _, mode := range []tokenizer.TokenizeMode{tokenizer.Normal, tokenizer.Search} {
			for _, k := range tk.Analyze(s, mode) {
				classes[k.Class]++
				if got, want := feats.pos(k), k.POS(); !slices.Equal(got, want) {
					t.Errorf("%q: POS %q, kagome's %q", k.Surface, got, want)
				}
				got, gotOK := feats.baseForm(k)
				want, wantOK := k.BaseForm()
				if got != want || gotOK != wantOK {
					t.Errorf("%q: base form %q %v, kagome's %q %v", k.Surface, got, gotOK, want, wantOK)
				}
				got, gotOK = feats.inflectionalForm(k)
				want, wantOK = k.InflectionalForm()
				if got != want || gotOK != wantOK {
					t.Errorf("%q: inflected form %q %v, kagome's %q %v", k.Surface, got, gotOK, want, wantOK)
				}
			}
		}
	}
	if classes[tokenizer.KNOWN] == 0 || classes[tokenizer.UNKNOWN] == 0 {
		t.Errorf("tokens by class %v: want known and unknown words both", classes)
	}
}
