// Pages detection takes for articles without being sure (score between THRESHOLD and SURE_THRESHOLD): Lede leaves
// them as they are until the reader asks, on two real pages (tests/fixtures/unsure/README.md): an article in that
// band, and a blog's privacy policy that is none.
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { parseHtml } from '../../scripts/lib/dom';
import { SURE_THRESHOLD, THRESHOLD } from '../../utils/analysis/detect-model';
import { analyser } from '../../utils/page/analyser';
import { LedePage, type PageChoices } from '../../utils/page/lede-page';
import { HIDDEN_ATTR } from '../../utils/page/page-marks';
import { PERF_GLOBAL, perfLog } from '../../utils/page/perf';
import { storyReader } from '../../utils/page/story-reader';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/unsure/${name}.html`, import.meta.url), 'utf8');
// The article was saved without its address; the policy at its own.
const ARTICLE = { name: 'readability-table-style-attributes', url: 'about:blank' };
const POLICY = { name: 'trafilatura-sibenlab-blogspot-com-9a1e57', url: 'http://sibenlab.blogspot.com/2018/06/sibenlab-privacy-policy.html' };
const SEED_URL = 'https://kyivindependent.com/china-should-also-be-concerned-about-russia-north-korea-pact-white-house-says/';

const hidden = (doc: Document) => doc.querySelectorAll(`[${HIDDEN_ATTR}]`).length;
const aTurn = () => new Promise((r) => setTimeout(r, 30));

function open(page: { name: string; url: string }, choices: PageChoices = { declutter: true }) {
  const doc = parseHtml(fixture(page.name), page.url === 'about:blank' ? undefined : page.url);
  const load = vi.fn(async () => analyser);
  const clone = vi.spyOn(doc, 'cloneNode');
  const lede = new LedePage(doc, page.url, { choices: async () => choices, analyser: load, storyReader: async () => storyReader });
  return { doc, load, clone, lede };
}

beforeEach(() => {
  delete (globalThis as Record<string, unknown>)[PERF_GLOBAL];
});

describe('a page Lede takes for an article without being sure', { timeout: 30_000 }, () => {
  it('is left as it is: detection only, nothing loaded, no clone, nothing hidden', async () => {
    for (const page of [ARTICLE, POLICY]) {
      delete (globalThis as Record<string, unknown>)[PERF_GLOBAL];
      const { doc, load, clone, lede } = open(page);
      expect(lede.isArticle, page.name).toBe(true);
      expect(lede.verdict.sure, page.name).toBe(false);
      await aTurn();
      expect(perfLog().settled).toBe(true);
      expect(perfLog().steps.map((s) => s.name)).toEqual(['detect']);
      expect(load).not.toHaveBeenCalled();
      expect(clone).not.toHaveBeenCalled();
      expect(lede.articleAnalysis()).toBeNull();
      expect(hidden(doc)).toBe(0);
    }
  });

  it('is read as an article when the reader asks, tidied only at their word, and says why Lede waited', async () => {
    const { doc, lede } = open(ARTICLE);
    const analysis = await lede.getAnalysis();
    expect(analysis.isArticle).toBe(true);
    expect(analysis.title).toBe('linux video');
    expect(analysis.summary.length).toBeGreaterThan(0);
    expect(lede.articleAnalysis()).not.toBeNull();
    const { detection } = analysis;
    expect([detection.sure, detection.sureThreshold]).toEqual([false, SURE_THRESHOLD]);
    expect(detection.score).toBeGreaterThanOrEqual(THRESHOLD);
    expect(detection.score).toBeLessThan(SURE_THRESHOLD);
    // The reader's general "declutter articles" setting is on, and still the page is as it was...
    expect(await lede.declutterState()).toEqual({ enabled: false, hidden: 0 });
    expect(hidden(doc)).toBe(0);
    // ...until the popup's switch is pressed.
    const after = await lede.setDeclutter(true);
    expect(after.enabled).toBe(true);
    expect(after.hidden).toBeGreaterThan(0);
    expect(hidden(doc)).toBe(after.hidden);
  });

  it('is tidied by the declutter command alone (read first), and by a rule the reader set for the site', async () => {
    const byCommand = open(ARTICLE);
    const state = await byCommand.lede.setDeclutter(true);
    expect(state.enabled).toBe(true);
    expect(hidden(byCommand.doc)).toBeGreaterThan(0);

    const bySiteRule = open(ARTICLE, { declutter: true, siteSaysDeclutter: true });
    await aTurn();
    expect(bySiteRule.lede.articleAnalysis()).toBeNull(); // the rule does not make Lede read it unasked
    await bySiteRule.lede.getAnalysis();
    expect(hidden(bySiteRule.doc)).toBeGreaterThan(0);
  });

  it('unlike an article Lede is sure of, which is read and tidied as soon as the page has loaded', async () => {
    const doc = parseHtml(readFileSync(new URL('../fixtures/seed/kyiv-independent.html', import.meta.url), 'utf8'), SEED_URL);
    const lede = new LedePage(doc, SEED_URL, { choices: async () => ({ declutter: true }), analyser: async () => analyser, storyReader: async () => storyReader });
    expect(lede.verdict.sure).toBe(true);
    const analysis = await lede.articleAnalysis();
    expect(analysis?.detection.sure).toBe(true);
    expect(hidden(doc)).toBeGreaterThan(0);
  });
});
