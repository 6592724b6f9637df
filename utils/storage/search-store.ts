// The full-text index in storage.local: segment keys written by the background (the one writer) with each
// save, merged in the background after it, rebuilt from the saved articles when missing; read by the library
// page, which caches the segments it has read (they never change once written).
import type { WxtStorage } from 'wxt/utils/storage';
import {
  buildSegment,
  emptySearchMeta,
  levelOf,
  matchPart,
  MERGE_FANOUT,
  mergeSegments,
  partOf,
  partsFor,
  queryWords,
  SEARCH_FORMAT,
  type IndexedDoc,
  type Postings,
  type SearchMeta,
  type Segment,
  type SegmentInfo,
} from '../library/search-index';
import { SEARCH_KEY, segmentKey, stored, unstored, type LocalKey } from './library-keys';
import { hostOf, type SavedBody, type SavedEntry } from './schema';

/** What of an article the search answers on: title, byline and site first; summary, quotes and body. */
export function indexedDoc(entry: SavedEntry, body: SavedBody | null): IndexedDoc {
  const meta = [entry.title, entry.byline, entry.siteName, hostOf(entry.url)].filter(Boolean).join('\n');
  const text = [
    entry.excerpt,
    ...(body?.summary ?? []),
    ...(body?.quotes ?? []).flatMap((q) => [q.text, q.speaker, q.role]),
    body?.text,
  ]
    .filter(Boolean)
    .join('\n');
  return { id: entry.id, meta, text };
}

export async function readSearchMeta(storage: WxtStorage): Promise<SearchMeta | null> {
  const meta = await storage.getItem<SearchMeta>(SEARCH_KEY);
  return meta && meta.format === SEARCH_FORMAT ? meta : null;
}

export function segmentKeys(id: number, parts: number): LocalKey[] {
  return [segmentKey(id, 'docs'), ...Array.from({ length: parts }, (_, p) => segmentKey(id, p))];
}

function writeSegment(sets: Map<LocalKey, unknown>, id: number, segment: Segment): void {
  sets.set(segmentKey(id, 'docs'), stored(segment.docs));
  segment.parts.forEach((part, p) => sets.set(segmentKey(id, p), stored(part)));
}

/** Adds a segment of `docs` to `meta`, its keys to `sets` (the caller writes both in one transaction). */
export function addSegment(meta: SearchMeta, docs: IndexedDoc[], sets: Map<LocalKey, unknown>, seq?: number): void {
  if (docs.length === 0) return;
  const id = meta.nextSegment++;
  const level = levelOf(docs.length);
  const parts = partsFor(level);
  writeSegment(sets, id, buildSegment(docs, parts));
  meta.segments.push({ id, seq: seq ?? id + 1, level, docs: docs.length, parts });
}

async function readSegments(storage: WxtStorage, infos: SegmentInfo[]): Promise<Segment[]> {
  const values = await storage.getItems(infos.flatMap((s) => segmentKeys(s.id, s.parts)));
  const byKey = new Map(values.map(({ key, value }) => [key, unstored<unknown>(value, null)]));
  return infos.map((s) => ({
    docs: (byKey.get(segmentKey(s.id, 'docs')) as string[] | null) ?? [],
    parts: Array.from({ length: s.parts }, (_, p) => (byKey.get(segmentKey(s.id, p)) as Postings | null) ?? {}),
  }));
}

/** Lets the background answer messages between the parts of a long merge or rebuild. */
const breather = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export interface SearchUpkeepDeps {
  storage: WxtStorage;
  /** Runs a job in the library's write queue (the background's one writer). */
  serial<T>(job: () => Promise<T>): Promise<T>;
  /** Ids of the articles in the library or in the undo trash: the documents worth keeping. */
  liveIds(): Promise<Set<string>>;
  /** Every saved article's searchable text, a batch at a time (for a rebuild). */
  documents(): AsyncIterable<IndexedDoc[]>;
}

export interface SearchUpkeep {
  /** Merges segments until no level holds MERGE_FANOUT of them; one run at a time, outside the write queue. */
  compact(): Promise<void>;
  /** Builds the index from the saved articles when it is missing, half-built, or of another format. */
  ensure(): Promise<void>;
}

