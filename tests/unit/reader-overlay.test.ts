// @vitest-environment jsdom
// The reader view over a page (in jsdom: what does not need layout) and the content script's control of it.
// Real rendering, focus, scrolling and pictures are checked in both browsers by tests/e2e/reader.test.ts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { mountOverlay } from '../../components/reader/mount-overlay';
import type { OverlayModule } from '../../components/reader/overlay-global';
import { DEFAULT_SETTINGS } from '../../utils/storage/settings';
import { analyze } from '../../utils/analysis/analyze';
import type { Analysis } from '../../utils/analysis/types';
import { ReaderView, type ReaderViewDeps } from '../../utils/page/reader-overlay';
import { installMessages } from './i18n-fake';

const URL_ = 'https://kyivindependent.com/china-should-also-be-concerned-about-russia-north-korea-pact-white-house-says/';
// (jsdom's URL stands in for Node's here, so the fixture is found from the repository root.)
const SEED = readFileSync(path.join(process.cwd(), 'tests/fixtures/seed/kyiv-independent.html'), 'utf8');
const PREFS = { theme: DEFAULT_SETTINGS.theme, readerFontSize: 20, readerLineWidth: 68 };
const inReader = (selector: string) => document.querySelector('lede-reader')?.shadowRoot?.querySelector<HTMLElement>(selector) ?? null;

const loadSeed = () => {
  document.documentElement.innerHTML = SEED.replace(/^<!doctype html>/i, '').replace(/<script[\s\S]*?<\/script>/gi, '');
};
let analysis: Analysis;
// The analysis once (it takes a while on a busy machine); the page itself afresh for each test.
beforeAll(() => {
  loadSeed();
  analysis = analyze(document, URL_);
}, 60_000);
beforeEach(() => {
  installMessages();
  loadSeed();
  window.scrollTo = vi.fn() as typeof window.scrollTo;
});
afterEach(() => vi.restoreAllMocks());

describe('the reader view over the page', () => {
  it('shows the story in its own shadow root, keeps the page’s keys out, and leaves the page as it was', () => {
    const link = document.querySelector<HTMLAnchorElement>('article a[href]')!;
    link.focus();
    const before = document.documentElement.outerHTML;
    const onClose = vi.fn();
    const onPrefs = vi.fn();
    const view = mountOverlay(document, { analysis, prefs: PREFS, onPrefs, onClose });

    expect(document.querySelector('lede-reader')!.parentElement).toBe(document.documentElement);
    expect(inReader('[data-testid="reader-title"]')!.textContent).toBe(analysis.title);
    expect(inReader('[data-testid="reader-body"]')!.textContent).toContain('Beijing is also North Korea');
    expect(inReader('[data-testid="reader-body"] script, [data-testid="reader-body"] form')).toBeNull();
    // The view brings its own stylesheet into the shadow root (its rules are checked in real browsers).
    expect(document.querySelector('lede-reader')!.shadowRoot!.querySelector('style')).not.toBeNull();

    const pageKeys = vi.fn();
    document.addEventListener('keydown', pageKeys);
    inReader('[data-testid="reader-font-larger"]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true, composed: true }));
    expect(pageKeys).not.toHaveBeenCalled();

    inReader('[data-testid="reader-font-larger"]')!.click();
    expect(onPrefs).toHaveBeenCalledWith({ readerFontSize: 22 });
    expect(view.showQuote(1)).toBe(true);
    expect(inReader('[data-lede-quote]')!.textContent).toContain('We would think that that concern');

    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(onClose).toHaveBeenCalledOnce();
    expect(pageKeys).not.toHaveBeenCalled(); // Esc was the reader's, not the page's
    expect(document.documentElement.outerHTML).toBe(before);
    expect(document.activeElement).toBe(link);
    expect(window.scrollTo).toHaveBeenCalledWith({ left: 0, top: 0, behavior: 'instant' });
    view.close(); // a second close does nothing
    expect(onClose).toHaveBeenCalledOnce();
  });
});

describe('ReaderView (the content script’s side)', () => {
  function deps(): ReaderViewDeps & { mounted: number; loads: number } {
    const d = {
      mounted: 0,
      loads: 0,
      load: async (): Promise<OverlayModule> => {
        d.loads++;
        return { mountOverlay: (doc, options) => (d.mounted++, mountOverlay(doc, options)), prefs: d.prefs, savePrefs: d.savePrefs };
      },
      prefs: async () => PREFS,
      savePrefs: vi.fn(async () => undefined),
    };
    return d;
  }

  it('loads the view’s code once, opens it once however often it is asked, and toggles', async () => {
    const d = deps();
    const reader = new ReaderView(document, async () => analysis, d);
    expect(await Promise.all([reader.open(), reader.open()])).toEqual([{ open: true }, { open: true }]);
    expect(d.mounted).toBe(1);
    expect(await reader.toggle()).toEqual({ open: false });
    expect(document.querySelector('lede-reader')).toBeNull();
    expect(await reader.toggle()).toEqual({ open: true });
    expect(d.loads).toBe(2); // the file is imported once; its global answers the second time (loadOverlay)
    expect(reader.showQuote(0)).toEqual({ found: true });
    inReader('.lr-theme-sepia')!.click();
    expect(d.savePrefs).toHaveBeenCalledWith({ theme: 'sepia' });
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(reader.state).toEqual({ open: false });
    expect(reader.showQuote(0)).toBeNull(); // closed: the page shows quotes itself
  });

  it('leaves a page that is not an article alone, and says why', async () => {
    const d = deps();
    const reader = new ReaderView(document, async () => ({ ...analysis, isArticle: false, contentHtml: '' }), d);
    await expect(reader.open()).rejects.toThrow(/doesn’t take this page for an article/);
    expect(d.mounted).toBe(0);
    expect(document.querySelector('lede-reader')).toBeNull();
  });
});
