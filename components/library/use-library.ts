// The library page's data: the saved list (first screen first, then all of it, then kept current), and search
// answers for what the reader types.
import { useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { LibraryData, type LibrarySnapshot, type StorageChanges } from '@/utils/library/library-data';
import { searchEntries } from '@/utils/library/view';
import { askBackground } from '@/utils/messages';
import { createSearchReader, type SearchHits } from '@/utils/storage/search-store';
import { emptyLibraryIndex } from '@/utils/storage/schema';

/** Rows in the first screen (and in each "show more"). */
export const PAGE = 50;

const data = new LibraryData(storage, () => askBackground('library:ready', {}));
const searcher = createSearchReader(storage);

export interface LibraryState {
  snapshot: LibrarySnapshot;
  loaded: boolean;
  error: string | null;
}

export function useLibraryData(): LibraryState {
  const [state, setState] = useState<LibraryState>({
    snapshot: { index: emptyLibraryIndex(), entries: [], complete: false },
    loaded: false,
    error: null,
  });
  useEffect(() => {
    const unsubscribe = data.subscribe((snapshot) => setState({ snapshot, loaded: true, error: null }));
    const onChanged = (changes: StorageChanges, area: string) => {
      if (area !== 'local') return;
      // The search first: the list's change searches again.
      searcher.storageChanged(changes);
      data.apply(changes);
    };
    browser.storage.onChanged.addListener(onChanged);
    void data
      .loadFirst(PAGE)
      .then(() => data.loadAll())
      .then(() => searcher.warm().catch(() => {}))
      .catch((e: unknown) => setState((s) => ({ ...s, loaded: true, error: e instanceof Error ? e.message : String(e) })));
    return () => {
      unsubscribe();
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, []);
  return state;
}

export interface SearchResult {
  query: string;
  hits: SearchHits;
  /** The full-text index is being built: these hits come from titles, bylines, sites, excerpts and tags. */
  fallback: boolean;
}

/** Answers for `query`, as they come (the last answer stays until the next one, so the list never blinks). */
export function useSearch(query: string, snapshot: LibrarySnapshot): SearchResult | null {
  const [result, setResult] = useState<SearchResult | null>(null);
  const trimmed = query.trim();
  // Asked as soon as the keystroke renders, not after the next frame is painted (an effect's turn, up to a frame later).
  useLayoutEffect(() => {
    if (!trimmed) {
      setResult(null);
      return;
    }
    let live = true;
    searcher.search(trimmed).then(
      (hits) => live && setResult(hits ? { query: trimmed, hits, fallback: false } : { query: trimmed, hits: searchEntries(snapshot.entries, trimmed), fallback: true }),
      () => live && setResult({ query: trimmed, hits: searchEntries(snapshot.entries, trimmed), fallback: true }),
    );
    return () => {
      live = false;
    };
    // A change of the library (a save, a deletion) can change the answer.
  }, [trimmed, snapshot]);
  return useMemo(() => (trimmed ? result : null), [trimmed, result]);
}
