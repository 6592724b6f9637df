import { answer, type ContentRequests } from '@/utils/messages';
import { LedePage } from '@/utils/page/lede-page';
import { getSettings, shouldDeclutter, SUMMARY_SENTENCES } from '@/utils/storage/settings';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main() {
    const page = getSettings().then(
      (settings) =>
        new LedePage(document, location.href, {
          declutter: shouldDeclutter(settings, location.href),
          summarySentences: SUMMARY_SENTENCES[settings.summaryLength],
          keyQuotes: settings.keyQuotes,
        }),
    );
    // Listening at once: the popup may ask before the settings are read.
    answer<ContentRequests>({
      'analysis:get': async ({ force }) => (await page).getAnalysis(force),
      'declutter:get': async () => (await page).decluttered,
      'declutter:set': async ({ enabled }) => (await page).setDeclutter(enabled),
    });
  },
});
