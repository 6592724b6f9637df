// The saved-articles repository. Any extension page reads (createSavedReader); only the background writes
// (createSavedStore), one change at a time through a queue, each change one storage.local.set(). The layout
// (library-keys.ts) keeps the list apart from the bodies and in shards, so the popup reads the newest shard,
// a save rewrites one small shard, and nothing reads all 10,000 entries unless it shows them all.
import type { WxtStorage, WxtStorageItem } from 'wxt/utils/storage';
import { applyChange, mergeDuplicates, mergeImported, type EntryChange } from '../library/edits';
import type { IndexedDoc, SearchMeta, SegmentInfo } from '../library/search-index';
import {
  bodyKey,
  progressKey,
  ID_BUCKETS,
  idsKey,
  INDEX_KEY,
  LIBRARY_VERSION,
  SEARCH_KEY,
  shardKey,
  TRASH_KEY,
  unstored,
  type IdBucket,
  type Location,
} from './library-keys';
import { migrateV1toV2, migrateV2toV3 } from './library-migrations';
import { locateIn } from './library-lookup';
import { LibraryTx } from './library-tx';
import { describeStorageError } from './storage-errors';
import { addSegment, createSearchUpkeep, indexedDoc, readSearchMeta, segmentKeys, type SearchUpkeep } from './search-store';
import {
  emptyLibraryIndex,
  isLibraryIndex,
  type LibraryIndex,
  type SavedArticle,
  type SavedBody,
  type SavedEntry,
} from './schema';
import { createWriteQueue } from './write-queue';

export { bodyKey, INDEX_KEY } from './library-keys';

export interface SavedReader {
  /** Shards, counts of statuses, tags and sites. */
  index(): Promise<LibraryIndex>;
  /** The `limit` newest entries, reading only the shards that hold them (from `index` when the caller has it). */
  recent(limit: number, index?: LibraryIndex): Promise<SavedEntry[]>;
  /** Every entry, newest first. */
  list(): Promise<SavedEntry[]>;
  /** Whether the article (by id) is saved, from one small key. */
  locate(id: string): Promise<Location | null>;
  isSaved(id: string): Promise<boolean>;
  /** Ids of every saved article (the id map: about 25 bytes an article). */
  savedIds(): Promise<Set<string>>;
  get(id: string): Promise<SavedArticle | null>;
  /** Bodies by id, in one read. */
  bodies(ids: string[]): Promise<Map<string, SavedBody>>;
  /** How far the reader got in the saved copy (0..1), or null when it was never opened. */
  progress(id: string): Promise<number | null>;
}

export interface ImportOutcome {
  added: number;
  /** Already saved: tags joined, or the clean copy filled in. */
  merged: number;
  unchanged: number;
  settings: boolean;
}

export interface SavedStore extends SavedReader {
  /** Saves or refreshes the article (same id = same URL); a re-save keeps status, tags and date saved. */
  save(article: SavedArticle): Promise<SavedEntry>;
  /** Unsaves one article (undoable like delete()); false when it was not saved. */
  remove(id: string): Promise<boolean>;
  update(ids: string[], change: EntryChange): Promise<number>;
  /** Deletes articles; the last deletion can be undone until the next one. */
  delete(ids: string[]): Promise<number>;
  undoDelete(): Promise<number>;
  /** Gives a link saved without body its clean copy; false when there was nothing to fill. */
  fillBody(article: SavedArticle): Promise<boolean>;
  /** An import arrives in chunks; nothing shows in the library until commitImport(). */
  stageImport(importId: string, articles: SavedArticle[]): Promise<number>;
  commitImport(importId: string, settings?: unknown): Promise<ImportOutcome>;
  abortImport(importId: string): Promise<boolean>;
  /** Remembers how far the reader got in a saved article's copy; false when the article is not saved. */
  setProgress(id: string, fraction: number): Promise<boolean>;
  /** The library at the current version (runs the migrations once). */
  ready(): Promise<LibraryIndex>;
  search: SearchUpkeep;
}

interface Trash {
  deletedAt: number;
  entries: SavedEntry[];
}

export const SETTINGS_KEY = 'local:settings' as const;

