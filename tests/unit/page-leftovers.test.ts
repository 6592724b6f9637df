// @vitest-environment jsdom
// Firefox replaces an updated add-on's content scripts in every open tab: the old copy's code stops and its marks
// stay on the page (hidden clutter, a highlighted quote, a reader view whose buttons no longer answer over a page
// that no longer scrolls). The new copy takes them away before it reads the page: the page is then as its site
// made it, which is what the old copy's marks are compared against here, on the seed article.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mountOverlay } from '../../components/reader/mount-overlay';
import { DEFAULT_SETTINGS } from '../../utils/storage/settings';
import { analyser } from '../../utils/page/analyser';
import { LedePage } from '../../utils/page/lede-page';
import { clearLeftovers, HIDDEN_ATTR, OUTLINE_ATTR, READER_HOST_TAG } from '../../utils/page/page-marks';
import { showQuoteOnPage } from '../../utils/page/quote-highlight';
import { storyReader } from '../../utils/page/story-reader';
import { installMessages } from './i18n-fake';

const URL_ = 'https://kyivindependent.com/china-should-also-be-concerned-about-russia-north-korea-pact-white-house-says/';
const SEED = readFileSync(path.join(process.cwd(), 'tests/fixtures/seed/kyiv-independent.html'), 'utf8');
const PREFS = { theme: DEFAULT_SETTINGS.theme, readerFontSize: 20, readerLineWidth: 68 };

beforeEach(() => {
  installMessages();
  document.documentElement.innerHTML = SEED.replace(/^<!doctype html>/i, '').replace(/<script[\s\S]*?<\/script>/gi, '');
  window.scrollTo = vi.fn() as typeof window.scrollTo;
});

describe('what an earlier copy of Lede left on a page', () => {
  it('is taken away, every mark of it, and the page is as its site made it', async () => {
    const asTheSiteMadeIt = document.documentElement.outerHTML;
    // The old copy: decluttered the article, showed a quote on it, opened the reader view; then it stopped.
    const old = new LedePage(document, URL_, { choices: async () => ({ declutter: true }), analyser: async () => analyser, storyReader: async () => storyReader });
    const analysis = (await old.articleAnalysis())!;
    expect(showQuoteOnPage(document, analysis, 0)).toEqual({ found: true });
    mountOverlay(document, { analysis, prefs: PREFS, onPrefs: () => {}, onClose: () => {} });
    expect(document.querySelectorAll(`[${HIDDEN_ATTR}]`).length).toBeGreaterThan(0);
    expect(document.querySelectorAll(`[${OUTLINE_ATTR}]`).length).toBe(1); // (jsdom has no CSS highlights)
    expect(document.getElementsByTagName(READER_HOST_TAG)).toHaveLength(1);

    expect(clearLeftovers(document)).toBe(true);
    expect(document.documentElement.outerHTML).toBe(asTheSiteMadeIt);
    expect(clearLeftovers(document)).toBe(false);
  });

  it('leaves a page Lede has not marked alone', () => {
    const before = document.documentElement.outerHTML;
    expect(clearLeftovers(document)).toBe(false);
    expect(document.documentElement.outerHTML).toBe(before);
  });
});
