// What the reader view shows, from either source: a live page's analysis (the in-page reader) or a saved copy
// (the offline reader page). Both carry the same fields under slightly different shapes.
import type { Analysis, Quote } from '@/utils/analysis/types';
import type { SavedArticle } from '@/utils/storage/schema';

export interface ReaderArticle {
  url: string;
  title: string | null;
  byline: string | null;
  siteName: string | null;
  publishedTime: string | null;
  readingMinutes: number;
  lang: string | null;
  dir: string | null;
  summary: string[];
  /** Every quotation found; the key ones are shown at the top. */
  quotes: Quote[];
  /** Readability's HTML of the story: untrusted until it has been through articleHtml(). */
  contentHtml: string;
}

export function fromAnalysis(a: Analysis): ReaderArticle {
  return {
    url: a.url,
    title: a.title,
    byline: a.byline,
    siteName: a.siteName,
    publishedTime: a.publishedTime,
    readingMinutes: a.readingMinutes,
    lang: a.lang,
    dir: a.dir,
    summary: a.summary,
    quotes: a.quotes,
    contentHtml: a.contentHtml,
  };
}

/** The saved copy as a reader article; null for a link saved without its clean copy. */
export function fromSaved(s: SavedArticle): ReaderArticle | null {
  if (!s.body) return null;
  return {
    url: s.url,
    title: s.title,
    byline: s.byline,
    siteName: s.siteName,
    publishedTime: s.publishedTime,
    readingMinutes: s.readingMinutes,
    lang: s.body.lang,
    dir: s.body.dir,
    summary: s.body.summary,
    quotes: s.body.quotes,
    contentHtml: s.body.contentHtml,
  };
}
