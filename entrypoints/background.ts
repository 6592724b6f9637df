import { storage } from 'wxt/utils/storage';
import { answer, type BackgroundRequests } from '@/utils/messages';
import { createSavedStore } from '@/utils/storage/saved-store';
import { toSavedArticle, toSavedLink } from '@/utils/storage/schema';

export default defineBackground(() => {
  const saved = createSavedStore(storage);
  answer<BackgroundRequests>({
    'saved:save': ({ analysis }) => saved.save(toSavedArticle(analysis, Date.now())),
    'saved:save-link': ({ url, title }) => saved.save(toSavedLink(url, title, Date.now())),
    'saved:remove': async ({ id }) => ({ removed: await saved.remove(id) }),
  });
});
