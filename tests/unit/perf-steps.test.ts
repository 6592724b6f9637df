// Lede's cost on a page, as far as it shows without a browser: which steps run where, in which order, and what
// gets loaded. (How long they take is measured by `npm run bench -- --only page` in real Chromium, not here.)
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { parseHtml } from '../../scripts/lib/dom';
import { analyser } from '../../utils/page/analyser';
import { HIDDEN_ATTR } from '../../utils/page/page-marks';
import { LedePage } from '../../utils/page/lede-page';
import { PERF_GLOBAL, perfLog, settled, timed } from '../../utils/page/perf';
import type { AnalyzeOptions, StoryText } from '../../utils/analysis/assemble';
import { readStoryBrief } from '../../utils/analysis/read-story';
import { storyReader } from '../../utils/page/story-reader';

const fixture = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');
const SEED_URL = 'https://kyivindependent.com/china-should-also-be-concerned-about-russia-north-korea-pact-white-house-says/';

const stepNames = () => perfLog().steps.map((s) => s.name);
/** The steps in order, a step run in several slices (each a task of its own) named once. */
const stepsInOrder = () => stepNames().filter((name, i, all) => name !== all[i - 1]);

beforeEach(() => {
  delete (globalThis as Record<string, unknown>)[PERF_GLOBAL];
});

describe('the step log', () => {
  it('records each step with its duration, also when the step throws', () => {
    expect(timed('a', () => 42)).toBe(42);
    expect(() => timed('b', () => { throw new Error('boom'); })).toThrow('boom');
    expect(stepNames()).toEqual(['a', 'b']);
    for (const s of perfLog().steps) expect(s.ms).toBeGreaterThanOrEqual(0);
    expect(perfLog().settled).toBe(false);
    settled();
    expect(perfLog().settled).toBe(true);
  });

  it('stays on the content script’s own global, out of the page’s performance timeline', () => {
    timed('detect', () => 0);
    expect((globalThis as Record<string, unknown>)[PERF_GLOBAL]).toBe(perfLog());
    expect(performance.getEntries().filter((e) => /detect|lede/i.test(e.name))).toEqual([]);
  });
});

