package htmldoc

import (
	"bytes"
	"fmt"
	"os"
	"testing"

	"golang.org/x/net/html"
)

func TestScratchBlocks(t *testing.T) {
	if os.Getenv("PAGE") == "" {
		return
	}
	raw, _ := os.ReadFile(os.Getenv("PAGE"))
	root, _ := html.Parse(bytes.NewReader(raw))
	m := readMeta(root)
	article, _ := locateArticle(root, m)
	w := newWalker(article)
	w.element(body(root), ctx{})
	for _, b := range w.blocks {
		if b.inArticle || os.Getenv("ALL") != "" {
			fmt.Printf("%d h%d role=%d own=%d %s art=%v head=%v lbl=%q refs=%v | %.90s\n", b.line, b.heading, b.role, b.own, b.reason, b.inArticle, b.inHead, b.noteLabel, b.refs, b.text)
		}
	}
}
