// Readability reads only the story's region of an article page (and its head): on real pages it must find the same
// story there as in the whole page (text, title, byline), while reading a part of the page.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rouge1Recall } from '../../scripts/eval/summary';
import { parseHtml } from '../../scripts/lib/dom';
import { measurePage } from '../../utils/analysis/detect-measure';
import { extractArticle } from '../../utils/analysis/extract';
import { copyRegion, storyRegion } from '../../utils/analysis/story-region';

interface FixturePage {
  id: string;
  url: string | null;
  isArticle: boolean;
}
const detectDir = new URL('../fixtures/detect/', import.meta.url);
const articles = [
  ...(JSON.parse(readFileSync(new URL('pages.json', detectDir), 'utf8')) as FixturePage[])
    .filter((p) => p.isArticle)
    .map((p) => ({ id: p.id, url: p.url ?? 'about:blank', file: new URL(`${p.id}.html`, detectDir) })),
  {
    id: 'seed: kyiv-independent',
    url: 'https://kyivindependent.com/china-should-also-be-concerned-about-russia-north-korea-pact-white-house-says/',
    file: new URL('../fixtures/seed/kyiv-independent.html', import.meta.url),
  },
];
const load = (p: (typeof articles)[number]) => parseHtml(readFileSync(p.file, 'utf8'), p.url);

describe('the story region of real article pages', { timeout: 60_000 }, () => {
  const regions = new Map<string, number>();

  it.each(articles)('$id: the same story from the region as from the whole page', (p) => {
    const doc = load(p);
    const region = storyRegion(doc, measurePage(doc, p.url).cjk);
    const whole = extractArticle(doc.cloneNode(true) as Document, p.url)!;
    expect(whole).not.toBeNull();
    if (!region) return; // (the whole page is read: nothing to compare)
    regions.set(p.id, region.getElementsByTagName('*').length / doc.body.getElementsByTagName('*').length);
    const before = doc.documentElement.outerHTML;
    const part = extractArticle(copyRegion(doc, region).copy, p.url, doc)!;
    expect(doc.documentElement.outerHTML).toBe(before); // the page itself is left as it was
    const text = (e: { blocks: { text: string }[] }) => e.blocks.map((b) => b.text).join('\n');
    // (clipped word recall, words as Intl.Segmenter cuts them: Chinese and Japanese too)
    expect(rouge1Recall(text(part), text(whole), null)).toBeGreaterThanOrEqual(0.98);
    expect(part.meta.title).toBe(whole.meta.title);
    expect(part.meta.byline).toBe(whole.meta.byline);
    expect(part.meta.publishedTime).toBe(whole.meta.publishedTime);
  });

  it('is a part of the page on most of them', () => {
    expect(regions.size).toBeGreaterThanOrEqual(Math.ceil(articles.length / 2));
    const shares = [...regions.values()].sort((a, b) => a - b);
    expect(shares[Math.floor(shares.length / 2)]).toBeLessThan(0.8);
  });

  it('takes in the headline when it sits just above the story body', () => {
    const doc = load(articles.find((p) => p.id.startsWith('seed'))!);
    const region = storyRegion(doc, false)!;
    expect(region).not.toBeNull();
    expect(region.contains(doc.querySelector('h1'))).toBe(true);
  });
});

describe('storyRegion', () => {
  const long = 'A sentence of a story that is long enough to count as prose on a page, and then some more words. ';

  it('is null where the page has no main text, or the main text is the whole body', () => {
    expect(storyRegion(parseHtml('<body><nav><a href="/">Home</a></nav><p>Short.</p></body>'), false)).toBeNull();
    const flat = parseHtml(`<body>${`<p>${long}</p>`.repeat(6)}</body>`);
    expect(storyRegion(flat, false)).toBeNull();
  });

  it('reaches past a box of prose beside the story only when the story needs it', () => {
    const page = (aside: number) =>
      parseHtml(
        `<body><header><nav><a href="/">Home</a></nav></header><main><div id="story"><div><div>${`<p>${long}</p>`.repeat(8)}` +
          `</div></div></div><aside><div><div>${`<p>${long}</p>`.repeat(aside)}</div></div></aside></main><footer>f</footer></body>`,
      );
    const small = page(1);
    // (the story holds over four fifths of the prose: its block, one level wider)
    expect(storyRegion(small, false)).toBe(small.getElementById('story'));
    const big = page(4);
    expect(storyRegion(big, false)).toBeNull(); // (<main>, one level wider: the body, which is the whole page)
  });
});

describe('copyRegion', () => {
  it("carries the page's head, the meta tags and JSON-LD left in the body, and the region alone in the body", () => {
    const doc = parseHtml(
      '<html lang="de"><head><title>T</title></head><body class="b"><div id="wrap" class="w"><nav>n</nav>' +
        '<article id="a"><p>story</p></article></div><meta name="author" content="Ann">' +
        '<script type="application/ld+json">{"@type":"NewsArticle"}</script><footer>f</footer></body></html>',
    );
    const { copy, region } = copyRegion(doc, doc.getElementById('a')!);
    expect(copy).not.toBe(doc);
    expect(copy.documentElement.getAttribute('lang')).toBe('de');
    expect(copy.title).toBe('T');
    expect(copy.head.querySelector('meta[name="author"]')?.getAttribute('content')).toBe('Ann');
    expect(copy.head.querySelector('script[type="application/ld+json"]')).not.toBeNull();
    expect(region.id).toBe('a');
    expect(region.parentElement).toBe(copy.body);
    expect(copy.body.className).toBe('b');
    expect(copy.body.textContent).toBe('story'); // no nav, no footer
  });
});
