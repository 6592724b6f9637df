import { answer, type ContentRequests } from '@/utils/messages';
import { LedePage } from '@/utils/page/lede-page';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main() {
    const page = new LedePage(document, location.href, { declutter: true });
    answer<ContentRequests>({
      'analysis:get': ({ force }) => page.getAnalysis(force),
      'declutter:get': () => page.decluttered,
      'declutter:set': ({ enabled }) => page.setDeclutter(enabled),
    });
  },
});
