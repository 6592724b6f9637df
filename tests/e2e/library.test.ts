// The saved-reading library in real Chromium with the built extension: saves from several tabs at once all
// kept; the library page lists, searches, sorts, filters and edits; imports preview and go all-or-nothing;
// a link imported without body gets its clean copy when its page is opened; a failed write changes nothing
// and says so; everything works from the keyboard; no request leaves the extension.
//
// The library page's data-testid contract (components/library/):
//   library-search (search box), library-results (the list; data-query = the query it answers),
//   library-item (one article; data-id, data-status), library-title (link to reader.html?id=), library-site,
//   library-byline, library-excerpt, library-reading-time, library-tag, library-original,
//   library-select, library-toggle-read (aria-pressed), library-archive, library-tag-button, library-delete,
//   library-count, library-empty, library-more, library-error, library-toast, library-undo,
//   library-filter-status, library-filter-tag, library-filter-site, library-sort,
//   library-select-all, library-bulk, bulk-read, bulk-unread, bulk-archive, bulk-tag, bulk-delete,
//   tag-editor, tag-input, tag-suggestion, tag-current,
//   library-import, library-import-file, import-dialog, import-preview, import-count, import-skipped,
//   import-confirm, import-error, library-export-json, library-export-markdown, library-export-bookmarks.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  FIXTURES_DIR,
  launchChromium,
  launchFirefox,
  startStaticServer,
  type ExtensionBrowser,
  type NetworkLog,
  type StaticServer,
} from './lib/index.ts';
import { describeWithBrowser } from './lib/vitest.ts';

declare const chrome: any;
declare const browser: any;

const SEED = 'seed/kyiv-independent.html';
const SEED_TITLE = 'China should also be concerned about Russia-North Korea pact, White House says';

/** A content script's analysis, as small as the background accepts. */
function analysis(url: string, title: string, text: string, siteName = 'Example News') {
  return {
    url,
    title,
    byline: 'Jane Doe',
    siteName,
    publishedTime: '2024-06-20T10:00:00Z',
    lang: 'en',
    dir: null,
    excerpt: null,
    image: null,
    isArticle: true,
    detection: { isArticle: true, score: 3, threshold: 1, signals: [] },
    text,
    paragraphs: [text],
    contentHtml: `<p>${text}</p>`,
    wordCount: text.split(' ').length,
    readingMinutes: 2,
    summary: [text],
    quotes: [],
  };
}

// Tabs in the background get no animation frames, so waits poll on a timer rather than per frame.
/** A request to the background from an extension page, answered as the popup and library get answers. */
async function ask(page: Page, name: string, payload: unknown): Promise<any> {
  const reply = await page.evaluate((lede, p) => chrome.runtime.sendMessage({ lede, payload: p }), name, payload);
  if (!reply?.ok) throw new Error(`${name}: ${reply?.error ?? 'no answer'}`);
  return reply.value;
}

const titles = (page: Page) =>
  page.$$eval('[data-testid="library-item"] [data-testid="library-title"]', (els) => els.map((e) => e.textContent?.trim() ?? ''));
/** A CSS selector for the library item with this title. */
async function itemOf(page: Page, title: string): Promise<string> {
  const id = await page.$$eval(
    '[data-testid="library-item"]',
    (els, t) => els.find((e) => e.querySelector('[data-testid="library-title"]')?.textContent?.trim() === t)?.getAttribute('data-id'),
    title,
  );
  if (!id) throw new Error(`No library item titled ${title}`);
  return `[data-testid="library-item"][data-id="${id}"]`;
}

async function waitForCount(page: Page, n: number): Promise<void> {
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid="library-item"]').length === n,
    { timeout: 15_000, polling: 100 },
    n,
  );
}

