// The library: every saved article, to find (search while typing, sort, filter by status, tag and site), to
// read offline (reader.html), and to tend (read / unread, archive, tag, delete with undo, one or a selection).
// The background writes every change; this page shows what storage says, as it changes.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { byCount, DEFAULT_VIEW, viewOf, type SortKey, type StatusFilter, type ViewQuery } from '@/utils/library/view';
import type { EntryChange } from '@/utils/library/edits';
import { askBackground } from '@/utils/messages';
import type { SavedEntry } from '@/utils/storage/schema';
import { useSettings, useTheme } from '../settings-hooks';
import { ImportExport } from './ImportExport';
import { LibraryItem, type ItemActions } from './LibraryItem';
import { Shortcuts, useShortcuts } from './shortcuts';
import { TagEditor } from './TagEditor';
import { PAGE, useLibraryData, useSearch } from './use-library';

interface Notice {
  message: string;
  undo?: boolean;
}

const STATUS_LABELS: Record<StatusFilter, string> = {
  list: 'Reading list',
  unread: 'Unread',
  read: 'Read',
  archived: 'Archived',
  all: 'Everything',
};
const SORT_LABELS: Record<SortKey, string> = {
  saved: 'Newest saved',
  'saved-oldest': 'Oldest saved',
  published: 'Newest published',
  site: 'Site, A to Z',
};
const plural = (n: number, word: string) => `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;
const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function Library() {
  useTheme(useSettings());
  const { snapshot, loaded, error: loadError } = useLibraryData();
  const { index, entries } = snapshot;
  const [view, setView] = useState<ViewQuery>(DEFAULT_VIEW);
  const [query, setQuery] = useState('');
  const search = useSearch(query, snapshot);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [shown, setShown] = useState(PAGE);
  const [tagging, setTagging] = useState<string[] | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [error, setError] = useState<string | null>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  const lastClicked = useRef<string | null>(null);

  const visible = useMemo(() => viewOf(entries, view, search?.hits ?? null), [entries, view, search]);
  const byId = useMemo(() => new Map(entries.map((e) => [e.id, e])), [entries]);
  // Deleted elsewhere: no longer selected.
  const selection = useMemo(() => [...selected].filter((id) => byId.has(id)), [selected, byId]);

  useEffect(() => setShown(PAGE), [view, search?.query]);
  useLayoutEffect(() => {
    if (loaded && performance.getEntriesByName('lede:library-first-screen').length === 0) performance.mark('lede:library-first-screen');
  }, [loaded]);
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), notice.undo ? 15_000 : 8_000);
    return () => clearTimeout(timer);
  }, [notice]);

  const act = async <T,>(failure: string, action: () => Promise<T>): Promise<T | null> => {
    setError(null);
    try {
      return await action();
    } catch (e) {
      setError(`${failure}: ${errorText(e)}`);
      return null;
    }
  };

  const update = (ids: string[], change: EntryChange) => act('Could not change it', () => askBackground('library:update', { ids, change }));
  const remove = async (ids: string[]) => {
    const title = ids.length === 1 ? byId.get(ids[0])?.title : null;
    const done = await act('Could not delete', () => askBackground('library:delete', { ids }));
    if (!done) return;
    setSelected((s) => new Set([...s].filter((id) => !ids.includes(id))));
    setTagging(null);
    setNotice({ message: title ? `Deleted “${title}”.` : `Deleted ${plural(done.deleted, 'article')}.`, undo: true });
  };
  const undo = async () => {
    const done = await act('Could not undo', () => askBackground('library:undo-delete', {}));
    if (done) setNotice({ message: `Restored ${plural(done.restored, 'article')}.` });
  };
  const select = (id: string, on: boolean, range: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      // Shift-click selects the stretch since the last click, as in a file list.
      const from = range && lastClicked.current ? visible.findIndex((e) => e.id === lastClicked.current) : -1;
      const to = visible.findIndex((e) => e.id === id);
      const ids = from >= 0 && to >= 0 ? visible.slice(Math.min(from, to), Math.max(from, to) + 1).map((e) => e.id) : [id];
      for (const x of ids) on ? next.add(x) : next.delete(x);
      lastClicked.current = id;
      return next;
    });

  const actions: ItemActions = useMemo(
    () => ({ select, update, tag: setTagging, remove }),
    // Handlers read the latest state through these.
    [visible, byId],
  );

  const focusedId = () => (document.activeElement?.closest('[data-testid="library-item"]') as HTMLElement | null)?.dataset.id ?? null;
  const targets = () => (selection.length > 0 ? selection : [focusedId()].filter((id): id is string => id !== null));
  useShortcuts({
    search: () => searchBox.current?.focus(),
    move: (by) => {
      const items = [...document.querySelectorAll<HTMLElement>('[data-testid="library-item"]')];
      const at = items.findIndex((el) => el.dataset.id === focusedId());
      items[Math.max(0, Math.min(items.length - 1, at < 0 ? 0 : at + by))]?.querySelector<HTMLElement>('[data-testid="library-title"]')?.focus();
    },
    select: () => {
      const id = focusedId();
      if (id) select(id, !selected.has(id), false);
    },
    read: () => {
      const ids = targets();
      const allRead = ids.every((id) => byId.get(id)?.status !== 'unread');
      if (ids.length) void update(ids, { status: allRead ? 'unread' : 'read' });
    },
    archive: () => {
      const ids = targets();
      if (ids.length) void update(ids, { status: ids.every((id) => byId.get(id)?.status === 'archived') ? 'unread' : 'archived' });
    },
    tag: () => {
      const ids = targets();
      if (ids.length) setTagging(ids);
    },
    remove: () => {
      const ids = targets();
      if (ids.length) void remove(ids);
    },
    undo: () => void undo(),
    escape: () => {
      if (tagging) setTagging(null);
      else if (selection.length) setSelected(new Set());
      else if (query) setQuery('');
    },
  });

  const more = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const button = more.current;
    if (!button || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((seen) => seen.some((s) => s.isIntersecting) && setShown((n) => n + PAGE));
    observer.observe(button);
    return () => observer.disconnect();
  }, [visible.length > shown]);

  const taggingEntries = (tagging ?? []).map((id) => byId.get(id)).filter((e): e is SavedEntry => !!e);
  const taggingCurrent = [...new Set(taggingEntries.flatMap((e) => e.tags))];
  const filtering = view.status !== DEFAULT_VIEW.status || view.tag !== null || view.site !== null || search !== null;
  const setFilter = <K extends keyof ViewQuery>(key: K, value: ViewQuery[K]) => setView((v) => ({ ...v, [key]: value }));
  const statusCount = (s: StatusFilter) =>
    s === 'all' ? index.count : s === 'list' ? index.count - (index.byStatus.archived ?? 0) : (index.byStatus[s] ?? 0);
  const allShownSelected = visible.length > 0 && visible.every((e) => selected.has(e.id));

  return (
    <div class="library">
      <header class="top">
        <h1>Library</h1>
        <div class="search">
          <label for="library-search" class="visually-hidden">
            Search saved articles
          </label>
          <input
            id="library-search"
            ref={searchBox}
            type="search"
            data-testid="library-search"
            placeholder="Search titles, authors, summaries, quotes and text  ( / )"
            autoComplete="off"
            value={query}
            onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)}
          />
        </div>
        <ImportExport empty={index.count === 0} onDone={(message) => setNotice({ message })} />
      </header>

      <nav class="filters" aria-label="Sort and filter">
        <label>
          <span>Show</span>
          <select data-testid="library-filter-status" value={view.status} onChange={(e) => setFilter('status', (e.currentTarget as HTMLSelectElement).value as StatusFilter)}>
            {(Object.keys(STATUS_LABELS) as StatusFilter[]).map((s) => (
              <option value={s} key={s}>
                {STATUS_LABELS[s]} ({statusCount(s).toLocaleString()})
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Tag</span>
          <select data-testid="library-filter-tag" value={view.tag ?? ''} onChange={(e) => setFilter('tag', (e.currentTarget as HTMLSelectElement).value || null)}>
            <option value="">Any tag</option>
            {byCount(index.tags).map(([tag, n]) => (
              <option value={tag} key={tag}>
                {tag} ({n.toLocaleString()})
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Site</span>
          <select data-testid="library-filter-site" value={view.site ?? ''} onChange={(e) => setFilter('site', (e.currentTarget as HTMLSelectElement).value || null)}>
            <option value="">Any site</option>
            {byCount(index.sites).map(([site, n]) => (
              <option value={site} key={site}>
                {site} ({n.toLocaleString()})
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Sort</span>
          <select data-testid="library-sort" value={view.sort} onChange={(e) => setFilter('sort', (e.currentTarget as HTMLSelectElement).value as SortKey)}>
            {(Object.keys(SORT_LABELS) as SortKey[]).map((s) => (
              <option value={s} key={s}>
                {SORT_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <Shortcuts />
      </nav>

      {(loadError || error) && (
        <p class="error" role="alert" data-testid="library-error">
          {loadError ?? error}
        </p>
      )}

      <div class="bulk" data-testid="library-bulk" hidden={visible.length === 0}>
        <label class="check">
          <input
            type="checkbox"
            data-testid="library-select-all"
            checked={allShownSelected}
            onChange={(e) => setSelected((e.currentTarget as HTMLInputElement).checked ? new Set(visible.map((x) => x.id)) : new Set())}
          />
          <span>{selection.length > 0 ? `${selection.length.toLocaleString()} selected` : `Select all ${visible.length.toLocaleString()}`}</span>
        </label>
        {selection.length > 0 && (
          <span class="bulk-actions" role="group" aria-label="Selected articles">
            <button type="button" data-testid="bulk-read" onClick={() => update(selection, { status: 'read' })}>
              Mark read
            </button>
            <button type="button" data-testid="bulk-unread" onClick={() => update(selection, { status: 'unread' })}>
              Mark unread
            </button>
            <button type="button" data-testid="bulk-archive" onClick={() => update(selection, { status: 'archived' })}>
              Archive
            </button>
            <button type="button" data-testid="bulk-tag" onClick={() => setTagging(selection)}>
              Tag…
            </button>
            <button type="button" class="danger" data-testid="bulk-delete" onClick={() => remove(selection)}>
              Delete
            </button>
            <button type="button" onClick={() => setSelected(new Set())}>
              Clear selection
            </button>
          </span>
        )}
      </div>

      {tagging && taggingEntries.length > 0 && (
        <TagEditor
          label={taggingEntries.length === 1 ? `“${taggingEntries[0].title}”` : plural(taggingEntries.length, 'article')}
          current={taggingCurrent}
          counts={index.tags}
          onAdd={(tag) => void update(tagging, { addTags: [tag] })}
          onRemove={(tag) => void update(tagging, { removeTags: [tag] })}
          onClose={() => setTagging(null)}
        />
      )}

      <p class="count" data-testid="library-count" role="status">
        {!loaded
          ? 'Opening your library…'
          : search
            ? `${plural(visible.length, 'article')} for “${search.query}”${search.fallback ? ' (titles only while the search index is being built)' : ''}`
            : filtering
              ? `${plural(visible.length, 'article')} of ${index.count.toLocaleString()}`
              : plural(visible.length, 'article')}
        {loaded && !snapshot.complete && ' (loading the rest…)'}
      </p>

      {loaded && index.count === 0 && (
        <div class="empty" data-testid="library-empty">
          <h2>Your library is empty</h2>
          <p>Save an article with the Lede button to read it later, even offline. Or bring your reading list over: import a Pocket, Instapaper or bookmarks export.</p>
        </div>
      )}
      {loaded && index.count > 0 && visible.length === 0 && (
        <p class="empty" data-testid="library-empty">
          Nothing here{search ? ` matches “${search.query}”` : ''}.
        </p>
      )}

      <ul class="items" data-testid="library-results" data-query={search?.query ?? ''} aria-label="Saved articles">
        {visible.slice(0, shown).map((e) => (
          <LibraryItem key={e.id} entry={e} selected={selected.has(e.id)} actions={actions} />
        ))}
      </ul>
      {visible.length > shown && (
        <button type="button" class="more" ref={more} data-testid="library-more" onClick={() => setShown((n) => n + PAGE)}>
          Show more ({(visible.length - shown).toLocaleString()} left)
        </button>
      )}

      {notice && (
        <div class="toast" role="status" data-testid="library-toast">
          <span>{notice.message}</span>
          {notice.undo && (
            <button type="button" data-testid="library-undo" onClick={() => void undo().then(() => undefined)}>
              Undo
            </button>
          )}
          <button type="button" class="close" aria-label="Dismiss" onClick={() => setNotice(null)}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}

