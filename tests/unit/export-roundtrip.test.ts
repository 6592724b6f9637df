// Exports: Lede's JSON gives back the same library and settings when imported (into an empty library, or
// into the same one: nothing changes); Markdown is a zip of one file per article with front matter; the
// bookmarks file is read back by Lede (and so by browsers).
import { inflateRawSync } from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import { storage } from 'wxt/utils/storage';
import { ledeJsonParts } from '../../utils/library/export/lede-json';
import { articleMarkdown, escapeMarkdown, markdownFiles } from '../../utils/library/export/markdown';
import { netscapeBookmarks } from '../../utils/library/export/netscape';
import { crc32, zipParts } from '../../utils/library/export/zip';
import { importChunks, openImport, previewImport } from '../../utils/library/import/open-import';
import { createSavedStore, SETTINGS_KEY, type SavedStore } from '../../utils/storage/saved-store';
import { toSavedArticle, toSavedLink, type SavedArticle } from '../../utils/storage/schema';
import { DEFAULT_SETTINGS, type Settings } from '../../utils/storage/settings';
import { analysisOf, resetWithCopyingStorage } from './storage-fake';

const SETTINGS: Settings = { ...DEFAULT_SETTINGS, theme: 'sepia', keyQuotes: 5, siteRules: { 'kyivindependent.com': 'always' } };

async function fillLibrary(store: SavedStore) {
  const text = 'Line one with <script>alert(1)</script> & “quotes”.\n\nSecond paragraph\u2028with a line separator.\n\n# not a heading';
  const a = await store.save(toSavedArticle(analysisOf('https://kyivindependent.com/story', 'Kirby: “concern” ✓', text), 1_700_000_000_000));
  const b = await store.save(toSavedLink('https://www.example.org/link?utm_source=x', 'Only a link', 1_700_000_100_000));
  const c = await store.save(toSavedArticle(analysisOf('https://example.com/ü/ñ', 'Ünïcödé', 'Текст статьи.'), 1_700_000_200_000));
  await store.update([a.id], { status: 'read', addTags: ['ukraine', 'politics'] });
  await store.update([b.id], { status: 'archived', addTags: ['later'] });
  await storage.setItem(SETTINGS_KEY, SETTINGS);
  return [a, b, c];
}

async function everything(store: SavedStore): Promise<SavedArticle[]> {
  return Promise.all((await store.list()).map(async (e) => (await store.get(e.id))!));
}

async function exportJson(store: SavedStore): Promise<Blob> {
  const parts: string[] = [];
  for await (const p of ledeJsonParts(store, await storage.getItem<Settings>(SETTINGS_KEY), 0)) parts.push(p);
  return new Blob(parts);
}

async function importFile(store: SavedStore, blob: Blob, id: string) {
  const source = await openImport(blob, 'lede.json');
  const preview = await previewImport(source);
  for await (const chunk of importChunks(source, 200)) await store.stageImport(id, chunk);
  return { preview, outcome: await store.commitImport(id, source.settings) };
}

/** Files of a zip, read with Node's own inflate. */
function unzip(bytes: Uint8Array): Map<string, string> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const files = new Map<string, string>();
  for (let at = 0; view.getUint32(at, true) === 0x04034b50; ) {
    const method = view.getUint16(at + 8, true);
    const crc = view.getUint32(at + 14, true);
    const size = view.getUint32(at + 18, true);
    const nameLength = view.getUint16(at + 26, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 30, at + 30 + nameLength));
    const data = bytes.subarray(at + 30 + nameLength, at + 30 + nameLength + size);
    const raw = method === 8 ? new Uint8Array(inflateRawSync(data)) : data;
    expect(crc32(raw), name).toBe(crc);
    files.set(name, new TextDecoder().decode(raw));
    at += 30 + nameLength + size;
  }
  return files;
}