export function createSearchUpkeep(deps: SearchUpkeepDeps): SearchUpkeep {
  const { storage, serial } = deps;
  let running: Promise<void> | null = null;
  let again = false;
  // A segment's documents never change once written: read once per background run.
  const docsCache = new Map<number, string[]>();
  const docsOf = async (infos: SegmentInfo[]): Promise<string[][]> => {
    const missing = infos.filter((s) => !docsCache.has(s.id));
    if (missing.length > 0) {
      const values = await storage.getItems(missing.map((s) => segmentKey(s.id, 'docs')));
      missing.forEach((s, i) => docsCache.set(s.id, unstored<string[]>(values[i].value, [])));
    }
    return infos.map((s) => docsCache.get(s.id)!);
  };

  /** Claims a segment id for keys written outside a transaction; a stopped writer's claims are swept later. */
  const reserve = (parts: number) =>
    serial(async () => {
      const meta = (await readSearchMeta(storage)) ?? emptySearchMeta(false);
      const id = meta.nextSegment++;
      meta.pending.push({ id, parts });
      await storage.setItem(SEARCH_KEY, meta);
      return id;
    });

  const sweep = () =>
    serial(async () => {
      const meta = await readSearchMeta(storage);
      if (!meta || meta.pending.length === 0) return;
      await storage.removeItems(meta.pending.flatMap((p) => segmentKeys(p.id, p.parts)));
      meta.pending = [];
      await storage.setItem(SEARCH_KEY, meta);
    });

  const mergeOnce = async (): Promise<boolean> => {
    const meta = await readSearchMeta(storage);
    if (!meta?.complete) return false;
    const byLevel = new Map<number, SegmentInfo[]>();
    for (const s of meta.segments) byLevel.set(s.level, [...(byLevel.get(s.level) ?? []), s]);
    const level = [...byLevel.keys()].sort((a, b) => a - b).find((l) => byLevel.get(l)!.length >= MERGE_FANOUT);
    if (level === undefined) return false;
    const sources = byLevel
      .get(level)!
      .sort((a, b) => a.seq - b.seq)
      .slice(0, MERGE_FANOUT);
    const sourceIds = new Set(sources.map((s) => s.id));
    const others = meta.segments.filter((s) => !sourceIds.has(s.id));
    const [segments, otherDocs, live] = await Promise.all([readSegments(storage, sources), docsOf(others), deps.liveIds()]);
    // The newest copy of each article held outside the merge: a source's older copy of it is dropped.
    const newestElsewhere = new Map<string, number>();
    others.forEach((s, i) => {
      for (const id of otherDocs[i]) newestElsewhere.set(id, Math.max(newestElsewhere.get(id) ?? -Infinity, s.seq));
    });
    const merged = await mergeSegments(
      segments,
      (id, i) => live.has(id) && (newestElsewhere.get(id) ?? -Infinity) < sources[i].seq,
      (docs) => partsFor(levelOf(docs)),
      breather,
    );
    const parts = merged.parts.length;
    const id = merged.docs.length > 0 ? await reserve(parts) : null;
    if (id !== null) {
      const sets = new Map<LocalKey, unknown>();
      writeSegment(sets, id, merged);
      // Unreferenced until the swap below, so written a few keys at a time, letting saves through between.
      const entries = [...sets].map(([key, value]) => ({ key, value }));
      for (let i = 0; i < entries.length; i += 16) {
        await storage.setItems(entries.slice(i, i + 16));
        await breather();
      }
    }
    const swapped = await serial(async () => {
      const now = await readSearchMeta(storage);
      if (!now) return false;
      const present = new Set(now.segments.map((s) => s.id));
      if (!sources.every((s) => present.has(s.id))) return false;
      now.segments = now.segments.filter((s) => !sourceIds.has(s.id));
      if (id !== null) {
        now.segments.push({ id, seq: Math.max(...sources.map((s) => s.seq)), level: levelOf(merged.docs.length), docs: merged.docs.length, parts });
        now.pending = now.pending.filter((p) => p.id !== id);
      }
      await storage.setItem(SEARCH_KEY, now);
      return true;
    });
    const stale = swapped ? sources : id !== null ? [{ id, parts }] : [];
    for (const s of stale) docsCache.delete(s.id);
    await storage.removeItems(stale.flatMap((s) => segmentKeys(s.id, s.parts))).catch(() => {});
    return swapped;
  };

  const rebuild = async () => {
    await serial(async () => {
      const old = await storage.getItem<SearchMeta>(SEARCH_KEY);
      // Segments added by saves during an interrupted rebuild are kept (they win over the rebuilt copies).
      const kept = old?.format === SEARCH_FORMAT ? old.segments : [];
      const meta: SearchMeta = { ...emptySearchMeta(false), segments: kept, nextSegment: old?.nextSegment ?? 0 };
      if (old?.format !== SEARCH_FORMAT && old) {
        await storage.removeItems(old.segments.flatMap((s) => segmentKeys(s.id, s.parts))).catch(() => {});
        meta.segments = [];
      }
      await storage.setItem(SEARCH_KEY, meta);
    });
    const built: SegmentInfo[] = [];
    for await (const docs of deps.documents()) {
      const parts = partsFor(levelOf(docs.length));
      const id = await reserve(parts);
      const sets = new Map<LocalKey, unknown>();
      writeSegment(sets, id, buildSegment(docs, parts));
      await storage.setItems([...sets].map(([key, value]) => ({ key, value })));
      await breather();
      // Rebuilt copies rank below anything saved meanwhile.
      built.push({ id, seq: 0, level: levelOf(docs.length), docs: docs.length, parts });
    }
    await serial(async () => {
      const meta = (await readSearchMeta(storage)) ?? emptySearchMeta(false);
      const ids = new Set(built.map((b) => b.id));
      meta.segments.push(...built);
      meta.pending = meta.pending.filter((p) => !ids.has(p.id));
      meta.complete = true;
      await storage.setItem(SEARCH_KEY, meta);
    });
  };

  const compact = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          while (await mergeOnce());
        } while (again);
      } catch (e) {
        console.warn('Lede: search index merge failed (searches still work, over more segments)', e);
      } finally {
        running = null;
      }
    })();
    return running;
  };

  return {
    compact,
    async ensure() {
      await sweep();
      const meta = await readSearchMeta(storage);
      if (!meta?.complete) await rebuild();
      await compact();
    },
  };
}

