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

// The date of a <time> is its datetime attribute, else all of its text,
// however many elements the text is set in: a part classed "date-month"
// is no line of its own, and no other date on the page stands in for it.
func TestTimeIsOneDate(t *testing.T) {
	for _, tc := range []struct{ name, time, want string }{
		{"datetime", `<time datetime="2025-06-03T09:00:00+09:00"><span class="date-year">2025</span><span class="hyphen">-</span><span class="date-month">06</span><span class="hyphen">-</span><span class="date-day">03</span></time>`, "2025-06-03"},
		{"text in parts", `<time class="entry-date"><span class="date-year">2025</span>年<abbr class="date-month" title="June">6</abbr>月<span class="date-day">3</span>日</time>`, "2025-06-03"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			page := `<!doctype html><html lang="ja"><head><title>雨どいの掃除 - 軒下日誌</title></head><body>
<article class="entry"><header class="entry-header"><div class="date">` + tc.time + `</div><h1 class="entry-title">雨どいの掃除</h1></header>
<div class="entry-content"><p>梅雨の前に雨どいの落ち葉を取った。はしごを掛ける位置を三回変えて、ようやく端まで手が届いた。</p>
<p>詰まっていたのは角の一か所だけで、水はすぐに流れるようになった。</p>
<p>次は秋の落ち葉が積もる前に見ておきたい。2025年7月1日追記：秋まで詰まりはなかった。</p></div></article></body></html>`
			d, err := Parse("time.html", []byte(page))
			if err != nil {
				t.Fatal(err)
			}
			if str(d.PublishedOn) != tc.want {
				t.Errorf("publishedOn = %q, want %s", str(d.PublishedOn), tc.want)
			}
			for _, p := range d.Paragraphs() {
				if strings.Contains(p.Text, "2025年6") || p.Text == "06" || p.Text == "6" {
					t.Errorf("a part of the date is body text: %q", p.Text)
				}
			}
		})
	}
}

func str(p *string) string {
	if p == nil {
		return "(none)"
	}
	return *p
}
