import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storage } from 'wxt/utils/storage';
import type { Analysis } from '../../utils/analysis/types';
import { bodyKey, createSavedStore, INDEX_KEY } from '../../utils/storage/saved-store';
import { articleId, toSavedArticle, toSavedLink } from '../../utils/storage/schema';

function analysisOf(url: string, title: string): Analysis {
  return {
    url,
    title,
    byline: 'Martin Fornusek',
    siteName: 'The Kyiv Independent',
    publishedTime: '2024-06-20T22:29:00+03:00',
    lang: 'en',
    dir: null,
    excerpt: null,
    image: null,
    isArticle: true,
    detection: { isArticle: true, score: 3, threshold: 1, signals: [] },
    text: 'First paragraph.\n\nSecond paragraph.',
    paragraphs: ['First paragraph.', 'Second paragraph.'],
    contentHtml: '<p>First paragraph.</p><p>Second paragraph.</p>',
    wordCount: 4,
    readingMinutes: 1,
    summary: ['First paragraph.'],
    quotes: [{ text: 'A quote of six words here', speaker: 'John Kirby', role: null, paragraph: 0, key: true }],
  };
}

describe('saved-articles store', () => {
  beforeEach(() => fakeBrowser.reset());

  it('saves an article with its body apart from the index, newest first', async () => {
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
  });

  it('treats the same URL with tracking parameters or a fragment as one article', async () => {
    const store = createSavedStore(storage);
    await store.save(toSavedArticle(analysisOf('https://example.com/a?utm_source=x#top', 'A'), 1));
    await store.save(toSavedArticle(analysisOf('https://example.com/a', 'A again'), 2));
    const list = await store.list();
    expect(list).toHaveLength(1);
    expect(list[0].title).toBe('A again');
    expect(list[0].savedAt).toBe(1);
  });

  it('removes the entry and its body', async () => {
    const store = createSavedStore(storage);
    const entry = await store.save(toSavedArticle(analysisOf('https://example.com/a', 'A'), 1));
    expect(await store.remove(entry.id)).toBe(true);
    expect(await store.list()).toEqual([]);
    expect(await storage.getItem(bodyKey(entry.id))).toBeNull();
    expect(await store.remove(entry.id)).toBe(false);
  });

  it('loses no save when many arrive at once', async () => {
    const store = createSavedStore(storage);
    await Promise.all(
      Array.from({ length: 200 }, (_, i) => store.save(toSavedArticle(analysisOf(`https://example.com/${i}`, `T${i}`), i))),
    );
    expect(await store.list()).toHaveLength(200);
  });

  it('leaves the store as it was when a write fails, and goes on with the next', async () => {
    const store = createSavedStore(storage);
    await store.save(toSavedArticle(analysisOf('https://example.com/a', 'A'), 1));
    const realSet = fakeBrowser.storage.local.set;
    fakeBrowser.storage.local.set = () => Promise.reject(new Error('QUOTA_BYTES quota exceeded'));
    await expect(store.save(toSavedArticle(analysisOf('https://example.com/b', 'B'), 2))).rejects.toThrow(/quota/);
    fakeBrowser.storage.local.set = realSet;
    expect((await store.list()).map((e) => e.title)).toEqual(['A']);
    await store.save(toSavedArticle(analysisOf('https://example.com/c', 'C'), 3));
    expect((await store.list()).map((e) => e.title)).toEqual(['C', 'A']);
  });

  it('saves a link without body, and refuses anything but web links', async () => {
    const store = createSavedStore(storage);
    const entry = await store.save(toSavedLink('https://example.com/home', 'Home', 1));
    expect(entry.hasBody).toBe(false);
    expect((await store.get(entry.id))?.body).toBeNull();
    expect(() => toSavedLink('javascript:alert(1)', 'x', 1)).toThrow(/Only web pages/);
    expect(() => toSavedArticle(analysisOf('data:text/html,<script>alert(1)</script>', 'x'), 1)).toThrow();
    expect(await storage.getItem(INDEX_KEY)).toHaveLength(1);
  });
});
