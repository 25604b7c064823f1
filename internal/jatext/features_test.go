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
				base, pos, form := feats.lookup(k)
				wantBase, wantPOS, wantForm := viaKagome(k)
				if base != wantBase || !slices.Equal(pos, wantPOS) || form != wantForm {
					t.Errorf("%q: base %q, POS %q, form %q; kagome's %q %q %q", k.Surface, base, pos, form, wantBase, wantPOS, wantForm)
				}
			}
		}
	}
	if classes[tokenizer.KNOWN] == 0 || classes[tokenizer.UNKNOWN] == 0 {
		t.Errorf("tokens by class %v: want known and unknown words both", classes)
	}
}
