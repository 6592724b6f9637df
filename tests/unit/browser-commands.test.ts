// Shortcuts and context-menu items, through the handlers the browser calls, against a store that keeps what it is
// given and a content script that answers like the real one (or not at all, like a browser page).
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Analysis } from '../../utils/analysis/types';
import type { Badge } from '../../utils/browser/badge';
import { COMMANDS, createCommandHandler, type AskTab } from '../../utils/browser/commands';
import { createMenuHandler, MENU_IDS, menuItems } from '../../utils/browser/context-menus';
import type { DeclutterState } from '../../utils/messages';
import type { SavedStore } from '../../utils/storage/saved-store';
import { articleId, type SavedArticle } from '../../utils/storage/schema';
import { installMessages } from './i18n-fake';

const URL_ = 'https://kyivindependent.com/china-should-also-be-concerned/';

function analysis(isArticle = true): Analysis {
  const text = 'White House spokesperson John Kirby said on June 20 that China should be concerned.';
  return {
    url: URL_,
    title: 'China should also be concerned',
    byline: 'Martin Fornusek',
    siteName: 'The Kyiv Independent',
    publishedTime: '2024-06-20',
    lang: 'en',
    dir: null,
    excerpt: null,
    image: null,
    isArticle,
    detection: { isArticle, score: 3, threshold: 1, signals: [] },
    text: isArticle ? text : '',
    paragraphs: isArticle ? [text] : [],
    contentHtml: isArticle ? `<p>${text}</p>` : '',
    wordCount: 14,
    readingMinutes: 1,
    summary: isArticle ? [text] : [],
    summaryPicks: isArticle ? [{ sentence: text, rank: 0 }] : [],
    quotes: [],
  };
}

function memoryStore() {
  const articles = new Map<string, SavedArticle>();
  const store = {
    async save(a: SavedArticle) {
      articles.set(a.id, a);
      const { body: _body, ...entry } = a;
      return entry;
    },
    remove: async (id: string) => articles.delete(id),
    isSaved: async (id: string) => articles.has(id),
  } as unknown as SavedStore;
  return { store, articles };
}

function recordingBadge() {
  const flashes: { tabId: number; sign: string; title: string }[] = [];
  const badge = {
    flash: async (tabId: number, sign: string, title: string) => void flashes.push({ tabId, sign, title }),
  } as unknown as Badge;
  return { badge, flashes };
}

/** A content script: its declutter state, what it was asked; `page` null = no content script in the tab. */
function fakePage(page: Analysis | null) {
  const asked: string[] = [];
  let declutter: DeclutterState = { enabled: true, hidden: 12 };
  const ask = (async (_tabId: number, name: string, payload: { enabled?: boolean }) => {
    asked.push(name);
    if (!page) throw new Error('Could not establish connection. Receiving end does not exist.');
    if (name === 'analysis:get') return page;
    if (name === 'declutter:get') return declutter;
    if (name === 'declutter:set') {
      if (page.isArticle) declutter = { ...declutter, enabled: payload.enabled! };
      return declutter;
    }
    return null;
  }) as AskTab;
  return { ask, asked, analysis: (tabId: number) => ask(tabId, 'analysis:get', {}) };
}

function commandsFor(page: Analysis | null) {
  const { store, articles } = memoryStore();
  const { badge, flashes } = recordingBadge();
  const fake = fakePage(page);
  const onCommand = createCommandHandler({
    store,
    analysis: fake.analysis,
    now: () => 1_718_900_000_000,
    ask: fake.ask,
    badge,
    activeTab: async () => ({ id: 4, url: 'https://example.org/front', title: 'Front page' }),
  });
  return { onCommand, articles, flashes, asked: fake.asked };
}

