// The library: every saved article, to find (search while typing, sort, filter by status, tag and site), to
// read offline (reader.html), and to tend (read / unread, archive, tag, delete with undo, one or a selection).
// The background writes every change; this page shows what storage says, as it changes.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { byCount, DEFAULT_VIEW, siteCounts, viewOf, type SortKey, type StatusFilter, type ViewQuery } from '@/utils/library/view';
import type { EntryChange } from '@/utils/library/edits';
import { formatCount, t, tCount } from '@/utils/i18n';
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

const STATUS_LABELS = {
  list: 'libraryStatusList',
  unread: 'libraryStatusUnread',
  read: 'libraryStatusRead',
  archived: 'libraryStatusArchived',
  all: 'libraryStatusAll',
} as const satisfies Record<StatusFilter, string>;
const SORT_LABELS = {
  saved: 'librarySortSaved',
  'saved-oldest': 'librarySortSavedOldest',
  published: 'librarySortPublished',
  site: 'librarySortSite',
} as const satisfies Record<SortKey, string>;
const countOptions = (counts: Record<string, number>) =>
  byCount(counts).map(([name, n]) => (
    <option value={name} key={name}>
      {name} ({formatCount(n)})
    </option>
  ));
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
  const sites = useMemo(() => siteCounts(entries), [entries]);
  // The filter menus (hundreds of sites) are made again only when the library changes, not on every keystroke.
  const tagOptions = useMemo(() => countOptions(index.tags), [index.tags]);
  const siteOptions = useMemo(() => countOptions(sites), [sites]);
  // Deleted elsewhere: no longer selected.
  const selection = useMemo(() => [...selected].filter((id) => byId.has(id)), [selected, byId]);

  useEffect(() => setShown(PAGE), [view, search?.query]);
  // For the benchmark (npm run bench -- --only library): the first screen, then the whole list in memory.
  useLayoutEffect(() => {
    if (loaded && performance.getEntriesByName('lede:library-first-screen').length === 0) performance.mark('lede:library-first-screen');
    if (snapshot.complete && performance.getEntriesByName('lede:library-complete').length === 0) performance.mark('lede:library-complete');
  }, [loaded, snapshot.complete]);
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), notice.undo ? 30_000 : 10_000);
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

  const update = (ids: string[], change: EntryChange) => act(t('libraryErrorChange'), () => askBackground('library:update', { ids, change }));
  const remove = async (ids: string[]) => {
    const title = ids.length === 1 ? byId.get(ids[0])?.title : null;
    const done = await act(t('libraryErrorDelete'), () => askBackground('library:delete', { ids }));
    if (!done) return;
    setSelected((s) => new Set([...s].filter((id) => !ids.includes(id))));
    setTagging(null);
    setNotice({ message: title ? t('libraryDeletedOne', title) : tCount('libraryDeleted', done.deleted), undo: true });
  };
  const undo = async () => {
    const done = await act(t('libraryErrorUndo'), () => askBackground('library:undo-delete', {}));
    if (done) setNotice({ message: tCount('libraryRestored', done.restored) });
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

  // The same handlers for the whole life of the page, reading the latest state: a row whose article did not
  // change is not drawn again when the list does (each keystroke of a search changes the list).
  const handlers = useRef({ select, update, remove });
  handlers.current = { select, update, remove };
  const actions: ItemActions = useMemo(
    () => ({
      select: (...args) => handlers.current.select(...args),
      update: (...args) => void handlers.current.update(...args),
      tag: setTagging,
      remove: (ids) => void handlers.current.remove(ids),
    }),
    [],
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
        <h1>{t('libraryTitle')}</h1>
        <div class="search">
          <label for="library-search" class="visually-hidden">
            {t('librarySearchLabel')}
          </label>
          <input
            id="library-search"
            ref={searchBox}
            type="search"
            data-testid="library-search"
            placeholder={t('librarySearchPlaceholder')}
            autoComplete="off"
            value={query}
            onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)}
          />
        </div>
        <ImportExport empty={index.count === 0} onDone={(message) => setNotice({ message })} />
      </header>

      <nav class="filters" aria-label={t('libraryFiltersLabel')}>
        <label>
          <span>{t('libraryShow')}</span>
          <select data-testid="library-filter-status" value={view.status} onChange={(e) => setFilter('status', (e.currentTarget as HTMLSelectElement).value as StatusFilter)}>
            {(Object.keys(STATUS_LABELS) as StatusFilter[]).map((s) => (
              <option value={s} key={s}>
                {t(STATUS_LABELS[s])} ({formatCount(statusCount(s))})
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('libraryTag')}</span>
          <select data-testid="library-filter-tag" value={view.tag ?? ''} onChange={(e) => setFilter('tag', (e.currentTarget as HTMLSelectElement).value || null)}>
            <option value="">{t('libraryAnyTag')}</option>
            {tagOptions}
          </select>
        </label>
        <label>
          <span>{t('librarySite')}</span>
          <select data-testid="library-filter-site" value={view.site ?? ''} onChange={(e) => setFilter('site', (e.currentTarget as HTMLSelectElement).value || null)}>
            <option value="">{t('libraryAnySite')}</option>
            {siteOptions}
          </select>
        </label>
        <label>
          <span>{t('librarySort')}</span>
          <select data-testid="library-sort" value={view.sort} onChange={(e) => setFilter('sort', (e.currentTarget as HTMLSelectElement).value as SortKey)}>
            {(Object.keys(SORT_LABELS) as SortKey[]).map((s) => (
              <option value={s} key={s}>
                {t(SORT_LABELS[s])}
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
          <span>{selection.length > 0 ? tCount('librarySelected', selection.length) : tCount('librarySelectAll', visible.length)}</span>
        </label>
        {selection.length > 0 && (
          <span class="bulk-actions" role="group" aria-label={t('librarySelectedGroup')}>
            <button type="button" data-testid="bulk-read" onClick={() => update(selection, { status: 'read' })}>
              {t('libraryMarkRead')}
            </button>
            <button type="button" data-testid="bulk-unread" onClick={() => update(selection, { status: 'unread' })}>
              {t('libraryMarkUnread')}
            </button>
            <button type="button" data-testid="bulk-archive" onClick={() => update(selection, { status: 'archived' })}>
              {t('libraryArchive')}
            </button>
            <button type="button" data-testid="bulk-tag" onClick={() => setTagging(selection)}>
              {t('libraryTagAction')}
            </button>
            <button type="button" class="danger" data-testid="bulk-delete" onClick={() => remove(selection)}>
              {t('libraryDelete')}
            </button>
            <button type="button" onClick={() => setSelected(new Set())}>
              {t('libraryClearSelection')}
            </button>
          </span>
        )}
      </div>

      {tagging && taggingEntries.length > 0 && (
        <TagEditor
          label={taggingEntries.length === 1 ? t('quotedTitle', taggingEntries[0].title) : tCount('articleCount', taggingEntries.length)}
          current={taggingCurrent}
          counts={index.tags}
          onAdd={(tag) => void update(tagging, { addTags: [tag] })}
          onRemove={(tag) => void update(tagging, { removeTags: [tag] })}
          onClose={() => setTagging(null)}
        />
      )}

      <p class="count" data-testid="library-count" role="status">
        {!loaded
          ? t('libraryOpening')
          : search
            ? `${tCount('libraryResultsFor', visible.length, search.query)}${search.fallback ? ` ${t('libraryTitlesOnly')}` : ''}`
            : filtering
              ? tCount('libraryResultsOf', visible.length, formatCount(index.count))
              : tCount('articleCount', visible.length)}
        {loaded && !snapshot.complete && ` ${t('libraryLoadingRest')}`}
      </p>

      {loaded && index.count === 0 && (
        <div class="empty" data-testid="library-empty">
          <h2>{t('libraryEmptyHeading')}</h2>
          <p>{t('libraryEmptyText')}</p>
        </div>
      )}
      {loaded && index.count > 0 && visible.length === 0 && (
        <p class="empty" data-testid="library-empty">
          {search ? t('libraryNothingMatches', search.query) : t('libraryNothingHere')}
        </p>
      )}

      <ul class="items" data-testid="library-results" data-query={search?.query ?? ''} aria-label={t('librarySavedArticles')}>
        {visible.slice(0, shown).map((e) => (
          <LibraryItem key={e.id} entry={e} selected={selected.has(e.id)} actions={actions} />
        ))}
      </ul>
      {visible.length > shown && (
        <button type="button" class="more" ref={more} data-testid="library-more" onClick={() => setShown((n) => n + PAGE)}>
          {t('libraryShowMore', formatCount(visible.length - shown))}
        </button>
      )}

      {notice && (
        <div class="toast" role="status" data-testid="library-toast">
          <span>{notice.message}</span>
          {notice.undo && (
            <button type="button" data-testid="library-undo" onClick={() => void undo().then(() => undefined)}>
              {t('libraryUndo')}
            </button>
          )}
          <button type="button" class="close" aria-label={t('libraryDismiss')} onClick={() => setNotice(null)}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}

