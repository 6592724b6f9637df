// The saved library from every earlier layout to the current one. Version 1 (the layout Lede shipped first):
// `local:saved-index` = SavedEntry[] newest first, `local:body:<id>` per body, WXT version meta absent or 1.
// Version 2: the index of shards, `local:shard:<n>`, and the id map in 16 buckets `local:ids:<cyrb53(id) % 16>`.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storage } from 'wxt/utils/storage';
import { LIBRARY_VERSION } from '../../utils/storage/library-keys';
import { bodyKey, createSavedReader, createSavedStore, INDEX_KEY } from '../../utils/storage/saved-store';
import { createSearchReader } from '../../utils/storage/search-store';
import { cyrb53, emptyLibraryIndex, toSavedArticle, toSavedLink, type SavedArticle, type SavedEntry } from '../../utils/storage/schema';
import { analysisOf, failWrites, resetWithCopyingStorage, snapshot } from './storage-fake';

/** Writes a library exactly as version 1 of Lede left it. */
async function writeV1(articles: SavedArticle[], meta: { v: number } | null) {
  const entries: SavedEntry[] = articles.map(({ body: _body, ...entry }) => entry);
  await fakeBrowser.storage.local.set({
    'saved-index': entries,
    ...(meta ? { 'saved-index$': meta } : {}),
    ...Object.fromEntries(articles.filter((a) => a.body).map((a) => [bodyKey(a.id).slice('local:'.length), a.body])),
  });
}

/** Writes a library exactly as version 2 of Lede left it: shards of at most 64, newest first, 16 id buckets. */
async function writeV2(articles: SavedArticle[]) {
  const entries: SavedEntry[] = articles.map(({ body: _body, ...entry }) => entry).sort((a, b) => b.savedAt - a.savedAt);
  const index = emptyLibraryIndex();
  const values: Record<string, unknown> = { 'saved-index$': { v: 2 } };
  for (let at = 0; at < entries.length; at += 64) {
    const shard = entries.slice(at, at + 64);
    const id = index.nextShard++;
    index.shards.push({ id, count: shard.length, newest: shard[0].savedAt, oldest: shard[shard.length - 1].savedAt });
    values[`shard:${id}`] = shard;
    for (const e of shard) {
      const bucket = ((values[`ids:${cyrb53(e.id) % 16}`] as Record<string, unknown>) ??= {});
      bucket[e.id] = [id, e.hasBody ? 1 : 0];
      index.count++;
      index.byStatus[e.status]++;
      if (!e.hasBody) index.withoutBody++;
    }
  }
  for (const a of articles) if (a.body) values[bodyKey(a.id).slice('local:'.length)] = a.body;
  await fakeBrowser.storage.local.set({ ...values, 'saved-index': index });
}

const v2Library = (): SavedArticle[] =>
  Array.from({ length: 100 }, (_, i) =>
    i % 3 ? toSavedArticle(analysisOf(`https://example.com/${i}`, `Story ${i}`, `Words of story ${i}.`), i) : toSavedLink(`https://example.com/${i}`, `Link ${i}`, i),
  );

const v1Library = (): SavedArticle[] => [
  { ...toSavedArticle(analysisOf('https://example.com/c', 'Kirby on the pact', 'Washington is watching.\n\nKirby spoke.'), 3), status: 'read', tags: ['ukraine'] },
  toSavedLink('https://example.com/b', 'A link saved from a page Lede could not read', 2),
  { ...toSavedArticle(analysisOf('https://example.com/a', 'Oldest', 'Grain exports resumed.'), 1), status: 'archived' },
];

