// Direct quotations in the story and who said them.
// (First version: the quotes issue replaces it.)
import type { Quote } from './types';

export function findQuotes(paragraphs: string[], _lang: string | null): Quote[] {
  const out: Quote[] = [];
  paragraphs.forEach((p, i) => {
    for (const m of p.matchAll(/[“"]([^”"]{20,})[”"]/g)) {
      out.push({ text: m[1].trim(), speaker: null, role: null, paragraph: i, key: false });
    }
  });
  return out;
}

/** Marks the `count` quotes most worth showing as key (in story order). */
export function markKeyQuotes(quotes: Quote[], count = 3): Quote[] {
  return quotes.map((q, i) => ({ ...q, key: i < count }));
}
