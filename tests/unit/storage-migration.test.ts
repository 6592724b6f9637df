// The saved library from every earlier layout to the current one. Version 1 (the layout Lede shipped first):
// `local:saved-index` = SavedEntry[] newest first, `local:body:<id>` per body, WXT version meta absent or 1.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storage } from 'wxt/utils/storage';
import { LIBRARY_VERSION } from '../../utils/storage/library-keys';
import { bodyKey, createSavedReader, createSavedStore, INDEX_KEY } from '../../utils/storage/saved-store';
import { createSearchReader } from '../../utils/storage/search-store';
import { toSavedArticle, toSavedLink, type SavedArticle, type SavedEntry } from '../../utils/storage/schema';
import { analysisOf, failWrites, resetWithCopyingStorage } from './storage-fake';

/** Writes a library exactly as version 1 of Lede left it. */
async function writeV1(articles: SavedArticle[], meta: { v: number } | null) {
  const entries: SavedEntry[] = articles.map(({ body: _body, ...entry }) => entry);
  await fakeBrowser.storage.local.set({
    'saved-index': entries,
    ...(meta ? { 'saved-index$': meta } : {}),
    ...Object.fromEntries(articles.filter((a) => a.body).map((a) => [bodyKey(a.id).slice('local:'.length), a.body])),
  });
}

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

  it('skips unreadable version 1 entries and duplicate ids instead of failing', async () => {
    const [a] = v1Library();
    await fakeBrowser.storage.local.set({ 'saved-index': [a, a, null, { title: 'no id' }, { ...a, id: 'a2', url: 'https://example.com/z', status: 'bogus', tags: 'x' }] });
    const store = createSavedStore(storage);
    expect((await store.ready()).count).toBe(2);
    expect((await store.list()).find((e) => e.id === 'a2')).toMatchObject({ status: 'unread', tags: [] });
  });
});
