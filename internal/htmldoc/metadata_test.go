package htmldoc

import (
	"strings"
	"testing"
)

// A date line just under the headline is the dateline even when the page
// set a line of text before the headline inside the article (a store
// button's label), so that the body has already begun.
func TestDatelineUnderHeadline(t *testing.T) {
	page := `<!doctype html><html lang="ja"><head><title>新聞紙をまとめる道具を試す | 北浜ライフ</title>
<meta property="og:title" content="新聞紙をまとめる道具を試す"></head><body>
<div class="article-wrap">
<p class="shop-xYz">購入</p>
<h1 class="head-Title-1a2b">新聞紙をまとめる道具を試す</h1>
<p class="meta-Text-3c4d">2025.03.26 lastupdate</p>
<p>溜まった新聞紙を、テープを巻くようにくるくるとまとめられる道具を使ってみた。</p>
<p>力を入れずに巻けるので、古紙の日の前の晩でも手間がかからない。</p>
</div></body></html>`
	d, err := Parse("dateline.html", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range d.Paragraphs() {
		if strings.Contains(p.Text, "lastupdate") {
			t.Errorf("the dateline is body text: %q", p.Text)
		}
	}
	if d.UpdatedOn == nil || *d.UpdatedOn != "2025-03-26" {
		t.Errorf("updatedOn = %q, want 2025-03-26", str(d.UpdatedOn))
	}
}

// A blog service that fills og:site_name with the entry's whole title
// names no publisher by it, even when the blog's name after the title
// cannot be read as one (it has brackets in it).
func TestSiteNameThatIsTheTitle(t *testing.T) {
	title := "春の低山を歩く（4/12） - 山歩き日記（関西編）"
	page := `<!doctype html><html lang="ja"><head><title>` + title + `</title>
<meta property="og:site_name" content="` + title + `"><meta property="og:title" content="` + title + `"></head><body>
<div id="banner"><h1>山歩き日記（関西編）</h1></div>
<div class="entry"><h3>春の低山を歩く（4/12）</h3>
<div class="entry-body"><p>朝早く駅を出て、里山の尾根をゆっくり歩いてきました。</p><p>山頂では桜がまだ残っていて、弁当を広げる人でにぎわっていました。</p></div></div>
</body></html>`
	d, err := Parse("site.html", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if d.Title == nil || *d.Title != "春の低山を歩く（4/12）" {
		t.Errorf("title = %q, want the entry's heading", str(d.Title))
	}
	if d.Publisher != nil && strings.Contains(*d.Publisher, "春の低山") {
		t.Errorf("publisher = %q, the entry's title", *d.Publisher)
	}
}

func str(p *string) string {
	if p == nil {
		return "(none)"
	}
	return *p
}
