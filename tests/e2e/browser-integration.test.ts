// Lede in the browser's own places, in real Chromium and Firefox ESR: the toolbar badge, the keyboard shortcuts
// (through the command's handler: no browser API presses a shortcut), the context menu (through its onClicked
// handler), the side panel / sidebar, and the options page, each checked by what a reader would notice.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  eventually,
  launchBrowser,
  startStaticServer,
  type BrowserKind,
  type ExtensionBrowser,
  type NetworkLog,
  type StaticServer,
} from './lib/index.ts';
import { describeWithBrowser } from './lib/vitest.ts';

const SEED = 'seed/kyiv-independent.html';
const FRONT_PAGE = 'pages/front-page.html';
// A blog's privacy policy that detection takes for an article, though not surely (tests/fixtures/unsure/README.md).
const UNSURE = 'unsure/trafilatura-sibenlab-blogspot-com-9a1e57.html';
const TITLE = 'China should also be concerned about Russia-North Korea pact, White House says';
const CLUTTER = 'Enter your email to subscribe';

// The extension API inside evaluateInExtension() callbacks (a Chromium service worker or a Firefox extension tab).
declare const chrome: any;
declare const browser: any;

const visibleText = (page: Page) => page.evaluate(() => document.body.innerText.replace(/\s+/g, ' '));
const isDecluttered = (page: Page) => page.evaluate(() => document.querySelectorAll('[data-lede-hidden]').length > 0);


