package pdftext

import (
	"regexp"
	"strings"
)

// reRevisions heads a revision history (改定履歴): a table of the dates
// and changes of each edition, set on a page of its own before the body.
var reRevisions = regexp.MustCompile(`^(?:改定|改訂|変更|更新|改版)(?:履歴|記録)$`)

// revisionHistory removes a revision history: its heading and the table
// under it, to the next numbered heading or the page's end.
func (b *builder) revisionHistory() {
	for i := 0; i < len(b.lines); i++ {
		if b.used[i] || !reRevisions.MatchString(squash(b.lines[i].text)) {
			continue
		}
		page := b.lines[i].page
		b.remove(i, "revision-history")
		for j := i + 1; j < len(b.lines) && b.lines[j].page == page; j++ {
			if b.used[j] {
				continue
			}
			t := b.lines[j].text
			if reTocHead.MatchString(squash(t)) || b.isHeading(j) && (reSectionNumber.MatchString(t) || reChapterNumber.MatchString(t)) {
				break
			}
			b.remove(j, "revision-history")
			i = j
		}
	}
}

// disclaimerBlocks removes a publisher's disclaimer set as a paragraph of
// its own, often boxed (「本ディスカッションペーパーは…執筆者個人に属しており、
// …政府の公式見解を示すものではありません。」): no one line of it says so, the
// paragraph does.
func (b *builder) disclaimerBlocks() {
	var run []int
	flush := func() {
		if len(run) == 0 || len(run) > 8 {
			run = run[:0]
			return
		}
		var parts []string
		for _, i := range run {
			parts = append(parts, b.lines[i].text)
		}
		text := joinAll(parts)
		if isDisclaimer(text) && (strings.HasPrefix(text, "本") || strings.HasPrefix(text, "※") || strings.Contains(text, "個人")) {
			if m := rePublisher.FindStringSubmatch(text); m != nil && b.d.Publisher == nil && !strings.Contains(m[1], "筆者") {
				p := m[1]
				b.d.Publisher = &p
			}
			for _, i := range run {
				b.remove(i, "disclaimer")
			}
		}
		run = run[:0]
	}
	prev := -1
	for i := range b.lines {
		if b.used[i] {
			continue
		}
		if prev < 0 || b.lines[prev].page != b.lines[i].page || b.breaksParagraph(b.lines[prev], b.lines[i], b.nextLine(i)) {
			flush()
		}
		run = append(run, i)
		prev = i
	}
	flush()
}
