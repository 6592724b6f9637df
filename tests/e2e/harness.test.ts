// Smoke test of the e2e harness in both browsers: the extension loads, its popup page renders, the
// network recorder catches requests from the extension's worker/background and pages, the extension left
// alone makes none, and storage survives a restart with the same profile.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GECKO_ID } from '../../wxt.config.ts';
import {
  HARNESS_PAGES_DIR,
  contentTypeFor,
  launchBrowser,
  startStaticServer,
  type BrowserKind,
  type ExtensionBrowser,
  type NetworkRequest,
  type StaticServer,
} from './lib/index.ts';
import { describeWithBrowser } from './lib/vitest.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls the log until `predicate` holds (requests are recorded asynchronously). */
async function waitForRequests(
  read: () => Promise<NetworkRequest[]>,
  predicate: (r: NetworkRequest[]) => boolean,
  timeoutMs = 10_000,
): Promise<NetworkRequest[]> {
  const deadline = Date.now() + timeoutMs;
  let requests = await read();
  while (!predicate(requests) && Date.now() < deadline) {
    await sleep(100);
    requests = await read();
  }
  return requests;
}

describe('static server', () => {
  let server: StaticServer;
  beforeAll(async () => {
    server = await startStaticServer({ root: HARNESS_PAGES_DIR });
  });
  afterAll(() => server?.close());

  it('serves files from its root on 127.0.0.1 as UTF-8, and nothing outside it', async () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const page = await fetch(server.url('article.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('Київ');
    expect((await fetch(server.url('missing.html'))).status).toBe(404);
    expect((await fetch(`${server.origin}/..%2f..%2fpackage.json`)).status).toBe(403);
    expect(contentTypeFor('a.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('a.json')).toBe('application/json; charset=utf-8');
    expect(contentTypeFor('a.png')).toBe('image/png');
  });
});

for (const kind of ['chromium', 'firefox'] as BrowserKind[]) {
  describeWithBrowser(kind, `e2e harness: ${kind}`, () => {
    let server: StaticServer;
    let ext: ExtensionBrowser;

    beforeAll(async () => {
      server = await startStaticServer({ root: HARNESS_PAGES_DIR });
      const t0 = Date.now();
      ext = await launchBrowser(kind);
      console.log(`[e2e] ${kind}: launched with the extension in ${Date.now() - t0} ms`);
    });
    afterAll(async () => {
      await ext?.close();
      await server?.close();
    });

    it('loads the built extension', async () => {
      const origin = kind === 'chromium' ? /^chrome-extension:\/\/[a-p]{32}$/ : /^moz-extension:\/\/[0-9a-f-]{36}$/;
      expect(ext.extensionOrigin).toMatch(origin);
      const info = await ext.evaluateInExtension(() => {
        const api = (globalThis as any).browser ?? (globalThis as any).chrome;
        return { name: api.runtime.getManifest().name as string, id: api.runtime.id as string };
      });
      expect(info.name).toBe('Lede');
      if (kind === 'chromium') {
        expect(info.id).toBe(ext.extensionId);
        expect(ext.worker).not.toBeNull();
      } else {
        expect(info.id).toBe(GECKO_ID);
      }
    });

    it('opens the popup page as a tab for an article tab, and it renders', async () => {
      const t0 = Date.now();
      const article = await ext.newPage(server.url('article.html'));
      expect(await article.title()).toContain('café');
      const tabId = await ext.tabIdOf(article);
      const tabIds = await ext.evaluateInExtension(async () => {
        const api = (globalThis as any).browser ?? (globalThis as any).chrome;
        return ((await api.tabs.query({})) as { id: number }[]).map((t) => t.id);
      });
      expect(tabIds).toContain(tabId);

      const popup = await ext.openPopupTab(tabId);
      // (Firefox: page.url() stays about:blank for moz-extension tabs, so ask the page.)
      expect(await popup.evaluate(() => location.href)).toBe(ext.extensionUrl(`popup.html?tab=${tabId}`));
      await popup.waitForSelector('#app > *', { timeout: 15_000 });
      expect(await popup.$eval('#app', (el) => el.childElementCount)).toBeGreaterThan(0);
      console.log(`[e2e] ${kind}: article + popup tab rendered in ${Date.now() - t0} ms`);
      await popup.close();
      await article.close();
    });

    if (kind === 'chromium') {
      it('opens the REAL toolbar popup for the article tab', async () => {
        const t0 = Date.now();
        const article = await ext.newPage(server.url('article.html'));
        const popup = await ext.openPopupFor(article);
        expect(ext.popupIsReal).toBe(true);
        expect(await popup.evaluate(() => location.href)).toBe(ext.extensionUrl('popup.html'));
        await popup.waitForSelector('#app > *', { timeout: 15_000 });
        console.log(`[e2e] ${kind}: real popup cycle in ${Date.now() - t0} ms`);
        await popup.close().catch(() => {});
        await article.close();
      });
    }

    it('records requests made by the extension worker/background and its pages', async () => {
      const log = ext.startNetworkLog();
      const article = await ext.newPage(server.url('article.html'));
      const popup = await ext.openPopupTab(await ext.tabIdOf(article));
      const probe = (name: string) => `${server.origin}/x?probe=${name}`;
      const fetchIt = (url: string) => fetch(url).then(() => 'ok', () => 'failed');

      const expected: { url: string; from: string }[] = [];
      if (kind === 'chromium') {
        await ext.worker!.evaluate(fetchIt, probe('worker'));
        expected.push({ url: probe('worker'), from: 'worker' });
      } else {
        // Firefox: the MV2 background page, reached from an extension page.
        await ext.evaluateInExtension(async (url: string) => {
          const bg = await (globalThis as any).browser.runtime.getBackgroundPage();
          return bg.fetch(url).then(() => 'ok', () => 'failed');
        }, probe('background'));
        expected.push({ url: probe('background'), from: 'background' });
      }
      await popup.evaluate(fetchIt, probe('popup'));
      expected.push({ url: probe('popup'), from: 'extension-page:/popup.html' });
      // A non-loopback host: goes to the sentinel proxy (never leaves the machine), attributed all the same.
      const offline = 'http://lede-harness.invalid/probe';
      await popup.evaluate(fetchIt, offline);
      expected.push({ url: offline, from: 'extension-page:/popup.html' });

      const requests = await waitForRequests(log.requests, (r) =>
        expected.every((e) => r.some((q) => q.url === e.url && q.from === e.from)),
      );
      for (const e of expected) expect(requests).toContainEqual(expect.objectContaining(e));
      // The article page's own loads are recorded, but are not the extension's.
      expect(requests.some((r) => r.url === server.url('article.html'))).toBe(false);
      expect((await log.all()).some((r) => r.url === server.url('article.html') && r.from.startsWith('web:'))).toBe(true);
      // Nothing reached the network unexplained.
      expect(requests.filter((r) => r.from === 'unattributed')).toEqual([]);
      const probesServed = server.hits().filter((h) => h.path.startsWith('/x?probe=')).map((h) => h.path);
      expect(probesServed.sort()).toEqual(
        expected.filter((e) => e.url.startsWith(server.origin)).map((e) => e.url.slice(server.origin.length)).sort(),
      );
      log.stop();
      await popup.close();
      await article.close();
    });

    it('the extension left alone makes no network request', async () => {
      const log = ext.startNetworkLog();
      const article = await ext.newPage(server.url('article.html'));
      const popup = await ext.openPopupFor(article);
      await popup.waitForSelector('#app > *', { timeout: 15_000 });
      await sleep(1500);
      const requests = await log.requests();
      if (requests.length) console.error(`[e2e] ${kind}: extension network:`, requests, '\nall:', await log.all());
      expect(requests).toEqual([]);
      // ...while the recorder was live: it saw the article's own requests.
      expect((await log.all()).some((r) => r.url === server.url('article.html'))).toBe(true);
      await popup.close().catch(() => {});
      await article.close();
    });
  });

  describeWithBrowser(kind, `e2e harness: ${kind} restart with the same profile`, () => {
    let profileDir: string;
    beforeAll(async () => {
      profileDir = await mkdtemp(path.join(os.tmpdir(), `lede-${kind}-restart-`));
    });
    afterAll(async () => {
      if (profileDir) await rm(profileDir, { recursive: true, force: true });
    });

    it('keeps storage.local across a restart', async () => {
      const t0 = Date.now();
      const stamp = `probe-${Date.now()}`;
      const first = await launchBrowser(kind, { profileDir });
      try {
        await first.evaluateInExtension(async (value: string) => {
          const api = (globalThis as any).browser ?? (globalThis as any).chrome;
          await api.storage.local.set({ harnessRestartProbe: value });
        }, stamp);
      } finally {
        await first.close();
      }
      const second = await launchBrowser(kind, { profileDir });
      try {
        expect(second.extensionOrigin).toBe(first.extensionOrigin);
        const stored = await second.evaluateInExtension(async () => {
          const api = (globalThis as any).browser ?? (globalThis as any).chrome;
          return (await api.storage.local.get('harnessRestartProbe')).harnessRestartProbe as string | undefined;
        });
        expect(stored).toBe(stamp);
      } finally {
        await second.close();
      }
      console.log(`[e2e] ${kind}: restart cycle (2 launches) in ${Date.now() - t0} ms`);
    });
  });
}
