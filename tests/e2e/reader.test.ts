// The reader view in real Chromium and Firefox ESR: opened from the popup over the seed article, it shows the
// story whole (headline, byline, every body paragraph, the summary and Kirby's quotes) and none of the clutter;
// its text size, line width and colours change and stay changed; Esc puts the page back exactly as it was
// (markup, scroll position, focus). The keyboard shortcut's message toggles it. A quote clicked in the popup is
// scrolled to and highlighted on the page. A saved article reads offline in reader.html, with no request.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { articleId } from '../../utils/storage/schema';
import {
  eventually,
  FIXTURES_DIR,
  launchBrowser,
  startStaticServer,
  type BrowserKind,
  type ExtensionBrowser,
  type NetworkLog,
  type StaticServer,
} from './lib/index.ts';
import { describeWithBrowser } from './lib/vitest.ts';

// The extension API inside evaluateInExtension() callbacks (a Chromium service worker or a Firefox extension tab).
declare const chrome: any;

const SEED = 'seed/kyiv-independent.html';
const TITLE = 'China should also be concerned about Russia-North Korea pact, White House says';
const BODY: string[] = JSON.parse(readFileSync(path.join(FIXTURES_DIR, 'seed/body-paragraphs.json'), 'utf8'));
/** Text of the seed page that is not the story (as in loop.test.ts): none of it may show in the reader. */
const CLUTTER = [
  'Enter your email to subscribe',
  'indicates required',
  'Thank you for signing up for this newsletter',
  'Explaining Ukraine with Kate Tsurkan',
  'Russia, China and North Korea have new dynamics',
  'unlikely to please South Korea',
  'News Feed',
  "3 killed, 3 injured following Russia's attack on Kyiv",
  "Editors' Picks",
  'MORE NEWS',
  'This audio is created with AI assistance',
];
const KIRBY_QUOTE_STARTS = ["It's to be of concern", 'We would think that', 'Of course, we are going'];
const SEPIA = 'rgb(244, 236, 216)';
const DARK = 'rgb(28, 27, 34)';

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

async function waitForDeclutter(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll('[data-lede-hidden]').length > 0, { timeout: 15_000 });
}

/** What the reader view shows, read through its (open) shadow root. */
async function readerView(page: Page) {
  return page.evaluate(() => {
    const root = document.querySelector('lede-reader')?.shadowRoot;
    if (!root) return null;
    const text = (sel: string) => [...root.querySelectorAll(sel)].map((e) => (e as HTMLElement).innerText.replace(/\s+/g, ' ').trim());
    const reader = root.querySelector<HTMLElement>('.lede-reader')!;
    const page = root.querySelector<HTMLElement>('.lr-page')!;
    return {
      title: text('[data-testid="reader-title"]')[0],
      byline: text('[data-testid="reader-byline"]')[0],
      date: root.querySelector('[data-testid="reader-date"]')?.getAttribute('datetime'),
      site: text('[data-testid="reader-site"]')[0],
      readingTime: text('[data-testid="reader-reading-time"]')[0],
      summary: text('[data-testid="reader-summary-sentence"]'),
      quotes: [...root.querySelectorAll('[data-testid="reader-quote"]')].map((q) => ({
        text: (q.querySelector('.lr-quote-text') as HTMLElement).innerText.trim(),
        speaker: (q.querySelector('.lr-quote-speaker') as HTMLElement).innerText.trim(),
      })),
      body: (root.querySelector('[data-testid="reader-body"]') as HTMLElement).innerText.replace(/\s+/g, ' '),
      all: reader.innerText.replace(/\s+/g, ' '),
      theme: reader.dataset.theme,
      background: getComputedStyle(reader).backgroundColor,
      fontSize: getComputedStyle(page).fontSize,
      width: page.getBoundingClientRect().width,
      fontFamily: getComputedStyle(page).fontFamily,
      focusInside: document.activeElement === root.host,
      covers: (() => {
        const r = (root.host as HTMLElement).getBoundingClientRect();
        return r.width === innerWidth && r.height === innerHeight && document.elementFromPoint(innerWidth / 2, innerHeight / 2) === root.host;
      })(),
    };
  });
}

