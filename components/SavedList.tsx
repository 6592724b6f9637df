import { useLayoutEffect } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '@/utils/i18n';
import type { SavedEntry } from '@/utils/storage/schema';
import { formatMinutes, hostname } from './format';

/** `total`: how many are saved in all, when `entries` are only the newest of them. */
export function SavedList({ entries, total, onRemove }: { entries: SavedEntry[]; total?: number; onRemove(id: string): void }) {
  // For the benchmark (npm run bench -- --only library): when the list first shows.
  useLayoutEffect(() => {
    if (entries.length > 0 && performance.getEntriesByName('lede:saved-list').length === 0) performance.mark('lede:saved-list');
  }, [entries]);
  const libraryUrl = browser.runtime.getURL('/library.html');
  return (
    <section class="saved" aria-labelledby="saved-heading">
      <h2 id="saved-heading">{t('savedHeading', total ?? entries.length)}</h2>
      {entries.length === 0 ? (
        <p class="empty">{t('savedEmpty')}</p>
      ) : (
        <ul>
          {entries.map((e) => (
            <li data-testid="saved-item" key={e.id}>
              <a href={safeHref(e.url)} target="_blank" rel="noopener noreferrer" dir="auto">
                {e.title}
              </a>
              <span class="meta">
                {e.siteName ?? hostname(e.url)}
                {e.readingMinutes > 0 && ` · ${formatMinutes(e.readingMinutes)}`}
              </span>
              <button type="button" class="remove" aria-label={t('savedRemove', e.title)} onClick={() => onRemove(e.id)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <p class="open-library">
        <a
          href={libraryUrl}
          target="_blank"
          data-testid="open-library"
          onClick={(e) => {
            // An extension page opens in a tab of its own (the popup closes as it loses focus).
            e.preventDefault();
            void browser.tabs.create({ url: libraryUrl });
          }}
        >
          {t('menuOpenLibrary')}
        </a>
      </p>
    </section>
  );
}

/** Only web links are followed: a saved or imported `javascript:` URL must never become clickable. */
export function safeHref(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}
