// The frame both pages share: a header with navigation and the language
// switch, and the states a page passes through while it loads.
import { h, replace } from './dom';
import { lang, onLangChange, setLang, t } from './i18n';

/** Builds the header into the page and returns the element pages render into. */
export function shell(active: 'compare' | 'reader'): HTMLElement {
  const header = h('header', { class: 'bar' });
  const main = h('main', { id: 'main', class: `page page-${active}` });
  const draw = () =>
    replace(
      header,
      h('a', { class: 'brand', href: '/compare' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }), 'sourcecmp'),
      h(
        'nav',
        { class: 'nav' },
        h('a', { href: '/compare', 'aria-current': active === 'compare' ? 'page' : null }, t('compare')),
        h('a', { href: '/' }, t('playground')),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'lang',
          'data-testid': 'lang-toggle',
          'aria-label': t('switchLangLabel'),
          onclick: () => setLang(lang() === 'ja' ? 'en' : 'ja'),
        },
        t('switchLang'),
      ),
    );
  draw();
  onLangChange(draw);
  const app = document.getElementById('app')!;
  replace(app, header, main);
  return main;
}

/** Shows a loading line until the page's data arrives. */
export function loading(main: HTMLElement): void {
  replace(main, h('p', { class: 'status', role: 'status' }, t('loading')));
}

/** Shows why the page has nothing to show. */
export function failure(main: HTMLElement, title: string, detail?: string): void {
  replace(
    main,
    h(
      'div',
      { class: 'status status-error', role: 'alert', 'data-testid': 'error' },
      h('h1', null, title),
      detail && h('p', { class: 'status-detail' }, detail),
      h('button', { type: 'button', onclick: () => location.reload() }, t('retry')),
    ),
  );
}
