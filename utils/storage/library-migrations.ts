// Migrations of the saved library, one per version of `local:saved-index`, run by WXT in the background only
// (the one writer). Each is deterministic, so one interrupted halfway runs again to the same keys.
import type { WxtStorage } from 'wxt/utils/storage';
import { ID_BUCKETS, idBucket, idsKey, INDEX_KEY, shardKey, stored, type IdBucket, type LocalKey } from './library-keys';
import { LibraryTx } from './library-tx';
import { emptyLibraryIndex, isLibraryIndex, READING_STATUSES, type LibraryIndex, type SavedEntry } from './schema';

/**
 * Version 1 kept every entry in one array under `local:saved-index` (newest first) and each body under
 * `local:body:<id>`. Version 2 spreads the entries over shards with an id map; the bodies stay where they are.
 * (Shards and buckets are written as today's code writes them; the move to version 3 reads either.)
 */
export async function migrateV1toV2(storage: WxtStorage, v1: unknown): Promise<LibraryIndex> {
  const seen = new Set<string>();
  const entries: SavedEntry[] = [];
  for (const raw of Array.isArray(v1) ? (v1 as Partial<SavedEntry>[]) : []) {
    if (typeof raw?.id !== 'string' || typeof raw.url !== 'string' || seen.has(raw.id)) continue;
    seen.add(raw.id);
    entries.push({
      id: raw.id,
      url: raw.url,
      title: typeof raw.title === 'string' && raw.title ? raw.title : raw.url,
      siteName: raw.siteName ?? null,
      byline: raw.byline ?? null,
      publishedTime: raw.publishedTime ?? null,
      savedAt: Number.isFinite(raw.savedAt) ? raw.savedAt! : 0,
      readingMinutes: Number.isFinite(raw.readingMinutes) ? raw.readingMinutes! : 0,
      excerpt: raw.excerpt ?? null,
      status: READING_STATUSES.includes(raw.status!) ? raw.status! : 'unread',
      tags: Array.isArray(raw.tags) ? raw.tags.filter((t) => typeof t === 'string') : [],
      hasBody: raw.hasBody === true,
    });
  }
  const tx = new LibraryTx(storage, emptyLibraryIndex());
  await tx.insert(entries);
  tx.finish();
  // WXT writes the index itself, with its version, once this returns.
  tx.sets.delete(INDEX_KEY);
  tx.sets.delete(`${INDEX_KEY}$`);
  await storage.setItems([...tx.sets].map(([key, value]) => ({ key, value })));
  return tx.index;
}

/**
 * Version 3 spreads the id map over 256 buckets instead of 16 (the same key names, `local:ids:<n>`) and keeps
 * the index, shards and buckets as JSON text. The buckets are made again from the shards' entries, which this
 * only re-encodes: run twice, or after a stop halfway, it writes the same keys.
 */
export async function migrateV2toV3(storage: WxtStorage, v2: unknown): Promise<unknown> {
  if (!isLibraryIndex(v2)) return v2;
  const sets = new Map<LocalKey, string>();
  const buckets = new Map<number, IdBucket>();
  const shards = await storage.getItems(v2.shards.map((s) => shardKey(s.id)));
  shards.forEach(({ key, value }, i) => {
    if (value == null) return;
    // A version 2 shard is an array; one the version 1 migration has just written (with today's code) is text.
    const entries = (typeof value === 'string' ? JSON.parse(value) : value) as SavedEntry[];
    sets.set(key as LocalKey, stored(entries));
    for (const e of entries) {
      const b = idBucket(e.id);
      if (!buckets.has(b)) buckets.set(b, {});
      buckets.get(b)![e.id] = [v2.shards[i].id, e.hasBody ? 1 : 0];
    }
  });
  for (const [b, bucket] of buckets) sets.set(idsKey(b), stored(bucket));
  await storage.setItems([...sets].map(([key, value]) => ({ key, value })));
  const empty = Array.from({ length: ID_BUCKETS }, (_, b) => b).filter((b) => !buckets.has(b));
  if (empty.length > 0) await storage.removeItems(empty.map(idsKey));
  // WXT writes it, with the version, once this returns.
  return stored(v2);
}
