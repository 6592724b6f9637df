// Showing a quote where it stands: found in the page's text as the analysis gives it (marks left out, parts split
// by the attribution, a quotation running over paragraphs), outside what Lede hides; highlighted with the CSS
// Custom Highlight API where there is one, else outlined; gone at the next click.
import { readFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Analysis } from '../../utils/analysis/types';
import { parseHtml } from '../../scripts/lib/dom';
import { analyze } from '../../utils/analysis/analyze';
import { HIDDEN_ATTR, HIGHLIGHT_NAME, OUTLINE_ATTR } from '../../utils/page/page-marks';
import {
  clearQuoteHighlight,
  findQuoteRanges,
  showQuoteOnPage,
  showRanges,
} from '../../utils/page/quote-highlight';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const SEED_URL = 'https://kyivindependent.com/china-should-also-be-concerned-about-russia-north-korea-pact-white-house-says/';
const text = (ranges: Range[]) => ranges.map((r) => r.toString());
const seed = () => parseHtml(fixture('seed/kyiv-independent.html'), SEED_URL);
let seedAnalysis: Analysis;
// The analysis once (it takes a while on a busy machine); each test parses its own page.
beforeAll(() => {
  seedAnalysis = analyze(seed(), SEED_URL);
}, 60_000);

afterEach(() => {
  clearQuoteHighlight();
  delete (globalThis as { CSS?: unknown }).CSS;
  delete (globalThis as { Highlight?: unknown }).Highlight;
});

describe('finding a quote on the page', () => {
  it('finds each of the seed article’s quotes in its paragraph, word for word', () => {
    const doc = seed();
    const analysis = seedAnalysis;
    for (const quote of analysis.quotes) {
      const ranges = findQuoteRanges(doc.body, quote.text, analysis.paragraphs[quote.paragraph]);
      expect(text(ranges)).toEqual(quote.text.split(' … '));
      const paragraph = ranges[0].startContainer.parentElement!.closest('p')!;
      expect(paragraph.textContent!.replace(/\s+/g, ' ').trim()).toBe(analysis.paragraphs[quote.paragraph]);
    }
  });

  it('finds the two parts of a quotation split by its attribution', { timeout: 60_000 }, () => {
    const url = 'http://127.0.0.1/lazy/article.html';
    const doc = parseHtml(fixture('lazy/article.html'), url);
    const analysis = analyze(doc, url);
    const haddad = analysis.quotes.find((q) => q.speaker === 'Amal Haddad')!;
    expect(text(findQuoteRanges(doc.body, haddad.text, analysis.paragraphs[haddad.paragraph]))).toEqual([
      'For fourteen months we had a traffic jam outside the door and people who were hungry in it',
      'Tomorrow they will be under the water again.',
    ]);
  });

  it('spans the paragraphs of a quotation that runs over two, whose opening mark repeats', () => {
    const doc = parseHtml(
      `<article><p>“The first part of what she said runs to the end of this paragraph.</p>
       <p>“And the second part goes on here,” she said.</p></article>`,
    );
    const ranges = findQuoteRanges(
      doc.body,
      'The first part of what she said runs to the end of this paragraph. And the second part goes on here,',
      null,
    );
    expect(ranges).toHaveLength(1);
    expect(ranges[0].toString()).toMatch(/^The first part.*\n?\s*“And the second part goes on here,$/s);
  });

  it('passes over a copy Lede hides (a pull quote in a teaser) for the one in the story', () => {
    const doc = parseHtml(`<aside ${HIDDEN_ATTR}><p>“We will build it by spring,” the mayor said.</p></aside>
      <main><p>In the council, “we will build it by spring,” the mayor said on Tuesday.</p></main>`);
    const ranges = findQuoteRanges(doc.body, 'we will build it by spring,', null, { skip: (el) => el.hasAttribute(HIDDEN_ATTR) });
    expect(ranges[0].startContainer.parentElement!.closest('main')).not.toBeNull();
  });

  it('finds nothing when the quote is not on the page', () => {
    const doc = parseHtml('<p>Nothing was said here at all.</p>');
    expect(findQuoteRanges(doc.body, 'an entirely different sentence of six words', null)).toEqual([]);
  });
});

describe('showing it', () => {
  it('outlines the quote’s paragraph where the Highlight API is missing, until the next click', () => {
    const doc = parseHtml('<main><p>He said “this is the whole quotation in question” and left.</p></main>');
    showRanges(findQuoteRanges(doc.body, 'this is the whole quotation in question', null), doc.head);
    const p = doc.querySelector('p')!;
    expect(p.hasAttribute(OUTLINE_ATTR)).toBe(true);
    expect(doc.getElementById('lede-quote-style')).not.toBeNull();
    doc.dispatchEvent(new doc.defaultView!.Event('pointerdown'));
    expect(p.hasAttribute(OUTLINE_ATTR)).toBe(false);
    expect(doc.getElementById('lede-quote-style')).toBeNull();
  });

  it('registers a highlight of exactly the quote’s ranges where the API exists, and takes it away', () => {
    const registry = new Map<string, unknown>();
    class Highlight {
      ranges: Range[];
      constructor(...ranges: Range[]) {
        this.ranges = ranges;
      }
    }
    Object.assign(globalThis, { CSS: { highlights: registry }, Highlight });
    const doc = parseHtml('<p>“First half of it,” she said, “and the second half of it.”</p>');
    showRanges(findQuoteRanges(doc.body, 'First half of it, … and the second half of it.', null), doc.head);
    const shown = registry.get(HIGHLIGHT_NAME) as Highlight;
    expect(shown.ranges.map((r) => r.toString())).toEqual(['First half of it,', 'and the second half of it.']);
    expect(doc.querySelector(`[${OUTLINE_ATTR}]`)).toBeNull();
    clearQuoteHighlight();
    expect(registry.has(HIGHLIGHT_NAME)).toBe(false);
  });

  it('shows quote `index` of the page’s analysis, and says when there is no such quote', () => {
    const doc = seed();
    const analysis = seedAnalysis;
    expect(showQuoteOnPage(doc, analysis, 1)).toEqual({ found: true });
    expect(doc.querySelector(`[${OUTLINE_ATTR}]`)!.textContent).toContain('We would think that that concern');
    expect(showQuoteOnPage(doc, analysis, 99)).toEqual({ found: false });
  });
});
