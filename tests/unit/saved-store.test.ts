import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storage } from 'wxt/utils/storage';
import { idBucket, idsKey, shardKey, SHARD_MAX, TRASH_KEY, unstored } from '../../utils/storage/library-keys';
import { bodyKey, createSavedReader, createSavedStore, INDEX_KEY } from '../../utils/storage/saved-store';
import { libraryHandlers } from '../../utils/library/library-handlers';
import { analysisOf, failWrites, resetWithCopyingStorage, snapshot } from './storage-fake';
import { articleId, emptyLibraryIndex, toSavedArticle, toSavedLink, type LibraryIndex } from '../../utils/storage/schema';

const titles = async (store = createSavedStore(storage)) => (await store.list()).map((e) => e.title);


describe('saved-articles store', () => {
  beforeEach(resetWithCopyingStorage);

  it('saves an article with its body apart from the list, newest first', async () => {
    const store = createSavedStore(storage);
    await store.save(toSavedArticle(analysisOf('https://example.com/a', 'A'), 1));
    await store.save(toSavedArticle(analysisOf('https://example.com/b', 'B'), 2));
    const list = await store.list();
    expect(list.map((e) => e.title)).toEqual(['B', 'A']);
    expect(list[0]).not.toHaveProperty('body');
    const a = await store.get(articleId('https://example.com/a'));
    expect(a?.body?.text).toBe('First paragraph.\n\nSecond paragraph.');
    expect(a?.body?.quotes[0].speaker).toBe('John Kirby');
    expect(await storage.getItem(bodyKey(list[0].id))).not.toBeNull();
    const index = unstored<LibraryIndex>(await storage.getItem(INDEX_KEY), emptyLibraryIndex());
    expect(index).toMatchObject({ count: 2, byStatus: { unread: 2, read: 0, archived: 0 }, tags: {} });
  });

  it('treats the same URL with tracking parameters or a fragment as one article, keeping date, status and tags', async () => {
    const store = createSavedStore(storage);
    const first = await store.save(toSavedArticle(analysisOf('https://example.com/a?utm_source=x#top', 'A'), 1));
    await store.update([first.id], { status: 'read', addTags: ['ukraine'] });
    await store.save(toSavedArticle(analysisOf('https://example.com/a', 'A again'), 2));
    const list = await store.list();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ title: 'A again', savedAt: 1, status: 'read', tags: ['ukraine'] });
  });

  it('keeps the clean copy when the same page is saved again as a link', async () => {
    const store = createSavedStore(storage);
    await store.save(toSavedArticle(analysisOf('https://example.com/a', 'A'), 1));
    await store.save(toSavedLink('https://example.com/a', 'just the link', 2));
    const a = await store.get(articleId('https://example.com/a'));
    expect(a).toMatchObject({ title: 'A', hasBody: true });
    expect(a?.body?.text).toContain('First paragraph');
  });

  it('deletes the entry, and undo brings it back with its body, status and tags', async () => {
    const store = createSavedStore(storage);
    const entry = await store.save(toSavedArticle(analysisOf('https://example.com/a', 'A'), 1));
    await store.update([entry.id], { addTags: ['later'] });
    expect(await store.remove(entry.id)).toBe(true);
    expect(await store.list()).toEqual([]);
    expect(await store.isSaved(entry.id)).toBe(false);
    expect(await store.remove(entry.id)).toBe(false);
    expect(await store.undoDelete()).toBe(1);
    const back = await store.get(entry.id);
    expect(back).toMatchObject({ title: 'A', tags: ['later'] });
    expect(back?.body?.text).toContain('Second paragraph');
    expect(await storage.getItem(TRASH_KEY)).toBeNull();
  });

  it('remembers how far the reader got in a saved copy, through an undone delete, and forgets it with the copy', async () => {
    const store = createSavedStore(storage);
    const a = await store.save(toSavedArticle(analysisOf('https://example.com/a', 'A'), 1));
    const b = await store.save(toSavedArticle(analysisOf('https://example.com/b', 'B'), 2));
    const link = await store.save(toSavedLink('https://example.com/link', 'Link', 3));
    expect(await store.progress(a.id)).toBeNull();
    expect(await store.setProgress(a.id, 0.42)).toBe(true);
    expect(await createSavedReader(storage).progress(a.id)).toBe(0.42);
    // Nothing to remember for an article that is not saved, or saved as a link without a copy to read.
    expect(await store.setProgress(articleId('https://example.com/never'), 0.5)).toBe(false);
    expect(await store.setProgress(link.id, 0.5)).toBe(false);
    await store.delete([a.id]);
    expect(await store.undoDelete()).toBe(1);
    expect(await store.progress(a.id)).toBe(0.42);
    await store.delete([a.id]);
    await store.delete([b.id]); // the first deletion can no longer be undone: its copy goes
    expect(await store.progress(a.id)).toBeNull();
  });

  it('purges a deletion’s bodies once the next deletion replaces it in the trash', async () => {
    const store = createSavedStore(storage);
    const a = await store.save(toSavedArticle(analysisOf('https://example.com/a', 'A'), 1));
    const b = await store.save(toSavedArticle(analysisOf('https://example.com/b', 'B'), 2));
    await store.delete([a.id]);
    expect(await storage.getItem(bodyKey(a.id))).not.toBeNull();
    await store.delete([b.id]);
    expect(await storage.getItem(bodyKey(a.id))).toBeNull();
    expect(await store.undoDelete()).toBe(1);
    expect(await titles(store)).toEqual(['B']);
  });

  it('loses no save when many arrive at once, across many shards', async () => {
    const store = createSavedStore(storage);
    const n = SHARD_MAX * 2 + 40;
    await Promise.all(
      Array.from({ length: n }, (_, i) => store.save(toSavedArticle(analysisOf(`https://example.com/${i}`, `T${i}`), i))),
    );
    const list = await store.list();
    expect(list).toHaveLength(n);
    expect(list[0].title).toBe(`T${n - 1}`);
    expect(list.map((e) => e.savedAt)).toEqual([...list.map((e) => e.savedAt)].sort((a, b) => b - a));
    const index = await store.index();
    expect(index.count).toBe(n);
    expect(index.shards.length).toBeGreaterThan(2);
    expect(index.shards.every((s) => s.count <= SHARD_MAX)).toBe(true);
    expect(await store.savedIds()).toEqual(new Set(list.map((e) => e.id)));
  });

  it('edits from every side at once all survive: saves, tags, status changes, deletions', async () => {
    const store = createSavedStore(storage);
    const base = await Promise.all(
      Array.from({ length: 30 }, (_, i) => store.save(toSavedArticle(analysisOf(`https://example.com/${i}`, `T${i}`), i))),
    );
    expect((await store.savedIds()).size).toBe(30);
    await Promise.all([
      ...base.slice(0, 10).map((e) => store.update([e.id], { addTags: ['x'] })),
      ...base.slice(0, 10).map((e) => store.update([e.id], { status: 'read' })),
      ...base.slice(20).map((e) => store.remove(e.id)),
      ...Array.from({ length: 10 }, (_, i) => store.save(toSavedArticle(analysisOf(`https://example.org/${i}`, `N${i}`), 100 + i))),
    ]);
    const list = await store.list();
    expect(list).toHaveLength(30);
    const tagged = list.filter((e) => e.tags.includes('x'));
    expect(tagged).toHaveLength(10);
    expect(tagged.every((e) => e.status === 'read')).toBe(true);
    expect((await store.index()).tags).toEqual({ x: 10 });
    // The writer's own copy of the ids kept up with every change, and agrees with storage.
    expect(await store.savedIds()).toEqual(new Set(list.map((e) => e.id)));
    expect(await createSavedReader(storage).savedIds()).toEqual(new Set(list.map((e) => e.id)));
  });

  it('a listener on the index (the badge) sees a save and an unsave as soon as each lands', async () => {
    const store = createSavedStore(storage);
    expect(await store.savedIds()).toEqual(new Set());
    const seen: boolean[] = [];
    const id = articleId('https://example.com/a');
    const unwatch = storage.watch(INDEX_KEY, async () => void seen.push((await store.savedIds()).has(id)));
    await store.save(toSavedArticle(analysisOf('https://example.com/a', 'A'), 1));
    await store.remove(id);
    await new Promise((resolve) => setTimeout(resolve, 20));
    unwatch();
    expect(seen).toEqual([true, false]);
  });

  it('leaves the store as it was when a write fails, says why, and goes on with the next', async () => {
    const store = createSavedStore(storage);
    const a = await store.save(toSavedArticle(analysisOf('https://example.com/a', 'A'), 1));
    const before = await snapshot();
    const restore = failWrites();
    await expect(store.save(toSavedArticle(analysisOf('https://example.com/b', 'B'), 2))).rejects.toThrow(
      /storage for Lede is full, so nothing was changed/,
    );
    await expect(store.update([a.id], { status: 'archived' })).rejects.toThrow(/nothing was changed/);
    await expect(store.delete([a.id])).rejects.toThrow(/nothing was changed/);
    restore();
    expect(await snapshot()).toEqual(before);
    await store.save(toSavedArticle(analysisOf('https://example.com/c', 'C'), 3));
    expect(await titles(store)).toEqual(['C', 'A']);
  });

  it('saves a link without body, and refuses anything but web links', async () => {
    const store = createSavedStore(storage);
    const entry = await store.save(toSavedLink('https://example.com/home', 'Home', 1));
    expect(entry.hasBody).toBe(false);
    expect((await store.get(entry.id))?.body).toBeNull();
    expect(() => toSavedLink('javascript:alert(1)', 'x', 1)).toThrow(/Only web pages/);
    expect(() => toSavedArticle(analysisOf('data:text/html,<script>alert(1)</script>', 'x'), 1)).toThrow();
    expect((await store.index()).withoutBody).toBe(1);
  });

  it('fills in the clean copy of a link when its page is next read, keeping what the reader did', async () => {
    const store = createSavedStore(storage);
    const background = libraryHandlers(store);
    const needed = async (url: string) => (await background['saved:needs-body']({ url })).needed;
    expect(await needed('https://example.com/story')).toBe(false); // not saved at all
    const link = await store.save(toSavedLink('https://example.com/story', 'story', 5));
    await store.update([link.id], { status: 'read', addTags: ['pocket'] });
    // What the page asks as it opens, then sends its analysis for.
    expect(await needed('https://example.com/story')).toBe(true);
    expect(await store.fillBody(toSavedArticle(analysisOf('https://example.com/story', 'The story'), 99))).toBe(true);
    expect(await needed('https://example.com/story')).toBe(false);
    const filled = await store.get(link.id);
    expect(filled).toMatchObject({ title: 'The story', hasBody: true, savedAt: 5, status: 'read', tags: ['pocket'] });
    expect(filled?.body?.summary).toEqual(['First paragraph.']);
    expect((await store.index()).withoutBody).toBe(0);
    // Only once, and only for saved links.
    expect(await store.fillBody(toSavedArticle(analysisOf('https://example.com/story', 'Again'), 100))).toBe(false);
    expect(await store.fillBody(toSavedArticle(analysisOf('https://example.com/other', 'Other'), 100))).toBe(false);
    expect(await store.isSaved(articleId('https://example.com/other'))).toBe(false);
  });

  it('lets the popup read only the newest shard it shows', async () => {
    const store = createSavedStore(storage);
    for (let i = 0; i < SHARD_MAX + 30; i++) await store.save(toSavedLink(`https://example.com/${i}`, `T${i}`, i));
    const index = await store.index();
    expect(index.shards.length).toBe(2);
    const reads: string[][] = [];
    const realGet = fakeBrowser.storage.local.get;
    fakeBrowser.storage.local.get = ((keys: string | string[]) => {
      reads.push([keys].flat());
      return realGet(keys as never);
    }) as typeof realGet;
    const reader = createSavedReader(storage);
    const recent = await reader.recent(20);
    fakeBrowser.storage.local.get = realGet;
    expect(recent.map((e) => e.title)).toEqual(Array.from({ length: 20 }, (_, i) => `T${SHARD_MAX + 29 - i}`));
    const shardReads = reads.flat().filter((k) => k.startsWith('shard:'));
    expect(shardReads).toEqual([`shard:${index.shards[0].id}`]);
    expect(reads.flat().some((k) => k.startsWith('body:'))).toBe(false);
  });

  it('keeps where each entry lives in step with the shards, through splits and merges', async () => {
    const store = createSavedStore(storage);
    const saved = [];
    for (let i = 0; i < SHARD_MAX * 2; i++) saved.push(await store.save(toSavedLink(`https://example.com/${i}`, `T${i}`, (i * 7919) % 1000)));
    await store.delete(saved.filter((_, i) => i % 3 !== 0).map((e) => e.id));
    const index = await store.index();
    for (const info of index.shards) {
      const entries = unstored<{ id: string }[]>(await storage.getItem(shardKey(info.id)), []);
      expect(entries).toHaveLength(info.count);
      for (const e of entries) {
        const bucket = unstored<Record<string, [number, number]>>(await storage.getItem(idsKey(idBucket(e.id))), {});
        expect(bucket[e.id][0]).toBe(info.id);
      }
    }
    expect(index.count).toBe(Math.ceil((SHARD_MAX * 2) / 3));
  });
});