describeWithBrowser('chromium', 'The library in Chromium', () => {
  let server: StaticServer;
  let ext: ExtensionBrowser;
  let network: NetworkLog;
  let library: Page;
  let downloads: string;

  const openLibrary = async () => {
    const page = await ext.openExtensionPage('library.html');
    await page.waitForFunction(() => performance.getEntriesByName('lede:library-first-screen').length > 0, { timeout: 15_000 });
    return page;
  };
  const clearLibrary = async () => {
    const ids: string[] = await library.evaluate(async () => {
      const all = await chrome.storage.local.get(null);
      return Object.entries(all).flatMap(([k, v]) => (k.startsWith('ids:') ? Object.keys(JSON.parse(v as string)) : []));
    });
    if (ids.length) await ask(library, 'library:delete', { ids });
    await waitForCount(library, 0);
  };

  beforeAll(async () => {
    server = await startStaticServer();
    downloads = await mkdtemp(path.join(os.tmpdir(), 'lede-downloads-'));
    ext = await launchChromium();
    network = ext.startNetworkLog();
    library = await openLibrary();
    const cdp = await ext.browser.target().createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
    if (downloads) await rm(downloads, { recursive: true, force: true });
  });

  it('keeps all of 200 saves fired at once from 4 tabs', async () => {
    // Four extension tabs that run none of Lede's pages: only the messages they send count.
    const tabs = await Promise.all(Array.from({ length: 4 }, () => ext.openExtensionPage('manifest.json')));
    const fire = (tab: Page, t: number) =>
      tab.evaluate(
        (t, analyses) => Promise.all(analyses.map((a) => chrome.runtime.sendMessage({ lede: 'saved:save', payload: { analysis: a } }))),
        t,
        Array.from({ length: 50 }, (_, i) => analysis(`https://news.example.com/tab${t}/story${i}`, `Tab ${t} story ${i}`, `Story ${i} from tab ${t}.`)),
      );
    const replies = (await Promise.all(tabs.map(fire))).flat();
    expect(replies.filter((r: any) => !r.ok)).toEqual([]);
    for (const tab of tabs) await tab.close();
    // Input goes to the tab in front.
    await library.bringToFront();
    const stored = await library.evaluate(async () => JSON.parse((await chrome.storage.local.get('saved-index'))['saved-index']).count);
    expect(stored).toBe(200);
    await library.waitForFunction(() => /^200 articles/.test(document.querySelector('[data-testid="library-count"]')?.textContent ?? ''), {
      timeout: 15_000,
      polling: 100,
    });
    // The list shows a page at a time, and the next as the reader scrolls down to it.
    expect(await library.$$('[data-testid="library-item"]')).toHaveLength(50);
    await library.$eval('[data-testid="library-more"]', (b) => b.scrollIntoView());
    await waitForCount(library, 100);
    await clearLibrary();
  });

  it('imports a Pocket export after a preview, leaving out what it cannot take and saying where', async () => {
    const input = await library.$('[data-testid="library-import-file"]');
    await (input as any).uploadFile(path.join(FIXTURES_DIR, 'import/hostile-links.csv'));
    await library.waitForSelector('[data-testid="import-preview"]');
    expect(await library.$eval('[data-testid="import-count"]', (e) => e.textContent)).toBe('2');
    const skipped = await library.$eval('[data-testid="import-skipped"]', (e) => e.textContent ?? '');
    expect(skipped).toContain('row 3 (line 3): javascript: links are not imported');
    expect(skipped).toContain('row 4 (line 4): data: links are not imported');
    await library.click('[data-testid="import-confirm"]');
    await waitForCount(library, 2);
    expect(await library.$eval('[data-testid="library-toast"]', (e) => e.textContent)).toMatch(/Imported 2 new articles from hostile-links\.csv; 4 skipped/);
    // Markup in a title is its text.
    expect(await titles(library)).toContain("<script>window.__ledeXss='csv-title'</script>");
    expect(await library.evaluate(() => (window as any).__ledeXss)).toBeUndefined();

    // A broken file: a clear message, and nothing changes.
    await (input as any).uploadFile(path.join(FIXTURES_DIR, 'import/broken-quote.csv'));
    await library.waitForSelector('[data-testid="import-error"]');
    expect(await library.$eval('[data-testid="import-error"]', (e) => e.textContent)).toMatch(
      /cannot be imported: row 3 \(line 3\): a quoted field opened on line 3 is never closed.*Your library is unchanged/,
    );
    await library.keyboard.press('Escape');
    await waitForCount(library, 2);
    await clearLibrary();
  });

  it('gives a link imported without body its clean copy once its page is opened with Lede', async () => {
    const url = server.url(SEED);
    const csv = `title,url,time_added,tags,status\nKyiv story,${url},1718911740,ukraine,unread\n`;
    const file = path.join(downloads, 'pocket-seed.csv');
    await writeFile(file, csv);
    await ((await library.$('[data-testid="library-import-file"]')) as any).uploadFile(file);
    await library.waitForSelector('[data-testid="import-confirm"]');
    await library.click('[data-testid="import-confirm"]');
    await waitForCount(library, 1);
    expect(await library.$eval('[data-testid="library-item"]', (e) => e.textContent)).toContain('Link only');

    const page = await ext.newPage(url);
    await library.waitForFunction((t) => document.querySelector('[data-testid="library-title"]')?.textContent === t, { timeout: 20_000, polling: 100 }, SEED_TITLE);
    const item = await library.$eval('[data-testid="library-item"]', (e) => e.textContent ?? '');
    expect(item).not.toContain('Link only');
    expect(item).toContain('ukraine');
    await page.close();
    await library.bringToFront();

    // Read offline: the title leads to the reader page with the clean copy.
    const href = await library.$eval('[data-testid="library-title"]', (a) => (a as HTMLAnchorElement).href);
    expect(href).toMatch(/\/reader\.html\?id=a[0-9a-z]+$/);
    const reader = await ext.newPage(href);
    await reader.waitForSelector('[data-testid="reader-body"]', { timeout: 15_000 });
    expect(await reader.$eval('[data-testid="reader-body"]', (e) => e.textContent)).toContain('Kirby');
    await reader.close();
    await library.bringToFront();
    await clearLibrary();
  });

  it('searches while typing, sorts, filters, marks read, archives, tags with suggestions, deletes with undo', async () => {
    const bodies = [
      ['Grain deal collapses', 'Black Sea shipping halted as the grain corridor closes.', 'Kyiv Post'],
      ['Drone strikes on Kharkiv', 'Overnight drones hit energy sites in Kharkiv.', 'BBC News'],
      ['Energy prices in winter', 'Gas storage is full but prices stay high.', 'Le Monde'],
      ['Election results', 'Turnout was the highest since 1994.', 'BBC News'],
    ];
    for (const [i, [title, text, site]] of bodies.entries()) {
      await ask(library, 'saved:save', { analysis: analysis(`https://news.example.com/s${i}`, title, text, site) });
    }
    await waitForCount(library, 4);
    expect(await titles(library)).toEqual(['Election results', 'Energy prices in winter', 'Drone strikes on Kharkiv', 'Grain deal collapses']);

    // Search answers while typing: body words, prefixes.
    await library.type('[data-testid="library-search"]', 'kharkiv ener');
    await library.waitForFunction(() => document.querySelector('[data-testid="library-results"]')?.getAttribute('data-query') === 'kharkiv ener', { polling: 100 });
    expect(await titles(library)).toEqual(['Drone strikes on Kharkiv']);
    await library.$eval('[data-testid="library-search"]', (e) => (e as HTMLInputElement).select());
    await library.keyboard.press('Backspace');
    await waitForCount(library, 4);

    // Sort and filter.
    await library.select('[data-testid="library-sort"]', 'site');
    expect((await titles(library)).slice(0, 2).sort()).toEqual(['Drone strikes on Kharkiv', 'Election results']);
    await library.select('[data-testid="library-filter-site"]', 'BBC News');
    await waitForCount(library, 2);
    await library.select('[data-testid="library-filter-site"]', '');
    await library.select('[data-testid="library-sort"]', 'saved');

    // Mark read, archive (it leaves the reading list), bring it back.
    const grain = await itemOf(library, 'Grain deal collapses');
    await library.click(`${grain} [data-testid="library-toggle-read"]`);
    await library.waitForSelector(`${grain}[data-status="read"]`);
    await library.click(`${grain} [data-testid="library-archive"]`);
    await waitForCount(library, 3);
    await library.select('[data-testid="library-filter-status"]', 'archived');
    expect(await titles(library)).toEqual(['Grain deal collapses']);
    await library.select('[data-testid="library-filter-status"]', 'list');

    // Tags: suggestions are the tags in use, most used first.
    for (const [title, tags] of [['Election results', ['politics', 'europe']], ['Energy prices in winter', ['europe']]] as const) {
      const item = await itemOf(library, title);
      await library.click(`${item} [data-testid="library-tag-button"]`);
      for (const [n, tag] of tags.entries()) {
        await library.type('[data-testid="tag-input"]', tag);
        await library.keyboard.press('Enter');
        await library.waitForFunction((sel, n) => document.querySelectorAll(`${sel} [data-testid="library-tag"]`).length === n, { polling: 100 }, item, n + 1);
      }
      await library.keyboard.press('Escape');
    }
    const drone = await itemOf(library, 'Drone strikes on Kharkiv');
    await library.click(`${drone} [data-testid="library-tag-button"]`);
    await library.waitForSelector('[data-testid="tag-suggestion"]');
    expect(await library.$$eval('[data-testid="tag-suggestion"]', (els) => els.map((e) => e.firstChild?.textContent?.trim()))).toEqual(['europe', 'politics']);
    await library.click('[data-testid="tag-suggestion"]');
    await library.waitForSelector(`${drone} [data-testid="library-tag"]`);
    await library.keyboard.press('Escape');
    await library.select('[data-testid="library-filter-tag"]', 'europe');
    await waitForCount(library, 3);
    await library.select('[data-testid="library-filter-tag"]', '');

    // Delete, then undo: it comes back with its tags.
    await library.click(`${await itemOf(library, 'Election results')} [data-testid="library-delete"]`);
    await waitForCount(library, 2);
    expect(await library.$eval('[data-testid="library-toast"]', (e) => e.textContent)).toContain('Deleted “Election results”.');
    await library.click('[data-testid="library-undo"]');
    await waitForCount(library, 3);
    expect(await library.$eval(await itemOf(library, 'Election results'), (e) => e.textContent)).toContain('politics');

    // Bulk: select two, mark read, then delete both and undo.
    await library.click(`${await itemOf(library, 'Election results')} [data-testid="library-select"]`);
    await library.click(`${await itemOf(library, 'Energy prices in winter')} [data-testid="library-select"]`);
    await library.click('[data-testid="bulk-read"]');
    await library.waitForFunction(() => document.querySelectorAll('[data-testid="library-item"][data-status="read"]').length === 2, { polling: 100 });
    await library.click('[data-testid="bulk-delete"]');
    await waitForCount(library, 1);
    expect(await library.$eval('[data-testid="library-toast"]', (e) => e.textContent)).toContain('Deleted 2 articles.');
    await library.click('[data-testid="library-undo"]');
    await waitForCount(library, 3);
  });

  it('works from the keyboard alone, with the focus always visible', async () => {
    await library.bringToFront();
    await library.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await library.keyboard.press('/');
    expect(await library.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('library-search');
    await library.keyboard.press('Tab');
    const focusVisible = () =>
      library.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        return el !== document.body && el.matches(':focus-visible') && getComputedStyle(el).outlineStyle !== 'none';
      });
    expect(await focusVisible()).toBe(true);
    // j moves to the first article, x selects it, m marks it, # deletes it, z brings it back.
    await library.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await library.keyboard.press('j');
    const focused = () => library.evaluate(() => document.activeElement?.closest('[data-testid="library-item"]')?.getAttribute('data-id') ?? null);
    const first = await focused();
    expect(first).not.toBeNull();
    expect(await focusVisible()).toBe(true);
    await library.keyboard.press('j');
    const second = await focused();
    expect(second).not.toBe(first);
    await library.keyboard.press('k');
    expect(await focused()).toBe(first);
    const status = () => library.$eval(`[data-id="${first}"]`, (e) => e.getAttribute('data-status'));
    const before = await status();
    await library.keyboard.press('m');
    await library.waitForFunction((id, s) => document.querySelector(`[data-id="${id}"]`)?.getAttribute('data-status') !== s, { polling: 100 }, first, before);
    await library.keyboard.press('x');
    await library.waitForSelector(`[data-id="${first}"] [data-testid="library-select"]:checked`);
    await library.keyboard.press('Escape');
    await library.waitForSelector(`[data-id="${first}"] [data-testid="library-select"]:not(:checked)`);
    await library.keyboard.press('#');
    await library.waitForFunction((id) => !document.querySelector(`[data-id="${id}"]`), { polling: 100 }, first);
    await library.keyboard.press('z');
    await library.waitForSelector(`[data-id="${first}"]`);
  });

  it('exports JSON that gives back the same library, and Markdown and bookmarks files', async () => {
    const before = await library.evaluate(async () => {
      const all = await chrome.storage.local.get(null);
      return Object.fromEntries(Object.entries(all).filter(([k]) => k.startsWith('shard:') || k.startsWith('body:')));
    });
    await library.click('[data-testid="library-export"] summary');
    const files = async () => (await readdir(downloads)).filter((f) => f.startsWith('lede-') && !f.endsWith('.crdownload'));
    for (const kind of ['json', 'markdown', 'bookmarks']) {
      const had = (await files()).length;
      await library.waitForSelector(`[data-testid="library-export-${kind}"]:not([disabled])`);
      await library.click(`[data-testid="library-export-${kind}"]`);
      for (let i = 0; (await files()).length === had && i < 150; i++) await new Promise((r) => setTimeout(r, 100));
    }
    const names = (await files()).sort();
    expect(names.map((n) => n.replace(/\d{4}-\d{2}-\d{2}/, 'DATE'))).toEqual(['lede-bookmarks-DATE.html', 'lede-library-DATE.json', 'lede-library-DATE.zip']);
    const zip = await readFile(path.join(downloads, names[2]));
    expect(zip.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    expect(await readFile(path.join(downloads, names[0]), 'utf8')).toContain('<!DOCTYPE NETSCAPE-Bookmark-file-1>');

    await clearLibrary();
    // The deletion's undo is still pending: purge it with another deletion, so the import starts from nothing.
    await ask(library, 'saved:save-link', { url: 'https://example.org/tmp', title: 'tmp' });
    await clearLibrary();
    await ((await library.$('[data-testid="library-import-file"]')) as any).uploadFile(path.join(downloads, names[1]));
    await library.waitForSelector('[data-testid="import-confirm"]');
    await library.click('[data-testid="import-confirm"]');
    await waitForCount(library, 3);
    const after = await library.evaluate(async () => {
      const all = await chrome.storage.local.get(null);
      return Object.fromEntries(Object.entries(all).filter(([k]) => k.startsWith('shard:') || k.startsWith('body:')));
    });
    const entries = (o: Record<string, unknown>) => Object.entries(o).flatMap(([k, v]) => (k.startsWith('shard:') ? (JSON.parse(v as string) as any[]) : [])).sort((a, b) => a.id.localeCompare(b.id));
    const bodies = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([k]) => k.startsWith('body:')));
    expect(entries(after)).toEqual(entries(before));
    expect(bodies(after)).toEqual(bodies(before));
  });

  it('changes nothing when the browser refuses a write, and says so in the library and the popup', async () => {
    const first = await library.$eval('[data-testid="library-item"]', (e) => ({ id: e.getAttribute('data-id'), status: e.getAttribute('data-status') }));
    await ext.evaluateInExtension(() => {
      const local = chrome.storage.local;
      (globalThis as any).__ledeRealSet = local.set;
      local.set = () => Promise.reject(new Error('QUOTA_BYTES quota exceeded'));
    });
    try {
      await library.click(`[data-id="${first.id}"] [data-testid="library-archive"]`);
      await library.waitForSelector('[data-testid="library-error"]');
      expect(await library.$eval('[data-testid="library-error"]', (e) => e.textContent)).toMatch(
        /Could not change it: The browser's storage for Lede is full, so nothing was changed/,
      );
      expect(await library.$eval(`[data-id="${first.id}"]`, (e) => e.getAttribute('data-status'))).toBe(first.status);

      const page = await ext.newPage(server.url(SEED));
      const popup = await ext.openPopupFor(page);
      await popup.waitForSelector('[data-testid="save"]', { timeout: 15_000 });
      await popup.click('[data-testid="save"]');
      await popup.waitForSelector('.error[role="alert"]');
      expect(await popup.$eval('.error[role="alert"]', (e) => e.textContent)).toMatch(/storage for Lede is full, so nothing was changed/);
      expect(await popup.$eval('[data-testid="save"]', (e) => e.getAttribute('aria-pressed'))).toBe('false');
      await popup.close().catch(() => {});
      await page.close();
      await library.bringToFront();
    } finally {
      await ext.evaluateInExtension(() => {
        chrome.storage.local.set = (globalThis as any).__ledeRealSet;
      });
    }
    await library.click(`[data-id="${first.id}"] [data-testid="library-archive"]`);
    await library.waitForFunction((id) => !document.querySelector(`[data-id="${id}"]`), { polling: 100 }, first.id);
  });

  it('opens from the popup, and made no network request of its own', async () => {
    const page = await ext.newPage(server.url(SEED));
    const popup = await ext.openPopupFor(page);
    const open = new Set(ext.browser.targets());
    const opened = ext.browser.waitForTarget((t) => t.url().endsWith('/library.html') && !open.has(t), { timeout: 10_000 });
    await popup.waitForSelector('[data-testid="open-library"]', { timeout: 15_000 });
    await popup.click('[data-testid="open-library"]');
    const tab = await (await opened).asPage();
    await tab.waitForSelector('[data-testid="library-count"]');
    await tab.close();
    await page.close();
    expect(await network.requests()).toEqual([]);
  });
});

