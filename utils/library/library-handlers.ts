// The background's answers to the library's requests (utils/messages.ts): checks at the door, then the store.
import type { BackgroundRequests } from '../messages';
import type { SavedStore } from '../storage/saved-store';
import { articleId, toSavedArticle, type SavedArticle } from '../storage/schema';
import { ledeSettings, ledeArticle } from './import/lede-json';

type LibraryRequest = Extract<keyof BackgroundRequests, `library:${string}` | 'saved:needs-body' | 'saved:fill-body'>;
export type LibraryHandlers = {
  [N in LibraryRequest]: (payload: BackgroundRequests[N]['request']) => Promise<BackgroundRequests[N]['response']>;
};

const ids = (value: unknown): string[] => {
  if (!Array.isArray(value) || !value.every((id) => typeof id === 'string')) throw new Error('Expected a list of article ids');
  return value;
};

export function libraryHandlers(store: SavedStore, now: () => number = Date.now): LibraryHandlers {
  return {
    'saved:needs-body': async ({ url }) => {
      if (typeof url !== 'string') throw new Error('Expected a page address');
      const at = await store.locate(articleId(url));
      return { needed: at !== null && at[1] === 0 };
    },
    'saved:fill-body': async ({ analysis }) => ({ filled: analysis.isArticle && (await store.fillBody(toSavedArticle(analysis, now()))) }),
    'library:ready': async () => ({ count: (await store.ready()).count }),
    'library:update': async ({ ids: list, change }) => ({ updated: await store.update(ids(list), change) }),
    'library:progress': async ({ id, at }) => {
      if (typeof id !== 'string' || typeof at !== 'number' || !(at >= 0 && at <= 1)) throw new Error('Expected an article id and a share read (0 to 1)');
      return { kept: await store.setProgress(id, at) };
    },
    'library:delete': async ({ ids: list }) => ({ deleted: await store.delete(ids(list)) }),
    'library:undo-delete': async () => ({ restored: await store.undoDelete() }),
    'library:import-chunk': async ({ importId, articles }) => {
      // Checked again here: whatever sent them, only well-formed web articles reach storage.
      const checked = articles.flatMap((a, i) => {
        const item = ledeArticle(a, `article ${i + 1}`);
        return 'article' in item ? [item.article as SavedArticle] : [];
      });
      return { staged: await store.stageImport(String(importId), checked) };
    },
    'library:import-commit': async ({ importId, settings }) => store.commitImport(String(importId), settings ? ledeSettings(settings) : null),
    'library:import-abort': async ({ importId }) => ({ aborted: await store.abortImport(String(importId)) }),
  };
}
