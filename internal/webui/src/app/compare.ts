// /compare?topic=<slug>: every document's view of one topic, side by side.
import { APIError, request } from './api';
import { h, replace } from './dom';
import { formatDate, lang, onLangChange, pick, t } from './i18n';
import { failure, loading, shell } from './layout';
import { snippetContent } from './text';
import type { CompareData, ComparisonRow, Position, Topic, TopicName, TopicsData } from './types';
import compareQuery from './queries/Compare.graphql';
import topicsQuery from './queries/Topics.graphql';

const main = shell('compare');
let view: { topics: TopicName[]; topic: Topic; rows: ComparisonRow[] } | null = null;

async function load(): Promise<void> {
  loading(main);
  try {
    const { topics } = await request<TopicsData>(topicsQuery);
    if (topics.length === 0) return failure(main, t('noTopics'));
    const wanted = new URLSearchParams(location.search).get('topic');
    const slug = topics.some((tp) => tp.slug === wanted) ? wanted! : topics[0].slug;
    if (slug !== wanted) history.replaceState(null, '', topicURL(slug));
    const { compare } = await request<CompareData>(compareQuery, { topic: slug });
    view = { topics, ...compare };
    render();
  } catch (e) {
    failure(main, t('error'), e instanceof APIError ? e.message : String(e));
  }
}

function topicURL(slug: string): string {
  const q = new URLSearchParams(location.search);
  q.set('topic', slug);
  return `/compare?${q}`;
}

function render(): void {
  if (!view) return;
  const { topics, topic, rows } = view;
  document.title = `${pick(topic.name, topic.nameEn)} — sourcecmp`;
  replace(
    main,
    h(
      'nav',
      { class: 'topics', 'aria-label': t('topic'), 'data-testid': 'topic-picker' },
      topics.map((tp) =>
        h(
          'a',
          {
            class: 'chip',
            href: topicURL(tp.slug),
            'data-topic': tp.slug,
            'aria-current': tp.slug === topic.slug ? 'page' : null,
            onclick: (ev: Event) => {
              ev.preventDefault();
              history.pushState(null, '', topicURL(tp.slug));
              void load();
            },
          },
          pick(tp.name, tp.nameEn),
        ),
      ),
    ),
    h(
      'section',
      { class: 'topic-head' },
      h('h1', null, pick(topic.name, topic.nameEn)),
      h('p', { class: 'topic-desc' }, pick(topic.description, topic.descriptionEn)),
      legend(topic.positions, rows),
    ),
    rows.length === 0
      ? h('p', { class: 'status' }, t('noDocuments'))
      : h('div', { class: 'columns', 'data-testid': 'compare-columns' }, rows.map((r) => column(r, topic.positions))),
  );
}

// legend counts the documents at each position, so the spread of opinion
// reads before the columns do.
function legend(positions: Position[], rows: ComparisonRow[]): HTMLElement {
  const count = (slug: string) => rows.filter((r) => r.stance?.position === slug).length;
  const none = rows.filter((r) => !r.stance).length;
  return h(
    'ul',
    { class: 'legend', 'aria-label': t('positions') },
    positions.map((p, i) =>
      h('li', { class: `pill pos-${i % 6}` }, pick(p.label, p.labelEn), h('span', { class: 'pill-count' }, count(p.slug))),
    ),
    none > 0 && h('li', { class: 'pill pos-none' }, t('noStance'), h('span', { class: 'pill-count' }, none)),
  );
}

function column(row: ComparisonRow, positions: Position[]): HTMLElement {
  const d = row.document;
  const readerURL = `/documents/${encodeURIComponent(d.slug)}`;
  const meta = [d.publisher, formatDate(d.publishedOn)].filter(Boolean).join(' · ');
  return h(
    'article',
    { class: 'doc-col', 'data-testid': 'document-column', 'data-slug': d.slug },
    h(
      'header',
      { class: 'doc-head' },
      meta && h('p', { class: 'doc-meta' }, meta),
      h('h2', { class: 'doc-title' }, h('a', { href: readerURL }, d.title ?? d.slug)),
      row.authors.length > 0 &&
        h(
          'p',
          { class: 'doc-authors' },
          row.authors.map((a, i) => [i > 0 && '、', a.name, a.affiliation && h('span', { class: 'affil' }, `（${a.affiliation}）`)]),
        ),
    ),
    stance(row, positions),
    coverage(row.coverage),
    // Always four parts, one per shared row track.
    (row.stance ? citations(row, readerURL) : evidence(row, readerURL)) ?? h('div', { class: 'doc-empty' }),
  );
}

function stance(row: ComparisonRow, positions: Position[]): HTMLElement {
  const s = row.stance;
  if (!s) return h('p', { class: 'no-stance', 'data-testid': 'no-stance' }, t('noStance'));
  const i = positions.findIndex((p) => p.slug === s.position);
  return h(
    'div',
    { class: 'stance', 'data-position': s.position },
    h('span', { class: `pill pos-${i < 0 ? 'none' : i % 6}` }, pick(s.positionLabel, s.positionLabelEn)),
    h('p', { class: 'summary', lang: lang() === 'en' && s.summaryEn ? 'en' : 'ja' }, pick(s.summary, s.summaryEn)),
  );
}

function coverage(c: number): HTMLElement {
  const pct = c > 0 && c < 0.005 ? '<1%' : `${Math.round(c * 100)}%`;
  const fill = h('div', { class: 'coverage-fill' });
  // Set through the CSSOM: the pages' CSP allows no inline style attributes.
  fill.style.width = `${Math.max(0, Math.min(1, c)) * 100}%`;
  return h(
    'div',
    { class: 'coverage', 'data-testid': 'coverage' },
    h('div', { class: 'coverage-label' }, h('span', null, t('coverage')), h('span', { class: 'coverage-pct' }, pct)),
    h(
      'div',
      { class: 'coverage-track', role: 'meter', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': Math.round(c * 100), 'aria-label': t('coverage') },
      fill,
    ),
  );
}

function citations(row: ComparisonRow, readerURL: string): HTMLElement | null {
  const list = row.stance?.citations ?? [];
  if (list.length === 0) return null;
  return h(
    'section',
    { class: 'citations' },
    h('h3', null, t('citations')),
    h(
      'ol',
      null,
      list.map((c) =>
        h(
          'li',
          null,
          h(
            'a',
            {
              class: 'citation',
              href: `${readerURL}#c=${encodeURIComponent(c.id)}`,
              'data-testid': 'citation-link',
              'data-citation': c.id,
              title: t('openCitation'),
            },
            h('q', { lang: 'ja' }, c.quote),
          ),
          h(
            'p',
            { class: 'cite-where' },
            c.section?.heading && `§ ${c.section.heading}`,
            !c.anchored && h('span', { class: 'warn' }, t('unanchored')),
          ),
        ),
      ),
    ),
  );
}

function evidence(row: ComparisonRow, readerURL: string): HTMLElement | null {
  if (row.evidence.nodes.length === 0) return null;
  return h(
    'section',
    { class: 'citations evidence' },
    h('h3', null, t('evidence')),
    h(
      'ol',
      null,
      row.evidence.nodes.map((e) =>
        h(
          'li',
          null,
          h('a', { class: 'citation', href: `${readerURL}#p-${e.paragraph.ordinal}`, 'data-testid': 'evidence-link', lang: 'ja' }, snippetContent(e.snippet)),
        ),
      ),
    ),
  );
}

onLangChange(render);
window.addEventListener('popstate', () => void load());
void load();
