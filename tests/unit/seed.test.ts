// The seed page: a Kyiv Independent article as a Ghost theme renders it, clutter included (see
// tests/fixtures/seed/README.md). The first page Lede must handle perfectly: what the pipeline delivers here is
// what the reader sees in the popup.
import { readFileSync } from 'node:fs';
import { JSDOM, VirtualConsole } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHtml } from '../../scripts/lib/dom';
import { analyze } from '../../utils/analysis/analyze';
import type { Analysis } from '../../utils/analysis/types';

const CANONICAL =
  'https://kyivindependent.com/china-should-also-be-concerned-about-russia-north-korea-pact-white-house-says/';
const TITLE = 'China should also be concerned about Russia-North Korea pact, White House says';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/seed/${name}`, import.meta.url), 'utf8');
const BODY: string[] = JSON.parse(fixture('body-paragraphs.json'));

/** John Kirby's three quotations, in story order, without their quote marks. */
const KIRBY_QUOTES = [
  "It's to be of concern to any country that cares about maintaining peace and stability not just on the Korean Peninsula, but in the Indo-Pacific,",
  "We would think that that concern would be shared by the People's Republic of China since this agreement also seems to be in direct contrast with the statement that President Putin and President Xi (Jinping) made in Beijing just a month ago, in which both countries call for a peaceful and diplomatic solution to this situation on the Korean Peninsula.",
  'Of course, we are going to continue to evaluate our posture throughout the Indo-Pacific as needed, but we have prioritized this part of the world since the beginning of this administration,',
];

/** Text that is on the page but not in the story: none of it may become a paragraph, a summary line or a quote. */
const CLUTTER: Record<string, string[]> = {
  'lead photo caption': ['John Kirby speaks during a news conference', 'Al Drago/Bloomberg via Getty Images'],
  'in-story teaser card': [
    'Russia, China and North Korea have new dynamics',
    'North Korea had delivered more than 1,000 containers',
  ],
  'end-of-story teaser card': [
    'Putin threatens a response if South Korea sends arms to Ukraine',
    'unlikely to please South Korea',
  ],
  'news feed rail': [
    'News Feed',
    "3 killed, 3 injured following Russia's attack on Kyiv",
    'Russia launched an attack on Kyiv early in the morning',
    'How will Russia’s war end?',
    'Francis Farrell lays out the four scenarios',
    'MORE NEWS',
    "Editors' Picks",
  ],
  'newsletter forms': [
    'Enter your email to subscribe',
    'Please, enter correct email address',
    'indicates required',
    'Subscribe',
    'Explaining Ukraine with Kate Tsurkan',
    'Successfuly subscribed',
    'Thank you for signing up for this newsletter',
  ],
  'header, byline and audio player': [
    'Skip to content',
    'by Martin Fornusek',
    '3 min read',
    'June 20, 2024 10:29 PM',
    'This audio is created with AI assistance',
  ],
};

/** A quotation as compared here: no surrounding quote marks, spaces or closing comma/full stop. */
const bare = (s: string) => s.replace(/^[\s"“”‘’']+|[\s"“”‘’',.]+$/g, '');

function analyzeFixture(name: string): Analysis {
  return analyze(parseHtml(fixture(name), CANONICAL), CANONICAL);
}

/** What the popup must show for this story, whichever variant of the page it was read from. */
function storyChecks(get: () => Analysis) {
  it('detects the page as an article', () => {
    expect(get().isArticle).toBe(true);
  });

  it('finds the metadata: title, byline, date, site name, language', () => {
    const a = get();
    expect(a.title).toBe(TITLE);
    expect(a.byline).toBe('Martin Fornusek');
    expect(a.publishedTime).toMatch(/^2024-06-20/);
    expect(a.siteName).toBe('The Kyiv Independent');
    expect(a.lang).toBe('en');
  });

  it.each(BODY.map((p, i) => [i + 1, p] as const))('keeps body paragraph %i', (_n, paragraph) => {
    expect(get().paragraphs).toContain(paragraph);
  });

  it.each(Object.entries(CLUTTER))('takes no paragraph from the %s', (_where, needles) => {
    const leaks = get().paragraphs.filter((p) => needles.some((n) => p.includes(n)));
    expect(leaks).toEqual([]);
  });

  it('has exactly the 12 body paragraphs, in story order', () => {
    expect(get().paragraphs).toEqual(BODY);
  });

  it('summarises in 3 sentences', () => {
    expect(get().summary).toHaveLength(3);
  });

  it('summarises with sentences of the story only', () => {
    const outside = get().summary.filter((s) => !BODY.some((p) => p.includes(s)));
    expect(outside).toEqual([]);
  });

  it("shows John Kirby's three quotations as the key quotes", () => {
    const key = get().quotes.filter((q) => q.key);
    expect(key.map((q) => bare(q.text))).toEqual(KIRBY_QUOTES.map(bare));
  });

  it('attributes every key quote to John Kirby', () => {
    const key = get().quotes.filter((q) => q.key);
    expect(key).toHaveLength(3);
    expect(key.map((q) => q.speaker)).toEqual(['John Kirby', 'John Kirby', 'John Kirby']);
  });

  it("takes no quote from the teaser's Putin quotation", () => {
    const a = get();
    expect(a.quotes.filter((q) => q.key && q.text.includes('unlikely to please South Korea'))).toEqual([]);
    expect(a.quotes.filter((q) => q.text.includes('unlikely to please South Korea'))).toEqual([]);
  });
}

describe('seed page: kyiv-independent.html', () => {
  let analysis: Analysis;
  beforeAll(() => {
    analysis = analyzeFixture('kyiv-independent.html');
  });
  storyChecks(() => analysis);

  it('leaves the rail and the newsletter forms out of the story text', () => {
    for (const needle of [...CLUTTER['news feed rail'], ...CLUTTER['newsletter forms']]) {
      expect(analysis.text).not.toContain(needle);
    }
  });
});

describe('seed page, late variant as first served (its scripts have not run yet)', () => {
  let analysis: Analysis;
  beforeAll(() => {
    analysis = analyzeFixture('kyiv-independent-late.html');
  });
  storyChecks(() => analysis);
});

describe('seed page, late variant after its teaser card and newsletter box arrive', () => {
  let analysis: Analysis;
  let doc: Document;
  let dom: JSDOM;
  beforeAll(async () => {
    dom = new JSDOM(fixture('kyiv-independent-late.html'), {
      url: CANONICAL,
      runScripts: 'dangerously',
      pretendToBeVisual: true,
      virtualConsole: new VirtualConsole(),
    });
    doc = dom.window.document;
    const deadline = Date.now() + 5_000;
    while (doc.documentElement.dataset.lateContent !== 'inserted' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    analysis = analyze(doc, CANONICAL);
  });
  afterAll(() => dom.window.close());

  it('has the late content in the page (the fixture works)', () => {
    expect(doc.documentElement.dataset.lateContent).toBe('inserted');
    expect(doc.querySelectorAll('.gh-content .kg-bookmark-card')).toHaveLength(2);
    expect(doc.querySelector('.gh-content > p:nth-of-type(5) + .kg-bookmark-card')?.textContent).toContain(
      'Russia, China and North Korea have new dynamics',
    );
    expect(doc.getElementById('newsletter-inline')).not.toBeNull();
    expect(doc.querySelector('.article-image img')?.getAttribute('src')).toBe('lead-photo.svg');
  });

  storyChecks(() => analysis);
});

describe('seed fixtures load nothing from the network', () => {
  it.each(['kyiv-independent.html', 'kyiv-independent-late.html'])('%s', (name) => {
    const doc = parseHtml(fixture(name), CANONICAL);
    const remote = (v: string | null) => v !== null && /^(https?:)?\/\//i.test(v.trim());
    expect(doc.querySelectorAll('script[src], link[rel~="stylesheet"], link[rel~="preload"], iframe, video, audio, source')).toHaveLength(0);
    for (const el of doc.querySelectorAll('img, link[rel~="icon"]')) {
      for (const attr of ['src', 'data-src', 'srcset', 'href']) expect(remote(el.getAttribute(attr)), `${el.outerHTML.slice(0, 80)}`).toBe(false);
    }
    for (const style of doc.querySelectorAll('style')) expect(style.textContent).not.toMatch(/@import|url\(\s*['"]?(https?:)?\/\//i);
    for (const el of doc.querySelectorAll('[style]')) expect(el.getAttribute('style')).not.toMatch(/url\(/i);
  });
});
