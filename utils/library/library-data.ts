// The library page's copy of the saved list: the newest shard first (the first screen), then every shard; kept
// current from storage change events, which carry the changed shards themselves, so an edit anywhere (another
// tab, the popup, a save) shows here without reading the library again.
import type { WxtStorage } from 'wxt/utils/storage';
import { INDEX_KEY, shardKey, unstored } from '../storage/library-keys';
import { createSavedReader, type SavedReader } from '../storage/saved-store';
import { emptyLibraryIndex, isLibraryIndex, type LibraryIndex, type SavedEntry } from '../storage/schema';

export interface LibrarySnapshot {
  index: LibraryIndex;
  /** Newest first: every entry once `complete`, else the newest ones. */
  entries: SavedEntry[];
  complete: boolean;
}

export interface StorageChanges {
  [key: string]: { newValue?: unknown; oldValue?: unknown };
}

export class LibraryData {
  private index: LibraryIndex = emptyLibraryIndex();
  private readonly shards = new Map<number, SavedEntry[]>();
  private complete = false;
  private readonly reader: SavedReader;
  private readonly listeners = new Set<(s: LibrarySnapshot) => void>();
  private cached: LibrarySnapshot | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private pending = false;

  constructor(
    private readonly storage: WxtStorage,
    migrate?: () => Promise<unknown>,
  ) {
    this.reader = createSavedReader(storage, migrate);
  }

  /** The shards that hold the `n` newest entries. */
  async loadFirst(n: number): Promise<LibrarySnapshot> {
    this.index = await this.reader.index();
    const wanted: number[] = [];
    let count = 0;
    for (const s of this.index.shards) {
      if (count >= n) break;
      wanted.push(s.id);
      count += s.count;
    }
    await this.read(wanted);
    this.complete = wanted.length === this.index.shards.length;
    return this.changed();
  }

  async loadAll(): Promise<LibrarySnapshot> {
    this.index = await this.reader.index();
    await this.read(this.index.shards.map((s) => s.id).filter((id) => !this.shards.has(id)));
    this.complete = true;
    return this.changed();
  }

  snapshot(): LibrarySnapshot {
    if (!this.cached) {
      const entries: SavedEntry[] = [];
      let whole = this.complete;
      for (const s of this.index.shards) {
        const list = this.shards.get(s.id);
        if (list) entries.push(...list);
        else whole = false;
      }
      this.cached = { index: this.index, entries, complete: whole };
    }
    return this.cached;
  }

  subscribe(listener: (s: LibrarySnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** storage.onChanged for the local area: takes the new shards and index as they come. */
  apply(changes: StorageChanges): void {
    let touched = false;
    for (const [key, { newValue }] of Object.entries(changes)) {
      const shard = /^shard:(\d+)$/.exec(key);
      if (shard) {
        if (typeof newValue === 'string') this.shards.set(Number(shard[1]), unstored<SavedEntry[]>(newValue, []));
        else this.shards.delete(Number(shard[1]));
        touched = true;
      } else if (key === INDEX_KEY.slice('local:'.length)) {
        const index = unstored<unknown>(newValue, null);
        if (!isLibraryIndex(index)) continue;
        this.index = index;
        touched = true;
      }
    }
    if (!touched) return;
    // A shard this page never read (it was not needed for the first screen) is read now if the list is whole.
    const missing = this.index.shards.map((s) => s.id).filter((id) => !this.shards.has(id));
    if (this.complete && missing.length > 0) void this.read(missing).then(() => this.changed());
    else this.soon();
  }

  /**
   * A change shows at once; in a burst of changes (an import, saves from several tabs) the ones that follow
   * within a moment are shown together, not one render each.
   */
  private soon(): void {
    if (this.timer !== null) {
      this.pending = true;
      return;
    }
    this.changed();
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.pending) this.changed();
    }, 100);
  }

  private async read(ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    const values = await this.storage.getItems(ids.map(shardKey));
    values.forEach(({ value }, i) => this.shards.set(ids[i], unstored<SavedEntry[]>(value, [])));
  }

  private changed(): LibrarySnapshot {
    this.pending = false;
    this.cached = null;
    const snap = this.snapshot();
    for (const l of this.listeners) l(snap);
    return snap;
  }
}
