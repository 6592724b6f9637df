// Loads code into the content script's world the first time a page needs it: the analysis (utils/page/analyser.ts,
// built as page-analysis.js) on articles, the story's text reading (story-reading.js) only when the background
// cannot answer, the reader view (reader-overlay.js) when it opens, the quote finder (quote-finder.js) when a quote
// is first clicked. A dynamic import() of an extension file from a content script works in Chromium (the file is
// web-accessible behind a per-session URL, so pages cannot probe for it) and in Firefox; the file puts its exports
// on the content script's own global, which the page does not see.
import { browser, type PublicPath } from 'wxt/browser';
import type { PageAnalyser } from './analyser';
import {
  ANALYSER_FILE,
  ANALYSER_GLOBAL,
  QUOTE_FINDER_FILE,
  QUOTE_FINDER_GLOBAL,
  STORY_READER_FILE,
  STORY_READER_GLOBAL,
} from './analyser-global';
import type { QuoteFinder } from './quote-highlight';
import type { StoryReader } from './story-reader';

const loading = new Map<string, Promise<unknown>>();

/** The code `file` puts on the global `global`, imported the first time it is asked for; `failure` says what is missing. */
export function loadOnce<T>(file: PublicPath, global: string, failure = 'Lede’s analysis could not be loaded'): Promise<T> {
  let p = loading.get(file);
  if (!p) {
    p = (async () => {
      const g = globalThis as Record<string, unknown>;
      if (!g[global]) await import(/* @vite-ignore */ browser.runtime.getURL(file));
      const code = g[global];
      if (!code) throw new Error(failure);
      return code;
    })().catch((e: unknown) => {
      loading.delete(file); // a later request tries again
      throw e;
    });
    loading.set(file, p);
  }
  return p as Promise<T>;
}

export const loadAnalyser = () => loadOnce<PageAnalyser>(ANALYSER_FILE, ANALYSER_GLOBAL);
export const loadQuoteFinder = () => loadOnce<QuoteFinder>(QUOTE_FINDER_FILE, QUOTE_FINDER_GLOBAL);
/** The quote finder if this page has loaded it (a highlight on the page is only there if so). */
export const quoteFinderIfLoaded = () => (globalThis as Record<string, unknown>)[QUOTE_FINDER_GLOBAL] as QuoteFinder | undefined;
export const loadStoryReader = () => loadOnce<StoryReader>(STORY_READER_FILE, STORY_READER_GLOBAL);
