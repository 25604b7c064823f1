// Japanese first, English on request. The pages fetch both languages at
// once (field aliases), so switching re-renders without a new request.

export type Lang = 'ja' | 'en';

const storageKey = 'sourcecmp.lang';

const strings = {
  compare: ['比較', 'Compare'],
  playground: ['GraphQL', 'GraphQL'],
  switchLang: ['English', '日本語'],
  switchLangLabel: ['Switch to English', '日本語に切り替える'],
  topic: ['トピック', 'Topic'],
  loading: ['読み込み中…', 'Loading…'],
  error: ['データを取得できませんでした', 'Could not load the data'],
  retry: ['再読み込み', 'Reload'],
  noTopics: ['トピックがありません。', 'There are no topics.'],
  noDocuments: ['文書がありません。', 'There are no documents.'],
  noStance: ['この文書はこのトピックについて立場を示していません', 'No stance on this topic'],
  coverage: ['このトピックに割かれた本文', 'Share of the text on this topic'],
  citations: ['根拠となる引用', 'Supporting quotes'],
  evidence: ['関連する箇所', 'Related passages'],
  openCitation: ['本文で読む', 'Read in context'],
  unanchored: ['本文の更新により位置を特定できません', 'No longer found in the updated text'],
  stances: ['この文書の立場', "This document's stances"],
  backToCompare: ['比較に戻る', 'Back to the comparison'],
  notes: ['注', 'Notes'],
  notesHere: ['この段落の注', "This paragraph's notes"],
  noteMissing: ['（注の本文は原文にありません）', '(the source does not give the note’s text)'],
  source: ['原文', 'Source'],
  updated: ['更新', 'updated'],
  notFound: ['文書が見つかりません', 'Document not found'],
  citationNotFound: ['引用が見つかりません', 'Quote not found'],
  positions: ['立場の分布', 'Positions'],
} satisfies Record<string, [string, string]>;

export type Key = keyof typeof strings;

function initial(): Lang {
  const q = new URLSearchParams(location.search).get('lang');
  if (q === 'en' || q === 'ja') return q;
  try {
    const s = localStorage.getItem(storageKey);
    if (s === 'en' || s === 'ja') return s;
  } catch {
    // Storage may be disabled; Japanese it is.
  }
  return 'ja';
}

let current: Lang = initial();
const listeners: (() => void)[] = [];
document.documentElement.lang = current;

/** The language in force. */
export function lang(): Lang {
  return current;
}

/** Switches language and re-renders every listener. */
export function setLang(l: Lang): void {
  current = l;
  document.documentElement.lang = l;
  try {
    localStorage.setItem(storageKey, l);
  } catch {
    // Not remembered; the switch still applies to this page.
  }
  for (const fn of listeners) fn();
}

/** Registers a re-render to run when the language changes. */
export function onLangChange(fn: () => void): void {
  listeners.push(fn);
}

/** The interface string for key in the current language. */
export function t(key: Key): string {
  return strings[key][current === 'ja' ? 0 : 1];
}

/** Chooses between a Japanese and an English value; falls back to Japanese. */
export function pick(ja: string, en: string | null | undefined): string {
  return current === 'en' && en ? en : ja;
}

/** Formats a YYYY-MM-DD date for the current language. */
export function formatDate(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso + 'T00:00:00Z');
  if (Number.isNaN(d.getTime())) return iso;
  const opts: Intl.DateTimeFormatOptions = { year: 'numeric', month: current === 'ja' ? 'long' : 'short', day: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(current === 'ja' ? 'ja-JP' : 'en-GB', opts).format(d);
}
