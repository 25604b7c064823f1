package pdftext

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"testing"
)

// A font object and its ToUnicode map as Quartz writes them (the map
// FlateDecode'd), with the codes PDFium reports as text when it leaves
// the map unread.
func quartzLikePDF(t *testing.T) []byte {
	t.Helper()
	cmap := "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n1 begincodespacerange\n<0000><FFFF>\nendcodespacerange\n" +
		"2 beginbfchar\n<37c1><96fb>\n<13ca><5b50>\nendbfchar\n1 beginbfrange\n<46e9><46eb><3059>\nendbfrange\nendcmap\n"
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write([]byte(cmap))
	w.Close()
	var b bytes.Buffer
	b.WriteString("%PDF-1.3\n")
	b.WriteString("11 0 obj\n<< /Type /Font /Subtype /Type0 /Encoding /Identity-H /DescendantFonts [48 0 R]\n/BaseFont /YAXLEF+MS-PGothic /ToUnicode 49 0 R >>\nendobj\n")
	fmt.Fprintf(&b, "49 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n", z.Len())
	b.Write(z.Bytes())
	b.WriteString("\nendstream\nendobj\n")
	return b.Bytes()
}

func TestParseCMap(t *testing.T) {
	m := parseCMap([]byte("2 beginbfchar\n<37c1><96fb>\n<0001><D842DFB7>\nendbfchar\n1 beginbfrange\n<46e9><46eb><3059>\nendbfrange\n"))
	want := map[rune]rune{0x37c1: '電', 0x0001: '𠮷', 0x46e9: 'す', 0x46ea: 'ず', 0x46eb: 'せ'}
	if len(m) != len(want) {
		t.Fatalf("got %d entries, want %d: %v", len(m), len(want), m)
	}
	for k, v := range want {
		if m[k] != v {
			t.Errorf("code %#x: got %q, want %q", k, m[k], v)
		}
	}
}

func TestRepairUnicode(t *testing.T) {
	raw := quartzLikePDF(t)
	codes := []rune{0x37c1, 0x13ca, 0x46e9, 0x37c1, 0x13ca}
	var gs []glyph
	for _, c := range codes {
		gs = append(gs, glyph{r: c, font: 1})
	}
	gs = append(gs, glyph{r: '本', font: 0}) // a font PDFium read right is left alone
	pages := []page{{glyphs: gs, fonts: []string{"ABCDEF+MS-Mincho", "YAXLEF+MS-PGothic"}}}
	repairUnicode(raw, pages)
	var got []rune
	for _, g := range pages[0].glyphs {
		got = append(got, g.r)
	}
	if string(got) != "電子す電子本" {
		t.Errorf("got %q, want 電子す電子本", string(got))
	}
}

func TestKinsokuShort(t *testing.T) {
	// A line ending 「、」 two ems short, because its last character would
	// have been 「人」 of 「人々」, runs on to a line set flush left.
	prev := line{text: "駅前の広場では、毎週土曜日の朝に市が開かれ、", x1: 480, em: 10, page: 0}
	next := line{text: "人々でにぎわう。", x0: 60, em: 10, page: 0}
	if !kinsokuShort(prev, next, 500, 60) {
		t.Error("a line left short by line breaking should run on")
	}
	// A sentence's end, or a next line set in, starts a paragraph.
	prev.text = "駅前の広場では、毎週土曜日の朝に市が開かれる。"
	if kinsokuShort(prev, next, 500, 60) {
		t.Error("a line ending 「。」 ends its paragraph")
	}
	prev.text, next.x0 = "駅前の広場では、毎週土曜日の朝に市が開かれ、", 70
	if kinsokuShort(prev, next, 500, 60) {
		t.Error("an indented next line starts a paragraph")
	}
}
