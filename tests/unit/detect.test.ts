import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { parseHtml } from '../../scripts/lib/dom';
import { detectArticle, judgePage } from '../../utils/analysis/detect';
import { SIGNALS, THRESHOLD, WEIGHTS } from '../../utils/analysis/detect-model';
import type { Detection } from '../../utils/analysis/types';
import { analyser } from '../../utils/page/analyser';
import { LedePage } from '../../utils/page/lede-page';

// Real corpus pages (see tests/fixtures/detect/README.md): what the detector decides on them is pinned here.
interface FixturePage {
  id: string;
  url: string | null;
  isArticle: boolean;
  pageType: string;
  lang: string;
}
const dir = new URL('../fixtures/detect/', import.meta.url);
const pages = JSON.parse(readFileSync(new URL('pages.json', dir), 'utf8')) as FixturePage[];
const html = (p: FixturePage) => readFileSync(new URL(`${p.id}.html`, dir), 'utf8');
const parsed = new Map<string, Document>();
/** The page parsed once (jsdom is slow) and shared by the tests that only read it. */
const load = (p: FixturePage) => {
  if (!parsed.has(p.id)) parsed.set(p.id, parseHtml(html(p), p.url ?? undefined));
  return parsed.get(p.id)!;
};
const urlOf = (p: FixturePage) => p.url ?? 'about:blank';
const page = (id: string) => pages.find((p) => p.id === id)!;

const why = (d: Detection) =>
  `score ${d.score} vs ${d.threshold}: ` + d.signals.map((s) => `${s.name}=${String(s.value)} ${s.contribution}`).join('; ');
const signal = (d: Detection, name: string) => d.signals.find((s) => s.name === name)!;

describe('detectArticle on real pages', { timeout: 60_000 }, () => {
  it('has articles and non-articles of several kinds to judge', () => {
    expect(pages.filter((p) => p.isArticle).length).toBeGreaterThanOrEqual(5);
    expect(new Set(pages.filter((p) => !p.isArticle).map((p) => p.pageType)).size).toBeGreaterThanOrEqual(4);
  });

  it.each(pages)('$id ($pageType, $lang)', (p) => {
    const d = detectArticle(load(p), urlOf(p));
    expect(d.isArticle, why(d)).toBe(p.isArticle);
  });

  it('takes the articles for articles without their URL, on what the page itself shows', () => {
    for (const p of pages.filter((x) => x.isArticle)) {
      const d = detectArticle(load(p), 'about:blank');
      expect(d.isArticle, `${p.id}: ${why(d)}`).toBe(true);
    }
  });

  it('counts Chinese text by characters, not by Latin-length rules', () => {
    const p = page('newspaper4k-chinese-article-001');
    const d = detectArticle(load(p), urlOf(p));
    // About 630 Chinese characters of story: short by Latin standards, a full story in Chinese.
    expect(signal(d, 'main-text').contribution, why(d)).toBeGreaterThan(0);
  });

  it('turns away a forum thread, a shop product and a category listing by their URL among other signs', () => {
    for (const id of ['trafilatura-foren-myoos-de-20c5b1', 'trafilatura-uniqz-de-5dfc14', 'trafilatura-minusl-de-52cfbf']) {
      const d = detectArticle(load(page(id)), urlOf(page(id)));
      expect(String(signal(d, 'url-shape').value), id).toMatch(/^section/);
      expect(signal(d, 'url-shape').contribution).toBeLessThan(0);
    }
  });

  it('turns away a page that declares itself a book, though its long description alone would pass', () => {
    const p = page('postlight-www-oreilly-co-jp');
    const d = detectArticle(load(p), urlOf(p));
    expect(d.declaredNonStory).toBe('Book');
    expect(d.score, why(d)).toBeGreaterThanOrEqual(d.threshold);
    expect(d.isArticle).toBe(false);
  });

  it('reads no text of such a page for the verdict alone, and all of it for the explanation', async () => {
    const p = page('postlight-www-oreilly-co-jp');
    const doc = load(p);
    const queries = vi.spyOn(doc, 'querySelectorAll');
    const verdict = judgePage(doc, urlOf(p));
    const selectors = queries.mock.calls.map(([s]) => s);
    queries.mockRestore();
    expect(verdict.isArticle).toBe(false);
    expect(verdict.measures.textRead).toBe(false);
    expect(selectors).not.toContain('p, pre'); // the paragraphs (detect-measure.ts: proseBlocks)
    // The explanation the popup's "Why?" shows on that page has every signal read, its text included.
    const shown = await new LedePage(doc, urlOf(p), { choices: async () => ({ declutter: true }), analyser: async () => analyser }).getAnalysis();
    expect(shown.detection).toEqual(detectArticle(doc, urlOf(p)));
    expect(signal(shown.detection, 'main-text').value as number).toBeGreaterThan(1500);
    // The same on every such page of the fixtures (the shop's product among them); the others are read in full.
    const declares = pages.map((q) => detectArticle(load(q), urlOf(q)).declaredNonStory !== null);
    expect(declares.filter(Boolean).length).toBeGreaterThan(1);
    pages.forEach((q, i) => expect(judgePage(load(q), urlOf(q)).measures.textRead, q.id).toBe(!declares[i]));
  });

  it('sees a home page as one', () => {
    const p = page('metascraper-bluecadet-home');
    const d = detectArticle(load(p), urlOf(p));
    expect(signal(d, 'url-shape').value).toBe('home (/)');
    expect(signal(d, 'og-type').value).toBe('website');
    expect(d.score).toBeLessThan(d.threshold - 1);
  });
});

