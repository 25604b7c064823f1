package htmldoc

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// warmUp loads what a process pays for once (the text parser's dictionary,
// which bylines are read with) before the clock.
func warmUp(b *testing.B) {
	b.Helper()
	if _, err := Parse("warm.html", []byte(`<html><body><article><h1>見出し</h1><p class="byline">政策研究部 主任研究官　山田 太郎</p><p>本文の段落です。本文の段落です。本文の段落です。本文の段落です。</p></article></body></html>`)); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkParse parses each fixture page (the target: under 20 ms), or
// each page of the directory -pages names.
func BenchmarkParse(b *testing.B) {
	warmUp(b)
	paths, err := filepath.Glob(filepath.Join(*pagesDir, "*.html"))
	if err != nil || len(paths) == 0 {
		b.Fatalf("no pages in %s: %v", *pagesDir, err)
	}
	for _, path := range paths {
		raw, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		name := filepath.Base(path)
		b.Run(name, func(b *testing.B) { benchPage(b, name, raw) })
	}
}

// BenchmarkHTML parses pages in the shapes that cost most: a news
// article of typical size, and a forum thread and a magazine page grown
// to a few megabytes. The time per byte must not grow with the page: a
// page ten times larger takes ten times as long, not a hundred.
func BenchmarkHTML(b *testing.B) {
	warmUp(b)
	b.Run("article", func(b *testing.B) { benchPage(b, "article.html", []byte(newsPage(0, 0))) })
	for _, posts := range []int{100, 1000, 4000} {
		b.Run(fmt.Sprintf("forum-%d", posts), func(b *testing.B) { benchPage(b, "forum.html", []byte(newsPage(posts, 0))) })
	}
	for _, depth := range []int{8, 32} {
		b.Run(fmt.Sprintf("magazine-%d", depth), func(b *testing.B) { benchPage(b, "magazine.html", []byte(newsPage(1000, depth))) })
	}
}

// benchPage parses raw b.N times and reports, beside the wall time, the
// CPU time the process spent per page (cpu-ms/op): on a machine shared
// with other jobs the wall time counts their turns too.
func benchPage(b *testing.B, name string, raw []byte) {
	b.SetBytes(int64(len(raw)))
	start := cpuTime()
	for b.Loop() {
		if _, err := Parse(name, raw); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64((cpuTime()-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// newsPage writes a news site's article page: navigation, a header with
// a byline and a <time>, twelve paragraphs with a figure and a note,
// related links and a footer; then posts comments under it (a forum
// thread's replies) and wraps every comment in nest layers of layout
// <div>s (the deep trees page builders write).
func newsPage(posts, nest int) string {
	var b strings.Builder
	b.WriteString(`<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>港湾の再編計画、地元の合意は来春に | 北浜新報</title>
<meta property="og:title" content="港湾の再編計画、地元の合意は来春に"><meta property="og:site_name" content="北浜新報">
<meta name="description" content="県は港湾の再編計画について、地元の漁業者と運送業者の合意を来春までに取り付ける方針を示した。">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"港湾の再編計画、地元の合意は来春に","datePublished":"2025-03-04T09:30:00+09:00","author":{"@type":"Person","name":"川村 亮"}}</script>
</head><body><header class="site-header"><nav class="global-nav"><ul>`)
	for i := range 30 {
		fmt.Fprintf(&b, `<li><a href="/c/%d">分類%d</a></li>`, i, i)
	}
	b.WriteString(`</ul></nav></header><main><article class="post"><header><h1>港湾の再編計画、地元の合意は来春に</h1>
<p class="byline">経済部　川村 亮</p><time datetime="2025-03-04T09:30:00+09:00">2025年3月4日 9:30</time></header><div class="entry-content">`)
	for i := range 12 {
		fmt.Fprintf(&b, `<p>県は港湾の再編計画について、地元の漁業者と運送業者の合意を来春までに取り付ける方針を示した（第%d段落）。計画は岸壁の延長と倉庫の集約を柱とし、総事業費は約%d億円と見込まれる。<sup><a href="#fn1">1</a></sup></p>`, i+1, 100+i)
		if i == 4 {
			b.WriteString(`<figure><img src="/p.jpg" alt=""><figcaption>再編の対象となる北側の岸壁（2025年2月）＝北浜新報撮影</figcaption></figure><h2>漁業者の懸念</h2>`)
		}
	}
	b.WriteString(`<ol class="footnotes"><li id="fn1">県の資料による。</li></ol></div><aside class="related"><h2>関連記事</h2><ul>`)
	for i := range 10 {
		fmt.Fprintf(&b, `<li><a href="/a/%d">港湾関連の記事 %d</a></li>`, i, i)
	}
	b.WriteString(`</ul></aside></article><section class="comments"><h2>コメント</h2>`)
	for i := range posts {
		b.WriteString(strings.Repeat(`<div class="wrap">`, nest))
		fmt.Fprintf(&b, `<div class="comment" id="c%d"><p class="comment-author">投稿者%d</p><time datetime="2025-03-05">3月5日</time><p>計画の説明会に参加しました。倉庫の集約は賛成ですが、岸壁の延長で漁場がどう変わるのか、もう少し詳しい説明がほしいと思います。<a href="/u/%d">返信</a></p></div>`, i, i, i)
		b.WriteString(strings.Repeat(`</div>`, nest))
	}
	b.WriteString(`</section></main><footer class="site-footer"><p>Copyright 北浜新報社</p></footer></body></html>`)
	return b.String()
}
