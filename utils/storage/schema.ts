// What a saved article is, once, for the background (the one writer), the popup and the library.
import type { Analysis, Quote } from '../analysis/types';

export type ReadingStatus = 'unread' | 'read' | 'archived';

/** The light entry kept in the index: everything a list row shows, nothing more. */
export interface SavedEntry {
  id: string;
  url: string;
  title: string;
  siteName: string | null;
  byline: string | null;
  publishedTime: string | null;
  savedAt: number;
  readingMinutes: number;
  excerpt: string | null;
  status: ReadingStatus;
  tags: string[];
  /** False for a link saved without its clean copy (a non-article page, an import). */
  hasBody: boolean;
}

/** The article body and analysis, kept under its own key so lists never read it. */
export interface SavedBody {
  id: string;
  lang: string | null;
  dir: string | null;
  summary: string[];
  quotes: Quote[];
  text: string;
  /** Readability's HTML: untrusted, sanitised with DOMPurify wherever it is shown. */
  contentHtml: string;
  image: string | null;
}

export interface SavedArticle extends SavedEntry {
  body: SavedBody | null;
}

export const READING_STATUSES: readonly ReadingStatus[] = ['unread', 'read', 'archived'];

/** Where a run of entries lives: shards hold the index newest first, each at most SHARD_MAX entries. */
export interface ShardInfo {
  id: number;
  count: number;
  /** savedAt of its newest and oldest entry: shards cover disjoint stretches of time, newest shard first. */
  newest: number;
  oldest: number;
}

/**
 * The root of the saved library (`local:saved-index`, version 2): which shards hold the entries, and the counts
 * the library's filters show, so neither the popup nor the library reads an entry it does not show.
 */
export interface LibraryIndex {
  shards: ShardInfo[];
  nextShard: number;
  count: number;
  byStatus: Record<ReadingStatus, number>;
  /** Tag -> how many articles carry it (few, and read by every tag editor: kept here). */
  tags: Record<string, number>;
  /** Articles saved as links, waiting for their clean copy. */
  withoutBody: number;
}

export function emptyLibraryIndex(): LibraryIndex {
  return { shards: [], nextShard: 0, count: 0, byStatus: { unread: 0, read: 0, archived: 0 }, tags: {}, withoutBody: 0 };
}

export function isLibraryIndex(value: unknown): value is LibraryIndex {
  const v = value as LibraryIndex | null;
  return typeof v === 'object' && v !== null && Array.isArray(v.shards) && typeof v.count === 'number';
}

/** The site a list shows for an entry (its name, else its host). */
export function siteOf(entry: Pick<SavedEntry, 'siteName' | 'url'>): string {
  return entry.siteName?.trim() || hostOf(entry.url) || entry.url;
}

/** Stable id of a URL: the same article saved twice (with tracking parameters or a #fragment) is one entry. */
export function articleId(url: string): string {
  return `a${cyrb53(canonicalUrl(url)).toString(36)}`;
}

const TRACKING = /^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|igshid|ref_src|cmpid|ocid)$/i;

export function canonicalUrl(url: string): string {
  try {
    const u = new URL(url);
    u.hash = '';
    for (const key of [...u.searchParams.keys()]) if (TRACKING.test(key)) u.searchParams.delete(key);
    return u.href;
  } catch {
    return url.trim();
  }
}

// cyrb53: a fast 53-bit string hash, plenty against accidental collisions between one reader's saved URLs.
export function cyrb53(s: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** Only web pages are saved: a `javascript:` or `data:` URL must never reach a list a reader clicks in. */
export function assertWebUrl(url: string): void {
  let protocol = '';
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new Error(`Not a web address: ${url.slice(0, 100)}`);
  }
  if (protocol !== 'http:' && protocol !== 'https:') throw new Error(`Only web pages can be saved, not ${protocol} links`);
}

/** The saved form of an analysis (a page that is not an article is saved as a link, without body). */
export function toSavedArticle(a: Analysis, savedAt: number): SavedArticle {
  assertWebUrl(a.url);
  const id = articleId(a.url);
  const hasBody = a.isArticle && a.text.length > 0;
  return {
    id,
    url: a.url,
    title: a.title ?? a.url,
    siteName: a.siteName ?? hostOf(a.url),
    byline: a.byline,
    publishedTime: a.publishedTime,
    savedAt,
    readingMinutes: a.readingMinutes,
    excerpt: a.summary[0] ?? a.excerpt,
    status: 'unread',
    tags: [],
    hasBody,
    body: hasBody
      ? {
          id,
          lang: a.lang,
          dir: a.dir,
          summary: a.summary,
          quotes: a.quotes,
          text: a.text,
          contentHtml: a.contentHtml,
          image: a.image,
        }
      : null,
  };
}

export function toSavedLink(url: string, title: string, savedAt: number): SavedArticle {
  assertWebUrl(url);
  return {
    id: articleId(url),
    url,
    title: title.trim() || url,
    siteName: hostOf(url),
    byline: null,
    publishedTime: null,
    savedAt,
    readingMinutes: 0,
    excerpt: null,
    status: 'unread',
    tags: [],
    hasBody: false,
    body: null,
  };
}

export function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}
