// Accessibility in real Chromium: axe-core over every page of Lede a reader meets (the popup on an article and on
// another page, the side panel, the options page, the library, the reader view), in the light and the dark
// scheme, and in the sepia theme; no serious or critical violation. And nothing scrolls sideways at a narrow side
// panel's width.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, startStaticServer, type ExtensionBrowser, type StaticServer } from './lib/index.ts';
import { describeWithBrowser } from './lib/vitest.ts';

declare const chrome: any;

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SEED = 'seed/kyiv-independent.html';
const FRONT_PAGE = 'pages/front-page.html';
const SCHEMES = ['light', 'dark'] as const;

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** axe-core's serious and critical violations in `page` (within `selector` when given), in the given scheme. */
async function violations(page: Page, scheme: (typeof SCHEMES)[number], selector?: string): Promise<Violation[]> {
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
  // Evaluated over the protocol, which the extension pages' script-src 'self' does not stop.
  await page.evaluate(AXE_SOURCE);
  const found = await page.evaluate(async (sel: string | null) => {
    const axe = (window as any).axe;
    const context = sel ? document.querySelector(sel) : document;
    const result = await axe.run(context, { resultTypes: ['violations'] });
    return result.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n: any) => JSON.stringify(n.target)).slice(0, 5),
    }));
  }, selector ?? null);
  return (found as Violation[]).filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Whether the page scrolls sideways (something wider than the window) at its current width. */
const overflowsSideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);

describeWithBrowser('chromium', 'Accessibility of every Lede page (axe-core, Chromium)', () => {
  let server: StaticServer;
  let ext: ExtensionBrowser;
  let article: Page;
  let articleTab: number;

  beforeAll(async () => {
    server = await startStaticServer();
    ext = await launchBrowser('chromium', {});
    article = await ext.newPage(server.url(SEED));
    await article.waitForFunction(() => document.querySelectorAll('[data-lede-hidden]').length > 0, { timeout: 15_000 });
    articleTab = await ext.tabIdOf(article);
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  async function extensionPage(file: string, width = 1000): Promise<Page> {
    const page = await ext.newPage();
    await page.setViewport({ width, height: 800 });
    await page.goto(ext.extensionUrl(file), { waitUntil: 'load' });
    return page;
  }

  for (const scheme of SCHEMES) {
    describe(`${scheme} scheme`, () => {
      it('the popup on an article', async () => {
        const popup = await ext.openPopupFor(article);
        await popup.waitForSelector('[data-testid="quote"]', { timeout: 15_000 });
        expect(await violations(popup, scheme)).toEqual([]);
        await popup.close().catch(() => {});
      });

      it('the popup on a page that is not an article', async () => {
        const front = await ext.newPage(server.url(FRONT_PAGE));
        const popup = await ext.openPopupFor(front);
        await popup.waitForSelector('[data-testid="not-article"]', { timeout: 15_000 });
        expect(await violations(popup, scheme)).toEqual([]);
        await popup.close().catch(() => {});
        await front.close();
      });

      it('the side panel, also at a narrow width', async () => {
        const panel = await extensionPage(`sidepanel.html?tab=${articleTab}`, 320);
        await panel.waitForSelector('[data-testid="quote-show"]', { timeout: 15_000 });
        expect(await violations(panel, scheme)).toEqual([]);
        expect(await overflowsSideways(panel)).toBe(false);
        await panel.close();
      });

      it('the options page, also at a narrow width', async () => {
        const options = await extensionPage('options.html');
        await options.waitForSelector('[data-testid="auto-declutter"]', { timeout: 15_000 });
        expect(await violations(options, scheme)).toEqual([]);
        await options.setViewport({ width: 320, height: 800 });
        expect(await overflowsSideways(options)).toBe(false);
        // The reset dialog, open.
        await options.click('[data-testid="reset-settings"]');
        await options.waitForSelector('[data-testid="reset-dialog"][open]');
        expect(await violations(options, scheme)).toEqual([]);
        await options.keyboard.press('Escape');
        await options.waitForSelector('[data-testid="reset-dialog"]:not([open])');
        await options.close();
      });

      it('the library', async () => {
        const library = await extensionPage('library.html');
        // The library page is the library engineer's: it must exist to be checked.
        expect(await library.evaluate(() => document.getElementById('app') !== null), 'library.html exists').toBe(true);
        await library.waitForFunction(() => (document.getElementById('app')?.childElementCount ?? 0) > 0, { timeout: 15_000 });
        expect(await violations(library, scheme)).toEqual([]);
        await library.setViewport({ width: 360, height: 800 });
        expect(await overflowsSideways(library)).toBe(false);
        await library.close();
      });

      it('the reader view', async () => {
        await article.bringToFront();
        await ext.worker!.evaluate((id: number) => chrome.tabs.sendMessage(id, { lede: 'reader:open', payload: {} }), articleTab);
        await article.waitForFunction(() => document.querySelector('lede-reader')?.shadowRoot?.querySelector('article, main') != null, {
          timeout: 15_000,
        });
        expect(await violations(article, scheme, 'lede-reader')).toEqual([]);
        await ext.worker!.evaluate((id: number) => chrome.tabs.sendMessage(id, { lede: 'reader:close', payload: {} }), articleTab);
      });
    });
  }

  it('the sepia theme, chosen in the options, in the options, the popup and the side panel', async () => {
    const options = await extensionPage('options.html');
    await options.waitForSelector('[data-testid="theme-sepia"]', { timeout: 15_000 });
    await options.click('[data-testid="theme-sepia"]');
    await options.waitForFunction(() => document.documentElement.dataset.theme === 'sepia');
    expect(await violations(options, 'light')).toEqual([]);

    const popup = await ext.openPopupFor(article);
    await popup.waitForSelector('[data-testid="quote"]', { timeout: 15_000 });
    await popup.waitForFunction(() => document.documentElement.dataset.theme === 'sepia');
    expect(await violations(popup, 'dark')).toEqual([]);
    await popup.close().catch(() => {});

    const panel = await extensionPage(`sidepanel.html?tab=${articleTab}`, 320);
    await panel.waitForSelector('[data-testid="quote-show"]', { timeout: 15_000 });
    expect(await violations(panel, 'light')).toEqual([]);
    await panel.close();

    await options.bringToFront();
    await options.click('[data-testid="theme-system"]');
    await options.waitForFunction(() => document.documentElement.dataset.theme === undefined);
    await options.close();
  });
});
