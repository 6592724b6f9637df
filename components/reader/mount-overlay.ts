// The reader view over a live page: a shadow root (the page's CSS cannot reach in, ours cannot leak out) on an
// element of our own at the end of <html>, covering the page. While it is open the page neither scrolls nor
// hears the keys pressed in it; Esc leaves; on leaving, the page gets back its scroll position and its focus,
// and nothing of the view stays in it.
import { h, render } from 'preact';
import type { Analysis } from '@/utils/analysis/types';
import { READER_HOST_TAG, READER_LOCK_ID } from '@/utils/page/page-marks';
import { clearQuoteHighlight } from '@/utils/page/quote-highlight';
import { fromAnalysis } from './article';
import type { ReaderPrefs } from './prefs';
import { Reader, type ReaderControl } from './Reader';
import css from './reader.css?inline';

export interface OverlayOptions {
  analysis: Analysis;
  prefs: ReaderPrefs;
  onPrefs(patch: Partial<ReaderPrefs>): void;
  /** The view closed (Esc, its button, or close()). */
  onClose(): void;
}

export interface OverlayHandle {
  close(): void;
  showQuote(index: number): boolean;
}

// Inline and !important: a page rule on an unknown element, or on every element, must not move or hide it.
const HOST_STYLE =
  'all:initial!important;position:fixed!important;inset:0!important;z-index:2147483647!important;' +
  'display:block!important;width:auto!important;height:auto!important;contain:strict!important';
// The page under the view does not scroll with it (its position is kept, and restored anyway on close).
const LOCK_CSS = 'html{overflow:hidden!important}';
const FOCUSABLE = 'button:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

export function mountOverlay(doc: Document, options: OverlayOptions): OverlayHandle {
  const win = doc.defaultView!;
  const scroll = { left: win.scrollX, top: win.scrollY };
  const focused = doc.activeElement instanceof win.HTMLElement ? doc.activeElement : null;

  const host = doc.createElement(READER_HOST_TAG);
  host.style.cssText = HOST_STYLE;
  const root = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = css;
  const mount = doc.createElement('div');
  root.append(style, mount);
  const lock = doc.createElement('style');
  lock.id = READER_LOCK_ID;
  lock.textContent = LOCK_CSS;

  const control: { current: ReaderControl | null } = { current: null };
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    win.removeEventListener('keydown', onWindowKey, true);
    clearQuoteHighlight();
    render(null, mount);
    host.remove();
    lock.remove();
    win.scrollTo({ ...scroll, behavior: 'instant' });
    if (focused?.isConnected) focused.focus({ preventScroll: true });
    else if (doc.activeElement === host) (doc.activeElement as HTMLElement).blur();
    options.onClose();
  };

  // Esc leaves wherever focus is; the page does not see it.
  const onWindowKey = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    close();
  };
  win.addEventListener('keydown', onWindowKey, true);
  // Keys pressed in the view are the reader's: the page's shortcuts stay quiet, and Tab stays in the view.
  const keep = (e: Event) => e.stopPropagation();
  root.addEventListener('keydown', (e) => {
    const key = e as KeyboardEvent;
    if (key.key === 'Tab') trapTab(root, key);
    keep(e);
  });
  root.addEventListener('keyup', keep);
  root.addEventListener('keypress', keep);

  (doc.head ?? doc.documentElement).append(lock);
  doc.documentElement.append(host);
  render(
    h(Reader, {
      article: fromAnalysis(options.analysis),
      prefs: options.prefs,
      onPrefs: options.onPrefs,
      images: 'load',
      onClose: close,
      control,
    }),
    mount,
  );
  return { close, showQuote: (index) => control.current?.showQuote(index) ?? false };
}

function trapTab(root: ShadowRoot, e: KeyboardEvent): void {
  const items = [...root.querySelectorAll<HTMLElement>(FOCUSABLE)];
  if (items.length === 0) return;
  const first = items[0];
  const last = items[items.length - 1];
  const active = root.activeElement;
  if (e.shiftKey && (active === first || !active || !items.includes(active as HTMLElement))) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && active === last) {
    e.preventDefault();
    first.focus();
  }
}
