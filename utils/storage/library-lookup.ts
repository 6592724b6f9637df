// Where a saved article is in the library, read the way an article's page asks it: one small read. A module of its
// own, not with the library's writer (saved-store.ts, which the page would load whole) nor with the keys (which
// every extension page shares).
import type { WxtStorage } from 'wxt/utils/storage';
import { idBucket, idsKey, unstored, type IdBucket, type Location } from './library-keys';
import { articleId } from './schema';

/** Where the entry `id` lives: its shard and whether it has its clean copy; null when it is not saved. */
export const locateIn = async (storage: WxtStorage, id: string): Promise<Location | null> =>
  unstored<IdBucket>(await storage.getItem(idsKey(idBucket(id))), {})[id] ?? null;

/**
 * Whether `url` is saved as a link waiting for its clean copy: cheap enough for an article's page to ask before it
 * sends the analysis ('saved:fill-body').
 */
export async function needsBody(storage: WxtStorage, url: string): Promise<boolean> {
  const at = await locateIn(storage, articleId(url));
  return at !== null && at[1] === 0;
}
