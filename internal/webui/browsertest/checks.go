package browsertest

import (
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"unicode"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// Column is one document's column on the comparison page.
type Column struct {
	Slug      string     `json:"slug"`
	Title     string     `json:"title"`
	Stance    bool       `json:"stance"`   // false when the column says it takes none
	Position  string     `json:"position"` // the position label shown
	Summary   string     `json:"summary"`
	Coverage  string     `json:"coverage"` // the percentage shown
	Citations []Citation `json:"citations"`
}

// Citation is a citation link in a column.
type Citation struct {
	ID    string `json:"id"`
	Href  string `json:"href"`
	Quote string `json:"quote"`
}

const (
	columnSel   = `[data-testid="document-column"]`
	markSel     = `mark[data-testid="citation-mark"]`
	citationSel = `a[data-testid="citation-link"]`
)

// readColumns is evaluated in the page; it returns []Column as JSON.
const readColumns = `JSON.stringify(Array.from(document.querySelectorAll('[data-testid="document-column"]')).map(c => ({
  slug: c.dataset.slug || '',
  title: (c.querySelector('.doc-title') || {}).textContent || '',
  stance: !c.querySelector('[data-testid="no-stance"]'),
  position: (c.querySelector('.stance .pill') || {}).textContent || '',
  summary: (c.querySelector('.stance .summary') || {}).textContent || '',
  coverage: (c.querySelector('.coverage-pct') || {}).textContent || '',
  citations: Array.from(c.querySelectorAll('a[data-testid="citation-link"]')).map(a => ({
    id: a.dataset.citation || '', href: a.getAttribute('href') || '', quote: a.textContent || '' })),
})))`

// CheckCompare opens /compare?topic=<topic> and requires wantDocs document
// columns, each with a title, a coverage bar and either a stance with its
// quotes or the statement that it takes none.
func CheckCompare(tab *Tab, topic string, wantDocs int) []Column {
	tab.T.Helper()
	tab.Do("open the comparison page",
		chromedp.Navigate(tab.URL("/compare?topic="+url.QueryEscape(topic))),
		chromedp.WaitVisible(chromedp.CSS(columnSel)),
	)
	var cols []Column
	if err := json.Unmarshal([]byte(Eval[string](tab, readColumns)), &cols); err != nil {
		tab.T.Fatalf("read columns: %v", err)
	}
	if len(cols) != wantDocs {
		tab.T.Fatalf("/compare?topic=%s shows %d document columns, want %d", topic, len(cols), wantDocs)
	}
	current := Eval[string](tab, `(document.querySelector('[data-testid="topic-picker"] [aria-current]') || {}).dataset?.topic || ''`)
	if current != topic {
		tab.T.Errorf("topic picker marks %q as current, want %q", current, topic)
	}
	for _, c := range cols {
		if c.Slug == "" || strings.TrimSpace(c.Title) == "" {
			tab.T.Errorf("column without slug or title: %+v", c)
		}
		if !strings.HasSuffix(c.Coverage, "%") {
			tab.T.Errorf("column %s: coverage shows %q, want a percentage", c.Slug, c.Coverage)
		}
		if c.Stance && (c.Position == "" || c.Summary == "") {
			tab.T.Errorf("column %s: a stance without position or summary: %+v", c.Slug, c)
		}
		if !c.Stance && len(c.Citations) > 0 {
			tab.T.Errorf("column %s says it takes no stance but lists citations", c.Slug)
		}
		for _, ci := range c.Citations {
			want := "/documents/" + url.PathEscape(c.Slug) + "#c=" + url.QueryEscape(ci.ID)
			if ci.Href != want || strings.TrimSpace(ci.Quote) == "" {
				tab.T.Errorf("column %s: citation link %+v, want href %s and a quote", c.Slug, ci, want)
			}
		}
	}
	return cols
}

// CheckCitationLanding clicks the citation link on the comparison page and
// requires the reader of the column's document to show the quote, marked,
// within the window, with its paragraph's footnotes beside it when the
// paragraph has any. It reports whether the paragraph had footnotes.
func CheckCitationLanding(tab *Tab, col Column, c Citation) (notes bool) {
	tab.T.Helper()
	link := fmt.Sprintf(`%s[data-citation=%q]`, citationSel, c.ID)
	tab.Do("click the citation "+c.ID,
		chromedp.ScrollIntoView(chromedp.CSS(link)),
		chromedp.Click(chromedp.CSS(link)),
		chromedp.WaitVisible(chromedp.CSS(markSel)),
	)
	loc := Eval[string](tab, `location.pathname + location.hash`)
	if want := "/documents/" + url.PathEscape(col.Slug) + "#c=" + url.QueryEscape(c.ID); loc != want {
		tab.T.Errorf("landed on %s, want %s", loc, want)
	}
	// The marked text without the footnote markers drawn inside it.
	marked := Eval[string](tab, `Array.from(document.querySelectorAll('`+markSel+`')).map(m => {
  const c = m.cloneNode(true); c.querySelectorAll('sup.fnref').forEach(s => s.remove()); return c.textContent; }).join('')`)
	if squash(marked) != squash(c.Quote) {
		tab.T.Errorf("marked text differs from the quote:\nmarked: %q\nquote:  %q", marked, c.Quote)
	}
	// The reader scrolls on its own; give layout a moment, then measure.
	inView := Eval[bool](tab, `new Promise(ok => requestAnimationFrame(() => requestAnimationFrame(() => {
  const r = document.querySelector('`+markSel+`').getBoundingClientRect();
  ok(r.height > 0 && r.top >= 0 && r.top < window.innerHeight);
})))`)
	if !inView {
		tab.T.Errorf("the marked quote is not within the window")
	}
	hasNotes := Eval[bool](tab, `!!document.querySelector('`+markSel+`').closest('.para-row').querySelector('sup.fnref')`)
	shown := Eval[bool](tab, `(() => { const a = document.querySelector('[data-testid="cited-footnotes"]');
  return !!a && a.getBoundingClientRect().height > 0; })()`)
	if hasNotes && !shown {
		tab.T.Errorf("the quoted paragraph cites footnotes but they are not shown beside it")
	}
	return hasNotes
}

// CheckLanguageToggle switches the current page to English and back and
// requires the interface to follow.
func CheckLanguageToggle(tab *Tab) {
	tab.T.Helper()
	toggle := chromedp.CSS(`[data-testid="lang-toggle"]`)
	tab.Do("switch to English", chromedp.Click(toggle))
	if lang := Eval[string](tab, `document.documentElement.lang`); lang != "en" {
		tab.T.Errorf("after the switch the page's lang is %q, want en", lang)
	}
	if label := Eval[string](tab, `document.querySelector('[data-testid="lang-toggle"]').textContent`); label != "日本語" {
		tab.T.Errorf("the switch offers %q, want 日本語", label)
	}
	tab.Do("switch back to Japanese", chromedp.Click(toggle))
	if lang := Eval[string](tab, `document.documentElement.lang`); lang != "ja" {
		tab.T.Errorf("after switching back the page's lang is %q, want ja", lang)
	}
}

// CheckPlayground opens the playground and requires what a person needs
// of it: the editor and the headers editor, the explorer listing the
// root fields of the schema the server introspected (rootFields among
// them), autocompletion from that schema, and every example tab (wantTabs
// of them, the first StancesOnChinasRole) answering with data and no
// errors. It returns the answers of the tabs, in order, as the result
// pane shows them (the lines in view, spaces as U+00A0).
func CheckPlayground(tab *Tab, wantTabs int, rootFields []string) []string {
	tab.T.Helper()
	tab.Do("open the playground",
		chromedp.Navigate(tab.URL("/")),
		chromedp.WaitVisible(chromedp.CSS(`.graphiql-query-editor .monaco-editor`)),
		chromedp.WaitVisible(chromedp.CSS(`.graphiql-explorer-root`)),
	)
	tab.Poll("wait for the explorer to list the schema's root fields",
		`document.querySelectorAll('.graphiql-explorer-root [data-field-name]').length > 0 || /No Schema Available/.test(document.querySelector('.graphiql-explorer-root').textContent)`)
	listed := Eval[[]string](tab, `Array.from(document.querySelectorAll('.graphiql-explorer-root [data-field-name]')).map(e => e.dataset.fieldName)`)
	for _, f := range rootFields {
		if !slices.Contains(listed, f) {
			tab.T.Errorf("the explorer does not list the root field %s (it lists %v; says %q)", f, listed,
				Eval[string](tab, `document.querySelector('.graphiql-explorer-root').textContent.slice(0, 300)`))
		}
	}
	if n := Eval[int](tab, `document.querySelectorAll('.graphiql-tab').length`); n != wantTabs {
		tab.T.Errorf("playground opens with %d tabs, want %d", n, wantTabs)
	}
	if first := Eval[string](tab, `(document.querySelector('.graphiql-tab') || {}).textContent || ''`); !strings.HasPrefix(first, "StancesOnChinasRole") {
		tab.T.Errorf("the first tab is %q, want the StancesOnChinasRole example", first)
	}
	headers := Eval[bool](tab, `(() => {
  const b = document.querySelector('.graphiql-editor-tools button[data-name="headers"]');
  const e = document.querySelector('.graphiql-editor-tool .graphiql-editor:not(.hidden) .monaco-editor');
  return !!b && b.classList.contains('active') && !!e && /headers/.test(e.dataset.uri || '') && e.getBoundingClientRect().height > 0;
})()`)
	if !headers {
		tab.T.Errorf("the headers editor is not open")
	}
	if hint := Eval[string](tab, `(document.querySelector('.graphiql-editor-tool .graphiql-editor:not(.hidden) .view-lines') || {}).textContent || ''`); !strings.Contains(hint, "Authorization") {
		tab.T.Errorf("the headers editor does not show the Authorization hint: %q", hint)
	}
	var answers []string
	for i := range wantTabs {
		answers = append(answers, runPlaygroundTab(tab, i))
	}
	checkAutocompletion(tab)
	return answers
}

// runPlaygroundTab selects the example tab i, runs it and requires data
// without errors in the result pane.
func runPlaygroundTab(tab *Tab, i int) string {
	tab.T.Helper()
	sel := fmt.Sprintf(`.graphiql-tab:nth-child(%d) button.graphiql-tab-button`, i+1)
	tab.Do(fmt.Sprintf("select tab %d", i+1), chromedp.Click(chromedp.CSS(sel)))
	tab.Poll("wait for the tab to be active", fmt.Sprintf(`document.querySelector('.graphiql-tab:nth-child(%d)').classList.contains('graphiql-tab-active')`, i+1))
	// A result of the tab before must not pass for this one's.
	tab.Do("clear the result", chromedp.Evaluate[chromedp.Void](`document.querySelectorAll('.result-window .view-lines').forEach(e => e.textContent = '')`))
	tab.Do(fmt.Sprintf("run tab %d", i+1), chromedp.Click(chromedp.CSS(`.graphiql-execute-button`)))
	tab.Poll(fmt.Sprintf("wait for tab %d's response", i+1), `/"(data|errors)"/.test((document.querySelector('.result-window') || {}).textContent || '')`)
	out := Eval[string](tab, `document.querySelector('.result-window').textContent`)
	if strings.Contains(out, `"errors"`) || !strings.Contains(out, `"data"`) {
		tab.T.Errorf("example tab %d answers with errors: %.1000s", i+1, out)
	}
	return out
}

// checkAutocompletion types the start of a root field in a new tab and
// requires the editor to suggest it: the suggestions come from the schema
// the playground introspected.
func checkAutocompletion(tab *Tab) {
	tab.T.Helper()
	editor := `.graphiql-query-editor .monaco-editor`
	tab.Do("open a new tab", chromedp.Click(chromedp.CSS(`.graphiql-tab-add`)))
	tab.Do("type a query", chromedp.Click(chromedp.CSS(editor+` .view-lines`)),
		chromedp.KeyEvent("a", chromedp.KeyModifiers(kb.ModifierCtrl)), chromedp.KeyEvent(kb.Delete),
		chromedp.KeyEvent("{ docu"))
	tab.Do("ask for suggestions", chromedp.KeyEvent(" ", chromedp.KeyModifiers(kb.ModifierCtrl)))
	tab.Poll("wait for suggestions", `document.querySelectorAll('.suggest-widget .monaco-list-row').length > 0`)
	got := Eval[[]string](tab, `Array.from(document.querySelectorAll('.suggest-widget .monaco-list-row')).map(r => r.getAttribute('aria-label') || r.textContent)`)
	if !slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, "documents") }) {
		tab.T.Errorf("typing { docu suggests %q, want the documents field", got)
	}
}

// squash drops white space, which a quote may differ in from the marked
// text only where it spans paragraphs.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}
