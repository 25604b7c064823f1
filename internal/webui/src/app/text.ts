// Paragraph text with its footnote markers put back and a quote marked.
// Every offset the API gives counts Unicode code points, so the text is
// split with Array.from (code points), never indexed as UTF-16 units.
import { h } from './dom';

/** A footnote marker to draw at offset (code points into the text). */
export type Marker = { offset: number; label: string; href: string; title: string };

/** A span of the text, in code points, to wrap in <mark>. */
export type Span = { start: number; end: number };

/** Builds a paragraph's inline content: text, superscript markers, one mark. */
export function paragraphContent(text: string, markers: Marker[], mark: Span | null): DocumentFragment {
  const cps = Array.from(text);
  const n = cps.length;
  const clamp = (x: number) => Math.max(0, Math.min(n, x));
  const m = mark && clamp(mark.start) < clamp(mark.end) ? { start: clamp(mark.start), end: clamp(mark.end) } : null;
  const refs = markers.map((r) => ({ ...r, offset: clamp(r.offset) }));
  const stops = [...new Set([0, n, ...refs.map((r) => r.offset), ...(m ? [m.start, m.end] : [])])].sort((a, b) => a - b);

  const frag = document.createDocumentFragment();
  let into: Node = frag;
  stops.forEach((p, i) => {
    if (m && p === m.end) into = frag;
    for (const r of refs) {
      if (r.offset === p) {
        into.appendChild(h('sup', { class: 'fnref' }, h('a', { href: r.href, title: r.title, 'data-label': r.label }, r.label)));
      }
    }
    if (m && p === m.start) {
      into = frag.appendChild(h('mark', { class: 'quote', 'data-testid': 'citation-mark' }));
    }
    const next = stops[i + 1];
    if (next !== undefined && next > p) into.appendChild(document.createTextNode(cps.slice(p, next).join('')));
  });
  return frag;
}

/** Renders a search snippet, whose matched terms come wrapped in 【】. */
export function snippetContent(snippet: string): DocumentFragment {
  const frag = document.createDocumentFragment();
  let last = 0;
  for (const m of snippet.matchAll(/【([^】]*)】/g)) {
    frag.append(snippet.slice(last, m.index), h('b', { class: 'hit' }, m[1]));
    last = m.index! + m[0].length;
  }
  frag.append(snippet.slice(last));
  return frag;
}
