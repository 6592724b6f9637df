import type { SavedEntry } from '@/utils/storage/schema';
import { formatMinutes, hostname } from './format';

export function SavedList({ entries, onRemove }: { entries: SavedEntry[]; onRemove(id: string): void }) {
  return (
    <section class="saved" aria-labelledby="saved-heading">
      <h2 id="saved-heading">Saved ({entries.length})</h2>
      {entries.length === 0 ? (
        <p class="empty">Nothing saved yet. Save an article to read it later, even offline.</p>
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
              <button type="button" class="remove" aria-label={`Remove “${e.title}” from saved`} onClick={() => onRemove(e.id)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
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