describe('Lede on a page', () => {
  it('on a page that is not an article, only detects: no clone, no Readability, nothing loaded', async () => {
    const doc = parseHtml(fixture('pages/front-page.html'), 'https://daily.example/');
    const load = vi.fn(async () => analyser);
    const page = new LedePage(doc, 'https://daily.example/', { choices: async () => ({ declutter: true }), analyser: load, storyReader: async () => storyReader });
    expect(page.isArticle).toBe(false);
    expect(stepNames()).toEqual(['detect']);
    expect(perfLog().settled).toBe(true);
    expect(page.articleAnalysis()).toBeNull();
    await new Promise((r) => setTimeout(r, 20));
    expect(load).not.toHaveBeenCalled();
    expect(doc.querySelectorAll(`[${HIDDEN_ATTR}]`)).toHaveLength(0);
  });

  it('loads the analysis code there only when the popup asks about the page', async () => {
    const doc = parseHtml(fixture('pages/front-page.html'), 'https://daily.example/');
    const load = vi.fn(async () => analyser);
    const page = new LedePage(doc, 'https://daily.example/', { choices: async () => ({ declutter: true }), analyser: load, storyReader: async () => storyReader });
    const analysis = await page.getAnalysis();
    expect(load).toHaveBeenCalledTimes(1);
    expect(analysis.isArticle).toBe(false);
    expect(analysis.title).toContain('The Daily Example');
    expect(stepNames()).toEqual(['detect', 'page-meta']);
  });

  it('on an article, runs each step as a task of its own, in order, then declutters and settles', async () => {
    const doc = parseHtml(fixture('seed/kyiv-independent.html'), SEED_URL);
    const load = vi.fn(async () => analyser);
    const page = new LedePage(doc, SEED_URL, { choices: async () => ({ declutter: true }), analyser: load, storyReader: async () => storyReader });
    expect(page.isArticle).toBe(true);
    expect(stepNames()).toEqual(['detect']); // the rest waits for the page's load and for a turn
    expect(perfLog().settled).toBe(false);
    const analysis = (await page.articleAnalysis())!;
    expect(analysis.summary.length).toBeGreaterThan(0);
    expect(load).toHaveBeenCalledTimes(1);
    expect(stepsInOrder()).toEqual(['detect', 'region', 'clone', 'parse', 'summary+quotes', 'assemble', 'story-map', 'declutter']);
    // The story map gives the page a turn at least once: before the headline, byline and lead picture.
    expect(stepNames().filter((n) => n === 'story-map').length).toBeGreaterThanOrEqual(2);
    expect(perfLog().settled).toBe(true);
    expect(doc.querySelectorAll(`[${HIDDEN_ATTR}]`).length).toBeGreaterThan(0);
    // Each step began after the previous one ended: none of them ran inside another.
    const steps = perfLog().steps;
    for (let i = 1; i < steps.length; i++) expect(steps[i].start).toBeGreaterThanOrEqual(steps[i - 1].start + steps[i - 1].ms);
  });

  it('hands the story’s text to be read off the page’s thread, and reads it itself when nobody answers', async () => {
    const doc = parseHtml(fixture('seed/kyiv-independent.html'), SEED_URL);
    const readElsewhere = vi.fn(async (text: StoryText, options: AnalyzeOptions) => ({ ...readStoryBrief(text, options), ms: 7 }));
    const page = new LedePage(doc, SEED_URL, { choices: async () => ({ declutter: true, keyQuotes: 2 }), analyser: async () => analyser, readElsewhere });
    const analysis = (await page.articleAnalysis())!;
    expect(readElsewhere).toHaveBeenCalledTimes(1);
    // Plain data only crosses: no element of the page, no function.
    expect(() => structuredClone(readElsewhere.mock.calls[0])).not.toThrow();
    expect(readElsewhere.mock.calls[0][1]).toEqual({ summarySentences: undefined, keyQuotes: 2 });
    // The answer does not carry the story's text back: the page sent it, and puts it back from its blocks.
    const answered = await readElsewhere.mock.results[0].value;
    expect(Object.keys(answered)).not.toContain('text');
    expect(Object.keys(answered)).not.toContain('paragraphs');
    expect(analysis.paragraphs.some((p) => p.includes('Kirby'))).toBe(true);
    expect(analysis.text).toContain(analysis.paragraphs[0]);
    expect(stepsInOrder()).toEqual(['detect', 'region', 'clone', 'parse', 'story-send', 'assemble', 'story-map', 'declutter']);
    expect(perfLog().elsewhere).toEqual({ 'summary+quotes': 7 });
    expect(analysis.quotes.filter((q) => q.key).map((q) => q.speaker)).toEqual(['John Kirby', 'John Kirby']);

    delete (globalThis as Record<string, unknown>)[PERF_GLOBAL];
    const unanswered = vi.fn(async () => Promise.reject(new Error('Could not establish connection')));
    const fallback = new LedePage(parseHtml(fixture('seed/kyiv-independent.html'), SEED_URL), SEED_URL, {
      choices: async () => ({ declutter: true, keyQuotes: 2 }),
      analyser: async () => analyser,
      storyReader: async () => storyReader,
      readElsewhere: unanswered,
    });
    const same = (await fallback.articleAnalysis())!;
    expect(unanswered).toHaveBeenCalledTimes(1);
    expect(stepNames()).toContain('summary+quotes');
    expect(same.summary).toEqual(analysis.summary);
    expect(same.quotes).toEqual(analysis.quotes);
    expect([same.text, same.paragraphs]).toEqual([analysis.text, analysis.paragraphs]);
  });
});
