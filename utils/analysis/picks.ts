// The reader's choices (summary length, number of key quotes) applied to an analysis already made. The rankings
// come with the analysis, so the popup and the side panel change length without the summariser or the quote
// finder in their bundles.
import type { Quote, SummaryPick } from './types';

/** The summary of `count` sentences, in story order. */
export function summaryOf(picks: readonly SummaryPick[], count: number): string[] {
  return picks.filter((p) => p.rank < count).map((p) => p.sentence);
}

/** The quotes with the first `count` of the key-quote ranking marked as key. */
export function withKeyQuotes(quotes: readonly Quote[], count: number): Quote[] {
  return quotes.map((q) => ({ ...q, key: q.rank !== undefined ? q.rank < count : q.key }));
}