for (const kind of ['chromium', 'firefox'] as BrowserKind[]) {
  describeWithBrowser(kind, `Lede in the browser's own places (${kind})`, () => {
    let server: StaticServer;
    let ext: ExtensionBrowser;
    let profileDir: string;
    let network: NetworkLog;

    beforeAll(async () => {
      server = await startStaticServer();
      profileDir = await mkdtemp(path.join(os.tmpdir(), `lede-integration-${kind}-`));
      ext = await launchBrowser(kind, { profileDir });
      network = ext.startNetworkLog();
    });
    afterAll(async () => {
      await ext?.close();
      await server?.close();
      if (profileDir) await rm(profileDir, { recursive: true, force: true });
    });

    const badge = (tabId: number) =>
      ext.evaluateInExtension((id: number) => {
        const api = (globalThis as any).browser ?? chrome;
        return (api.action ?? api.browserAction).getBadgeText({ tabId: id }) as Promise<string>;
      }, tabId);
    const waitForBadge = (tabId: number, text: string) => eventually(() => badge(tabId), (b) => b === text, `badge of tab ${tabId}`);

    /** Runs a keyboard command as the browser would: Chromium dispatches the real onCommand event in the worker. */
    const command = (name: string, tabId: number) =>
      ext.evaluateInExtension(
        async (n: string, id: number) => {
          if (typeof chrome !== 'undefined' && chrome.commands?.onCommand?.dispatch) {
            chrome.commands.onCommand.dispatch(n, { id });
            return null;
          }
          const background = await browser.runtime.getBackgroundPage();
          return JSON.stringify(await background.ledeIntegration.onCommand(n, { id }));
        },
        name,
        tabId,
      );
    /** Clicks a context-menu item as the browser would (the onClicked event in Chromium, its handler in Firefox). */
    const menuClick = (info: Record<string, string>, tabId: number) =>
      ext.evaluateInExtension(
        async (i: Record<string, string>, id: number) => {
          if (typeof chrome !== 'undefined' && chrome.contextMenus?.onClicked?.dispatch) {
            chrome.contextMenus.onClicked.dispatch(i, { id });
            return null;
          }
          const background = await browser.runtime.getBackgroundPage();
          return JSON.stringify(await background.ledeIntegration.onMenuClicked(i, { id }));
        },
        info,
        tabId,
      );


    async function article(): Promise<{ page: Page; tabId: number }> {
      const page = await ext.newPage(server.url(SEED));
      await eventually(() => isDecluttered(page), Boolean, 'declutter of the seed article');
      return { page, tabId: await ext.tabIdOf(page) };
    }

    async function popupFor(page: Page): Promise<Page> {
      const popup = await ext.openPopupFor(page);
      await popup.waitForSelector('[data-testid="save"]', { timeout: 15_000 });
      return popup;
    }

    it('marks the tab holding an article, ticks it once saved, and leaves other pages unmarked', async () => {
      // The mark is seen on a button on the toolbar: Firefox puts Lede's there as it installs (its manifest asks);
      // Chrome leaves that to the reader, and the harness pins it as a reader would.
      expect(await ext.buttonOnToolbar()).toBe(true);
      const { page, tabId } = await article();
      await waitForBadge(tabId, '•');

      const front = await ext.newPage(server.url(FRONT_PAGE));
      const frontTab = await ext.tabIdOf(front);
      // Once the popup has the page's answer, the content script has done all it will do there.
      const frontPopup = await ext.openPopupFor(front);
      await frontPopup.waitForSelector('[data-testid="not-article"]', { timeout: 15_000 });
      expect(await badge(frontTab)).toBe('');
      await frontPopup.close().catch(() => {});

      const popup = await popupFor(page);
      await popup.click('[data-testid="save"]');
      await waitForBadge(tabId, '✓');
      await popup.click('[data-testid="save"]');
      await waitForBadge(tabId, '•');
      await popup.close().catch(() => {});

      // A new page in the same tab drops the mark; the article coming back brings it back.
      await page.goto(server.url(FRONT_PAGE), { waitUntil: 'load' });
      await waitForBadge(tabId, '');
      await page.goto(server.url(SEED), { waitUntil: 'load' });
      await waitForBadge(tabId, '•');
      await page.close();
      await front.close();
    });

    it('leaves a page it is unsure of as it is, until the popup reads it; only the switch tidies it', async () => {
      const page = await ext.newPage(server.url(UNSURE));
      const tabId = await ext.tabIdOf(page);
      const before = await visibleText(page);
      // An article Lede is sure of, opened after it, is read, tidied and marked: by then Lede has had its turn here.
      const { page: seed, tabId: seedTab } = await article();
      await waitForBadge(seedTab, '•');
      expect(await isDecluttered(page)).toBe(false);
      expect(await badge(tabId)).toBe('');
      await seed.close();

      const popup = await popupFor(page);
      await popup.waitForSelector('[data-testid="summary-sentence"]', { timeout: 15_000 });
      expect(await popup.$eval('[data-testid="why-unsure"]', (el) => el.textContent)).toMatch(/waited for you to ask/);
      await waitForBadge(tabId, '•');
      // Read, and still as it was: the reader's "declutter articles" setting is on, but Lede was not sure.
      expect(await popup.$eval('[data-testid="declutter-toggle"]', (el) => el.getAttribute('aria-pressed'))).toBe('false');
      expect(await isDecluttered(page)).toBe(false);
      expect(await visibleText(page)).toBe(before);

      await popup.click('[data-testid="declutter-toggle"]');
      await eventually(() => isDecluttered(page), Boolean, 'declutter of the page at the reader’s word');
      await popup.close().catch(() => {});
      await page.close();
    });

    it('keyboard shortcuts save and unsave the article, toggle declutter and the reader view', async () => {
      const { page, tabId } = await article();
      await waitForBadge(tabId, '•');

      await command('save-article', tabId);
      await waitForBadge(tabId, '✓');
      const popup = await popupFor(page);
      await popup.waitForSelector('[data-testid="save"][aria-pressed="true"]');
      expect(await popup.$$eval('[data-testid="saved-item"]', (els) => els.map((e) => e.textContent ?? ''))).toEqual([
        expect.stringContaining(TITLE),
      ]);
      await popup.close().catch(() => {});
      await command('save-article', tabId);
      await waitForBadge(tabId, '•');

      await command('toggle-declutter', tabId);
      await eventually(() => visibleText(page), (text) => text.includes(CLUTTER), 'the original page back');
      await command('toggle-declutter', tabId);
      await eventually(() => visibleText(page), (text) => !text.includes(CLUTTER), 'the page decluttered again');

      await command('toggle-reader', tabId);
      await eventually(() => page.evaluate(() => document.querySelector('lede-reader') !== null), Boolean, 'the reader view open');
      await command('toggle-reader', tabId);
      await eventually(() => page.evaluate(() => document.querySelector('lede-reader') === null), Boolean, 'the reader view closed');
      await page.close();
    });

    it('the popup works from the keyboard: Enter saves and unsaves, Tab shows where the focus is', async () => {
      const { page, tabId } = await article();
      const popup = await popupFor(page);
      await popup.keyboard.press('Enter');
      await popup.waitForSelector('[data-testid="save"][aria-pressed="true"]');
      await waitForBadge(tabId, '✓');
      await popup.keyboard.press('Enter');
      await popup.waitForSelector('[data-testid="save"][aria-pressed="false"]');
      await waitForBadge(tabId, '•');
      // Each control Tab reaches has a visible outline.
      for (let i = 0; i < 6; i++) {
        await popup.keyboard.press('Tab');
        const focus = await popup.evaluate(() => {
          const el = document.activeElement as HTMLElement;
          const style = getComputedStyle(el);
          return { tag: el.tagName, outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 };
        });
        expect(focus.tag, 'the focus is on a control').not.toBe('BODY');
        expect(focus.outline, `${focus.tag} shows the focus`).toBe(true);
      }
      await popup.close().catch(() => {});
      await page.close();
    });

    it('context menu: saves the page, saves a link without reading it, opens the library', async () => {
      const { page, tabId } = await article();
      await menuClick({ menuItemId: 'lede-save-page' }, tabId);
      await waitForBadge(tabId, '✓');

      const link = server.url('pages/front-page.html?from=menu');
      await menuClick({ menuItemId: 'lede-save-link', linkUrl: link, linkText: 'The Daily Example front page' }, tabId);
      const popup = await popupFor(page);
      const items = await eventually(
        () => popup.$$eval('[data-testid="saved-item"]', (els) => els.map((e) => e.textContent ?? '')),
        (list) => list.length === 2,
        'two saved items',
      );
      expect(items[0]).toContain('The Daily Example front page');
      expect(items[1]).toContain(TITLE);
      // Unsave both, for the tests after this one (the list is drawn again after each).
      const savedCount = () => popup.$$('[data-testid="saved-item"]').then((l) => l.length);
      for (let left = 2; left > 0; left--) {
        await popup.click('[data-testid="saved-item"] button');
        await eventually(savedCount, (n) => n === left - 1, 'an item unsaved');
      }
      await popup.close().catch(() => {});

      // The library tabs, as the extension sees them (puppeteer does not see a moz-extension tab's address).
      const libraryUrl = ext.extensionUrl('library.html');
      const libraryTabs = async () =>
        kind === 'chromium'
          ? (await ext.browser.pages()).filter((p) => p.url().startsWith(libraryUrl)).length
          : ext.evaluateInExtension(
              (url: string) => browser.extension.getViews({ type: 'tab' }).filter((w: Window) => w.location.href.startsWith(url)).length,
              libraryUrl,
            );
      expect(await libraryTabs()).toBe(0);
      await menuClick({ menuItemId: 'lede-open-library' }, tabId);
      await eventually(libraryTabs, (n) => n === 1, 'a library tab');
      await page.close();
    });

    it('the side panel shows the companion beside the article, follows the active tab, and takes a quote click to the page', async () => {
      const { page, tabId } = await article();
      let panel: Page;
      if (kind === 'chromium') {
        // The real side panel, opened the reader's way: the popup's button (a real click, which Chrome requires).
        const popup = await popupFor(page);
        const opened = ext.browser.waitForTarget((t) => t.url().startsWith(ext.extensionUrl('sidepanel.html')), { timeout: 15_000 });
        await popup.click('[data-testid="open-side-panel"]');
        panel = (await (await opened).asPage())!;
      } else {
        // Firefox's sidebar is browser chrome that WebDriver BiDi does not reach: the same page, in a tab, on this tab.
        panel = await ext.openExtensionPage(`sidepanel.html?tab=${tabId}`);
      }
      await panel.waitForSelector('[data-testid="article-title"]', { timeout: 15_000 });
      expect(await panel.$eval('[data-testid="article-title"]', (e) => e.textContent?.trim())).toBe(TITLE);
      expect(await panel.$$('[data-testid="quote"]')).toHaveLength(3);

      await page.bringToFront();
      await page.evaluate(() => window.scrollTo(0, 0));
      await panel.click('[data-testid="quote"]:nth-of-type(2) [data-testid="quote-show"]');
      await eventually(() => page.evaluate(() => window.scrollY), (y) => y > 200, 'the page scrolled to the quote');
      expect(await panel.$('.error')).toBeNull();

      if (kind === 'chromium') {
        const front = await ext.newPage(server.url(FRONT_PAGE));
        await front.bringToFront();
        await panel.waitForSelector('[data-testid="not-article"]', { timeout: 15_000 });
        await page.bringToFront();
        await panel.waitForSelector('[data-testid="article-title"]', { timeout: 15_000 });
        await front.close();
      }
      await page.close();
    });

    it('options: a change shows in the popup and on open pages without a reload, and comes back after a restart', async () => {
      const options = await ext.openExtensionPage('options.html');
      await options.waitForSelector('[data-testid="auto-declutter"]', { timeout: 15_000 });
      expect(await options.$eval('[data-testid="auto-declutter"]', (e) => (e as HTMLInputElement).checked)).toBe(true);

      // Auto-declutter off: a new article opens as the site made it.
      await options.click('[data-testid="auto-declutter"]');
      await options.waitForFunction(() => document.querySelector('[data-testid="settings-status"]')?.textContent === 'Saved.');
      const page = await ext.newPage(server.url(SEED));
      const tabId = await ext.tabIdOf(page);
      await waitForBadge(tabId, '•'); // analysed
      expect(await isDecluttered(page)).toBe(false);

      // The popup's site rule "Always" declutters it at once, and the options page lists the rule.
      const popup = await popupFor(page);
      await popup.select('[data-testid="site-rule"]', 'always');
      await eventually(() => isDecluttered(page), Boolean, 'declutter after "Always"');
      await popup.close().catch(() => {});
      await options.bringToFront();
      await options.waitForSelector('[data-testid="site-rule-row"]');
      expect(await options.$$eval('[data-testid="site-rule-row"] .site', (els) => els.map((e) => e.textContent))).toEqual(['127.0.0.1']);

      // Set to "Never" in the options page: the open article puts its clutter back, without a reload.
      await options.select('[data-testid="site-rule-row"] select', 'never');
      await eventually(() => visibleText(page), (text) => text.includes(CLUTTER), 'the clutter back after "Never"');

      // One key quote and a short summary: the popup shows exactly that.
      await options.click('[data-testid="summary-length-short"]');
      await options.$eval('[data-testid="key-quotes"]', (e) => ((e as HTMLInputElement).value = ''));
      await options.type('[data-testid="key-quotes"]', '1');
      await options.keyboard.press('Enter');
      await options.click('[data-testid="theme-dark"]');
      await options.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
      const popup2 = await popupFor(page);
      await eventually(() => popup2.$$('[data-testid="quote"]').then((l) => l.length), (n) => n === 1, 'one key quote');
      expect(await popup2.$$('[data-testid="summary-sentence"]')).toHaveLength(2);
      expect(await popup2.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      expect(await popup2.$eval('[data-testid="site-rule"]', (e) => (e as HTMLSelectElement).value)).toBe('never');
      await popup2.close().catch(() => {});
      await page.close();
      await options.close();

      expect(await network.requests(), 'requests made by the extension').toEqual([]);
      await ext.close();
      ext = await launchBrowser(kind, { profileDir });
      network = ext.startNetworkLog();
      const again = await ext.openExtensionPage('options.html');
      await again.waitForSelector('[data-testid="auto-declutter"]', { timeout: 15_000 });
      expect(await again.$eval('[data-testid="auto-declutter"]', (e) => (e as HTMLInputElement).checked)).toBe(false);
      expect(await again.$eval('[data-testid="key-quotes"]', (e) => (e as HTMLInputElement).value)).toBe('1');
      expect(await again.$eval('[data-testid="summary-length-short"]', (e) => (e as HTMLInputElement).checked)).toBe(true);
      expect(await again.$eval('[data-testid="theme-dark"]', (e) => (e as HTMLInputElement).checked)).toBe(true);
      await again.close();
    });

    it('made no network request of its own', async () => {
      expect(await network.requests()).toEqual([]);
    });
  });
}

// The translation path end to end: Chromium started in Ukrainian shows Lede in Ukrainian, from the manifest's
// shortcut names to the popup, the badge's words and the options page.
describeWithBrowser('chromium', 'Lede in Ukrainian (Chromium --lang=uk)', () => {
  let server: StaticServer;
  let ext: ExtensionBrowser;

  beforeAll(async () => {
    server = await startStaticServer();
    ext = await launchBrowser('chromium', { args: ['--lang=uk'] });
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  it('shows the popup, the badge, the shortcuts, the options and the library in Ukrainian', async () => {
    const page = await ext.newPage(server.url(SEED));
    const tabId = await ext.tabIdOf(page);
    const popup = await ext.openPopupFor(page);
    await popup.waitForSelector('[data-testid="save"]', { timeout: 15_000 });
    expect(await popup.evaluate(() => document.documentElement.lang)).toBe('uk');
    expect(await popup.$eval('[data-testid="save"]', (e) => e.textContent)).toBe('Зберегти');
    expect(await popup.$eval('#quotes-heading', (e) => e.textContent)).toBe('Ключові цитати');
    expect(await popup.$eval('[data-testid="reading-time"]', (e) => e.textContent)).toMatch(/^\d+ хв читання$/);
    await popup.close().catch(() => {});

    const title = await eventually(
      () => ext.worker!.evaluate((id: number) => chrome.action.getTitle({ tabId: id }) as Promise<string>, tabId),
      (t) => t !== 'Lede',
      'the toolbar button’s name on an article',
    );
    expect(title).toBe('Lede: знайдено статтю. Відкрийте, щоб побачити резюме і ключові цитати');
    const commands = await ext.worker!.evaluate(() => chrome.commands.getAll() as Promise<{ name: string; description: string }[]>);
    expect(commands.find((c) => c.name === 'save-article')?.description).toBe('Зберегти поточну статтю або прибрати зі збережених');

    const options = await ext.openExtensionPage('options.html');
    await options.waitForSelector('[data-testid="auto-declutter"]');
    expect(await options.$eval('h1', (e) => e.textContent)).toBe('Налаштування');
    expect(await options.title()).toBe('Налаштування Lede');
    await options.close();

    const library = await ext.openExtensionPage('library.html');
    await library.waitForSelector('[data-testid="library-empty"]', { timeout: 15_000 });
    expect(await library.$eval('h1', (e) => e.textContent)).toBe('Бібліотека');
    expect(await library.$eval('[data-testid="library-count"]', (e) => e.textContent)).toBe('0 статей');
    await library.close();
    await page.close();
  });
});
