// npm run screenshots: the README's pictures, taken from the built extension in real Chromium (run `npm run build`
// first). Serves tests/fixtures/ on 127.0.0.1, opens the seed article, and writes to docs/screenshots/:
//   page-original.png, page-decluttered.png       the article as served, and as Lede leaves it
//   popup-{light,dark}.png                        the real toolbar popup on it
//   reader-{light,dark}.png                       the reader view over it
//   library-{light,dark}.png                      the library with a few saved pages
//   side-panel-{light,dark}.png                   the side panel beside the article
// Runs with plain `node` (Node >= 22 strips the types), like the demo.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { launchBrowser, REPO_ROOT, startStaticServer } from '../tests/e2e/lib/index.ts';

const OUT_DIR = path.join(REPO_ROOT, 'docs/screenshots');
const SCHEMES = ['light', 'dark'] as const;
type Scheme = (typeof SCHEMES)[number];
const VIEWPORT = { width: 1200, height: 760 };
const PANEL = { width: 380, height: 760 };

declare const chrome: any;

const server = await startStaticServer();
const ext = await launchBrowser('chromium', { viewport: VIEWPORT });

/** Waits until the page has painted what it has (fonts, two frames), so a screenshot is not taken mid-update. */
const settled = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        document.fonts.ready.then(() => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
      ),
  );

async function capture(page: Page, scheme: Scheme | null): Promise<Buffer> {
  if (scheme) await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
  await settled(page);
  return Buffer.from(await page.screenshot());
}

async function shot(page: Page, name: string, scheme: Scheme | null): Promise<Buffer> {
  const png = await capture(page, scheme);
  const file = path.join(OUT_DIR, `${name}${scheme ? `-${scheme}` : ''}.png`);
  await writeFile(file, png);
  console.log(path.relative(REPO_ROOT, file));
  return png;
}

const ask = (tabId: number, name: string, payload: object = {}) =>
  ext.worker!.evaluate((id: number, n: string, p: object) => chrome.tabs.sendMessage(id, { lede: n, payload: p }), tabId, name, payload);

try {
  await mkdir(OUT_DIR, { recursive: true });

  // The article: as served, then decluttered.
  const article = await ext.newPage(server.url('seed/kyiv-independent.html'));
  await article.waitForFunction(() => document.querySelectorAll('[data-lede-hidden]').length > 0, { timeout: 15_000 });
  const tabId = await ext.tabIdOf(article);
  await ask(tabId, 'declutter:set', { enabled: false });
  await shot(article, 'page-original', null);
  await ask(tabId, 'declutter:set', { enabled: true });
  const articleShot = await shot(article, 'page-decluttered', null);

  // The real toolbar popup (its own small window: the capture is the popup as the reader sees it).
  for (const scheme of SCHEMES) {
    const popup = await ext.openPopupFor(article);
    await popup.waitForSelector('[data-testid="quote"]', { timeout: 15_000 });
    await shot(popup, 'popup', scheme);
    await popup.close().catch(() => {});
  }

  // The reader view over the article.
  for (const scheme of SCHEMES) {
    await article.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
    await ask(tabId, 'reader:open');
    await article.waitForFunction(() => document.querySelector('lede-reader')?.shadowRoot?.querySelector('article') != null, {
      timeout: 15_000,
    });
    await shot(article, 'reader', scheme);
    await ask(tabId, 'reader:close');
  }
  await article.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);

  // A few saved pages for the library: two articles with their clean copy, two links.
  const popup = await ext.openPopupFor(article);
  await popup.waitForSelector('[data-testid="save"]', { timeout: 15_000 });
  await popup.click('[data-testid="save"]');
  await popup.waitForSelector('[data-testid="save"][aria-pressed="true"]');
  await popup.close().catch(() => {});
  const lazy = await ext.newPage(server.url('lazy/article.html'));
  const lazyTab = await ext.tabIdOf(lazy);
  await ext.worker!.evaluate((id: number) => chrome.contextMenus.onClicked.dispatch({ menuItemId: 'lede-save-page' }, { id }), lazyTab);
  await lazy.close();
  for (const [href, text] of [
    [server.url('pages/front-page.html'), 'The Daily Example: front page'],
    [server.url('spa/index.html'), 'A single-page news site'],
  ]) {
    await ext.worker!.evaluate(
      (linkUrl: string, linkText: string, id: number) =>
        chrome.contextMenus.onClicked.dispatch({ menuItemId: 'lede-save-link', linkUrl, linkText }, { id }),
      href,
      text,
      tabId,
    );
  }

  const library = await ext.newPage(ext.extensionUrl('library.html'));
  await library.waitForFunction(() => document.querySelectorAll('#app *').length > 20, { timeout: 15_000 });
  for (const scheme of SCHEMES) await shot(library, 'library', scheme);
  await library.close();

  // The side panel beside the article: the panel page on this tab, drawn next to the article as the browser does.
  const panel = await ext.newPage();
  await panel.setViewport(PANEL);
  await panel.goto(ext.extensionUrl(`sidepanel.html?tab=${tabId}`), { waitUntil: 'load' });
  await panel.waitForSelector('[data-testid="quote"]', { timeout: 15_000 });
  for (const scheme of SCHEMES) {
    const panelShot = await capture(panel, scheme);
    const frame = await ext.newPage();
    await frame.setViewport({ width: VIEWPORT.width + PANEL.width, height: VIEWPORT.height });
    const dataUrl = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;
    await frame.setContent(
      `<body style="margin:0;display:flex;background:#888"><img src="${dataUrl(articleShot)}" width="${VIEWPORT.width}">` +
        `<img src="${dataUrl(panelShot)}" width="${PANEL.width}" style="border-left:1px solid #999"></body>`,
    );
    await shot(frame, 'side-panel', scheme);
    await frame.close();
  }
  await panel.close();
} finally {
  await ext.close();
  await server.close();
}
