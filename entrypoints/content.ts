import { announceArticle, detectedArticle } from '@/utils/browser/page-announce';
import { answer, askBackground, type ContentRequests } from '@/utils/messages';
import { loadAnalyser, loadQuoteFinder, quoteFinderIfLoaded } from '@/utils/page/analyser-loader';
import { LedePage } from '@/utils/page/lede-page';
import { followPages } from '@/utils/page/navigation';
import { clearLeftovers } from '@/utils/page/page-marks';
import { ReaderView } from '@/utils/page/reader-overlay';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  // (WXT's start-up, which tells the page that Lede is there, is left out of this build: utils/page/quiet-context.ts.)
  main() {
    // An updated Lede starts over on pages the old one had decluttered, read or highlighted (page-marks.ts).
    clearLeftovers(document);
    // Settings are read only on a page that turns out to be an article (detection needs none), by the analysis
    // code it loads then: the other pages, most of the web, cost one detection and carry no storage layer.
    const choicesFor = (url: string) => async () => (await loadAnalyser()).pageChoices(url);
    const pageAt = (url: string, previous: LedePage | null = null) =>
      Promise.resolve(
        new LedePage(
          document,
          url,
          {
            choices: choicesFor(url),
            // Summary and quotes are read in the background: the page's main thread only sends the text.
            readElsewhere: (text, options) => askBackground('story:read', { text, options }),
          },
          previous,
        ),
      );
    let page = pageAt(location.href);
    const reader = new ReaderView(document, async () => (await page).getAnalysis());
    // The toolbar badge marks the tab once the article is analysed, and unmarks it when a single-page site leaves it.
    // (articleAnalysis, not getAnalysis: asking any other page for its analysis would load the analysis code into it.)
    const announce = (p: Promise<LedePage>, orNone: boolean) =>
      void announceArticle(p.then((x) => x.articleAnalysis()), (article) => askBackground('page:detected', { article }), { orNone });
    // Single-page sites: another page without a page load gets its own LedePage, which puts the old one's back.
    followPages(window, page, (url, previous) => pageAt(url, previous), (next) => {
      page = next;
      announce(next, true);
      reader.close();
      quoteFinderIfLoaded()?.clearQuoteHighlight();
    });
    // An article Lede waited on (it was unsure of it) gets its badge once the reader has asked for it.
    const analysisOf = async (p: LedePage, force = false) => {
      const waited = p.articleAnalysis() === null;
      const analysis = await p.getAnalysis(force);
      if (waited && p.articleAnalysis()) announce(Promise.resolve(p), false);
      return analysis;
    };
    // Listening at once: the popup may ask before the analysis is done.
    answer<ContentRequests>({
      'analysis:get': async ({ force }) => analysisOf(await page, force),
      'companion:get': async ({ force }) => {
        const p = await page;
        const analysis = await analysisOf(p, force);
        return { analysis, declutter: await p.declutterState(), reader: reader.state };
      },
      'declutter:get': async () => (await page).declutterState(),
      'declutter:set': async ({ enabled }) => (await page).setDeclutter(enabled),
      'page:article': async () => detectedArticle((await page).articleAnalysis()).catch(() => null),
      'reader:open': () => reader.open(),
      'reader:close': () => reader.close(),
      'reader:toggle': () => reader.toggle(),
      'reader:get': () => reader.state,
      'quote:show': async ({ index }) =>
        reader.showQuote(index) ?? (await loadQuoteFinder()).showQuoteOnPage(document, await (await page).getAnalysis(), index),
    });
    // A link saved without its clean copy gets it when the reader opens the page: the background keeps it. (It is
    // the background that looks it up: an article Lede is unsure of loads no analysis code to ask.)
    void page
      .then(async (p) => p.isArticle && (await askBackground('saved:needs-body', { url: location.href })).needed && p.getAnalysis())
      .then((analysis) => (analysis && analysis.isArticle ? askBackground('saved:fill-body', { analysis }) : null))
      .catch((e) => console.warn('Lede: clean copy not kept', e));
    announce(page, false);
    // Settings changes apply to an article page without a reload (one Lede was unsure of is tidied only by hand).
    void page
      .then(async (p) => {
        if (!p.verdict.sure) return;
        await (await loadAnalyser()).followSettings(location.href, async (enabled) => (await page).setDeclutter(enabled));
      })
      .catch((e) => console.warn('Lede: settings changes will apply after a reload', e));
  },
});
