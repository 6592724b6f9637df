// Lede's analysis code as a file of its own, loaded into a page by the content script only when the page is an
// article (utils/page/analyser-loader.ts).
import { analyser } from '@/utils/page/analyser';
import { ANALYSER_GLOBAL } from '@/utils/page/analyser-global';

export default defineUnlistedScript(() => {
  (globalThis as Record<string, unknown>)[ANALYSER_GLOBAL] = analyser;
});
