import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storage } from 'wxt/utils/storage';
import type { Analysis } from '../../utils/analysis/types';
import { BADGE_LOOK, createBadge, createTabArticles, markFor } from '../../utils/browser/badge';
import { announceArticle } from '../../utils/browser/page-announce';
import type { ToolbarAction } from '../../utils/browser/toolbar-action';
import { articleId } from '../../utils/storage/schema';
import { installMessages } from './i18n-fake';

const ARTICLE = { url: 'https://kyivindependent.com/china-should-also-be-concerned/', title: 'China should also be concerned' };

/** A toolbar button that remembers what each tab shows, as the browser would. */
function fakeAction() {
  const tabs = new Map<number, { text: string; color?: string; title?: string }>();
  const at = (tabId = -1) => tabs.get(tabId) ?? tabs.set(tabId, { text: '' }).get(tabId)!;
  const action: ToolbarAction = {
    setBadgeText: async ({ tabId, text }) => void (at(tabId).text = text),
    setBadgeBackgroundColor: async ({ tabId, color }) => void (at(tabId).color = color),
    setBadgeTextColor: async () => {},
    setTitle: async ({ tabId, title }) => void (at(tabId).title = title),
  };
  return { action, shown: (tabId: number) => at(tabId) };
}

describe('toolbar badge', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    installMessages('en');
  });
  afterEach(() => vi.useRealTimers());

  it('marks nothing without an article, a dot for an article, a tick for a saved one', () => {
    expect(markFor(undefined, new Set())).toBe('none');
    expect(markFor(ARTICLE, new Set())).toBe('article');
    // The same article with tracking parameters is the same saved article.
    expect(markFor({ ...ARTICLE, url: `${ARTICLE.url}?utm_source=x` }, new Set([articleId(ARTICLE.url)]))).toBe('saved');
  });

  it('shows the dot on the tab with the article, turns it into a tick once saved, and clears it on navigation', async () => {
    const saved = new Set<string>();
    const { action, shown } = fakeAction();
    const badge = createBadge({ action, tabs: createTabArticles(storage), savedIds: async () => saved });

    await badge.detected(7, ARTICLE);
    expect(shown(7)).toMatchObject({ text: BADGE_LOOK.article.text, title: expect.stringMatching(/article found/) });
    expect(shown(8).text).toBe('');

    saved.add(articleId(ARTICLE.url));
    await badge.repaintAll();
    expect(shown(7)).toMatchObject({ text: '✓', color: BADGE_LOOK.saved.color, title: 'Lede: this article is saved' });

    await badge.forget(7);
    expect(shown(7)).toMatchObject({ text: '', title: 'Lede' });
    saved.clear();
    await badge.repaintAll();
    expect(shown(7).text).toBe('');
  });

  it('remembers the marked tabs across a restart of the background (session storage)', async () => {
    const first = fakeAction();
    await createBadge({ action: first.action, tabs: createTabArticles(storage), savedIds: async () => new Set() }).detected(3, ARTICLE);

    // A new worker: the same storage, nothing in memory. Saving the article must still repaint tab 3.
    const second = fakeAction();
    const badge = createBadge({
      action: second.action,
      tabs: createTabArticles(storage),
      savedIds: async () => new Set([articleId(ARTICLE.url)]),
    });
    await badge.repaintAll();
    expect(second.shown(3).text).toBe('✓');
  });

  it('flashes "!" with the reason, then shows the tab’s mark again', async () => {
    vi.useFakeTimers();
    const { action, shown } = fakeAction();
    const badge = createBadge({ action, tabs: createTabArticles(storage), savedIds: async () => new Set() });
    await badge.detected(5, ARTICLE);
    await badge.flash(5, 'error', 'Lede can’t reach this page');
    expect(shown(5)).toMatchObject({ text: '!', title: 'Lede can’t reach this page' });
    await vi.runAllTimersAsync();
    expect(shown(5).text).toBe(BADGE_LOOK.article.text);
  });

  it('forgets a tab the browser no longer has', async () => {
    const { action } = fakeAction();
    const tabs = createTabArticles(storage);
    const closed: ToolbarAction = { ...action, setBadgeText: async () => Promise.reject(new Error('No tab with id: 9')) };
    await createBadge({ action: closed, tabs, savedIds: async () => new Set() }).detected(9, ARTICLE);
    expect(await tabs.tabIds()).toEqual([]);
  });
});

describe('what the page tells the badge', () => {
  const analysis = (isArticle: boolean) => Promise.resolve({ ...ARTICLE, isArticle } as unknown as Analysis);

  it('an article sends itself once analysed; any other page sends nothing, not even a message', async () => {
    const sent: unknown[] = [];
    await announceArticle(analysis(true), async (a) => void sent.push(a));
    await announceArticle(analysis(false), async (a) => void sent.push(a));
    await announceArticle(Promise.resolve(null), async (a) => void sent.push(a)); // a page detection turned away
    await announceArticle(Promise.reject(new Error('no story')), async (a) => void sent.push(a));
    expect(sent).toEqual([{ url: ARTICLE.url, title: ARTICLE.title }]);
  });

  it('a single-page site that moves on from an article says there is none now', async () => {
    const sent: unknown[] = [];
    await announceArticle(analysis(false), async (a) => void sent.push(a), { orNone: true });
    expect(sent).toEqual([null]);
  });

  it('a background that does not answer leaves the page as it is', async () => {
    await expect(announceArticle(analysis(true), () => Promise.reject(new Error('Receiving end does not exist')))).resolves.toBeUndefined();
  });
});
