// WXT's fake browser keeps the very objects it is given, where a real browser stores copies: without copies,
// a change that failed halfway would seem to have been written. These helpers make the fake behave like the real one.
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Analysis } from '../../utils/analysis/types';

/** Resets the fake browser and makes storage.local copy values in and out, like Chromium and Firefox. */
const local = fakeBrowser.storage.local;
const realGet = local.get.bind(local);
const realSet = local.set;

export function resetWithCopyingStorage(): void {
  fakeBrowser.reset();
  // (the fake's set already copies, through JSON)
  local.set = realSet;
  local.get = (async (keys?: unknown) => structuredClone(await realGet(keys as never))) as typeof local.get;
}

/** Fails storage.local.set the way a full disk does, until the returned function is called. */
export function failWrites(message = 'QUOTA_BYTES quota exceeded'): () => void {
  const before = local.set;
  local.set = () => Promise.reject(new Error(message));
  return () => {
    local.set = before;
  };
}

/** Every key of storage.local with its value. */
export const snapshot = () => fakeBrowser.storage.local.get(null);

/** An article's analysis as the content script sends it, with `text` as its paragraphs. */
export function analysisOf(url: string, title: string, text = 'First paragraph.\n\nSecond paragraph.'): Analysis {
  return {
    url,
    title,
    byline: 'Martin Fornusek',
    siteName: 'The Kyiv Independent',
    publishedTime: '2024-06-20T22:29:00+03:00',
    lang: 'en',
    dir: null,
    excerpt: null,
    image: null,
    isArticle: true,
    detection: { isArticle: true, score: 3, threshold: 1, signals: [] },
    text,
    paragraphs: text.split('\n\n'),
    contentHtml: text
      .split('\n\n')
      .map((p) => `<p>${p}</p>`)
      .join(''),
    wordCount: 4,
    readingMinutes: 1,
    summary: [text.split('\n\n')[0]],
    summaryPicks: [{ sentence: text.split('\n\n')[0], rank: 0 }],
    quotes: [{ text: 'A quote of six words here', speaker: 'John Kirby', role: null, paragraph: 0, key: true }],
  };
}