async function clickInReader(page: Page, selector: string): Promise<void> {
  await page.evaluate((s) => (document.querySelector('lede-reader')!.shadowRoot!.querySelector(s) as HTMLElement).click(), selector);
}

async function waitForReader(page: Page, open: boolean): Promise<void> {
  await page.waitForFunction(
    (open) => !!document.querySelector('lede-reader')?.shadowRoot?.querySelector('[data-testid="reader-body"]') === open,
    { timeout: 15_000 },
    open,
  );
}

/** An extension page in a tab, once it shows `ready`. */
async function openExtensionPage(ext: ExtensionBrowser, file: string, ready: string): Promise<Page> {
  const page = await ext.openExtensionPage(file);
  await page.waitForSelector(ready, { timeout: 15_000 });
  return page;
}

for (const kind of ['chromium', 'firefox'] as BrowserKind[]) {
  describeWithBrowser(kind, `Reader view in ${kind}`, () => {
    let server: StaticServer;
    let ext: ExtensionBrowser;
    let network: NetworkLog;

    beforeAll(async () => {
      server = await startStaticServer();
      ext = await launchBrowser(kind, {});
      network = ext.startNetworkLog();
    });
    afterAll(async () => {
      await ext?.close();
      await server?.close();
    });

    it('opens from the popup with the whole story, the summary and the quotes, and none of the clutter', async () => {
      const page = await ext.newPage(server.url(SEED));
      await waitForDeclutter(page);
      const popup = await ext.openPopupFor(page);
      await popup.waitForSelector('[data-testid="reader-toggle"][aria-pressed="false"]', { timeout: 15_000 });
      await popup.click('[data-testid="reader-toggle"]');
      await waitForReader(page, true);
      if (!ext.popupIsReal) await popup.close();

      const view = (await readerView(page))!;
      expect(view.title).toBe(TITLE);
      expect(view.byline).toBe('Martin Fornusek');
      expect(view.date).toMatch(/^2024-06-20/);
      expect(view.site).toMatch(/kyiv independent/i);
      expect(view.readingTime).toMatch(/\d+ min read/i);
      for (const p of BODY) expect(view.body).toContain(squash(p));
      expect(view.summary).toHaveLength(3);
      for (const s of view.summary) expect(BODY.some((p) => squash(p).includes(s)), s).toBe(true);
      expect(view.quotes.map((q) => q.speaker.split(',')[0])).toEqual(['John Kirby', 'John Kirby', 'John Kirby']);
      view.quotes.forEach((q, i) => expect(q.text.replace(/^“/, '').startsWith(KIRBY_QUOTE_STARTS[i]), q.text).toBe(true));
      for (const c of CLUTTER) expect(view.all, c).not.toContain(c);
      // Set for long reading, over the whole page, with the keyboard in it.
      expect(view.fontFamily).not.toMatch(/^(?:system-ui|sans-serif|-apple-system)/);
      expect(view.fontSize).toBe('20px');
      expect(view.covers).toBe(true);
      expect(view.focusInside).toBe(true);
      // The lead photo (the page's own picture) shows, with its caption.
      const photo = await page.evaluate(async () => {
        const img = document.querySelector('lede-reader')!.shadowRoot!.querySelector<HTMLImageElement>('[data-testid="reader-body"] img')!;
        img.scrollIntoView();
        await img.decode().catch(() => {});
        return { loaded: img.complete && img.naturalWidth > 0, caption: img.closest('figure')?.querySelector('figcaption')?.textContent ?? '' };
      });
      expect(photo.loaded).toBe(true);
      expect(photo.caption).toContain('John Kirby speaks during a news conference');
      await page.close();
    });

    it('changes text size, line width and colours, keeps them, and Esc puts the page back as it was', async () => {
      const page = await ext.newPage(server.url(SEED));
      await waitForDeclutter(page);
      // The reader is somewhere in the page, with the focus on a link of the story.
      const before = await page.evaluate(() => {
        const link = [...document.querySelectorAll<HTMLAnchorElement>('a[href]')].find((a) => a.checkVisibility() && a.closest('article'))!;
        link.focus({ preventScroll: true });
        window.scrollTo(0, 600);
        return { html: document.documentElement.outerHTML, y: window.scrollY, focused: link.outerHTML };
      });
      expect(before.y).toBe(600);
      const popup = await ext.openPopupFor(page);
      await popup.waitForSelector('[data-testid="reader-toggle"]', { timeout: 15_000 });
      await popup.click('[data-testid="reader-toggle"]');
      await waitForReader(page, true);
      if (!ext.popupIsReal) await popup.close();
      await page.bringToFront();

      const first = (await readerView(page))!;
      expect(first.theme).toBe('system');
      const dark = await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
      expect(first.background).toBe(dark ? DARK : 'rgb(253, 252, 250)');

      await clickInReader(page, '[data-testid="reader-font-larger"]');
      const larger = (await readerView(page))!;
      expect(larger.fontSize).toBe('22px');
      await clickInReader(page, '[data-testid="reader-narrower"]');
      await clickInReader(page, '.lr-theme-sepia');
      const changed = (await readerView(page))!;
      expect(changed.width).toBeLessThan(larger.width);
      expect(changed.background).toBe(SEPIA);
      await clickInReader(page, '.lr-theme-dark');
      expect((await readerView(page))!.background).toBe(DARK);
      await clickInReader(page, '.lr-theme-sepia');

      await page.keyboard.press('Escape');
      await waitForReader(page, false);
      const after = await page.evaluate(() => ({
        html: document.documentElement.outerHTML,
        y: window.scrollY,
        focused: document.activeElement?.outerHTML,
      }));
      expect(after.y).toBe(before.y);
      expect(after.focused).toBe(before.focused);
      expect(after.html).toBe(before.html);

      // The shortcut's message (what the browser-integration command sends) opens it again, as the reader left it.
      const tabId = await ext.tabIdOf(page);
      const toggle = (id: number) =>
        ext.evaluateInExtension(
          (id: number) => ((globalThis as any).browser ?? (globalThis as any).chrome).tabs.sendMessage(id, { lede: 'reader:toggle', payload: {} }),
          id,
        );
      expect(await toggle(tabId)).toEqual({ ok: true, value: { open: true } });
      await waitForReader(page, true);
      const again = (await readerView(page))!;
      expect(again.fontSize).toBe('22px');
      expect(again.background).toBe(SEPIA);
      expect(await toggle(tabId)).toEqual({ ok: true, value: { open: false } });
      await waitForReader(page, false);
      expect(await page.evaluate(() => document.documentElement.outerHTML)).toBe(before.html);
      await page.close();
    });

    it('takes the reader to a quote clicked in the popup: scrolled into view and highlighted on the page', async () => {
      const page = await ext.newPage(server.url(SEED));
      await waitForDeclutter(page);
      const popup = await ext.openPopupFor(page);
      await popup.waitForSelector('[data-testid="quote"]', { timeout: 15_000 });
      const quotes = await popup.$$('[data-testid="quote"]');
      await quotes[2].click();
      // The highlight goes on while the popup is still open, as for a reader, who has not clicked anywhere else yet
      // (bringing the tab forward first could close Chrome's popup before its message was on its way).
      await page
        .waitForFunction(() => (CSS as any).highlights?.has('lede-quote'), { timeout: 10_000, polling: 100 })
        .catch(async (e) => {
          const said = await popup.$eval('.error', (el) => el.textContent).catch(() => 'no error shown');
          throw new Error(`no quote highlighted on the page (the popup: ${said})`, { cause: e });
        });
      if (!ext.popupIsReal) await popup.close();
      await page.bringToFront();
      await page.waitForFunction(
        () => {
          const h = (CSS as any).highlights?.get('lede-quote');
          const range = h && [...h][0];
          if (!range) return false;
          const box = range.getBoundingClientRect();
          return box.top >= 0 && box.bottom <= innerHeight;
        },
        { timeout: 10_000 },
      );
      const shown = await page.evaluate(() => [...(CSS as any).highlights.get('lede-quote')].map((r: Range) => r.toString()).join(' '));
      expect(shown.startsWith(KIRBY_QUOTE_STARTS[2]), shown).toBe(true);
      expect(shown).toContain('since the beginning of this administration');
      // A click on the page puts the highlight away.
      await page.mouse.click(5, 5);
      await page.waitForFunction(() => !(CSS as any).highlights.has('lede-quote'), { timeout: 5_000 });
      await page.close();
    });

    it('reads a saved article offline in reader.html, without a single request', async () => {
      const page = await ext.newPage(server.url(SEED));
      await waitForDeclutter(page);
      const popup = await ext.openPopupFor(page);
      await popup.waitForSelector('[data-testid="save"]', { timeout: 15_000 });
      await popup.click('[data-testid="save"]');
      await popup.waitForSelector('[data-testid="save"][aria-pressed="true"]', { timeout: 10_000 });
      await popup.close().catch(() => {});
      await page.close();

      const offline = await openExtensionPage(ext, `reader.html?id=${articleId(server.url(SEED))}`, '[data-testid="reader-body"]');
      const view = await offline.evaluate(() => {
        const text = (sel: string) => [...document.querySelectorAll<HTMLElement>(sel)].map((e) => e.innerText.replace(/\s+/g, ' ').trim());
        return {
          title: text('[data-testid="reader-title"]')[0],
          byline: text('[data-testid="reader-byline"]')[0],
          body: text('[data-testid="reader-body"]')[0],
          all: text('[data-testid="reader"]')[0],
          summary: text('[data-testid="reader-summary-sentence"]'),
          quotes: text('[data-testid="reader-quote"]'),
          images: document.querySelectorAll('[data-testid="reader-body"] img').length,
          pictures: text('[data-lede-picture]'),
          documentTitle: document.title,
        };
      });
      expect(view.title).toBe(TITLE);
      expect(view.documentTitle).toContain(TITLE);
      expect(view.byline).toBe('Martin Fornusek');
      for (const p of BODY) expect(view.body).toContain(squash(p));
      expect(view.summary).toHaveLength(3);
      expect(view.quotes).toHaveLength(3);
      for (const c of CLUTTER) expect(view.all, c).not.toContain(c);
      // Offline: the lead photo is its description, not a request.
      expect(view.images).toBe(0);
      expect(view.pictures).toEqual(['Picture: John Kirby at a news conference in Washington']);

      // Halfway down, closed and opened again: the copy opens where the reader left it.
      const share = (p: Page) =>
        p.evaluate(() => {
          const column = document.querySelector<HTMLElement>('.lede-reader')!;
          return column.scrollTop / (column.scrollHeight - column.clientHeight);
        });
      await offline.evaluate(() => {
        const column = document.querySelector<HTMLElement>('.lede-reader')!;
        column.scrollTo({ top: (column.scrollHeight - column.clientHeight) / 2, behavior: 'instant' });
      });
      const left = await share(offline);
      expect(left).toBeGreaterThan(0.3);
      const stored = () =>
        ext.evaluateInExtension((id: string) => ((globalThis as any).browser ?? chrome).storage.local.get(`progress:${id}`), articleId(server.url(SEED)));
      await eventually(stored, (v) => Object.keys(v as object).length > 0, 'the reading position kept');
      await offline.close();
      const resumed = await openExtensionPage(ext, `reader.html?id=${articleId(server.url(SEED))}`, '[data-testid="reader-body"]');
      await eventually(() => share(resumed), (s) => Math.abs(s - left) < 0.05, 'the copy opened where the reader left it');

      // Read to the end, the article counts as read (the page's one write, through the background), and stays so.
      const notice = (p: Page) => p.$eval('[data-testid="reader-notice"]', (e) => e.textContent ?? '');
      expect(await notice(resumed)).not.toContain('Marked as read');
      await resumed.evaluate(() => {
        const column = document.querySelector<HTMLElement>('.lede-reader')!;
        column.scrollTop = column.scrollHeight;
      });
      await resumed.waitForFunction(() => document.querySelector('[data-testid="reader-notice"]')?.textContent?.includes('Marked as read'), {
        timeout: 10_000,
      });
      await resumed.close();
      const again = await openExtensionPage(ext, `reader.html?id=${articleId(server.url(SEED))}`, '[data-testid="reader-body"]');
      expect(await notice(again)).toContain('Marked as read');
      await again.close();

      const missing = await openExtensionPage(ext, 'reader.html?id=a-not-saved', '[data-testid="reader-missing"]');
      await missing.close();
    });

    it('made no network request of its own', async () => {
      expect(await network.requests()).toEqual([]);
    });
  });
}
