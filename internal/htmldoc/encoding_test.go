package htmldoc

import (
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
)

// TestUndeclaredJapaneseEncodings: a page in Shift_JIS or EUC-JP that
// does not declare its encoding is read as Japanese, not as Latin-1.
func TestUndeclaredJapaneseEncodings(t *testing.T) {
	page := `<!DOCTYPE html><html><head><title>露朝の港湾物流</title></head><body><article><h1>露朝の港湾物流</h1>` +
		`<p>ロシア極東の港湾と北朝鮮の羅津港の間では、貨物船の往来が増えている。衛星画像は岸壁に並ぶコンテナを捉えた。</p>` +
		`<p>鉄道と船舶は運ぶ物資によって使い分けられているとみられる。</p></article></body></html>`
	for name, enc := range map[string]encoding.Encoding{"Shift_JIS": japanese.ShiftJIS, "EUC-JP": japanese.EUCJP} {
		raw, err := enc.NewEncoder().Bytes([]byte(page))
		if err != nil {
			t.Fatal(err)
		}
		d, err := Parse("page.html", raw)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if d.Title == nil || *d.Title != "露朝の港湾物流" || len(d.Paragraphs()) != 2 {
			t.Errorf("%s: title %v, %d paragraphs", name, d.Title, len(d.Paragraphs()))
		}
	}
}