describe('the explanation', { timeout: 60_000 }, () => {
  it.each(pages)('$id: every signal, with a readable name, a value and a contribution that add up to the score', (p) => {
    const d = detectArticle(load(p), urlOf(p));
    expect(d.signals.map((s) => s.name)).toEqual(SIGNALS);
    for (const s of d.signals) {
      expect(s.name).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
      expect(['number', 'string', 'boolean']).toContain(typeof s.value);
      expect(Number.isFinite(s.contribution)).toBe(true);
    }
    const sum = d.signals.reduce((a, s) => a + s.contribution, 0);
    expect(d.score).toBeCloseTo(sum, 6);
    expect(d.threshold).toBe(THRESHOLD);
    expect(d.isArticle).toBe(d.score >= d.threshold && !d.declaredNonStory);
  });

  it.each(pages)('$id: the verdict every page pays for is the one the explanation gives', (p) => {
    expect(judgePage(load(p), urlOf(p)).isArticle).toBe(detectArticle(load(p), urlOf(p)).isArticle);
  });

  it('names what decided each signal', () => {
    const p = page('postlight-www-reuters-com');
    const d = detectArticle(load(p), urlOf(p));
    expect(signal(d, 'url-shape').value).toBe('slug (us-usa-fed-idUSKBN1430G4)');
    expect(typeof signal(d, 'main-text').value).toBe('number');
    expect(signal(d, 'main-text').value as number).toBeGreaterThan(3000);
  });

  it('gives every feature of the model a weight with the expected direction', () => {
    expect(WEIGHTS['schema-type:story']).toBeGreaterThan(0);
    expect(WEIGHTS['schema-type:non-story']).toBeLessThan(0);
    expect(WEIGHTS['og-type:article']).toBeGreaterThan(0);
    expect(WEIGHTS['url-shape:home']).toBeLessThan(0);
    expect(WEIGHTS['url-shape:section']).toBeLessThan(0);
    expect(WEIGHTS['url-shape:date']).toBeGreaterThan(0);
    expect(WEIGHTS['main-text']).toBeGreaterThan(0);
  });
});

describe('what detection may not do on the live page', { timeout: 60_000 }, () => {
  it('does not clone, change or lay out the document', () => {
    const p = page('trafilatura-paginasiete-bo-53ab55');
    const doc = load(p);
    const before = doc.documentElement.outerHTML;
    const clone = vi.spyOn(doc, 'cloneNode');
    const view = doc.defaultView!;
    const style = vi.spyOn(view, 'getComputedStyle');
    const rect = vi.spyOn(view.Element.prototype, 'getBoundingClientRect');
    detectArticle(doc, urlOf(p));
    expect(clone).not.toHaveBeenCalled();
    expect(style).not.toHaveBeenCalled();
    expect(rect).not.toHaveBeenCalled();
    expect(doc.documentElement.outerHTML).toBe(before);
  });
});