describe('keyboard shortcuts', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    installMessages('en');
  });

  it('save: saves the article with its clean copy, and unsaves it when pressed again', async () => {
    const { onCommand, articles } = commandsFor(analysis());
    expect(await onCommand(COMMANDS.save, { id: 1 })).toEqual({ ok: true, did: 'saved' });
    expect(articles.get(articleId(URL_))).toMatchObject({ title: 'China should also be concerned', hasBody: true });
    expect(await onCommand(COMMANDS.save, { id: 1 })).toEqual({ ok: true, did: 'removed' });
    expect(articles.size).toBe(0);
  });

  it('save on a page Lede cannot reach saves the tab’s link, and says so on the badge', async () => {
    const { onCommand, articles, flashes } = commandsFor(null);
    // No tab passed with the command: the active tab (activeTab grants its address).
    expect(await onCommand(COMMANDS.save)).toEqual({ ok: true, did: 'saved' });
    expect([...articles.values()]).toEqual([expect.objectContaining({ url: 'https://example.org/front', hasBody: false })]);
    expect(flashes).toEqual([{ tabId: 4, sign: 'saved', title: 'Lede: saved' }]);
  });

  it('save on a browser page fails with a reason on the badge, and saves nothing', async () => {
    const { onCommand, articles, flashes } = commandsFor(null);
    const result = await onCommand(COMMANDS.save, { id: 2, url: 'chrome://settings/' });
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/can’t reach this page/) });
    expect(articles.size).toBe(0);
    expect(flashes[0]).toMatchObject({ tabId: 2, sign: 'error' });
  });

  it('declutter: turns it off and on again; on a page that is not an article it says there is nothing to do', async () => {
    const article = commandsFor(analysis());
    expect(await article.onCommand(COMMANDS.declutter, { id: 1 })).toEqual({ ok: true, did: 'declutter-off' });
    expect(await article.onCommand(COMMANDS.declutter, { id: 1 })).toEqual({ ok: true, did: 'declutter-on' });

    const front = commandsFor(analysis(false));
    const result = await front.onCommand(COMMANDS.declutter, { id: 1 });
    expect(result).toEqual({ ok: false, error: 'Lede found no article to declutter on this page' });
    expect(front.flashes).toHaveLength(1);
  });

  it('reader: asks the page to toggle its reader view', async () => {
    const { onCommand, asked } = commandsFor(analysis());
    expect(await onCommand(COMMANDS.reader, { id: 1 })).toEqual({ ok: true, did: 'reader' });
    expect(asked).toEqual(['reader:toggle']);
  });
});

describe('context menu', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    installMessages('en');
  });

  function menus(page: Analysis | null) {
    const { store, articles } = memoryStore();
    const { badge, flashes } = recordingBadge();
    let libraryOpened = 0;
    const onClicked = createMenuHandler({
      store,
      badge,
      analysis: fakePage(page).analysis,
      now: () => 1_718_900_000_000,
      openLibrary: async () => libraryOpened++,
    });
    return { onClicked, articles, flashes, libraryOpened: () => libraryOpened };
  }

  it('has the three items, named for the reader, on the page, link and toolbar-button menus', () => {
    expect(menuItems('action')).toEqual([
      { id: MENU_IDS.savePage, title: 'Save page to Lede', contexts: ['page'] },
      { id: MENU_IDS.saveLink, title: 'Save link to Lede', contexts: ['link'] },
      { id: MENU_IDS.openLibrary, title: 'Open Lede library', contexts: ['page', 'action'] },
    ]);
  });

  it('"Save page" saves the article with its clean copy', async () => {
    const { onClicked, articles } = menus(analysis());
    expect(await onClicked({ menuItemId: MENU_IDS.savePage }, { id: 1 })).toEqual({ ok: true, id: articleId(URL_) });
    expect(articles.get(articleId(URL_))?.body?.text).toContain('John Kirby');
  });

  it('"Save link" saves the link without body (its clean copy comes when first opened), named by the link text', async () => {
    const { onClicked, articles, flashes } = menus(analysis());
    const link = 'https://www.bbc.com/news/articles/c0000000?utm_source=x';
    const result = await onClicked({ menuItemId: MENU_IDS.saveLink, linkUrl: link, linkText: ' Ukraine talks resume ' }, { id: 1 });
    expect(result).toEqual({ ok: true, id: articleId(link) });
    expect(articles.get(articleId(link))).toMatchObject({ title: 'Ukraine talks resume', hasBody: false, body: null });
    expect(flashes).toEqual([{ tabId: 1, sign: 'saved', title: 'Lede: saved' }]);
  });

  it('"Save link" on an article saved already keeps its clean copy', async () => {
    const { onClicked, articles } = menus(analysis());
    await onClicked({ menuItemId: MENU_IDS.savePage }, { id: 1 });
    await onClicked({ menuItemId: MENU_IDS.saveLink, linkUrl: URL_, linkText: 'China' }, { id: 2 });
    expect(articles.get(articleId(URL_))).toMatchObject({ hasBody: true, title: 'China should also be concerned' });
  });

  it('"Save link" refuses a javascript: link with a reason', async () => {
    const { onClicked, articles, flashes } = menus(analysis());
    const result = await onClicked({ menuItemId: MENU_IDS.saveLink, linkUrl: 'javascript:alert(1)' }, { id: 1 });
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/Only web pages can be saved/) });
    expect(articles.size).toBe(0);
    expect(flashes[0].sign).toBe('error');
  });

  it('"Open Lede library" opens the library', async () => {
    const m = menus(null);
    expect(await m.onClicked({ menuItemId: MENU_IDS.openLibrary }, { id: 1 })).toEqual({ ok: true });
    expect(m.libraryOpened()).toBe(1);
  });
});
