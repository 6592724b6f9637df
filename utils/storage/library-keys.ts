// Where each part of the saved library lives in storage.local. Version 3 of the layout (version 1 was one
// array of every entry under `local:saved-index`, rewritten whole on each save; version 2 had 16 id buckets,
// a sixteenth of every id read and written by each save, and kept index, shards and buckets as objects):
//
//   local:saved-index      LibraryIndex as JSON text: shard list and counts (small; the WXT item carries the version)
//   local:shard:<n>        SavedEntry[] as JSON text, newest first, at most SHARD_MAX: the list, read a shard at a time
//   local:ids:<0..255>     { id: [shard, hasBody] } as JSON text: where an entry lives, by a hash of its id
//   local:body:<id>        SavedBody (unchanged since version 1)
//   local:progress:<id>    how far the reader got in the saved copy, 0..1 (kept and dropped with the body)
//   local:trash            the last deletion, kept for undo until the next one
//   local:search, local:ix:<segment>:<part>   the full-text index (derived data: rebuilt when missing)
import { cyrb53 } from './schema';

export type LocalKey = `local:${string}`;

export const INDEX_KEY = 'local:saved-index' as const;
export const TRASH_KEY = 'local:trash' as const;
export const SEARCH_KEY = 'local:search' as const;
export const LIBRARY_VERSION = 3;

export const SHARD_MAX = 64;
/** A shard left smaller than this by deletions is merged into its neighbour. */
export const SHARD_MIN = 8;
// A save reads and rewrites one bucket: a sixteenth of 10,000 ids is 24 kB (7 ms to write as an object), a
// 256th 1 kB. Reading all of them is rare (the background's list of saved ids, once per start), and one call
// whatever the number of keys.
export const ID_BUCKETS = 256;

export const shardKey = (n: number) => `local:shard:${n}` as const;
export const idsKey = (bucket: number) => `local:ids:${bucket}` as const;
export const bodyKey = (id: string) => `local:body:${id}` as const;
export const progressKey = (id: string) => `local:progress:${id}` as const;
export const segmentKey = (segment: number, part: number | 'docs') => `local:ix:${segment}:${part}` as const;

export const idBucket = (id: string) => cyrb53(id) % ID_BUCKETS;

/**
 * The index, shards, id buckets and search index segments are stored as JSON text. The browser converts every
 * value inside a stored object into its own representation and back, again for each page told of the change:
 * at 10,000 articles the index's 800 values cost a save 8 ms on a busy machine, one string about its bytes.
 */
export const stored = (value: unknown): string => JSON.stringify(value);

/** A value written by stored(); `fallback` when the key is missing (or holds an earlier layout's object). */
export function unstored<T>(value: unknown, fallback: T): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : fallback;
}

/** Shard number and whether the article has its clean copy, stored per id in its bucket. */
export type Location = [shard: number, hasBody: 0 | 1];
export type IdBucket = Record<string, Location>;
