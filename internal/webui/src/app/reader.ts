// /documents/<slug>: the reader. With #c=<citation id> (or ?citation=<id>)
// it scrolls to the quote, marks it and shows its paragraph's footnotes
// beside it; with #p-<ordinal> it scrolls to a paragraph.
import { APIError, request } from './api';
import { h, replace } from './dom';
import { formatDate, lang, onLangChange, pick, t } from './i18n';
import { failure, loading, shell } from './layout';
import { paragraphContent, type Marker, type Span } from './text';
import type { Citation, CitationData, Footnote, Paragraph, ReaderData, ReaderDocument } from './types';
import citationQuery from './queries/Citation.graphql';
import readerQuery from './queries/Reader.graphql';

const main = shell('reader');
const slug = decodeURIComponent(location.pathname.replace(/^\/documents\//, '').replace(/\/$/, ''));
let view: { doc: ReaderDocument; citation: Citation | null; citationMissing: boolean } | null = null;

function citationID(): string | null {
  const hash = /^#c=(.+)$/.exec(location.hash);
  if (hash) return decodeURIComponent(hash[1]);
  return new URLSearchParams(location.search).get('citation');
}

async function load(): Promise<void> {
  loading(main);
  const id = citationID();
  try {
    const [reader, cited] = await Promise.all([
      request<ReaderData>(readerQuery, { slug }),
      id ? request<CitationData>(citationQuery, { id }).catch(() => ({ node: null })) : Promise.resolve(null),
    ]);
    if (!reader.document) return failure(main, t('notFound'), slug);
    const citation = cited?.node && 'quote' in cited.node ? (cited.node as Citation) : null;
    if (citation && citation.document.slug !== slug) {
      // The quote lives in another document: read it there.
      location.replace(`/documents/${encodeURIComponent(citation.document.slug)}#c=${encodeURIComponent(citation.id)}`);
      return;
    }
    view = { doc: reader.document, citation, citationMissing: id != null && citation == null };
    render();
    reveal();
  } catch (e) {
    failure(main, t('error'), e instanceof APIError ? e.message : String(e));
  }
}

function render(): void {
  if (!view) return;
  const { doc, citation, citationMissing } = view;
  document.title = `${doc.title ?? doc.slug} — sourcecmp`;
  const notes = new Map(doc.footnotes.map((f, i) => [f.id, { note: f, anchor: `fn-${i + 1}` }]));
  replace(
    main,
    h(
      'div',
      { class: 'reader' },
      header(doc),
      stances(doc, citation),
      citationMissing && h('p', { class: 'notice', role: 'status' }, t('citationNotFound')),
      citation && !citation.anchored && h('div', { class: 'notice', role: 'status' }, t('unanchored'), h('blockquote', { lang: 'ja' }, citation.quote)),
      h(
        'article',
        { class: 'body', lang: 'ja' },
        doc.sections.map((s) => [
          s.heading && h(s.level > 1 ? 'h3' : 'h2', { class: 'section-heading', id: `s-${s.ordinal}` }, s.heading),
          s.paragraphs.map((p) => paragraph(p, citation, notes)),
        ]),
      ),
      doc.footnotes.length > 0 && endnotes(doc, notes),
    ),
  );
}

function header(doc: ReaderDocument): HTMLElement {
  const series = [doc.series, doc.seriesNumber].filter(Boolean).join(' ');
  const dates = [
    formatDate(doc.publishedOn),
    doc.updatedOn && doc.updatedOn !== doc.publishedOn && `${t('updated')} ${formatDate(doc.updatedOn)}`,
  ].filter(Boolean);
  const meta = [doc.publisher, ...dates].filter(Boolean).join(' · ');
  return h(
    'header',
    { class: 'doc-header' },
    series && h('p', { class: 'doc-series' }, series),
    h('h1', { class: 'doc-h1', 'data-testid': 'document-title' }, doc.title ?? doc.slug),
    doc.subtitle && h('p', { class: 'doc-subtitle' }, doc.subtitle),
    doc.authors.length > 0 &&
      h(
        'ul',
        { class: 'byline' },
        doc.authors.map((a) => h('li', null, h('span', { class: 'byline-name' }, a.name), [a.title, a.affiliation].filter(Boolean).join(' '))),
      ),
    h(
      'p',
      { class: 'doc-meta' },
      meta,
      doc.url && [meta && ' · ', h('a', { href: doc.url, rel: 'noopener noreferrer', target: '_blank' }, t('source'))],
    ),
  );
}

// stances lists the document's positions; the one the cited quote supports
// comes first, with the way back to its comparison.
function stances(doc: ReaderDocument, citation: Citation | null): HTMLElement | null {
  if (doc.stances.length === 0) return null;
  const cites = (s: ReaderDocument['stances'][number]) => citation != null && s.citations.some((c) => c.id === citation.id);
  const sorted = [...doc.stances].sort((a, b) => Number(cites(b)) - Number(cites(a)));
  return h(
    'section',
    { class: 'doc-stances', 'aria-label': t('stances') },
    sorted.map((s) =>
      h(
        'div',
        { class: `doc-stance${cites(s) ? ' is-cited' : ''}` },
        h(
          'p',
          { class: 'doc-stance-head' },
          h('span', { class: 'doc-stance-topic' }, pick(s.topic.name, s.topic.nameEn)),
          h('span', { class: `pill pos-${positionIndex(s)}` }, pick(s.positionLabel, s.positionLabelEn)),
          h('a', { class: 'back', href: `/compare?topic=${encodeURIComponent(s.topic.slug)}` }, t('backToCompare')),
        ),
        h('p', { class: 'summary', lang: lang() === 'en' && s.summaryEn ? 'en' : 'ja' }, pick(s.summary, s.summaryEn)),
      ),
    ),
  );
}

// positionIndex colours a position as the comparison page does: by its
// place in the topic's list.
function positionIndex(s: ReaderDocument['stances'][number]): string {
  const i = s.topic.positions.findIndex((p) => p.slug === s.position);
  return i < 0 ? 'none' : String(i % 6);
}

type Notes = Map<string, { note: Footnote; anchor: string }>;

function paragraph(p: Paragraph, citation: Citation | null, notes: Notes): HTMLElement {
  const span = quoteSpan(p, citation);
  const markers: Marker[] = p.footnoteRefs.map((r) => {
    const n = notes.get(r.footnote.id);
    return { offset: r.offset, label: r.label, href: `#${n?.anchor ?? ''}`, title: n?.note.body ?? '' };
  });
  const cited = span != null || (citation?.anchored && citation.paragraph?.id === p.id);
  const own = [...new Set(p.footnoteRefs.map((r) => r.footnote.id))].map((id) => notes.get(id)).filter((n) => n != null);
  return h(
    'div',
    { class: `para-row${cited ? ' is-cited' : ''}`, id: `p-${p.ordinal}`, 'data-paragraph': p.id },
    h('p', { class: 'para' }, paragraphContent(p.text, markers, span)),
    cited &&
      own.length > 0 &&
      h(
        'aside',
        { class: 'sidenotes', 'data-testid': 'cited-footnotes', 'aria-label': t('notesHere'), lang: 'ja' },
        h('h4', null, t('notesHere')),
        own.map((n) => noteBody(n.note, n.anchor)),
      ),
  );
}

// quoteSpan is the part of p the citation covers, in code points of p.text.
// Citation offsets count code points into the whole document text, and a
// paragraph knows where it starts in it.
function quoteSpan(p: Paragraph, c: Citation | null): Span | null {
  if (!c || !c.anchored || c.start == null || c.end == null) return null;
  const len = Array.from(p.text).length;
  const start = Math.max(c.start, p.start) - p.start;
  const end = Math.min(c.end, p.start + len) - p.start;
  return start < end ? { start, end } : null;
}

function noteBody(n: Footnote, anchor: string): HTMLElement {
  return h(
    'div',
    { class: 'note' },
    h('a', { class: 'note-label', href: `#${anchor}` }, n.label),
    h('span', { class: 'note-text' }, n.body ?? t('noteMissing')),
    n.urls.length > 0 && h('span', { class: 'note-urls' }, n.urls.map((u) => h('a', { href: u, rel: 'noopener noreferrer', target: '_blank' }, u))),
  );
}

function endnotes(doc: ReaderDocument, notes: Notes): HTMLElement {
  const citedIn = new Map<string, number[]>();
  for (const s of doc.sections)
    for (const p of s.paragraphs)
      for (const r of p.footnoteRefs) {
        const list = citedIn.get(r.footnote.id) ?? [];
        if (!list.includes(p.ordinal)) list.push(p.ordinal);
        citedIn.set(r.footnote.id, list);
      }
  return h(
    'section',
    { class: 'endnotes', 'aria-label': t('notes') },
    h('h2', { class: 'section-heading' }, t('notes')),
    h(
      'ol',
      { lang: 'ja' },
      doc.footnotes.map((f) =>
        h(
          'li',
          { id: notes.get(f.id)!.anchor },
          noteBody(f, notes.get(f.id)!.anchor),
          (citedIn.get(f.id) ?? []).map((o) => h('a', { class: 'backref', href: `#p-${o}`, 'aria-label': `¶${o + 1}` }, '↩')),
        ),
      ),
    ),
  );
}

// reveal scrolls to the marked quote, or to the paragraph the URL names.
function reveal(): void {
  const mark = main.querySelector<HTMLElement>('mark[data-testid="citation-mark"]');
  const para = /^#p-(\d+)$/.exec(location.hash);
  const target = mark ?? (para ? document.getElementById(`p-${para[1]}`) : null);
  if (!target) return;
  if (!mark) target.classList.add('is-target');
  target.scrollIntoView({ block: 'center' });
  target.classList.add('flash');
}

onLangChange(() => {
  render();
  main.querySelector('mark[data-testid="citation-mark"]')?.scrollIntoView({ block: 'center' });
});
window.addEventListener('hashchange', () => {
  if (location.hash.startsWith('#c=')) void load();
  else if (location.hash.startsWith('#p-')) {
    main.querySelectorAll('.is-target').forEach((el) => el.classList.remove('is-target'));
    reveal();
  }
});
void load();