describe('export', () => {
  beforeEach(resetWithCopyingStorage);

  it('JSON gives back the same library, bodies, tags, status and settings in an empty library', async () => {
    const source = createSavedStore(storage);
    await fillLibrary(source);
    const before = await everything(source);
    const file = await exportJson(source);

    resetWithCopyingStorage();
    const target = createSavedStore(storage);
    const { preview, outcome } = await importFile(target, file, 'round-trip');
    expect(preview).toMatchObject({ format: 'lede-json', articles: 3, withBody: 2, duplicates: 0, skipped: [], settings: true });
    expect(outcome).toEqual({ added: 3, merged: 0, unchanged: 0, settings: true });
    expect(await everything(target)).toEqual(before);
    expect(await storage.getItem(SETTINGS_KEY)).toEqual(SETTINGS);
    expect(await target.index()).toEqual(await target.index());
    expect((await target.index()).tags).toEqual({ ukraine: 1, politics: 1, later: 1 });
  });

  it('JSON imported into the library it came from changes nothing', async () => {
    const store = createSavedStore(storage);
    await fillLibrary(store);
    const before = await everything(store);
    const { outcome } = await importFile(store, await exportJson(store), 'again');
    expect(outcome).toEqual({ added: 0, merged: 0, unchanged: 3, settings: true });
    expect(await everything(store)).toEqual(before);
  });

  it('merges an import into what is saved: tags join, a link gets the clean copy, the reader’s status stays', async () => {
    const store = createSavedStore(storage);
    const [article] = await fillLibrary(store);
    const file = await exportJson(store);
    resetWithCopyingStorage();
    const other = createSavedStore(storage);
    const link = await other.save(toSavedLink(article.url, 'bare link', 5));
    await other.update([link.id], { addTags: ['mine'] });
    const { outcome } = await importFile(other, file, 'merge');
    expect(outcome).toMatchObject({ added: 2, merged: 1 });
    const merged = (await other.get(link.id))!;
    expect(merged).toMatchObject({ title: article.title, hasBody: true, status: 'unread', savedAt: 5, tags: ['mine', 'ukraine', 'politics'] });
    expect(merged.body?.text).toContain('Second paragraph');
  });

  it('Markdown: a zip of one file per article with front matter and the clean text, safe to render', async () => {
    const store = createSavedStore(storage);
    await fillLibrary(store);
    const parts: Uint8Array[] = [];
    for await (const p of zipParts(markdownFiles(store))) parts.push(p);
    const zip = new Uint8Array(await new Blob(parts as BlobPart[]).arrayBuffer());
    const files = unzip(zip);
    expect([...files.keys()]).toEqual([
      'lede-library/2023-11-14-unicode.md',
      'lede-library/2023-11-14-only-a-link.md',
      'lede-library/2023-11-14-kirby-concern.md',
    ]);
    const md = files.get('lede-library/2023-11-14-kirby-concern.md')!;
    expect(md).toContain('title: "Kirby: “concern” ✓"\nurl: "https://kyivindependent.com/story"\nauthor: "Martin Fornusek"\nsite: "The Kyiv Independent"');
    expect(md).toContain('status: read\ntags: ["ukraine", "politics"]');
    expect(md).toContain('summary:\n  - "Line one with <script>alert(1)</script> & “quotes”."');
    expect(md).toContain('quotes:\n  - text: "A quote of six words here"\n    speaker: "John Kirby"\n---');
    expect(md).toContain('Line one with \\<script\\>alert(1)\\</script\\> & “quotes”.');
    expect(md).toContain('\\# not a heading');
    expect(files.get('lede-library/2023-11-14-only-a-link.md')).toContain('Saved as a link: <https://www.example.org/link?utm_source=x>');
  });

  it('Markdown escaping leaves no markup, link or HTML to a renderer', () => {
    expect(escapeMarkdown('<img src=x onerror=alert(1)> [a](javascript:alert(1)) *b* `c`')).toBe(
      '\\<img src=x onerror=alert(1)\\> \\[a\\](javascript:alert(1)) \\*b\\* \\`c\\`',
    );
    expect(escapeMarkdown('- item\n1. first\n+ plus')).toBe('\\- item\n1\\. first\n\\+ plus');
    const a = { ...toSavedLink('https://a.example/', '---\ninjected: true', 1) };
    expect(articleMarkdown(a).split('\n').slice(0, 2)).toEqual(['---', 'title: "---\\ninjected: true"']);
  });

  it('bookmarks HTML: read back with titles, dates and tags, markup in titles escaped', async () => {
    const store = createSavedStore(storage);
    await fillLibrary(store);
    await store.save(toSavedLink('https://a.example/x', '</A><script>alert(1)</script>', 1_600_000_000_000));
    const html = netscapeBookmarks(await store.list(), 0);
    expect(html).not.toContain('<script>');
    const source = await openImport(new Blob([html]), 'bookmarks.html');
    const back = [];
    for await (const item of source.items()) if ('article' in item) back.push(item.article);
    const list = await store.list();
    expect(back.map((a) => [a.url, a.title, a.savedAt])).toEqual(list.map((e) => [new URL(e.url).href, e.title, e.savedAt]));
    expect(back.find((a) => a.title.startsWith('Kirby'))?.tags).toEqual(['Lede', 'ukraine', 'politics']);
  });
});
