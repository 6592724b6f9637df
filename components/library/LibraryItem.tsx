// One saved article in the library: what it is (title, site, byline, dates, reading time, excerpt, tags) and
// what can be done with it. Everything shown comes from a web page or an import file: text only, and only web
// links are followed.
import { memo } from 'preact/compat';
import { t } from '@/utils/i18n';
import { siteOf, type SavedEntry } from '@/utils/storage/schema';
import { formatDate, formatMinutes } from '../format';
import { safeHref } from '../SavedList';
import { formatSavedAt } from './format-saved';

export interface ItemActions {
  select(id: string, on: boolean, range: boolean): void;
  update(ids: string[], change: { status?: SavedEntry['status']; removeTags?: string[] }): void;
  tag(ids: string[]): void;
  remove(ids: string[]): void;
}

/** The offline copy, in the reader page (built alongside the library). */
export const readerHref = (id: string) => `reader.html?id=${encodeURIComponent(id)}`;

export const LibraryItem = memo(function LibraryItem(props: { entry: SavedEntry; selected: boolean; actions: ItemActions }) {
  const { entry: e, selected, actions } = props;
  const published = formatDate(e.publishedTime);
  const original = safeHref(e.url);
  const read = e.status !== 'unread';
  return (
    <li
      class={`item status-${e.status}${selected ? ' selected' : ''}`}
      data-testid="library-item"
      data-id={e.id}
      data-status={e.status}
    >
      <input
        type="checkbox"
        class="select"
        data-testid="library-select"
        checked={selected}
        aria-label={t('libraryItemSelect', e.title)}
        onClick={(ev) => actions.select(e.id, (ev.currentTarget as HTMLInputElement).checked, ev.shiftKey)}
      />
      <div class="body">
        <h2 class="title" dir="auto">
          <a href={readerHref(e.id)} data-testid="library-title">
            {e.title}
          </a>
        </h2>
        <p class="meta">
          <span data-testid="library-site">{siteOf(e)}</span>
          {e.byline && (
            <span data-testid="library-byline" dir="auto">
              {e.byline}
            </span>
          )}
          <span>
            {t('libraryItemSaved')} <time dateTime={new Date(e.savedAt).toISOString()}>{formatSavedAt(e.savedAt)}</time>
          </span>
          {published && (
            <span>
              {t('libraryItemPublished')} <time dateTime={e.publishedTime ?? undefined}>{published}</time>
            </span>
          )}
          {e.readingMinutes > 0 && <span data-testid="library-reading-time">{formatMinutes(e.readingMinutes)}</span>}
          {!e.hasBody && (
            <span class="badge" title={t('libraryLinkOnlyTitle')}>
              {t('libraryLinkOnly')}
            </span>
          )}
          {e.status === 'archived' && <span class="badge">{t('libraryStatusArchived')}</span>}
        </p>
        {e.excerpt && (
          <p class="excerpt" dir="auto" data-testid="library-excerpt">
            {e.excerpt}
          </p>
        )}
        {e.tags.length > 0 && (
          <ul class="tags" aria-label={t('libraryTags')}>
            {e.tags.map((tag) => (
              <li key={tag}>
                <span class="tag" data-testid="library-tag">
                  {tag}
                </span>
                <button type="button" class="untag" aria-label={t('libraryRemoveTag', tag)} onClick={() => actions.update([e.id], { removeTags: [tag] })}>
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div class="actions">
        <button
          type="button"
          data-testid="library-toggle-read"
          aria-pressed={read}
          onClick={() => actions.update([e.id], { status: read ? 'unread' : 'read' })}
        >
          {read ? t('libraryMarkUnread') : t('libraryMarkRead')}
        </button>
        <button
          type="button"
          data-testid="library-archive"
          onClick={() => actions.update([e.id], { status: e.status === 'archived' ? 'unread' : 'archived' })}
        >
          {e.status === 'archived' ? t('libraryUnarchive') : t('libraryArchive')}
        </button>
        <button type="button" data-testid="library-tag-button" onClick={() => actions.tag([e.id])}>
          {t('libraryTagAction')}
        </button>
        <button type="button" class="danger" data-testid="library-delete" aria-label={t('libraryDeleteItem', e.title)} onClick={() => actions.remove([e.id])}>
          {t('libraryDelete')}
        </button>
        {original && (
          <a class="original" href={original} target="_blank" rel="noopener noreferrer" data-testid="library-original">
            {t('libraryOriginal')}
          </a>
        )}
      </div>
    </li>
  );
});
