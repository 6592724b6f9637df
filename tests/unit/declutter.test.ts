// Declutter on the seed page, planned in jsdom exactly as the content script plans it on the live page.
// (What the reader actually sees is checked in real browsers by the end-to-end tests.)
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../scripts/lib/dom';
import { extractArticle } from '../../utils/analysis/extract';
import { cloneWithMap } from '../../utils/page/clone-map';
import { Declutter, HIDDEN_ATTR } from '../../utils/page/declutter';
import { mapStory } from '../../utils/page/story';

const URL_ = 'https://kyivindependent.com/china-should-also-be-concerned-about-russia-north-korea-pact-white-house-says/';
const fixture = (name: string) => readFileSync(new URL(`../fixtures/seed/${name}`, import.meta.url), 'utf8');
const BODY: string[] = JSON.parse(fixture('body-paragraphs.json'));

function decluttered(url = URL_) {
  const doc = parseHtml(fixture('kyiv-independent.html'), url);
  const before = doc.documentElement.outerHTML;
  const mapped = cloneWithMap(doc);
  const extraction = extractArticle(mapped.clone, url)!;
  const story = mapStory(doc, extraction.content, mapped.liveOf, extraction.meta)!;
  const declutter = new Declutter(doc, story);
  declutter.apply();
  return { doc, before, declutter };
}

/** Whether `el` would be shown: neither it nor an ancestor carries Lede's hidden mark. */
const shown = (el: Element) => el.closest(`[${HIDDEN_ATTR}]`) === null;

/** Elements whose own text includes `text`, innermost first. */
function holding(doc: Document, text: string): Element[] {
  return [...doc.body.querySelectorAll('*')].filter((el) => el.textContent?.includes(text)).reverse();
}

/** The elements whose own text nodes hold `text` (what the reader would see of it). */
function showing(doc: Document, text: string): Element[] {
  const out: Element[] = [];
  const walker = doc.createTreeWalker(doc.body, 4);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.nodeValue?.includes(text)) out.push(n.parentElement!);
  return out;
}

describe('declutter on the seed page', () => {
  it('leaves every body paragraph, the headline, the byline and the lead photo shown', () => {
    const { doc } = decluttered();
    for (const p of BODY) {
      const el = holding(doc, p.slice(0, 60))[0];
      expect(el, p.slice(0, 40)).toBeDefined();
      expect(shown(el), `${p.slice(0, 40)} in <${el.tagName.toLowerCase()} class="${el.className}">`).toBe(true);
    }
    expect(shown(doc.querySelector('h1')!)).toBe(true);
    expect(shown(showing(doc, 'Martin Fornusek')[0]), 'the byline').toBe(true);
    expect(shown(doc.querySelector('figure img')!)).toBe(true);
  });

  it('hides the newsletter forms, both teaser cards, the news feed and the editors’ picks', () => {
    const { doc } = decluttered();
    for (const text of [
      'Enter your email to subscribe',
      'indicates required',
      'Successfuly subscribed',
      'Russia, China and North Korea have new dynamics',
      'Putin threatens a response if South Korea sends arms to Ukraine',
      'News Feed',
      "Editors' Picks",
      'How will Russia’s war end?',
    ]) {
      const els = showing(doc, text);
      expect(els.length, text).toBeGreaterThan(0);
      for (const el of els) expect(shown(el), `${text} in <${el.tagName.toLowerCase()} class="${el.className}">`).toBe(false);
    }
  });

  it('knows the site by its canonical address when served from elsewhere (a mirror, a saved copy, a test server)', () => {
    const { doc } = decluttered('http://127.0.0.1:8080/seed/kyiv-independent.html');
    for (const text of ['Russia, China and North Korea have new dynamics', 'Putin threatens a response']) {
      for (const el of showing(doc, text)) expect(shown(el), text).toBe(false);
    }
  });

  it('puts the page back exactly as it was', () => {
    const { doc, before, declutter } = decluttered();
    expect(declutter.count).toBeGreaterThan(0);
    declutter.revert();
    expect(doc.documentElement.outerHTML).toBe(before);
  });
});
