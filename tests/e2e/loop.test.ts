// The loop a reader lives, in real Chromium and Firefox ESR with the built extension: open a news article,
// see it decluttered, open Lede, read the summary and the key quotes, save, restart the browser, find it saved,
// unsave; on a page that is not an article, nothing changes and the popup says so. No request leaves the extension.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  FIXTURES_DIR,
  launchBrowser,
  startStaticServer,
  type BrowserKind,
  type ExtensionBrowser,
  type NetworkLog,
  type StaticServer,
} from './lib/index.ts';
import { describeWithBrowser } from './lib/vitest.ts';

const SEED = 'seed/kyiv-independent.html';
const SEED_LATE = 'seed/kyiv-independent-late.html';
const FRONT_PAGE = 'pages/front-page.html';
const TITLE = 'China should also be concerned about Russia-North Korea pact, White House says';
const BODY: string[] = JSON.parse(readFileSync(path.join(FIXTURES_DIR, 'seed/body-paragraphs.json'), 'utf8'));
/** Text of the page that is not the story; none of it may stay visible once Lede has decluttered. */
const CLUTTER = [
  'Enter your email to subscribe',
  'indicates required',
  'Successfuly subscribed',
  'Thank you for signing up for this newsletter',
  'Explaining Ukraine with Kate Tsurkan',
  'Russia, China and North Korea have new dynamics',
  'Putin threatens a response if South Korea sends arms to Ukraine',
  'unlikely to please South Korea',
  'News Feed',
  "3 killed, 3 injured following Russia's attack on Kyiv",
  'How will Russia’s war end?',
  "Editors' Picks",
  'MORE NEWS',
];
const KIRBY_QUOTE_STARTS = ["It's to be of concern", 'We would think that', 'Of course, we are going'];

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const visibleText = async (page: Page) => squash(await page.evaluate(() => document.body.innerText));

/** Waits until Lede has analysed and decluttered the page (it marks what it hides). */
async function waitForDeclutter(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll('[data-lede-hidden]').length > 0, { timeout: 15_000 });
}

async function popupReady(popup: Page): Promise<void> {
  await popup.waitForSelector('[data-testid="save"]', { timeout: 15_000 });
}

const texts = (popup: Page, testid: string) =>
  popup.$$eval(`[data-testid="${testid}"]`, (els) => els.map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim()));