/** Article id -> how many of the query's words it matched in its title, byline or site (the rank). */
export type SearchHits = Map<string, number>;

export interface SearchReader {
  /** Null while the index is being built (the caller falls back to titles). */
  search(query: string): Promise<SearchHits | null>;
  /** Reads ahead what every search needs (which article each segment holds), so the first keystroke does not. */
  warm(): Promise<void>;
  /**
   * storage.onChanged for the local area, given before anything that searches again on a change: the list of
   * segments is read once and kept until it changes, not read again on every keystroke.
   */
  storageChanged(changes: Record<string, unknown>): void;
}

export function createSearchReader(storage: WxtStorage): SearchReader {
  const cache = new Map<string, unknown>();
  let ownersFor = '';
  let owners = new Map<string, number>();
  let meta: Promise<SearchMeta | null> | null = null;

  const currentMeta = () =>
    (meta ??= readSearchMeta(storage).catch((e) => {
      meta = null;
      throw e;
    }));

  const fetch = async (keys: LocalKey[]) => {
    const missing = keys.filter((k) => !cache.has(k));
    if (missing.length > 0) for (const { key, value } of await storage.getItems(missing)) cache.set(key, unstored<unknown>(value, null));
  };

  /** Which segment holds each article's newest copy (the segments' documents read); forgets what merged segments left behind. */
  const ownersOf = (segments: SegmentInfo[]) => {
    const signature = segments.map((s) => s.id).join(',');
    if (signature === ownersFor) return;
    owners = new Map();
    const bySeq = [...segments].sort((a, b) => a.seq - b.seq);
    for (const s of bySeq) for (const id of cache.get(segmentKey(s.id, 'docs')) as string[]) owners.set(id, s.id);
    const live = new Set(segments.map((s) => String(s.id)));
    for (const key of cache.keys()) if (!live.has(key.split(':')[2])) cache.delete(key);
    ownersFor = signature;
  };

  return {
    storageChanged(changes) {
      if (SEARCH_KEY.slice('local:'.length) in changes) meta = null;
    },
    async warm() {
      const now = await currentMeta();
      if (!now?.complete) return;
      await fetch(now.segments.map((s) => segmentKey(s.id, 'docs')));
      ownersOf(now.segments);
    },
    async search(query) {
      const now = await currentMeta();
      if (!now?.complete) return null;
      const words = queryWords(query);
      if (words.length === 0) return new Map();
      const segments = now.segments;
      await fetch([
        ...segments.map((s) => segmentKey(s.id, 'docs')),
        ...segments.flatMap((s) => words.map((w) => segmentKey(s.id, partOf(w, s.parts)))),
      ]);
      ownersOf(segments);
      let result: SearchHits | null = null;
      for (const word of words) {
        const found: SearchHits = new Map();
        for (const s of segments) {
          const docs = cache.get(segmentKey(s.id, 'docs')) as string[];
          const part = cache.get(segmentKey(s.id, partOf(word, s.parts))) as Postings | null;
          if (!part) continue;
          for (const [doc, inMeta] of matchPart(part, word)) {
            const id = docs[doc];
            if (owners.get(id) !== s.id || (result && !result.has(id))) continue;
            found.set(id, Math.max(found.get(id) ?? 0, inMeta ? 1 : 0));
          }
        }
        if (result) for (const [id, score] of found) found.set(id, score + result.get(id)!);
        result = found;
        if (result.size === 0) break;
      }
      return result ?? new Map();
    },
  };
}