describe('signals on small pages', () => {
  const story = (paragraphs: number, text = 'Officials said the new rules would take effect next month across the region. ') =>
    Array.from({ length: paragraphs }, () => `<p>${text.repeat(3)}</p>`).join('');
  const doc = (head: string, body: string, attrs = '') =>
    parseHtml(`<!doctype html><html ${attrs}><head>${head}</head><body>${body}</body></html>`);

  it('reads schema.org types from JSON-LD and microdata, a story type over a thing', () => {
    const ld = (type: string) => `<script type="application/ld+json">{"@context":"https://schema.org","@type":"${type}"}</script>`;
    expect(signal(detectArticle(doc(ld('NewsArticle'), ''), 'about:blank'), 'schema-type').contribution).toBeGreaterThan(0);
    expect(signal(detectArticle(doc(ld('Product'), ''), 'about:blank'), 'schema-type').contribution).toBeLessThan(0);
    const micro = doc('', '<div itemscope itemtype="https://schema.org/Product"><h1>Blanket</h1></div>');
    expect(signal(detectArticle(micro, 'about:blank'), 'schema-type').value).toBe('Product');
    // A story's lead video alone decides nothing; a podcast episode declares the page no story.
    const video = detectArticle(doc(ld('VideoObject'), story(12), 'lang="en"'), 'https://news.example/2024/05/02/rules-take-effect-next-month');
    expect([video.isArticle, video.declaredNonStory]).toEqual([true, null]);
    const podcast = detectArticle(doc(ld('PodcastEpisode'), story(12), 'lang="en"'), 'https://news.example/2024/05/02/rules-take-effect-next-month');
    expect([podcast.isArticle, podcast.declaredNonStory]).toEqual([false, 'PodcastEpisode']);
    const both = doc(ld('VideoObject') + ld('ReportageNewsArticle'), '');
    expect(signal(detectArticle(both, 'about:blank'), 'schema-type').value).toBe('ReportageNewsArticle');
  });

  it('does not take the date of a book or a podcast for a publication date', () => {
    const book = doc('', '<div itemscope itemtype="http://schema.org/Book"><span itemprop="datePublished">2019-04-26</span></div>');
    expect(signal(detectArticle(book, 'about:blank'), 'published-date').value).toBe(false);
    const post = doc('<meta property="article:published_time" content="2019-04-26T10:00:00Z">', '');
    expect(signal(detectArticle(post, 'about:blank'), 'published-date').value).toBe(true);
  });

  it('weighs the main text: several long paragraphs in one block are a story, a few words are not', () => {
    const long = detectArticle(doc('', `<h1>A headline of some length for the story</h1><div><div>${story(12)}</div></div>`), 'about:blank');
    const short = detectArticle(doc('', '<h1>Shop</h1><p>Buy now.</p>'), 'about:blank');
    expect(signal(long, 'main-text').contribution).toBeGreaterThan(0);
    expect(signal(long, 'main-share').value).toBe(1);
    expect(signal(short, 'main-text').contribution).toBeLessThan(0);
    expect(long.score).toBeGreaterThan(short.score);
  });

  it('counts a CJK paragraph by characters: 40 Chinese characters are a long paragraph', () => {
    const zh = '这是一个关于新规定的句子，官员们说下个月开始实施。'; // 25 characters
    const body = `<div><div>${Array.from({ length: 10 }, () => `<p>${zh}${zh}</p>`).join('')}</div></div>`;
    const asChinese = detectArticle(doc('<title>新闻</title>', body, 'lang="zh"'), 'about:blank');
    expect(signal(asChinese, 'main-text').value).toBe(10 * 50 * 3);
  });

  it('leaves out link lists and teasers from the main text', () => {
    const links = Array.from({ length: 12 }, (_, i) => `<p><a href="/s/${i}">${'A teaser headline that links to another story on the site '.repeat(2)}</a></p>`);
    const d = detectArticle(doc('', `<div><div>${links.join('')}</div></div>`), 'about:blank');
    expect(signal(d, 'main-text').value).toBe(0);
  });

  it('reads the page kind from CMS classes on <body>', () => {
    const post = doc('', '', '').body;
    post.className = 'post-template-default single single-post postid-1';
    expect(signal(detectArticle(post.ownerDocument, 'about:blank'), 'page-class').contribution).toBeGreaterThan(0);
    const home = doc('', '').body;
    home.className = 'home page-template-default page page-id-2';
    expect(signal(detectArticle(home.ownerDocument, 'about:blank'), 'page-class').contribution).toBeLessThan(0);
    const flag = doc('', '').body;
    flag.className = 'song_stories_public_launch--enabled';
    expect(signal(detectArticle(flag.ownerDocument, 'about:blank'), 'page-class').value).toBe('none');
  });

  it('falls back to the canonical URL when the page has no address of its own (a saved file)', () => {
    const d = detectArticle(doc('<link rel="canonical" href="https://example.com/2021/04/22/a-long-story-slug/">', ''), 'file:///tmp/page.html');
    expect(signal(d, 'url-shape').value).toMatch(/^date \(declared /);
    const live = detectArticle(doc('<link rel="canonical" href="https://example.com/2021/04/22/x/">', ''), 'https://example.com/');
    expect(signal(live, 'url-shape').value).toBe('home (/)');
  });
});
