import { storage } from 'wxt/utils/storage';
import { readStoryBrief } from '@/utils/analysis/read-story';
import { registerBrowserIntegration } from '@/utils/browser/register';
import { libraryHandlers } from '@/utils/library/library-handlers';
import { answer, type BackgroundRequests } from '@/utils/messages';
import { createSavedStore } from '@/utils/storage/saved-store';
import { toSavedArticle, toSavedLink } from '@/utils/storage/schema';

export default defineBackground(() => {
  const saved = createSavedStore(storage);
  // Storage migrations, then the search index (built from the saved articles if missing), off the first request's path.
  void saved.ready().then(() => saved.search.ensure()).catch((e) => console.error('Lede: saved library', e));
  const integration = registerBrowserIntegration(storage, saved);
  // No browser API presses a shortcut or clicks a menu item: the e2e tests call these same handlers from here.
  Object.assign(globalThis, { ledeIntegration: integration });
  answer<BackgroundRequests>({
    ...integration.handlers,
    'saved:save': ({ analysis }) => saved.save(toSavedArticle(analysis, Date.now())),
    'saved:save-link': ({ url, title }) => saved.save(toSavedLink(url, title, Date.now())),
    'saved:remove': async ({ id }) => ({ removed: await saved.remove(id) }),
    'story:read': ({ text, options }) => {
      const start = performance.now();
      const brief = readStoryBrief(text, options);
      return { ...brief, ms: performance.now() - start };
    },
    ...libraryHandlers(saved),
  });
});
