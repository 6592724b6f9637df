// Each export format Lede imports, read from files laid out as the services write them
// (tests/fixtures/import/README.md): what the reader's library gets from each.
import { describe, expect, it } from 'vitest';
import { previewImport } from '../../utils/library/import/open-import';
import { articleId, type SavedArticle } from '../../utils/storage/schema';
import { itemsOf } from '../fixtures/import/read';

const pick = (a: SavedArticle) => ({ url: a.url, title: a.title, savedAt: a.savedAt, tags: a.tags, status: a.status, hasBody: a.hasBody });
const KYIV = 'https://kyivindependent.com/china-should-also-be-concerned-about-russia-north-korea-pact-white-house-says/';

describe('import formats', () => {
  it('reads Pocket’s CSV: titles, dates, tags, archived status, quoted newlines', async () => {
    const { source, articles, problems } = await itemsOf('pocket.csv');
    expect(source.format).toBe('pocket-csv');
    expect(problems).toEqual([]);
    expect(articles.map(pick)).toEqual([
      { url: KYIV, title: 'China should also be concerned about Russia-North Korea pact, White House says', savedAt: 1718911740000, tags: ['ukraine', 'politics'], status: 'unread', hasBody: false },
      { url: 'https://www.example.org/news/grain-corridor?utm_source=pocket_saves', title: 'The "grain corridor" explained', savedAt: 1700000000000, tags: [], status: 'archived', hasBody: false },
      { url: 'https://www.example.org/news/ab', title: 'Multi-line title kept as one line', savedAt: 1690000000000, tags: [], status: 'unread', hasBody: false },
      { url: 'https://www.example.com/no-title', title: 'https://www.example.com/no-title', savedAt: 1680000000000, tags: ['economy'], status: 'unread', hasBody: false },
    ]);
    // Same article as the page saved by Lede itself: tracking parameters do not make a second one.
    expect(articles[1].id).toBe(articleId('https://www.example.org/news/grain-corridor'));
    expect(articles[0].siteName).toBe('kyivindependent.com');
  });

  it('reads Pocket’s older ril_export.html, with its Unread and Read Archive sections', async () => {
    const { source, articles, problems } = await itemsOf('ril_export.html');
    expect(source.format).toBe('pocket-html');
    expect(problems).toEqual([]);
    expect(articles.map(pick)).toEqual([
      { url: KYIV, title: 'China should also be concerned about Russia-North Korea pact, White House says', savedAt: 1718911740000, tags: ['ukraine', 'politics'], status: 'unread', hasBody: false },
      { url: 'https://www.example.org/longform/energy-winter', title: 'Europe’s energy winter & what comes next', savedAt: 1701000000000, tags: [], status: 'unread', hasBody: false },
      { url: 'https://www.example.org/news/grain-corridor', title: 'The "grain corridor" explained', savedAt: 1700000000000, tags: [], status: 'archived', hasBody: false },
    ]);
  });

  it('reads Instapaper’s CSV: Archive is archived, Starred and other folders become tags', async () => {
    const { source, articles } = await itemsOf('instapaper.csv');
    expect(source.format).toBe('instapaper-csv');
    expect(articles.map((a) => [a.title, a.status, a.tags, a.savedAt])).toEqual([
      ['The "grain corridor" explained', 'unread', ['trade', 'black sea'], 1700000000000],
      ['Europe’s energy winter', 'archived', [], 1701000000000],
      ['An interview worth keeping', 'unread', ['starred'], 1702000000000],
      ['Borscht', 'unread', ['Recipes'], 1703000000000],
    ]);
  });

  it('reads a browser’s bookmarks: folders as tags (not the browser’s own), and leaves bookmarklets out, saying where', async () => {
    const { source, articles, problems } = await itemsOf('bookmarks-chrome.html');
    expect(source.format).toBe('netscape');
    expect(articles.map((a) => [a.title, a.tags, a.savedAt])).toEqual([
      ['The Kyiv Independent', [], 1700000100000],
      ['Europe’s energy winter', ['Read later'], 1701000000000],
      ['An interview worth keeping', ['people', 'long read'], 1702000000000],
    ]);
    expect(problems).toEqual([{ where: 'line 15', message: 'javascript: links are not imported, only web pages (http and https)' }]);
  });

  it('previews what an import brings before anything is written', async () => {
    const preview = await previewImport((await itemsOf('hostile-links.csv')).source);
    expect(preview).toMatchObject({ format: 'pocket-csv', articles: 2, withBody: 0, duplicates: 1, settings: false });
    expect(preview.skipped.map((p) => p.where)).toEqual(['row 3 (line 3)', 'row 4 (line 4)', 'row 5 (line 5)', 'row 6 (line 6)']);
  });

  it('takes any CSV with a url column, and keeps the file’s order when it gives no dates', async () => {
    const csv = 'Name,URL,Tags\nFirst,https://a.example/1,"x,y"\nSecond,https://a.example/2,\n';
    const { source, articles } = await itemsOf('links.csv', new Blob([csv]));
    expect(source.format).toBe('csv');
    expect(articles.map((a) => [a.title, a.tags])).toEqual([
      ['First', ['x', 'y']],
      ['Second', []],
    ]);
    expect(articles[0].savedAt).toBeGreaterThan(articles[1].savedAt);
  });
});