for (const kind of ['chromium', 'firefox'] as BrowserKind[]) {
  describeWithBrowser(kind, `Lede end to end in ${kind}`, () => {
    let server: StaticServer;
    let ext: ExtensionBrowser;
    let profileDir: string;
    let network: NetworkLog;

    beforeAll(async () => {
      server = await startStaticServer();
      profileDir = await mkdtemp(path.join(os.tmpdir(), `lede-loop-${kind}-`));
      ext = await launchBrowser(kind, { profileDir });
      network = ext.startNetworkLog();
    });
    afterAll(async () => {
      await ext?.close();
      await server?.close();
      if (profileDir) await rm(profileDir, { recursive: true, force: true });
    });

    it('declutters the seed article in place: the story stays, the clutter goes', async () => {
      // (Lede declutters as soon as the page has loaded: the page as served is checked through its source, and
      // on screen by the "puts the page back" test.)
      const served = readFileSync(path.join(FIXTURES_DIR, SEED), 'utf8');
      for (const c of CLUTTER) expect(served, 'the page as served has its clutter').toContain(c);
      const page = await ext.newPage(server.url(SEED));
      await waitForDeclutter(page);
      const after = await visibleText(page);
      expect(after).toContain(TITLE);
      expect(after).toContain('Martin Fornusek');
      for (const p of BODY) expect(after).toContain(squash(p));
      for (const c of CLUTTER) expect(after, c).not.toContain(c);
      await page.close();
    });

    it('shows headline, byline, date, reading time, a 3-sentence summary from the story and Kirby’s quotes', async () => {
      const page = await ext.newPage(server.url(SEED));
      await waitForDeclutter(page);
      const popup = await ext.openPopupFor(page);
      await popupReady(popup);
      expect(await texts(popup, 'article-title')).toEqual([TITLE]);
      expect(await texts(popup, 'byline')).toEqual(['Martin Fornusek']);
      expect((await texts(popup, 'published'))[0]).toMatch(/2024/);
      expect(await popup.$eval('[data-testid="published"]', (e) => e.getAttribute('datetime'))).toMatch(/^2024-06-20/);
      expect((await texts(popup, 'reading-time'))[0]).toMatch(/\d+ min read/);

      const summary = await texts(popup, 'summary-sentence');
      expect(summary).toHaveLength(3);
      for (const s of summary) expect(BODY.some((p) => squash(p).includes(s)), s).toBe(true);

      const quotes = await popup.$$eval('[data-testid="quote"]', (els) =>
        els.map((e) => ({
          text: e.querySelector('[data-testid="quote-text"]')?.textContent?.trim() ?? '',
          speaker: e.querySelector('[data-testid="quote-speaker"]')?.textContent?.trim() ?? null,
        })),
      );
      expect(quotes).toHaveLength(3);
      quotes.forEach((q, i) => {
        expect(q.text.startsWith(KIRBY_QUOTE_STARTS[i]), q.text).toBe(true);
        expect(q.speaker).toBe('John Kirby');
        expect(q.text).not.toContain('unlikely to please South Korea');
      });
      await popup.close().catch(() => {});
      await page.close();
    });

    it('puts the page back exactly as it was, and declutters it again, from the popup', async () => {
      const page = await ext.newPage(server.url(SEED));
      await waitForDeclutter(page);
      const popup = await ext.openPopupFor(page);
      await popupReady(popup);
      await popup.click('[data-testid="declutter-toggle"]');
      await popup.waitForSelector('[data-testid="declutter-toggle"][aria-pressed="false"]');
      const original = await visibleText(page);
      expect(original).toContain('Enter your email to subscribe');
      expect(await page.$$('[data-lede-hidden], #lede-declutter-style')).toHaveLength(0);
      await popup.click('[data-testid="declutter-toggle"]');
      await popup.waitForSelector('[data-testid="declutter-toggle"][aria-pressed="true"]');
      expect(await visibleText(page)).not.toContain('Enter your email to subscribe');
      await popup.close().catch(() => {});
      await page.close();
    });

    it('hides the newsletter box and teaser that arrive after load', async () => {
      const page = await ext.newPage(server.url(SEED_LATE));
      await page.waitForFunction(() => document.documentElement.dataset.lateContent === 'inserted', { timeout: 10_000 });
      await waitForDeclutter(page);
      await page.waitForFunction(
        () => !document.body.innerText.includes('Russia, China and North Korea have new dynamics'),
        { timeout: 5_000 },
      );
      const after = await visibleText(page);
      expect(after).not.toContain('Enter your email to subscribe');
      for (const p of BODY) expect(after).toContain(squash(p));
      await page.close();
    });

    it('saves the article to the top of the saved list, and keeps it across a browser restart', async () => {
      const page = await ext.newPage(server.url(SEED));
      const popup = await ext.openPopupFor(page);
      await popupReady(popup);
      expect(await popup.$eval('[data-testid="save"]', (e) => e.getAttribute('aria-pressed'))).toBe('false');
      await popup.click('[data-testid="save"]');
      await popup.waitForSelector('[data-testid="save"][aria-pressed="true"]');
      await popup.waitForSelector('[data-testid="saved-item"]');
      expect((await texts(popup, 'saved-item'))[0]).toContain(TITLE);
      await popup.close().catch(() => {});
      await page.close();

      expect(await network.requests(), 'requests made by the extension').toEqual([]);
      await ext.close();
      ext = await launchBrowser(kind, { profileDir });
      network = ext.startNetworkLog();

      const again = await ext.newPage(server.url(SEED));
      const popup2 = await ext.openPopupFor(again);
      await popupReady(popup2);
      await popup2.waitForSelector('[data-testid="saved-item"]');
      expect((await texts(popup2, 'saved-item'))[0]).toContain(TITLE);
      expect(await popup2.$eval('[data-testid="save"]', (e) => e.getAttribute('aria-pressed'))).toBe('true');

      // Unsave: the button and the list say so.
      await popup2.click('[data-testid="save"]');
      await popup2.waitForSelector('[data-testid="save"][aria-pressed="false"]');
      await popup2.waitForFunction(() => document.querySelectorAll('[data-testid="saved-item"]').length === 0);
      await popup2.close().catch(() => {});
      await again.close();
    });

    it('leaves a page that is not an article untouched, says so, and still saves the link', async () => {
      const page = await ext.newPage(server.url(FRONT_PAGE));
      const served = readFileSync(path.join(FIXTURES_DIR, FRONT_PAGE), 'utf8');
      const popup = await ext.openPopupFor(page);
      await popup.waitForSelector('[data-testid="not-article"]', { timeout: 15_000 });
      expect(await texts(popup, 'not-article')).toEqual([expect.stringMatching(/doesn’t look like an article/)]);
      expect(await page.$$('[data-lede-hidden], #lede-declutter-style')).toHaveLength(0);
      // Nothing Lede does shows in the page's markup.
      const markup = await page.evaluate(() => document.documentElement.outerHTML);
      expect(markup).not.toMatch(/lede/i);
      expect(served).toContain('The Daily Example');

      await popup.click('[data-testid="save"]');
      await popup.waitForSelector('[data-testid="save"][aria-pressed="true"]');
      expect((await texts(popup, 'saved-item'))[0]).toContain('The Daily Example');
      await popup.close().catch(() => {});
      await page.close();
    });

    it('made no network request of its own', async () => {
      expect(await network.requests()).toEqual([]);
    });
  });
}
