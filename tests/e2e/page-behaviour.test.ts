// What Lede does to pages that change under it, in real Chromium and Firefox ESR, on hand-made fixtures:
// - a single-page news site (tests/fixtures/spa) that swaps articles with pushState: each article is detected
//   and decluttered in turn, the popup follows, back and forward work, and the front page comes back untouched;
// - an article whose pictures load lazily (tests/fixtures/lazy: data-src, data-srcset in <picture>,
//   data-lazy-src, native loading=lazy with srcset): every picture of the story shows after declutter and in
//   the reader view;
// - and none of it breaks the page: its own scripts keep working, no error is thrown, nothing is posted to it.
// The popup's longer-story controls are checked on the lazy article: summary length, all quotes, a quote shown.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  builtExtensionDir,
  builtGeckoId,
  launchBrowser,
  startStaticServer,
  type BrowserKind,
  type ExtensionBrowser,
  type NetworkLog,
  type StaticServer,
} from './lib/index.ts';
import { describeWithBrowser } from './lib/vitest.ts';

const SPA = 'spa/';
const LAZY = 'lazy/article.html';
const BUSES = 'Council votes to keep the night buses running through winter';
const LIBRARY = 'Library reopens its reading room after flood repairs';
const SPA_CLUTTER = ['Trending', 'Riverside Morning', 'Sign up for our newsletter', 'Share on social', 'Read next', 'About Riverside Daily'];
const LAZY_CLUTTER = ['Most read', 'Sign up for our newsletter', 'Accept all cookies', 'Swing bridge to close for repainting', 'About the Ledger'];
const LAZY_PICTURES = [
  'The northern portal of the Eastgate tunnel at dawn',
  'Two of the new ventilation fans in the tunnel roof',
  'Lorries queueing on Quay Street during the closure',
  'A green emergency exit door in the tunnel wall',
];

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const visibleText = async (page: Page) => squash(await page.evaluate(() => document.body.innerText));
const hiddenCount = (page: Page) => page.evaluate(() => document.querySelectorAll('[data-lede-hidden]').length);

async function route(page: Page, name: string): Promise<void> {
  await page.waitForFunction((name) => document.documentElement.dataset.route === name, { timeout: 10_000 }, name);
}

/** Lede has decluttered the article `headline` now on the page: the rail, the share bar, the newsletter box are hidden. */
async function decluttered(page: Page, headline: string): Promise<void> {
  await page.waitForFunction(
    (headline) =>
      document.querySelector('h1')?.textContent === headline &&
      document.body.innerText.includes(headline) &&
      ['.rail', '#newsletter-inline', '.share-bar'].every((s) => document.querySelector(s)?.closest('[data-lede-hidden]')),
    { timeout: 15_000 },
    headline,
  );
}

async function popupTitle(ext: ExtensionBrowser, page: Page): Promise<string | null> {
  const popup = await ext.openPopupFor(page);
  await popup.waitForSelector('[data-testid="save"]', { timeout: 15_000 });
  const title = await popup.$eval('[data-testid="article-title"]', (e) => e.textContent).catch(() => null);
  await popup.close().catch(() => {});
  return title;
}

