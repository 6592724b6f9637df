// Finding a quotation on the page and highlighting it, as a file of its own: loaded by the content script when the
// reader first clicks a quote (utils/page/analyser-loader.ts), so no page pays for it before.
import { QUOTE_FINDER_GLOBAL } from '@/utils/page/analyser-global';
import { quoteFinder } from '@/utils/page/quote-highlight';

export default defineUnlistedScript(() => {
  (globalThis as Record<string, unknown>)[QUOTE_FINDER_GLOBAL] = quoteFinder;
});
