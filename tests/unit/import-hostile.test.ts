// Files that are wrong, broken or hostile: each gets a message saying what is wrong and where, and an import
// that fails leaves the library exactly as it was.
import { beforeEach, describe, expect, it } from 'vitest';
import { storage } from 'wxt/utils/storage';
import { importChunks, openImport, previewImport } from '../../utils/library/import/open-import';
import { WHOLE_FILE_LIMIT } from '../../utils/library/import/types';
import { createSavedStore } from '../../utils/storage/saved-store';
import { articleId, toSavedLink } from '../../utils/storage/schema';
import { fixtureFile, itemsOf } from '../fixtures/import/read';
import { failWrites, resetWithCopyingStorage, snapshot } from './storage-fake';

const openFails = (blob: Blob, name: string) => openImport(blob, name).then(previewImport);

describe('malformed and hostile import files', () => {
  beforeEach(resetWithCopyingStorage);

  it('names the row whose quote never closes', async () => {
    await expect(openFails(fixtureFile('broken-quote.csv'), 'broken-quote.csv')).rejects.toThrow(
      /^row 3 \(line 3\): a quoted field opened on line 3 is never closed/,
    );
  });

  it('names the line of a Lede export that is not valid JSON', async () => {
    await expect(openFails(fixtureFile('truncated-line.json'), 'truncated-line.json')).rejects.toThrow(/^line 3: not valid JSON/);
  });

  it('says a JSON file is not a Lede export, and a cut-short export is cut short', async () => {
    await expect(openFails(fixtureFile('not-lede.json'), 'not-lede.json')).rejects.toThrow(/not a Lede export/);
    const cut = '{"format":"lede-library","version":1,"exportedAt":"","count":1,"settings":null,"articles":[\n{"url":"https://a.example/","title":"t","savedAt":1}\n';
    await expect(openFails(new Blob([cut]), 'cut.json')).rejects.toThrow(/cut short/);
    await expect(openFails(new Blob(['{"format":"lede-library","version":9,"articles":[]}']), 'new.json')).rejects.toThrow(/newer Lede/);
    await expect(openFails(new Blob(['{"a": 1,,}']), 'bad.json')).rejects.toThrow(/^line 1: not valid JSON/);
  });

  it('names the columns of a CSV it does not know, the row with too many fields, and files of no known kind', async () => {
    await expect(openFails(new Blob(['name,address\nx,y\n']), 'contacts.csv')).rejects.toThrow(/row 1: this CSV file has no "url" column \(its columns: "name", "address"\)/);
    await expect(openFails(new Blob(['title,url,time_added,status\na,https://a.example/,1,unread,extra\n']), 'x.csv')).rejects.toThrow(/row 2 \(line 2\): 5 fields where the header has 4/);
    await expect(openFails(new Blob(['<html><body><p>No links here</p></body></html>']), 'page.html')).rejects.toThrow(/holds no links/);
    await expect(openFails(new Blob([new Uint8Array([0x50, 0x4b, 3, 4, 0, 0])]), 'export.zip')).rejects.toThrow(/not a text file/);
    await expect(openFails(new Blob(['']), 'empty.csv')).rejects.toThrow(/empty/);
  });

  it('refuses a file over the size limit before reading it', async () => {
    const huge = { size: WHOLE_FILE_LIMIT + 1, slice: () => new Blob(['title,url\n']), text: () => Promise.reject(new Error('read')) } as unknown as Blob;
    await expect(openImport(huge, 'huge.csv')).rejects.toThrow(/huge.csv is 64 MB; Lede imports lists of links of up to 64 MB/);
  });

  it('takes no javascript:, data: or vbscript: link, keeps script in titles as plain text, merges duplicate URLs', async () => {
    const { articles, problems } = await itemsOf('hostile-links.csv');
    expect(problems.map((p) => `${p.where}: ${p.message}`)).toEqual([
      'row 3 (line 3): javascript: links are not imported, only web pages (http and https)',
      'row 4 (line 4): data: links are not imported, only web pages (http and https)',
      'row 5 (line 5): vbscript: links are not imported, only web pages (http and https)',
      'row 6 (line 6): not a web address: "www.example.org/no-scheme"',
    ]);
    expect(articles[0].title).toBe("<script>window.__ledeXss='csv-title'</script>");
    expect(articles[0].tags).toEqual(['<img src=x onerror=alert(1)>']);
    expect(articles.every((a) => a.url.startsWith('https://'))).toBe(true);

    const store = createSavedStore(storage);
    await store.stageImport('i1', articles);
    expect(await store.commitImport('i1')).toEqual({ added: 2, merged: 0, unchanged: 0, settings: false });
    const fine = (await store.list()).find((e) => e.title === 'Fine');
    expect(fine?.tags).toEqual(['ok', 'again']);
  });

  it('says nothing can be imported when no row can', async () => {
    const csv = 'title,url\nx,javascript:alert(1)\ny,"data:text/html,hi"\n';
    await expect(openFails(new Blob([csv]), 'evil.csv')).rejects.toThrow(/nothing in this file can be imported \(row 2 \(line 2\): javascript:/);
  });

  it('rejects an exported article whose fields have the wrong types, and never trusts its id', async () => {
    const lines = [
      '{"format":"lede-library","version":1,"exportedAt":"","count":2,"settings":{"theme":"dark","keyQuotes":"lots","siteRules":{"a.example":"always","b.example":"sometimes"}},"articles":[',
      '{"id":"../../settings","url":"https://a.example/x","title":"ok","savedAt":5,"status":"read","tags":["t"],"body":null},',
      '{"id":"b","url":"https://a.example/y","title":{"html":"<b>"},"savedAt":5},',
      '{"id":"c","url":"https://a.example/z","title":"z","savedAt":5,"body":{"text":"t","contentHtml":"<img src=x onerror=alert(1)>","summary":"not a list"}}',
      ']}',
    ].join('\n');
    const { source, articles, problems } = await itemsOf('lede.json', new Blob([lines]));
    expect(articles.map((a) => a.id)).toEqual([articleId('https://a.example/x')]);
    expect(articles[0].id).not.toContain('/');
    expect(problems).toEqual([
      { where: 'line 3', message: '"title" should be text' },
      { where: 'line 4', message: '"body.summary" should be a list' },
    ]);
    expect(source.settings).toMatchObject({ theme: 'dark', keyQuotes: 3, siteRules: { 'a.example': 'always' } });
  });

  it('leaves the library as it was when the import fails at commit (a full disk), and says so', async () => {
    const store = createSavedStore(storage);
    await store.save(toSavedLink('https://kyivindependent.com/', 'Home', 1));
    const before = await snapshot();
    const source = await openImport(fixtureFile('pocket.csv'), 'pocket.csv');
    for await (const chunk of importChunks(source)) await store.stageImport('i2', chunk);
    const restore = failWrites();
    await expect(store.commitImport('i2')).rejects.toThrow(/storage for Lede is full, so nothing was changed/);
    restore();
    await store.abortImport('i2');
    expect(await snapshot()).toEqual(before);
  });

  it('takes back what a chunk wrote when the import is abandoned halfway', async () => {
    const store = createSavedStore(storage);
    await store.search.ensure();
    const before = (await snapshot()) as { search: { nextSegment: number } };
    const article = { ...toSavedLink('https://a.example/with-body', 'A', 1), hasBody: true, body: { id: 'x', lang: null, dir: null, summary: [], quotes: [], text: 'words', contentHtml: '<p>words</p>', image: null } };
    await store.stageImport('i3', [article]);
    expect(await snapshot()).not.toEqual(before);
    expect(await store.abortImport('i3')).toBe(true);
    // All the same but the index's segment counter (a used number is not given out again).
    const after = (await snapshot()) as { search: { nextSegment: number } };
    expect(after.search.nextSegment).toBe(before.search.nextSegment + 1);
    expect({ ...after, search: { ...after.search, nextSegment: 0 } }).toEqual({ ...before, search: { ...before.search, nextSegment: 0 } });
    await expect(store.commitImport('i3')).rejects.toThrow(/interrupted/);
  });
});
