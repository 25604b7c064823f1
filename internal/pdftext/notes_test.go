package pdftext

import "testing"

// TestNoteStart reads a note's label off the line it opens, and no label
// off a table's row of figures set small at a page's foot.
func TestNoteStart(t *testing.T) {
	for _, c := range []struct {
		text  string
		next  int
		label string
		ok    bool
	}{
		{"3　遊休地の借上げは、五年ごとに契約を更新する。", 3, "3", true},
		{"1. 総務省「統計からみた我が国の高齢者」p.1。", 1, "1", true},
		{"12 遠藤 (2019)", 12, "12", true},
		{"28.3 25.7 22.6 20.7 (14.7)", 3, "", false}, // a decimal is no label
		{"326 412 538 212", 3, "", false},            // far past the next note's number
		{"0 4　サービス業", 1, "", false},                  // no note is numbered 0
	} {
		lbl, _, ok := noteStart(line{text: c.text}, c.next)
		if ok != c.ok || lbl != c.label {
			t.Errorf("noteStart(%q, %d) = %q, %v; want %q, %v", c.text, c.next, lbl, ok, c.label, c.ok)
		}
	}
}
