// A link from a list export (Pocket, Instapaper, bookmarks) as a saved article without body: its clean copy
// comes the next time the reader opens it with Lede. Every field is hostile until checked here.
import { normalizeTags } from '../edits';
import { articleId, hostOf, type ReadingStatus, type SavedArticle } from '../../storage/schema';
import type { ImportItem } from './types';

export interface LinkFields {
  url: string;
  title?: string;
  /** A date as the file gives it: Unix seconds, milliseconds or microseconds, or an ISO date. */
  added?: string | number;
  tags?: string[];
  status?: ReadingStatus;
}

const TITLE_MAX = 500;
const EARLIEST = Date.UTC(1990, 0, 1);

/** Text for a list: no control characters, spaces collapsed, not endless. */
export function cleanText(raw: string, max = TITLE_MAX): string {
  return raw
    .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);
}

/** Milliseconds since 1970 from what export files write, or null when it is not a plausible date. */
export function toMillis(value: string | number | undefined, now: number): number | null {
  if (value === undefined || value === '') return null;
  let ms: number;
  const n = typeof value === 'number' ? value : /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
  if (Number.isFinite(n)) ms = n > 1e14 ? n / 1000 : n > 1e11 ? n : n * 1000;
  else ms = Date.parse(String(value));
  if (!Number.isFinite(ms) || ms < EARLIEST || ms > now + 86_400_000) return null;
  return Math.round(ms);
}

/** Why a URL is not imported, or null when it is a web address. */
export function urlProblem(raw: string): string | null {
  const url = raw.trim();
  if (!url) return 'no address';
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    return `not a web address: ${JSON.stringify(url.slice(0, 80))}`;
  }
  if (protocol === 'http:' || protocol === 'https:') return null;
  return `${protocol} links are not imported, only web pages (http and https)`;
}

/**
 * The article for one link. `fallbackAt` dates links the file gives no date (the import time, counting down
 * in file order, so they keep the file's order newest first).
 */
export function linkItem(fields: LinkFields, where: string, now: number, fallbackAt: number): ImportItem {
  const problem = urlProblem(fields.url);
  if (problem) return { problem: { where, message: problem } };
  const url = new URL(fields.url.trim()).href;
  const article: SavedArticle = {
    id: articleId(url),
    url,
    title: cleanText(fields.title ?? '') || url,
    siteName: hostOf(url),
    byline: null,
    publishedTime: null,
    savedAt: toMillis(fields.added, now) ?? fallbackAt,
    readingMinutes: 0,
    excerpt: null,
    status: fields.status ?? 'unread',
    tags: normalizeTags(fields.tags ?? []),
    hasBody: false,
    body: null,
  };
  return { article, where };
}
