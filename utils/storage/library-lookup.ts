// Where a saved article is in the library: one small read of the id map, for the reader and the writer alike
// (saved-store.ts).
import type { WxtStorage } from 'wxt/utils/storage';
import { idBucket, idsKey, unstored, type IdBucket, type Location } from './library-keys';

/** Where the entry `id` lives: its shard and whether it has its clean copy; null when it is not saved. */
export const locateIn = async (storage: WxtStorage, id: string): Promise<Location | null> =>
  unstored<IdBucket>(await storage.getItem(idsKey(idBucket(id))), {})[id] ?? null;
