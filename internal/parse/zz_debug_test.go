package parse

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/jatext"
)

func TestZZDebugExtraction(t *testing.T) {
	f := os.Getenv("ZZFILE")
	if f == "" {
		t.Skip()
	}
	raw, _ := os.ReadFile(f)
	lines := strings.Split(string(raw), "\n")
	for i, l := range lines {
		lines[i] = trimLine(l)
	}
	fmt.Println("wrap", wrapWidth(lines))
	content := []int{}
	for i, l := range lines {
		if l != "" {
			content = append(content, i)
		}
	}
	for k, i := range content {
		l := lines[i]
		g, s := extractionTraces(l)
		cont := k+1 < len(content) && continuationStart(lines[content[k+1]])
		fmt.Printf("%d g=%d s=%d cont=%v %q\n", i, g, s, cont, l)
	}
}

func TestZZHeading(t *testing.T) {
	for _, l := range []string{"1.話し手の感情を伝える", "5.インタビューは自分を映し出す鏡", "1 防衛省「防衛白書」2024年。", "2 https://example.com/x"} {
		h, ok := numberedHeading(l)
		n, isNote := parseNoteStart(l)
		fmt.Println(l, h, ok, n, isNote)
	}
}

func TestZZName(t *testing.T) {
	for _, l := range []string{"髙嶋 将広", "高島", "黒崎 将広", "稲留雅人(Inadome Masato)", "稲留雅人"} {
		n, r, ok := personName(l)
		fmt.Println(l, n, r, ok)
		for _, tk := range jatext.Tokenize(strings.ReplaceAll(l, " ", "")) {
			fmt.Println("  ", tk.Surface, tk.POS, tk.Known)
		}
	}
}

func TestZZZone(t *testing.T) {
	f := os.Getenv("ZZFILE")
	if f == "" {
		t.Skip()
	}
	raw, _ := os.ReadFile(f)
	text, _ := decode(raw)
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = trimLine(l)
	}
	lines, source := unflatten(lines)
	p := &page{lines: lines, web: detectExtraction(lines), japanese: true, source: source}
	p.dropFurniture()
	if p.web {
		p.dropTagRun()
	}
	for i, l := range p.lines {
		if l != "" {
			sc, ok := titleScoreAt(p.lines, i)
			fmt.Printf("%d prose=%v zp=%v score=%d/%v %q\n", i, isProse(l), zoneProse(p.lines, i), sc, ok, l)
		}
	}
	fmt.Println(p.removed)
}

func TestZZDate(t *testing.T) {
	for _, l := range []string{"公開日 2025年03月01日 | 更新日 2025年03月02日", "公開日 2025年03月01日 更新日 2025年03月02日"} {
		d, ok := dateLine(l)
		fmt.Println(l, d, ok)
	}
}