describeWithBrowser('firefox', 'The library in Firefox', () => {
  let ext: ExtensionBrowser;
  let network: NetworkLog;

  const openLibrary = async () => {
    const page = await ext.openExtensionPage('library.html');
    await page.waitForSelector('[data-testid="library-count"]', { timeout: 30_000 });
    return page;
  };

  beforeAll(async () => {
    ext = await launchFirefox();
    network = ext.startNetworkLog();
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('keeps all of 200 saves fired at once from 4 tabs, and lists, searches, deletes and undoes', async () => {
    const tabs = await Promise.all(Array.from({ length: 4 }, () => openLibrary()));
    const replies = await Promise.all(
      tabs.map((tab, t) =>
        tab.evaluate(
          (analyses) => Promise.all(analyses.map((a) => browser.runtime.sendMessage({ lede: 'saved:save', payload: { analysis: a } }))),
          Array.from({ length: 50 }, (_, i) => analysis(`https://news.example.com/tab${t}/story${i}`, `Tab ${t} story ${i}`, `Story ${i} from tab ${t} about wheat${t}.`)),
        ),
      ),
    );
    expect(replies.flat().filter((r: any) => !r.ok)).toEqual([]);
    const library = tabs[0];
    await library.waitForFunction(() => /^200 articles/.test(document.querySelector('[data-testid="library-count"]')?.textContent ?? ''), {
      timeout: 15_000,
      polling: 100,
    });
    await library.type('[data-testid="library-search"]', 'wheat2');
    await library.waitForFunction(() => document.querySelector('[data-testid="library-results"]')?.getAttribute('data-query') === 'wheat2', { polling: 100 });
    expect(await library.$eval('[data-testid="library-count"]', (e) => e.textContent)).toMatch(/^50 articles for “wheat2”/);
    await library.click('[data-testid="library-delete"]');
    await library.waitForFunction(() => /^49 articles/.test(document.querySelector('[data-testid="library-count"]')?.textContent ?? ''), { polling: 100 });
    // (z: the undo key, for the toast's button may have timed out on a slow machine)
    await library.keyboard.press('z');
    await library.waitForFunction(() => /^50 articles/.test(document.querySelector('[data-testid="library-count"]')?.textContent ?? ''), { polling: 100 });
    expect(await network.requests()).toEqual([]);
  });
});
