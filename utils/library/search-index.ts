// The full-text index of the library, as plain data: terms, segments of postings, matching. No storage here
// (utils/storage/search-store.ts keeps the segments in storage.local).
//
// An inverted index in immutable segments, like a small LSM tree: a save adds a one-document segment; eight
// segments of a level merge into one of the next (1, 8, 64, 512, 4096… documents), so a save writes a few kB
// and a search reads one part of each segment. A segment's postings are split into parts by the first three
// letters of the term, so the part that can hold every word starting with what the reader typed is known: a
// keystroke reads one small part per segment, and the next keystrokes usually reuse it.
import { cyrb53 } from '../storage/schema';

/**
 * 2: each segment key holds its postings or document ids as JSON text. The browser turns every value of a stored
 * object into its own internal value and back (a one-article segment of 1,500 terms took 13 ms to write, as text
 * 1.7 ms; reading parts, about 20 times faster as text). 1: the same as objects (rebuilt on start).
 */
export const SEARCH_FORMAT = 2;
export const MERGE_FANOUT = 8;
// A few kB a part whatever the segment's size, since each new prefix typed reads one part of every segment (a
// 1,600-article segment in 256 parts read 21 kB for it, a one-article segment in one part 20 kB).
const PARTS_BY_LEVEL = [4, 16, 128, 1024, 4096];
/** Shorter query words match whole words only ("uk", "eu"); from this length on, every word they begin. */
export const PREFIX_MIN = 3;
const TERM_MAX = 40;

export interface SegmentInfo {
  id: number;
  /** Precedence: an article indexed in several segments (saved again, copy filled in) counts in the highest. */
  seq: number;
  level: number;
  docs: number;
  parts: number;
}

export interface SearchMeta {
  format: number;
  segments: SegmentInfo[];
  nextSegment: number;
  /** Segments being written outside a transaction (merges, imports): removed if the writer stopped halfway. */
  pending: { id: number; parts: number }[];
  /** False while the index is being (re)built from the saved articles: searches fall back to titles. */
  complete: boolean;
}

export function emptySearchMeta(complete: boolean): SearchMeta {
  return { format: SEARCH_FORMAT, segments: [], nextSegment: 0, pending: [], complete };
}

/** term -> ascending (doc << 1 | inTitleOrByline), delta-encoded. */
export type Postings = Record<string, number[]>;

export interface Segment {
  /** Article ids, by document number. */
  docs: string[];
  parts: Postings[];
}

/** What a document offers to search: words of its title, byline and site, and words of everything else. */
export interface IndexedDoc {
  id: string;
  meta: string;
  text: string;
}

export const levelOf = (docs: number) => (docs < MERGE_FANOUT ? 0 : Math.floor(Math.log(docs) / Math.log(MERGE_FANOUT)));
export const partsFor = (level: number) => PARTS_BY_LEVEL[Math.min(level, PARTS_BY_LEVEL.length - 1)];
export const partOf = (term: string, parts: number) => (parts === 1 ? 0 : cyrb53(term.slice(0, PREFIX_MIN)) % parts);

// Scripts written without spaces: indexed as single characters and pairs, so any two-character query finds them.
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;

/** Lower case without accents: "Élysée" and "elysee" are one word. */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** The words of a text as the index stores them, in order (repeats kept). */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const run of fold(text).split(/[^\p{L}\p{N}]+/u)) {
    if (!run || run.length > TERM_MAX) continue;
    if (!UNSPACED.test(run)) {
      out.push(run);
      continue;
    }
    const chars = [...run];
    for (let i = 0; i < chars.length; i++) {
      out.push(chars[i]);
      if (i + 1 < chars.length) out.push(chars[i] + chars[i + 1]);
    }
  }
  return out;
}

/** The words to look up for a query, longest first (the rarest, usually: fewer candidates to intersect). */
export function queryWords(query: string): string[] {
  return [...new Set(words(query))].sort((a, b) => b.length - a.length);
}

export function buildSegment(docs: IndexedDoc[], parts: number): Segment {
  const postings = new Map<string, number[]>();
  docs.forEach((doc, n) => {
    const meta = new Set(words(doc.meta));
    const all = new Set([...meta, ...words(doc.text)]);
    for (const term of all) {
      let list = postings.get(term);
      if (!list) postings.set(term, (list = []));
      list.push((n << 1) | (meta.has(term) ? 1 : 0));
    }
  });
  return { docs: docs.map((d) => d.id), parts: splitParts(postings, parts) };
}

function splitParts(postings: Map<string, number[]>, parts: number): Postings[] {
  const out: Postings[] = Array.from({ length: parts }, () => ({}));
  for (const [term, list] of postings) out[partOf(term, parts)][term] = encode(list);
  return out;
}

function encode(ascending: number[]): number[] {
  const out = new Array<number>(ascending.length);
  let prev = 0;
  for (let i = 0; i < ascending.length; i++) {
    out[i] = ascending[i] - prev;
    prev = ascending[i];
  }
  return out;
}

export function decode(deltas: number[]): number[] {
  const out = new Array<number>(deltas.length);
  let acc = 0;
  for (let i = 0; i < deltas.length; i++) out[i] = acc += deltas[i];
  return out;
}

/**
 * One segment from several, oldest first, keeping only the documents `keep` accepts (live, not superseded
 * by a newer copy in another segment). A document present in two sources keeps its later copy. `pause` is
 * awaited between parts: a big merge takes seconds, and the background must go on answering meanwhile.
 */
export async function mergeSegments(
  sources: Segment[],
  keep: (id: string, source: number) => boolean,
  partsForDocs: (docs: number) => number,
  pause: () => Promise<void> = () => Promise.resolve(),
): Promise<Segment> {
  const last = new Map<string, number>();
  sources.forEach((s, i) => s.docs.forEach((id) => last.set(id, i)));
  const docs: string[] = [];
  const remap = sources.map((s, i) =>
    s.docs.map((id) => (last.get(id) === i && keep(id, i) ? docs.push(id) - 1 : -1)),
  );
  // Sources in order and documents renumbered in order: each term's list comes out ascending as it is built.
  const postings = new Map<string, number[]>();
  for (const [i, s] of sources.entries()) {
    for (const part of s.parts) {
      for (const term in part) {
        let list = postings.get(term);
        for (const value of decode(part[term])) {
          const doc = remap[i][value >> 1];
          if (doc < 0) continue;
          if (!list) postings.set(term, (list = []));
          list.push((doc << 1) | (value & 1));
        }
      }
      await pause();
    }
  }
  const parts: Postings[] = Array.from({ length: partsForDocs(docs.length) }, () => ({}));
  let n = 0;
  for (const [term, list] of postings) {
    parts[partOf(term, parts.length)][term] = encode(list);
    if (++n % 5000 === 0) await pause();
  }
  return { docs, parts };
}

/** Documents of one part that hold `word` (as a whole word, or as the start of one when it is long enough). */
export function matchPart(part: Postings, word: string): Map<number, boolean> {
  const hits = new Map<number, boolean>();
  const add = (deltas: number[]) => {
    for (const value of decode(deltas)) {
      const doc = value >> 1;
      if (value & 1) hits.set(doc, true);
      else if (!hits.has(doc)) hits.set(doc, false);
    }
  };
  if (word.length < PREFIX_MIN || UNSPACED.test(word)) {
    if (part[word]) add(part[word]);
  } else {
    for (const term in part) if (term.startsWith(word)) add(part[term]);
  }
  return hits;
}
