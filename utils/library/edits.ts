// What the reader does to saved articles (status, tags) and how an import meets what is already saved: plain
// functions, shared by the background that writes and the library page that previews.
import type { ReadingStatus, SavedEntry } from '../storage/schema';

export interface EntryChange {
  status?: ReadingStatus;
  addTags?: string[];
  removeTags?: string[];
}

export const TAG_MAX = 50;
export const TAGS_PER_ARTICLE_MAX = 50;

/** A tag as stored: trimmed, inner spaces collapsed, no control characters, at most TAG_MAX characters. */
export function normalizeTag(raw: string): string | null {
  const tag = raw
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, TAG_MAX)
    .trim();
  return tag || null;
}

export function normalizeTags(raw: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of raw) {
    const tag = normalizeTag(t);
    if (tag && !out.includes(tag)) out.push(tag);
  }
  return out.slice(0, TAGS_PER_ARTICLE_MAX);
}

const sameTags = (a: string[], b: string[]) => a.length === b.length && a.every((t, i) => t === b[i]);

/** The entry after the change, or null when the change changes nothing. */
export function applyChange(entry: SavedEntry, change: EntryChange): SavedEntry | null {
  const removed = new Set(normalizeTags(change.removeTags ?? []));
  const tags = normalizeTags([...entry.tags.filter((t) => !removed.has(t)), ...(change.addTags ?? [])]);
  const status = change.status ?? entry.status;
  if (status === entry.status && sameTags(tags, entry.tags)) return null;
  return { ...entry, status, tags };
}

/**
 * An imported article meeting the saved one with the same URL: what the reader has here wins (title, status,
 * date saved), the tags come together, and a clean copy fills in a link saved without one. Null: no change.
 */
export function mergeImported(existing: SavedEntry, incoming: SavedEntry): SavedEntry | null {
  const tags = normalizeTags([...existing.tags, ...incoming.tags]);
  if (!existing.hasBody && incoming.hasBody) {
    return { ...incoming, id: existing.id, status: existing.status, savedAt: existing.savedAt, tags };
  }
  return sameTags(tags, existing.tags) ? null : { ...existing, tags };
}

/** Two rows of one file with the same URL: one article, the fullest copy, every tag, the earliest date. */
export function mergeDuplicates(a: SavedEntry, b: SavedEntry): SavedEntry {
  const base = b.hasBody && !a.hasBody ? b : a;
  const rank: Record<ReadingStatus, number> = { unread: 0, read: 1, archived: 2 };
  return {
    ...base,
    savedAt: Math.min(a.savedAt, b.savedAt),
    status: rank[a.status] >= rank[b.status] ? a.status : b.status,
    tags: normalizeTags([...a.tags, ...b.tags]),
  };
}