for (const kind of ['chromium', 'firefox'] as BrowserKind[]) {
  describeWithBrowser(kind, `Pages that change under Lede, in ${kind}`, () => {
    let server: StaticServer;
    let ext: ExtensionBrowser;
    let network: NetworkLog;
    const errors: string[] = [];
    const watch = (page: Page) => {
      page.on('pageerror', (e) => errors.push(`${page.url()}: ${e instanceof Error ? e.message : String(e)}`));
      page.on('console', (m) => m.type() === 'error' && errors.push(`${page.url()}: console: ${m.text()}`));
      return page;
    };

    beforeAll(async () => {
      server = await startStaticServer();
      ext = await launchBrowser(kind, {});
      network = ext.startNetworkLog();
    });
    afterAll(async () => {
      await ext?.close();
      await server?.close();
    });

    it('follows a single-page site from article to article, and leaves its front page as it was', async () => {
      const page = watch(await ext.newPage(server.url(SPA)));
      await route(page, 'front');
      const front = await page.evaluate(() => document.documentElement.outerHTML);
      expect(await popupTitle(ext, page)).toBeNull(); // not an article: the popup says so
      expect(await hiddenCount(page)).toBe(0);

      // The site's own link, followed by its own script (pushState, then the story fetched as JSON).
      await page.click('a.card');
      await route(page, 'night-buses-winter');
      await decluttered(page, BUSES);
      let text = await visibleText(page);
      expect(text).toContain('Riverside\'s night buses will keep running through the winter');
      expect(text).toContain('By spring we need a plan that does not depend on the reserves.');
      for (const c of SPA_CLUTTER) expect(text, c).not.toContain(c);
      expect(await popupTitle(ext, page)).toBe(BUSES);

      // Article to article: the "Read next" card is hidden, but the site still follows it when clicked.
      await page.evaluate(() => (document.querySelector('a.read-next') as HTMLElement).click());
      await route(page, 'library-reading-room');
      await decluttered(page, LIBRARY);
      text = await visibleText(page);
      expect(text).toContain('Mould is patient, and so are we.');
      expect(text).not.toContain('night buses');
      for (const c of SPA_CLUTTER) expect(text, c).not.toContain(c);
      expect(await popupTitle(ext, page)).toBe(LIBRARY);

      // Back: the first article again, then the front page exactly as it was served and drawn.
      await page.evaluate(() => history.back());
      await route(page, 'night-buses-winter');
      await decluttered(page, BUSES);
      expect(await popupTitle(ext, page)).toBe(BUSES);
      await page.evaluate(() => history.back());
      await route(page, 'front');
      await page.waitForFunction(() => document.querySelectorAll('[data-lede-hidden], #lede-declutter-style').length === 0, {
        timeout: 10_000,
      });
      expect(await page.evaluate(() => document.documentElement.outerHTML)).toBe(front);
      expect(await popupTitle(ext, page)).toBeNull();
      await page.close();
    });

    it('closes the reader view when the site moves to another page', async () => {
      const page = watch(await ext.newPage(server.url(SPA)));
      await route(page, 'front');
      await page.click('a.card');
      await route(page, 'night-buses-winter');
      await decluttered(page, BUSES);
      const tabId = await ext.tabIdOf(page);
      const ask = (name: string) =>
        ext.evaluateInExtension(
          (id: number, name: string) => ((globalThis as any).browser ?? (globalThis as any).chrome).tabs.sendMessage(id, { lede: name, payload: {} }),
          tabId,
          name,
        );
      expect(await ask('reader:open')).toEqual({ ok: true, value: { open: true } });
      await page.waitForFunction(() => document.querySelector('lede-reader') !== null, { timeout: 10_000 });
      await page.evaluate(() => history.back());
      await route(page, 'front');
      await page.waitForFunction(() => document.querySelector('lede-reader') === null, { timeout: 10_000 });
      expect(await ask('reader:get')).toEqual({ ok: true, value: { open: false } });
      await page.close();
    });

    it('says nothing the page can hear: no message posted to it, no event of its own, while Lede reads and declutters it', async () => {
      // (a page's message listeners hear every window.postMessage; WXT's content-script start-up posted one naming
      // the extension's id on every page, unless told not to, and dispatched an event on the document named after
      // that id, which is public: the store's id in Chrome, the add-on id in Firefox)
      const publicId = kind === 'firefox' ? builtGeckoId() : ext.extensionId;
      const page = watch(await ext.newPage());
      await page.evaluateOnNewDocument((started: string) => {
        const heard: string[] = [];
        Object.defineProperty(window, '__heard', { value: heard });
        addEventListener('message', (e) => heard.push(JSON.stringify(e.data)));
        // (the type alone: Firefox does not let a page read the detail a content script's event carries)
        document.addEventListener(started, (e) => heard.push(e.type));
      }, `${publicId}:content:wxt:content-script-started`);
      await page.goto(server.url(LAZY));
      await page.waitForFunction(() => document.querySelectorAll('[data-lede-hidden]').length > 0, { timeout: 15_000 });
      expect(await page.evaluate(() => (window as unknown as { __heard: string[] }).__heard)).toEqual([]);
      await page.close();
    });

    it('keeps every picture of a lazy-loading story visible after declutter', async () => {
      const page = watch(await ext.newPage(server.url(LAZY)));
      await page.waitForFunction(() => document.querySelectorAll('[data-lede-hidden]').length > 0, { timeout: 15_000 });
      for (const alt of LAZY_PICTURES) {
        // The page's own lazy loader (or the browser's loading=lazy) fetches it once it comes into view.
        await page.evaluate((alt) => document.querySelector(`img[alt="${alt}"]`)!.scrollIntoView({ block: 'center' }), alt);
        await page.waitForFunction(
          (alt) => {
            const img = document.querySelector<HTMLImageElement>(`img[alt="${alt}"]`)!;
            const box = img.getBoundingClientRect();
            return (
              img.complete &&
              img.naturalWidth > 100 &&
              /photos\/(?!placeholder)/.test(img.currentSrc) &&
              img.closest('[data-lede-hidden]') === null &&
              img.checkVisibility() &&
              box.width > 200 &&
              box.height > 100
            );
          },
          { timeout: 10_000 },
          alt,
        );
      }
      const text = await visibleText(page);
      expect(text).toContain('Two of the 24 new jet fans fitted to the tunnel roof during the repair.');
      expect(text).toContain('One of the new emergency exits, which lead to a sealed gallery beside the tube.');
      expect(text).toContain('Investigators have not yet published their final report');
      for (const c of LAZY_CLUTTER) expect(text, c).not.toContain(c);

      // In the reader view too: the real pictures, not the placeholders, each loading as it scrolls into view.
      const tabId = await ext.tabIdOf(page);
      await ext.evaluateInExtension(
        (id: number) => ((globalThis as any).browser ?? (globalThis as any).chrome).tabs.sendMessage(id, { lede: 'reader:open', payload: {} }),
        tabId,
      );
      await page.waitForFunction(() => !!document.querySelector('lede-reader')?.shadowRoot?.querySelector('[data-testid="reader-body"] img'), {
        timeout: 15_000,
      });
      const images = await page.$$('pierce/[data-testid="reader-body"] img');
      // Lead picture aside (Readability leaves it out of the story here, as Firefox's Reader View does).
      expect(await Promise.all(images.map((img) => img.evaluate((i) => (i as HTMLImageElement).alt)))).toEqual(LAZY_PICTURES.slice(1));
      for (const img of images) {
        await img.evaluate((i) => i.scrollIntoView({ block: 'center' }));
        await page.waitForFunction(
          (i: HTMLImageElement) => i.complete && i.naturalWidth > 100 && /\/lazy\/photos\/(?!placeholder)/.test(i.currentSrc),
          { timeout: 10_000 },
          img,
        );
      }
      await page.keyboard.press('Escape');
      await page.close();
    });

    it('lets the reader choose the summary length, see every quote, and go to one on the page', async () => {
      const page = watch(await ext.newPage(server.url(LAZY)));
      await page.waitForFunction(() => document.querySelectorAll('[data-lede-hidden]').length > 0, { timeout: 15_000 });
      let popup = await ext.openPopupFor(page);
      await popup.waitForSelector('[data-testid="summary-sentence"]', { timeout: 15_000 });
      const count = (testid: string) => popup.$$eval(`[data-testid="${testid}"]`, (els) => els.length);
      expect(await count('summary-sentence')).toBe(3);
      await popup.select('[data-testid="summary-length"]', 'short');
      await popup.waitForFunction(() => document.querySelectorAll('[data-testid="summary-sentence"]').length === 2, { timeout: 5_000 });
      await popup.select('[data-testid="summary-length"]', 'long');
      await popup.waitForFunction(() => document.querySelectorAll('[data-testid="summary-sentence"]').length === 5, { timeout: 5_000 });
      // No on-device model here (and never in Firefox): no AI summary offered.
      expect(await count('ai-summary')).toBe(0);

      // Three key quotes; all five on demand.
      expect(await count('quote')).toBe(3);
      expect(await popup.$eval('[data-testid="quotes-all"]', (e) => e.textContent)).toBe('All quotes (5)');
      await popup.click('[data-testid="quotes-all"]');
      await popup.waitForFunction(() => document.querySelectorAll('[data-testid="quote"]').length === 5);
      const speakers = await popup.$$eval('[data-testid="quote-speaker"]', (els) => els.map((e) => e.textContent));
      expect(speakers).toEqual(['Ingrid Solberg', 'Tomasz Wiśniewski', 'Amal Haddad', 'Ingrid Solberg', 'Tomasz Wiśniewski']);
      // The last one, a quote that is not a key one, shown on the page.
      const quotes = await popup.$$('[data-testid="quote"]');
      await quotes[4].click();
      if (!ext.popupIsReal) await popup.close();
      await page.bringToFront();
      await page.waitForFunction(
        () => {
          const range = [...((CSS as any).highlights?.get('lede-quote') ?? [])][0] as Range | undefined;
          const box = range?.getBoundingClientRect();
          return !!box && box.top >= 0 && box.bottom <= innerHeight;
        },
        { timeout: 10_000 },
      );
      expect(await page.evaluate(() => [...(CSS as any).highlights.get('lede-quote')].map((r: Range) => r.toString()).join(''))).toBe(
        'The exits are the part of this project nobody will notice until the day they need them',
      );
      if (ext.popupIsReal) await popup.close().catch(() => {});

      // The length is the reader's setting: the next popup keeps it.
      popup = await ext.openPopupFor(page);
      await popup.waitForSelector('[data-testid="summary-sentence"]', { timeout: 15_000 });
      expect(await popup.$eval('[data-testid="summary-length"]', (e) => (e as HTMLSelectElement).value)).toBe('long');
      expect(await count('summary-sentence')).toBe(5);
      await popup.select('[data-testid="summary-length"]', 'medium');
      await popup.close().catch(() => {});
      await page.close();
    });

    it('broke nothing: no error on any of these pages, and no request of its own', async () => {
      expect(errors).toEqual([]);
      expect(await network.requests()).toEqual([]);
    });

    // Firefox replaces an updated add-on's content scripts in the tabs already open (Chrome leaves the old copy
    // running until the page is loaded again, so there is nothing to see there). Last: it installs Lede again.
    if (kind === 'firefox')
      it('starts afresh on an open article when Lede is updated: the old copy’s reader view and marks go', async () => {
        const page = await ext.newPage(server.url(SPA));
        await route(page, 'front');
        await page.click('a.card');
        await route(page, 'night-buses-winter');
        await decluttered(page, BUSES);
        const tabId = await ext.tabIdOf(page);
        const opened = await ext.evaluateInExtension(
          (id: number) => (globalThis as any).browser.tabs.sendMessage(id, { lede: 'reader:open', payload: {} }),
          tabId,
        );
        expect(opened).toEqual({ ok: true, value: { open: true } });
        await page.waitForFunction(() => document.querySelector('lede-reader') !== null, { timeout: 10_000 });
        const scrolls = () => page.evaluate(() => getComputedStyle(document.documentElement).overflowY !== 'hidden');
        expect(await scrolls()).toBe(false); // the reader view holds the page still
        await page.evaluate(() => document.getElementById('lede-declutter-style')!.setAttribute('data-old-copy', ''));

        await ext.browser.installExtension(builtExtensionDir('firefox')); // the update
        // The new copy took the old one's reader view, scroll lock and marks away, and decluttered the page itself.
        await page.waitForFunction(
          () =>
            document.querySelector('lede-reader') === null &&
            document.querySelector('#lede-declutter-style:not([data-old-copy])') !== null,
          { timeout: 15_000 },
        );
        expect(await scrolls()).toBe(true);
        await decluttered(page, BUSES);
        expect(await visibleText(page)).toContain('By spring we need a plan that does not depend on the reserves.');
        await page.close();
      });
  });
}