describe('saved library migrations', () => {
  beforeEach(resetWithCopyingStorage);

  for (const meta of [null, { v: 1 }]) {
    it(`moves a version 1 library (meta ${JSON.stringify(meta)}) to version ${LIBRARY_VERSION} without losing a thing`, async () => {
      const v1 = v1Library();
      await writeV1(v1, meta);
      const store = createSavedStore(storage);
      const index = await store.ready();
      expect(index).toMatchObject({ count: 3, byStatus: { unread: 1, read: 1, archived: 1 }, tags: { ukraine: 1 }, withoutBody: 1 });
      expect(await store.list()).toEqual(v1.map(({ body: _b, ...e }) => e));
      for (const a of v1) expect(await store.get(a.id)).toEqual(a);
      expect(await storage.getMeta(INDEX_KEY)).toEqual({ v: LIBRARY_VERSION });
      // The old one-array index is gone: the key now holds the small root.
      expect(Array.isArray(await storage.getItem(INDEX_KEY))).toBe(false);

      // And the library works on: saves, search over the migrated bodies.
      await store.save(toSavedArticle(analysisOf('https://example.com/d', 'Newest'), 4));
      await store.search.ensure();
      expect((await store.list()).map((e) => e.title)[0]).toBe('Newest');
      expect([...(await createSearchReader(storage).search('grain'))!.keys()]).toEqual([v1[2].id]);
    });
  }

  it('starts an empty library at the current version', async () => {
    const store = createSavedStore(storage);
    expect((await store.ready()).count).toBe(0);
    await store.save(toSavedLink('https://example.com/x', 'x', 1));
    expect(await storage.getMeta(INDEX_KEY)).toEqual({ v: LIBRARY_VERSION });
  });

  it('runs a migration stopped halfway (a failed write) again to the end', async () => {
    const v1 = v1Library();
    await writeV1(v1, null);
    const restore = failWrites();
    const first = createSavedStore(storage);
    await expect(first.ready()).rejects.toThrow();
    restore();
    // Nothing was lost: the version 1 index is still there for the next start.
    expect(await storage.getItem<SavedEntry[]>(INDEX_KEY)).toHaveLength(3);
    const second = createSavedStore(storage);
    expect((await second.ready()).count).toBe(3);
    expect((await second.list()).map((e) => e.id)).toEqual(v1.map((a) => a.id));
  });

  it('lets a page that finds a version 1 library wait for the background to move it', async () => {
    await writeV1(v1Library(), null);
    const background = createSavedStore(storage);
    const page = createSavedReader(storage, () => background.ready());
    expect((await page.recent(10)).map((e) => e.title)).toEqual(['Kirby on the pact', 'A link saved from a page Lede could not read', 'Oldest']);
    // Without a way to ask, a page says so instead of showing a wrong list.
    fakeBrowser.reset();
    await writeV1(v1Library(), null);
    await expect(createSavedReader(storage).recent(10)).rejects.toThrow(/being upgraded/);
  });

  it(`moves a version 2 library (16 id buckets) to version ${LIBRARY_VERSION}: every article still found, opened, edited`, async () => {
    const v2 = v2Library();
    await writeV2(v2);
    const store = createSavedStore(storage);
    // A page opened before the background has moved the library asks it to, then shows the list.
    const waiting = createSavedReader(storage, () => store.ready());
    expect((await waiting.recent(3)).map((e) => e.title)).toEqual(['Link 99', 'Story 98', 'Story 97']);
    expect((await store.ready()).count).toBe(100);
    expect(await storage.getMeta(INDEX_KEY)).toEqual({ v: LIBRARY_VERSION });
    const page = createSavedReader(storage);
    for (const a of v2) {
      expect(await page.isSaved(a.id), a.url).toBe(true);
      expect(await page.get(a.id)).toEqual(a);
    }
    expect(await page.savedIds()).toEqual(new Set(v2.map((a) => a.id)));
    expect(await store.update([v2[50].id], { status: 'archived' })).toBe(1);
    expect(await store.delete([v2[7].id])).toBe(1);
    expect(await page.isSaved(v2[7].id)).toBe(false);
    expect(await store.undoDelete()).toBe(1);
    const again = await store.save(toSavedArticle(analysisOf(v2[98].url, 'Saved again'), 1000));
    expect(again.savedAt).toBe(98);
    expect((await store.list()).map((e) => e.title).slice(0, 2)).toEqual(['Link 99', 'Saved again']);
    expect((await store.get(v2[50].id))?.status).toBe('archived');
  });

  it('writes the same library whether the move to version 3 runs once or stops halfway and runs again', async () => {
    await writeV2(v2Library());
    await createSavedStore(storage).ready();
    const once = await snapshot();

    fakeBrowser.reset();
    resetWithCopyingStorage();
    await writeV2(v2Library());
    // The id buckets are written, then the browser refuses every write after (the version is never recorded).
    const local = fakeBrowser.storage.local;
    const realSet = local.set;
    let writes = 0;
    local.set = ((items: Record<string, unknown>) => (writes++ === 0 ? realSet(items) : Promise.reject(new Error('disk full')))) as typeof realSet;
    await expect(createSavedStore(storage).ready()).rejects.toThrow();
    local.set = realSet;
    expect(await storage.getMeta(INDEX_KEY)).toEqual({ v: 2 });
    await createSavedStore(storage).ready();
    expect(await snapshot()).toEqual(once);
  });

  it('skips unreadable version 1 entries and duplicate ids instead of failing', async () => {
    const [a] = v1Library();
    await fakeBrowser.storage.local.set({ 'saved-index': [a, a, null, { title: 'no id' }, { ...a, id: 'a2', url: 'https://example.com/z', status: 'bogus', tags: 'x' }] });
    const store = createSavedStore(storage);
    expect((await store.ready()).count).toBe(2);
    expect((await store.list()).find((e) => e.id === 'a2')).toMatchObject({ status: 'unread', tags: [] });
  });
});
