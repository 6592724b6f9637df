// The saved-articles repository: an index of light entries apart from one key per body, so lists read only
// what they show. Only the background writes (through a queue), which is what keeps concurrent saves from
// losing each other's updates.
import type { WxtStorage } from 'wxt/utils/storage';
import type { SavedArticle, SavedBody, SavedEntry } from './schema';

export const INDEX_KEY = 'local:saved-index' as const;
export const bodyKey = (id: string) => `local:body:${id}` as const;

export interface SavedStore {
  /** Entries, newest first. */
  list(): Promise<SavedEntry[]>;
  get(id: string): Promise<SavedArticle | null>;
  /** Saves or replaces the article (same id = same URL); returns the stored entry. */
  save(article: SavedArticle): Promise<SavedEntry>;
  remove(id: string): Promise<boolean>;
}

export function createSavedStore(storage: WxtStorage): SavedStore {
  const index = storage.defineItem<SavedEntry[]>(INDEX_KEY, { fallback: [], version: 1 });
  let queue: Promise<unknown> = Promise.resolve();
  // One write at a time, in arrival order; a failed write does not stop the ones after it.
  const serial = <T>(write: () => Promise<T>): Promise<T> => {
    const run = queue.then(write, write);
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    list: () => index.getValue(),

    async get(id) {
      const entries = await index.getValue();
      const entry = entries.find((e) => e.id === id);
      if (!entry) return null;
      const body = entry.hasBody ? await storage.getItem<SavedBody>(bodyKey(id)) : null;
      return { ...entry, body };
    },

    save: (article) =>
      serial(async () => {
        const { body, ...entry } = article;
        const entries = await index.getValue();
        const previous = entries.find((e) => e.id === entry.id);
        // Re-saving keeps what the reader did with it (status, tags) and its place in time.
        const stored: SavedEntry = previous
          ? { ...entry, status: previous.status, tags: previous.tags, savedAt: previous.savedAt }
          : entry;
        const next = [stored, ...entries.filter((e) => e.id !== entry.id)];
        // Body and index in one set() call: either both are written or neither is.
        await storage.setItems([
          ...(body ? [{ key: bodyKey(entry.id), value: body }] : []),
          { key: INDEX_KEY, value: next },
        ]);
        return stored;
      }),

    remove: (id) =>
      serial(async () => {
        const entries = await index.getValue();
        if (!entries.some((e) => e.id === id)) return false;
        await index.setValue(entries.filter((e) => e.id !== id));
        await storage.removeItem(bodyKey(id));
        return true;
      }),
  };
}