export function createSavedReader(storage: WxtStorage, migrate?: () => Promise<unknown>): SavedReader {
  const index = async (): Promise<LibraryIndex> => {
    let value = await storage.getItem<unknown>(INDEX_KEY);
    // An earlier layout (version 1's array, version 2's object) until the background has moved it.
    if (value != null && typeof value !== 'string' && migrate) {
      await migrate();
      value = await storage.getItem<unknown>(INDEX_KEY);
    }
    if (value == null) return emptyLibraryIndex();
    const index = unstored<unknown>(value, null);
    if (!isLibraryIndex(index)) throw new Error('The saved articles are being upgraded; try again in a moment.');
    return index;
  };
  const shards = async (ids: number[]): Promise<SavedEntry[]> => {
    if (ids.length === 0) return [];
    const values = await storage.getItems(ids.map(shardKey));
    return values.flatMap(({ value }) => unstored<SavedEntry[]>(value, []));
  };
  const locate = (id: string) => locateIn(storage, id);
  const bodies = async (ids: string[]) => {
    const out = new Map<string, SavedBody>();
    if (ids.length === 0) return out;
    for (const { key, value } of await storage.getItems(ids.map(bodyKey))) {
      if (value) out.set(key.slice('local:body:'.length), value as SavedBody);
    }
    return out;
  };
  return {
    index,
    async recent(limit, known) {
      const wanted: number[] = [];
      let count = 0;
      for (const s of (known ?? (await index())).shards) {
        if (count >= limit) break;
        wanted.push(s.id);
        count += s.count;
      }
      return (await shards(wanted)).slice(0, limit);
    },
    list: async () => shards((await index()).shards.map((s) => s.id)),
    locate,
    isSaved: async (id) => (await locate(id)) !== null,
    async savedIds() {
      const values = await storage.getItems(Array.from({ length: ID_BUCKETS }, (_, b) => idsKey(b)));
      return new Set(values.flatMap(({ value }) => Object.keys(unstored<IdBucket>(value, {}))));
    },
    async get(id) {
      const at = await locate(id);
      if (!at) return null;
      const [list, body] = await Promise.all([storage.getItem(shardKey(at[0])), at[1] ? storage.getItem<SavedBody>(bodyKey(id)) : null]);
      const entry = unstored<SavedEntry[]>(list, []).find((e) => e.id === id);
      return entry ? { ...entry, body: body ?? null } : null;
    },
    bodies,
    async progress(id) {
      const at = await storage.getItem<number>(progressKey(id));
      return typeof at === 'number' && at >= 0 && at <= 1 ? at : null;
    },
  };
}

interface StagedImport {
  entries: Map<string, SavedEntry>;
  /** Body keys this import wrote, for articles that had none: taken back if it does not commit. */
  bodies: Set<string>;
  segments: SegmentInfo[];
}

