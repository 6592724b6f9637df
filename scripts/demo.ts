// npm run demo [-- --firefox] [-- --headless]
// Serves tests/fixtures/ on 127.0.0.1 and opens the seed article with Lede loaded.
// With a display ($DISPLAY or $WAYLAND_DISPLAY): a real browser window, until you close it or press Ctrl-C.
// Without one: headless; screenshots of the page and of the popup go to demo-output/, then it exits.
// Runs with plain `node` (Node >= 22 strips the types), so only erasable TypeScript here and in what it imports.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import {
  FIXTURES_DIR,
  REPO_ROOT,
  browserStatus,
  hasDisplay,
  launchBrowser,
  startStaticServer,
  type BrowserKind,
  type ExtensionBrowser,
  type StaticServer,
} from '../tests/e2e/lib/index.ts';

const SEED_PAGE = 'seed/kyiv-independent.html';
const OUTPUT_DIR = path.join(REPO_ROOT, 'demo-output');

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(`Usage: npm run demo [-- --firefox] [-- --headless]

Opens ${SEED_PAGE} (served from tests/fixtures/ on 127.0.0.1) in Chromium with Lede loaded.
  --firefox   use Firefox ESR instead (Lede as a temporary add-on)
  --headless  no window even if a display is available: take screenshots into demo-output/ and exit
With a display the browser stays open until you close it or press Ctrl-C.`);
  process.exit(0);
}
const unknown = args.filter((a) => !['--firefox', '--headless'].includes(a));
if (unknown.length) {
  console.error(`demo: unknown option ${unknown.join(' ')} (try --help)`);
  process.exit(2);
}
const kind: BrowserKind = args.includes('--firefox') ? 'firefox' : 'chromium';
const headed = hasDisplay() && !args.includes('--headless');

const say = (message: string) => console.log(`\x1b[1mlede demo:\x1b[0m ${message}`);

async function describePopup(popup: import('puppeteer-core').Page): Promise<string[]> {
  // What the popup shows, by the data-testids the popup carries (whatever of them exist right now).
  return popup.evaluate(() => {
    const text = (id: string) =>
      [...document.querySelectorAll(`[data-testid="${id}"]`)].map((el) => (el.textContent ?? '').trim()).filter(Boolean);
    const lines: string[] = [];
    const title = text('article-title')[0];
    if (title) lines.push(`headline: ${title}`);
    const sentences = text('summary-sentence');
    sentences.forEach((s, i) => lines.push(`summary ${i + 1}: ${s}`));
    const quotes = [...document.querySelectorAll('[data-testid="quote"]')].map((q) => {
      const quote = q.querySelector('[data-testid="quote-text"]')?.textContent?.trim() ?? '';
      const speaker = q.querySelector('[data-testid="quote-speaker"]')?.textContent?.trim() ?? '';
      return speaker ? `${quote} (${speaker})` : quote;
    });
    quotes.forEach((q) => lines.push(`quote: ${q}`));
    if (document.querySelector('[data-testid="not-article"]')) lines.push('popup says: not an article');
    if (!lines.length) lines.push(`popup text: ${(document.body.innerText || '').trim().replace(/\s+/g, ' ').slice(0, 200)}`);
    return lines;
  });
}

async function main(): Promise<number> {
  const status = browserStatus(kind);
  if (!status.available) {
    console.error(`demo: ${status.problem}`);
    return 1;
  }
  if (!existsSync(path.join(FIXTURES_DIR, SEED_PAGE))) {
    console.error(`demo: the seed page tests/fixtures/${SEED_PAGE} is missing.`);
    return 1;
  }

  let server: StaticServer | null = null;
  let ext: ExtensionBrowser | null = null;
  const cleanup = async () => {
    await ext?.close().catch(() => {});
    await server?.close().catch(() => {});
  };

  try {
    server = await startStaticServer({ root: FIXTURES_DIR });
    const articleUrl = server.url(SEED_PAGE);
    say(`serving tests/fixtures/ at ${server.origin}`);
    say(`starting ${status.label} (${status.executablePath}) ${headed ? 'with a window' : 'headless (no display)'}, Lede loaded`);
    ext = await launchBrowser(kind, { headless: !headed });
    const log = ext.startNetworkLog();

    const page = await ext.newPage(articleUrl);
    say(`opened ${articleUrl}`);
    await new Promise((resolve) => setTimeout(resolve, 1000)); // let the content script settle the page

    if (headed) {
      if (ext.popupIsReal) {
        await ext.openPopupFor(page).catch((e) => say(`(could not open the popup by itself: ${e.message})`));
        say('opened the Lede popup; click the Lede icon (puzzle-piece menu) to open it again');
      } else {
        const tabId = await ext.tabIdOf(page);
        await ext.openPopupTab(tabId);
        await page.bringToFront();
        say(`opened the Lede popup as a tab too (${ext.extensionUrl(`popup.html?tab=${tabId}`)}); the toolbar button works as usual`);
      }
      say('close the browser window or press Ctrl-C to stop');
      const browser = ext.browser;
      await new Promise<void>((resolve) => {
        browser.once('disconnected', () => resolve());
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
      say('stopping');
      return 0;
    }

    await mkdir(OUTPUT_DIR, { recursive: true });
    const shots: string[] = [];
    const pageShot = path.join(OUTPUT_DIR, `${kind}-page.png`);
    await page.screenshot({ path: pageShot });
    shots.push(pageShot);

    const popup = await ext.openPopupFor(page);
    await popup.waitForSelector('#app > *', { timeout: 15_000 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const popupShot = path.join(OUTPUT_DIR, ext.popupIsReal ? `${kind}-popup.png` : `${kind}-popup-tab.png`);
    // The real popup is its own small window (a full-page capture would tile it); a popup tab is a normal page.
    await popup.screenshot({ path: popupShot, fullPage: !ext.popupIsReal });
    shots.push(popupShot);
    say(ext.popupIsReal ? 'opened the real toolbar popup' : 'opened the popup as a tab (popup.html?tab=<id>)');
    for (const line of await describePopup(popup)) say(`  ${line}`);

    const requests = await log.requests();
    say(
      requests.length === 0
        ? 'network: Lede made no request of its own'
        : `network: Lede made ${requests.length} request(s): ${requests.map((r) => `${r.url} (${r.from})`).join(', ')}`,
    );
    say('screenshots:');
    for (const shot of shots) say(`  ${path.relative(process.cwd(), shot) || shot}`);
    return 0;
  } finally {
    await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error('demo failed:', error instanceof Error ? error.stack ?? error.message : error);
    process.exit(1);
  },
);
