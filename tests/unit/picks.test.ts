// The popup and the side panel change the summary's length and the number of key quotes without the summariser
// or the quote finder: they read them out of the rankings the analysis made. What they read must be exactly what
// the analysis would have given for that choice, on real articles in several languages.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LONGEST_SUMMARY } from '../../utils/analysis/read-story';
import { summaryOf, withKeyQuotes } from '../../utils/analysis/picks';
import { findQuotes, markKeyQuotes } from '../../utils/analysis/quotes';
import { rankSummary, summarise, type SummaryInput } from '../../utils/analysis/summarise';

const fixtures = (dir: string) =>
  readdirSync(join(import.meta.dirname, '../fixtures', dir))
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ name: f, ...JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures', dir, f), 'utf8')) }));

describe('summary of any length from one ranking', () => {
  for (const fx of fixtures('summary') as (SummaryInput & { name: string })[]) {
    it(`${fx.name}: 1 to ${LONGEST_SUMMARY} sentences, as the summariser gives them`, () => {
      const picks = rankSummary(fx, LONGEST_SUMMARY);
      expect(picks.length).toBeGreaterThanOrEqual(3);
      for (let n = 1; n <= LONGEST_SUMMARY; n++) expect(summaryOf(picks, n)).toEqual(summarise(fx, n));
    });
  }
});

describe('key quotes of any number from one ranking', () => {
  for (const fx of fixtures('quotes') as { name: string; lang: string; paragraphs: string[] }[]) {
    const quotes = findQuotes(fx.paragraphs, fx.lang);
    if (quotes.length < 2) continue;
    it(`${fx.name}: 1 to ${quotes.length} key quotes, as the ranking marks them`, () => {
      const ranked = markKeyQuotes(quotes, 3);
      for (let n = 1; n <= quotes.length; n++) expect(withKeyQuotes(ranked, n)).toEqual(markKeyQuotes(quotes, n));
    });
  }
});
