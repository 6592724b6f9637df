// Loads the analysis code (utils/page/analyser.ts, built as page-analysis.js) into the content script's world the
// first time a page needs it. A dynamic import() of an extension file from a content script works in Chromium
// (the file is web-accessible behind a per-session URL, so pages cannot probe for it) and in Firefox; the file
// puts its exports on the content script's own global, which the page does not see.
import { browser } from 'wxt/browser';
import type { PageAnalyser } from './analyser';
import { ANALYSER_FILE, ANALYSER_GLOBAL } from './analyser-global';

let loading: Promise<PageAnalyser> | null = null;

export function loadAnalyser(): Promise<PageAnalyser> {
  loading ??= (async () => {
    const g = globalThis as Record<string, unknown>;
    if (!g[ANALYSER_GLOBAL]) await import(/* @vite-ignore */ browser.runtime.getURL(ANALYSER_FILE));
    const analyser = g[ANALYSER_GLOBAL] as PageAnalyser | undefined;
    if (!analyser) throw new Error('Lede’s analysis could not be loaded');
    return analyser;
  })().catch((e: unknown) => {
    loading = null; // a later request tries again
    throw e;
  });
  return loading;
}