export function createSavedStore(storage: WxtStorage, now: () => number = Date.now): SavedStore {
  // Defined on first use: WXT starts an item's migrations as soon as it is defined, and a page that only
  // reads should not start one (the background does, at start-up).
  let root: WxtStorageItem<string | null, Record<string, unknown>> | null = null;
  // Once the library is seen at the current version it stays there: only this writer changes it.
  let current = false;
  const ready = async (): Promise<LibraryIndex> => {
    root ??= storage.defineItem<string | null>(INDEX_KEY, {
      version: LIBRARY_VERSION,
      migrations: { 2: (v1: unknown) => migrateV1toV2(storage, v1), 3: (v2: unknown) => migrateV2toV3(storage, v2) },
    });
    let value: unknown = await root.getValue();
    if (!current) {
      // WXT logs a failed migration and carries on with the old value: run it again, and let it throw.
      const [raw, meta] = await storage.getItems([INDEX_KEY, `${INDEX_KEY}$`]);
      if (raw.value != null && ((meta.value as { v?: number } | null)?.v ?? 1) < LIBRARY_VERSION) {
        await root.migrate();
        value = await root.getValue();
      }
    }
    const index = value == null ? emptyLibraryIndex() : unstored<unknown>(value, null);
    if (!isLibraryIndex(index)) throw new Error('The saved articles could not be read: their index is damaged.');
    current = true;
    return index;
  };
  const reader = createSavedReader(storage, ready);
  const serial = createWriteQueue();

  // Ids of the saved articles, by id bucket, kept in memory by the one writer as it writes: the badge asks on
  // every change and the index merges on every few saves, and neither should read the id map each time.
  let ids: Promise<Map<number, Set<string>>> | null = null;
  const idsByBucket = () =>
    (ids ??= ready()
      .then(() => storage.getItems(Array.from({ length: ID_BUCKETS }, (_, b) => idsKey(b))))
      .then((values) => new Map(values.map(({ value }, b) => [b, new Set(Object.keys(unstored<IdBucket>(value, {})))])))
      .catch((e) => {
        ids = null;
        throw e;
      }));

  // The index as this writer's last change left it: every change goes through here, so the next one need not
  // read it again (a storage read waits its turn in the browser's busy process, milliseconds each on a loaded machine).
  let written: LibraryIndex | null = null;
  const transact = <T>(change: (tx: LibraryTx) => Promise<T>): Promise<T> =>
    serial(async () => {
      const tx = new LibraryTx(storage, structuredClone(written ?? (await ready())));
      const out = await change(tx);
      // Storage listeners (the badge) may ask for the ids as soon as the write lands, even before the write's
      // promise settles: from here on they wait for the ids as this write leaves them (as they were if it fails).
      let landed!: (ok: boolean) => void;
      const outcome = new Promise<boolean>((resolve) => (landed = resolve));
      const before = ids;
      if (before) {
        const gated = outcome.then(async (ok) => {
          const known = await before;
          if (ok) for (const [b, bucket] of tx.changedBuckets()) known.set(b, new Set(Object.keys(bucket)));
          return known;
        });
        ids = gated;
        gated.catch(() => {
          if (ids === gated) ids = null;
        });
      }
      try {
        await tx.commit();
        written = tx.index;
        landed(true);
      } catch (e) {
        written = null;
        landed(false);
        throw new Error(describeStorageError(e));
      }
      return out;
    });
  const savedIds = async () => new Set([...(await idsByBucket()).values()].flatMap((set) => [...set]));

  /** Adds a segment for `docs` to the search index in the same transaction (when the index exists). */
  const indexInTx = (tx: LibraryTx, docs: IndexedDoc[], meta: SearchMeta | null) => {
    if (!meta || docs.length === 0) return;
    addSegment(meta, docs, tx.sets);
    tx.sets.set(SEARCH_KEY, meta);
  };

  const liveIds = async () => {
    const live = await savedIds();
    const trash = await storage.getItem<Trash>(TRASH_KEY);
    for (const e of trash?.entries ?? []) live.add(e.id);
    return live;
  };

  async function* documents(): AsyncIterable<IndexedDoc[]> {
    const entries = await reader.list();
    for (let i = 0; i < entries.length; i += 256) {
      const batch = entries.slice(i, i + 256);
      const bodies = await reader.bodies(batch.filter((e) => e.hasBody).map((e) => e.id));
      yield batch.map((e) => indexedDoc(e, bodies.get(e.id) ?? null));
    }
  }

  const search = createSearchUpkeep({ storage, serial, liveIds, documents });
  const afterWrite = <T>(result: T): T => {
    void search.compact();
    return result;
  };

  const staged = new Map<string, StagedImport>();

  const store: SavedStore = {
    ...reader,
    savedIds,
    ready,
    search,

    save: (article) =>
      transact(async (tx) => {
        const { body, ...entry } = article;
        // What a save reads, asked at once: its id bucket, the newest shard (where a new save goes), the search index's list.
        const [meta] = await Promise.all([readSearchMeta(storage), tx.load([entry.id], tx.index.shards.slice(0, 1).map((s) => s.id))]);
        const [previous] = await tx.entries([entry.id]);
        // Saving the link of a page saved with its clean copy changes nothing.
        if (previous?.hasBody && !body) return previous;
        const stored: SavedEntry = previous
          ? { ...entry, status: previous.status, tags: previous.tags, savedAt: previous.savedAt }
          : entry;
        if (previous) await tx.replace([stored]);
        else await tx.insert([stored]);
        if (body) tx.putBody(stored.id, body);
        indexInTx(tx, [indexedDoc(stored, body)], meta);
        return stored;
      }).then(afterWrite),

    remove: async (id) => (await store.delete([id])) > 0,

    setProgress: (id, fraction) =>
      serial(async () => {
        if (!(await locateIn(storage, id))?.[1]) return false;
        try {
          await storage.setItem(progressKey(id), Math.round(Math.min(1, Math.max(0, fraction)) * 1000) / 1000);
        } catch (e) {
          throw new Error(describeStorageError(e));
        }
        return true;
      }),

    update: (ids, change) =>
      transact(async (tx) => {
        const changed = (await tx.entries(ids)).flatMap((e) => applyChange(e, change) ?? []);
        await tx.replace(changed);
        return changed.length;
      }),

    delete: (ids) =>
      transact(async (tx) => {
        const removed = await tx.remove(ids);
        if (removed.length === 0) return 0;
        const gone = new Set(removed.map((e) => e.id));
        const previous = await storage.getItem<Trash>(TRASH_KEY);
        if (previous) {
          // The deletion before this one can no longer be undone: its bodies go, unless saved again since.
          await tx.load(previous.entries.map((e) => e.id));
          for (const e of previous.entries) if (!tx.locate(e.id) && !gone.has(e.id)) tx.dropBody(e.id);
        }
        tx.sets.set(TRASH_KEY, { deletedAt: now(), entries: removed } satisfies Trash);
        return removed.length;
      }),

    undoDelete: () =>
      transact(async (tx) => {
        const trash = await storage.getItem<Trash>(TRASH_KEY);
        if (!trash) return 0;
        await tx.load(trash.entries.map((e) => e.id));
        // One saved again meanwhile keeps its new copy.
        const back = trash.entries.filter((e) => !tx.locate(e.id));
        await tx.insert(back);
        tx.removes.add(TRASH_KEY);
        return back.length;
      }),

    fillBody: (article) =>
      transact(async (tx) => {
        const { body, ...entry } = article;
        const [previous] = await tx.entries([entry.id]);
        if (!previous || previous.hasBody || !body) return false;
        const stored: SavedEntry = { ...entry, status: previous.status, tags: previous.tags, savedAt: previous.savedAt, hasBody: true };
        await tx.replace([stored]);
        tx.putBody(stored.id, body);
        indexInTx(tx, [indexedDoc(stored, body)], await readSearchMeta(storage));
        return true;
      }).then(afterWrite),

    stageImport: (importId, articles) =>
      serial(async () => {
        const state: StagedImport = staged.get(importId) ?? { entries: new Map(), bodies: new Set(), segments: [] };
        staged.set(importId, state);
        const tx = new LibraryTx(storage, emptyLibraryIndex());
        await tx.load(articles.map((a) => a.id));
        const sets = new Map<`local:${string}`, unknown>();
        const docs: IndexedDoc[] = [];
        for (const { body, ...entry } of articles) {
          const had = state.entries.get(entry.id);
          state.entries.set(entry.id, had ? mergeDuplicates(had, entry) : entry);
          // The library's clean copy stays, and so does the first one this import brought.
          if (tx.locate(entry.id)?.[1] || had?.hasBody) continue;
          if (body) {
            sets.set(bodyKey(entry.id), body);
            state.bodies.add(entry.id);
          }
          docs.push(indexedDoc(entry, body));
        }
        const meta = await readSearchMeta(storage);
        if (meta && docs.length > 0) {
          const before = meta.segments.length;
          addSegment(meta, docs, sets);
          // Written now, counted at commit: until then the segment is pending (swept if the import dies).
          const added = meta.segments.splice(before)[0];
          meta.pending.push({ id: added.id, parts: added.parts });
          state.segments.push(added);
          sets.set(SEARCH_KEY, meta);
        }
        try {
          await storage.setItems([...sets].map(([key, value]) => ({ key, value })));
        } catch (e) {
          throw new Error(describeStorageError(e));
        }
        return articles.length;
      }),

    commitImport: (importId, settings) =>
      transact(async (tx) => {
        const state = staged.get(importId);
        if (!state) throw new Error('This import was interrupted (the browser restarted Lede); please import the file again.');
        staged.delete(importId);
        const incoming = [...state.entries.values()];
        const existing = new Map((await tx.entries(incoming.map((e) => e.id))).map((e) => [e.id, e]));
        const outcome: ImportOutcome = { added: 0, merged: 0, unchanged: 0, settings: settings != null };
        const fresh: SavedEntry[] = [];
        const changed: SavedEntry[] = [];
        for (const entry of incoming) {
          const have = existing.get(entry.id);
          if (!have) {
            fresh.push(entry);
            outcome.added++;
            continue;
          }
          const merged = mergeImported(have, entry);
          if (merged) changed.push(merged);
          outcome[merged ? 'merged' : 'unchanged']++;
        }
        await tx.insert(fresh);
        await tx.replace(changed);
        if (settings != null) tx.sets.set(SETTINGS_KEY, settings);
        const meta = await readSearchMeta(storage);
        if (meta) {
          const ids = new Set(state.segments.map((s) => s.id));
          meta.pending = meta.pending.filter((p) => !ids.has(p.id));
          meta.segments.push(...state.segments);
          tx.sets.set(SEARCH_KEY, meta);
        }
        return outcome;
      }).then(afterWrite),

    abortImport: (importId) =>
      serial(async () => {
        const state = staged.get(importId);
        if (!state) return false;
        staged.delete(importId);
        const tx = new LibraryTx(storage, emptyLibraryIndex());
        await tx.load(state.bodies);
        // A body written by this import goes, unless its article has gained its own copy since.
        const bodies = [...state.bodies].filter((id) => !tx.locate(id)?.[1]).map(bodyKey);
        const meta = await readSearchMeta(storage);
        await storage.removeItems([...bodies, ...state.segments.flatMap((s) => segmentKeys(s.id, s.parts))]);
        if (meta) {
          const ids = new Set(state.segments.map((s) => s.id));
          meta.pending = meta.pending.filter((p) => !ids.has(p.id));
          await storage.setItem(SEARCH_KEY, meta);
        }
        return true;
      }),
  };
  return store;
}
