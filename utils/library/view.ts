// What the library shows for the reader's sort, filters and search: plain functions over the saved entries.
import { siteOf, type ReadingStatus, type SavedEntry } from '../storage/schema';
import type { SearchHits } from '../storage/search-store';
import { fold, queryWords } from './search-index';

export type SortKey = 'saved' | 'saved-oldest' | 'published' | 'site';
/** "list": everything not archived (the reading list); "all": everything. */
export type StatusFilter = 'list' | ReadingStatus | 'all';

export interface ViewQuery {
  status: StatusFilter;
  tag: string | null;
  site: string | null;
  sort: SortKey;
}

export const DEFAULT_VIEW: ViewQuery = { status: 'list', tag: null, site: null, sort: 'saved' };

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const published = new WeakMap<SavedEntry, number>();

/** The published date as a number (undated last), computed once per entry object. */
function publishedAt(e: SavedEntry): number {
  let t = published.get(e);
  if (t === undefined) {
    t = e.publishedTime ? Date.parse(e.publishedTime) : NaN;
    if (!Number.isFinite(t)) t = -Infinity;
    published.set(e, t);
  }
  return t;
}

export function matchesFilters(e: SavedEntry, q: ViewQuery): boolean {
  if (q.status === 'list' ? e.status === 'archived' : q.status !== 'all' && e.status !== q.status) return false;
  if (q.tag !== null && !e.tags.includes(q.tag)) return false;
  if (q.site !== null && siteOf(e) !== q.site) return false;
  return true;
}

/**
 * The entries to show, in order. With search hits: only those, the ones matching in title, byline or site
 * first, then in the chosen order. `entries` come newest first.
 */
export function viewOf(entries: SavedEntry[], q: ViewQuery, hits: SearchHits | null = null): SavedEntry[] {
  const shown = entries.filter((e) => (hits === null || hits.has(e.id)) && matchesFilters(e, q));
  if (q.sort === 'saved-oldest') shown.reverse();
  else if (q.sort === 'published') shown.sort((a, b) => publishedAt(b) - publishedAt(a) || b.savedAt - a.savedAt);
  else if (q.sort === 'site') shown.sort((a, b) => collator.compare(siteOf(a), siteOf(b)) || b.savedAt - a.savedAt);
  if (hits !== null) {
    // A stable sort keeps the chosen order within each rank.
    shown.sort((a, b) => (hits.get(b.id) ?? 0) - (hits.get(a.id) ?? 0));
  }
  return shown;
}

/**
 * Search without the index (while it is being built): words of the title, byline, site, excerpt and tags,
 * the same way the index matches them.
 */
export function searchEntries(entries: SavedEntry[], query: string): SearchHits {
  const words = queryWords(query);
  const hits: SearchHits = new Map();
  if (words.length === 0) return hits;
  for (const e of entries) {
    const meta = fold([e.title, e.byline, siteOf(e)].join(' '));
    const rest = fold([e.excerpt ?? '', ...e.tags].join(' '));
    let score = 0;
    const all = words.every((w) => {
      const re = new RegExp(`(^|[^\\p{L}\\p{N}])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'u');
      if (re.test(meta)) {
        score++;
        return true;
      }
      return re.test(rest);
    });
    if (all) hits.set(e.id, score);
  }
  return hits;
}

/** Tags to offer: those in use, most used first, that the article does not carry yet, starting with what is typed. */
export function tagSuggestions(counts: Record<string, number>, taken: readonly string[], typed: string, limit = 8): string[] {
  const start = fold(typed.trim());
  return Object.entries(counts)
    .filter(([tag]) => !taken.includes(tag) && fold(tag).startsWith(start))
    .sort((a, b) => b[1] - a[1] || collator.compare(a[0], b[0]))
    .slice(0, limit)
    .map(([tag]) => tag);
}

/** Site -> how many articles come from it (for the site filter; counted from the list, not stored). */
export function siteCounts(entries: SavedEntry[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of entries) {
    const site = siteOf(e);
    counts[site] = (counts[site] ?? 0) + 1;
  }
  return counts;
}

/** Names and counts for a filter menu: most articles first. */
export function byCount(counts: Record<string, number>): [string, number][] {
  return Object.entries(counts).sort((a, b) => b[1] - a[1] || collator.compare(a[0], b[0]));
}
