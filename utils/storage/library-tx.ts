// One change to the saved library, gathered in memory and written with ONE storage.local.set(): either every
// key of the change is written or none is, so a failed write (quota, a browser error) leaves the library as it
// was. Keys no longer referenced (an emptied shard, a purged body) are removed after the set; if that removal
// fails they are only unreferenced leftovers.
import type { WxtStorage } from 'wxt/utils/storage';
import {
  bodyKey,
  progressKey,
  idBucket,
  idsKey,
  INDEX_KEY,
  LIBRARY_VERSION,
  shardKey,
  SHARD_MAX,
  SHARD_MIN,
  stored,
  unstored,
  type IdBucket,
  type LocalKey,
  type Location,
} from './library-keys';
import { type LibraryIndex, type SavedBody, type SavedEntry, type ShardInfo } from './schema';

/** Newest first; the same instant sorts by id so every context orders a shard the same way. */
export const byNewest = (a: SavedEntry, b: SavedEntry) => b.savedAt - a.savedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export class LibraryTx {
  readonly sets = new Map<LocalKey, unknown>();
  readonly removes = new Set<LocalKey>();
  private readonly shards = new Map<number, SavedEntry[]>();
  private readonly dirtyShards = new Set<number>();
  private readonly buckets = new Map<number, IdBucket>();
  private readonly dirtyBuckets = new Set<number>();

  constructor(
    private readonly storage: WxtStorage,
    readonly index: LibraryIndex,
  ) {}

  /** Reads, in one call, the id buckets of `ids` and the `shards` not read yet. */
  async load(ids: Iterable<string>, shards: Iterable<number> = []): Promise<void> {
    const keys: LocalKey[] = [];
    for (const b of new Set([...ids].map(idBucket))) if (!this.buckets.has(b)) keys.push(idsKey(b));
    for (const s of new Set(shards)) if (!this.shards.has(s)) keys.push(shardKey(s));
    if (keys.length === 0) return;
    for (const { key, value } of await this.storage.getItems(keys)) {
      const [, kind, n] = key.split(':');
      if (kind === 'ids') this.buckets.set(Number(n), unstored<IdBucket>(value, {}));
      else this.shards.set(Number(n), unstored<SavedEntry[]>(value, []));
    }
  }

  /** Where the article lives, once its bucket is loaded. */
  locate(id: string): Location | undefined {
    return this.bucket(id)[id];
  }

  /** The stored entries of `ids` (those that exist), reading what they need. */
  async entries(ids: string[]): Promise<SavedEntry[]> {
    await this.load(ids);
    const located = ids.map((id) => [id, this.locate(id)] as const).filter(([, at]) => at);
    await this.load([], located.map(([, at]) => at![0]));
    const out: SavedEntry[] = [];
    for (const [id, at] of located) {
      const entry = this.shards.get(at![0])!.find((e) => e.id === id);
      if (entry) out.push(entry);
    }
    return out;
  }

  /** Adds entries that are not in the library yet (their buckets loaded: check with locate() first). */
  async insert(entries: SavedEntry[]): Promise<void> {
    if (entries.length === 0) return;
    if (this.index.shards.length === 0) this.index.shards.push(this.newShard());
    const byShard = new Map<number, SavedEntry[]>();
    for (const e of entries) {
      const info = this.index.shards[targetShard(this.index.shards, e.savedAt)];
      byShard.set(info.id, [...(byShard.get(info.id) ?? []), e]);
    }
    await this.load(
      entries.map((e) => e.id),
      byShard.keys(),
    );
    for (const [shard, added] of byShard) {
      const list = this.shards.get(shard)!;
      list.push(...added);
      for (const e of added) {
        this.account(e, 1);
        this.place(e.id, shard, e.hasBody);
      }
      this.touch(shard);
    }
    for (const shard of byShard.keys()) await this.split(shard);
  }

  /** Replaces stored entries by id with new versions of them (a changed date moves the entry). */
  async replace(entries: SavedEntry[]): Promise<void> {
    const moved: SavedEntry[] = [];
    for (const next of entries) {
      const at = this.locate(next.id);
      if (!at) throw new Error(`Not in the library: ${next.id}`);
      const list = this.shards.get(at[0])!;
      const i = list.findIndex((e) => e.id === next.id);
      this.account(list[i], -1);
      if (list[i].savedAt === next.savedAt) {
        list[i] = next;
        this.account(next, 1);
        this.place(next.id, at[0], next.hasBody);
        this.touch(at[0]);
      } else {
        list.splice(i, 1);
        this.touch(at[0]);
        delete this.bucket(next.id)[next.id];
        moved.push(next);
      }
    }
    await this.insert(moved);
  }

  /** Takes entries out of the index (their bodies stay: the caller removes or keeps them). */
  async remove(ids: string[]): Promise<SavedEntry[]> {
    const found = await this.entries(ids);
    const emptied = new Set<number>();
    for (const e of found) {
      const [shard] = this.locate(e.id)!;
      const list = this.shards.get(shard)!;
      list.splice(
        list.findIndex((x) => x.id === e.id),
        1,
      );
      delete this.bucket(e.id)[e.id];
      this.dirtyBuckets.add(idBucket(e.id));
      this.account(e, -1);
      this.touch(shard);
      emptied.add(shard);
    }
    for (const shard of emptied) await this.shrink(shard);
    return found;
  }

  putBody(id: string, body: SavedBody): void {
    this.sets.set(bodyKey(id), body);
    this.removes.delete(bodyKey(id));
  }

  dropBody(id: string): void {
    this.removes.add(bodyKey(id));
    this.sets.delete(bodyKey(id));
    this.removes.add(progressKey(id)); // where the reader got to goes with the copy it was in
  }

  /** Everything the change writes, index last (it is what makes the rest visible). */
  finish(): void {
    for (const shard of this.dirtyShards) {
      const list = this.shards.get(shard)!;
      const info = this.index.shards.find((s) => s.id === shard);
      if (!info || list.length === 0) {
        this.removes.add(shardKey(shard));
        this.sets.delete(shardKey(shard));
        continue;
      }
      list.sort(byNewest);
      Object.assign(info, { count: list.length, newest: list[0].savedAt, oldest: list[list.length - 1].savedAt });
      this.sets.set(shardKey(shard), stored(list));
    }
    this.index.shards = this.index.shards.filter((s) => (this.shards.get(s.id)?.length ?? s.count) > 0);
    for (const b of this.dirtyBuckets) this.sets.set(idsKey(b), stored(this.buckets.get(b)));
    this.sets.set(INDEX_KEY, stored(this.index));
    // WXT's version of the item travels with every write, so no reader ever sees an index marked with an older version.
    this.sets.set(`${INDEX_KEY}$`, { v: LIBRARY_VERSION });
  }

  /** The id buckets this change rewrote, as written. */
  changedBuckets(): Map<number, IdBucket> {
    return new Map([...this.dirtyBuckets].map((b) => [b, this.buckets.get(b)!]));
  }

  async commit(): Promise<void> {
    this.finish();
    await this.storage.setItems([...this.sets].map(([key, value]) => ({ key, value })));
    for (const key of this.sets.keys()) this.removes.delete(key);
    if (this.removes.size > 0) await this.storage.removeItems([...this.removes]).catch(() => {});
  }

  private bucket(id: string): IdBucket {
    const bucket = this.buckets.get(idBucket(id));
    if (!bucket) throw new Error(`Id bucket of ${id} not loaded`);
    return bucket;
  }

  private place(id: string, shard: number, hasBody: boolean): void {
    this.bucket(id)[id] = [shard, hasBody ? 1 : 0];
    this.dirtyBuckets.add(idBucket(id));
  }

  private touch(shard: number): void {
    this.dirtyShards.add(shard);
  }

  private newShard(): ShardInfo {
    const info = { id: this.index.nextShard++, count: 0, newest: 0, oldest: 0 };
    this.shards.set(info.id, []);
    return info;
  }

  /**
   * An overfull shard becomes full shards from its oldest end, the remainder newest: saves land on the newest
   * shard, so it stays small and the full ones are rarely rewritten.
   */
  private async split(shard: number): Promise<void> {
    const list = this.shards.get(shard)!.sort(byNewest);
    if (list.length <= SHARD_MAX) return;
    const pieces: SavedEntry[][] = [];
    for (let end = list.length; end > 0; end -= SHARD_MAX) pieces.unshift(list.slice(Math.max(0, end - SHARD_MAX), end));
    const keeper = pieces.findIndex((p) => p.length === SHARD_MAX);
    const infos = pieces.map((piece, i) => {
      const info = i === keeper ? this.index.shards.find((s) => s.id === shard)! : this.newShard();
      this.shards.set(info.id, piece);
      this.touch(info.id);
      return info;
    });
    const moved = pieces.flatMap((piece, i) => (i === keeper ? [] : piece.map((e) => [e, infos[i].id] as const)));
    await this.load(moved.map(([e]) => e.id));
    for (const [e, id] of moved) this.place(e.id, id, e.hasBody);
    const at = this.index.shards.findIndex((s) => s.id === shard);
    this.index.shards.splice(at, 1, ...infos);
  }

  /** A shard left small by deletions joins a neighbour that has room, so the list does not fray into crumbs. */
  private async shrink(shard: number): Promise<void> {
    const at = this.index.shards.findIndex((s) => s.id === shard);
    const list = this.shards.get(shard)!;
    if (at < 0 || list.length === 0 || list.length >= SHARD_MIN) return;
    for (const n of [at + 1, at - 1]) {
      const other = this.index.shards[n];
      if (!other) continue;
      await this.load([], [other.id]);
      const into = this.shards.get(other.id)!;
      if (into.length + list.length > SHARD_MAX) continue;
      await this.load(list.map((e) => e.id));
      for (const e of list) this.place(e.id, other.id, e.hasBody);
      into.push(...list);
      list.length = 0;
      this.touch(other.id);
      this.touch(shard);
      return;
    }
  }

  private account(e: SavedEntry, sign: 1 | -1): void {
    const ix = this.index;
    ix.count += sign;
    ix.byStatus[e.status] = (ix.byStatus[e.status] ?? 0) + sign;
    if (!e.hasBody) ix.withoutBody += sign;
    for (const tag of e.tags) bump(ix.tags, tag, sign);
  }
}

function bump(counts: Record<string, number>, key: string, by: number): void {
  const n = (counts[key] ?? 0) + by;
  if (n > 0) counts[key] = n;
  else delete counts[key];
}

/** The shard an entry saved at `savedAt` belongs in: the first (newest) whose stretch reaches back to it. */
export function targetShard(shards: ShardInfo[], savedAt: number): number {
  for (let i = 0; i < shards.length; i++) if (savedAt >= shards[i].oldest || shards[i].count === 0) return i;
  return shards.length - 1;
}
