// Chromium with the built extension loaded, over puppeteer-core (CDP).
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type CDPSession, type Page, type Target, type WebWorker } from 'puppeteer-core';
import { requireBrowser } from './browsers.ts';
import { extensionPath, isNetworkUrl, makeNetworkLog, type NetworkRequest } from './network.ts';
import { builtExtensionDir } from './paths.ts';
import { startSentinelProxy } from './proxy.ts';
import { pinToToolbar } from './toolbar-pin.ts';
import type { ExtensionBrowser, LaunchOptions } from './types.ts';

// The extension API inside worker.evaluate() callbacks (they run in the service worker, not here).
declare const chrome: any;

/** Flags that keep Chromium quiet on a closed network (and able to run as root). */
export const CHROMIUM_QUIET_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--no-default-browser-check',
  '--disable-domain-reliability',
  '--disable-client-side-phishing-detection',
  '--metrics-recording-only',
  '--disable-features=OptimizationHints,MediaRouter,Translate,AutofillServerCommunication,CertificateTransparencyComponentUpdater,NetworkTimeServiceQuerying',
];

/**
 * Chromium 156 still calls these from its browser process whatever the flags (seen through the sentinel
 * proxy; they never leave the machine): Gaia's ListAccounts (retried with back-off), an on-demand
 * component update check and the component download it leads to (Google's CDN redirector). A proxy hit on them that no recorded target explains is labelled 'browser', not
 * 'unattributed'. The same URL fetched by the extension's worker or pages is still recorded over CDP and
 * counted as the extension's.
 */
export function isChromiumMachinery(url: string): boolean {
  return (
    url === 'https://accounts.google.com' ||
    url === 'https://update.googleapis.com' ||
    url.startsWith('http://update.googleapis.com/service/update2/') ||
    url === 'https://clients2.google.com' ||
    /^https?:\/\/(redirector|[\w-]+\.[\w-]+)\.gvt1\.com(\/|$)/.test(url) ||
    url === 'https://dl.google.com' ||
    url.startsWith('http://clients2.google.com/time/')
  );
}

interface RawCdpRequest {
  url: string;
  time: number;
  targetType: string;
  targetUrl: string;
  documentURL: string;
  initiatorUrls: string[];
}

function initiatorUrls(initiator: any): string[] {
  const urls: string[] = [];
  if (initiator?.url) urls.push(initiator.url);
  for (let stack = initiator?.stack; stack; stack = stack.parent) {
    for (const frame of stack.callFrames ?? []) if (frame.url) urls.push(frame.url);
  }
  return urls;
}

const WORKER_TYPES = new Set(['service_worker', 'worker', 'shared_worker']);

/**
 * Records Network.requestWillBeSent from EVERY target: a browser-level CDP session auto-attaches to each
 * new target (and, from pages, to their iframes and workers) with waitForDebuggerOnStart, enables the
 * Network domain, then lets it run, so a target's very first request is recorded too.
 * Side effect: the attached service worker is never idle-terminated while the browser runs.
 */
class CdpRecorder {
  readonly raw: RawCdpRequest[] = [];
  readonly #targetUrls = new Map<string, string>();

  async start(root: CDPSession): Promise<void> {
    this.#listen(root);
    await root.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true });
  }

  #listen(parent: CDPSession): void {
    parent.on('Target.attachedToTarget', (event) => void this.#onAttached(parent, event));
  }

  async #onAttached(parent: CDPSession, event: any): Promise<void> {
    const info = event.targetInfo;
    const session = parent.connection()?.session(event.sessionId);
    if (!session) return;
    this.#targetUrls.set(info.targetId, info.url);
    session.on('Network.requestWillBeSent', (ev: any) => {
      this.raw.push({
        url: ev.request.url,
        time: Date.now(),
        targetType: info.type,
        targetUrl: this.#targetUrls.get(info.targetId) ?? info.url,
        documentURL: ev.documentURL ?? '',
        initiatorUrls: initiatorUrls(ev.initiator),
      });
    });
    const pending: Promise<unknown>[] = [session.send('Network.enable')];
    if (!WORKER_TYPES.has(info.type)) {
      this.#listen(session);
      pending.push(
        session.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true }),
      );
    }
    // Sent after Network.enable on the same session, so the domain is on before the target runs.
    pending.push(session.send('Runtime.runIfWaitingForDebugger'));
    await Promise.allSettled(pending);
  }

  classified(origin: string): NetworkRequest[] {
    const out: NetworkRequest[] = [];
    for (const r of this.raw) {
      if (!isNetworkUrl(r.url)) continue;
      let from: string;
      if (WORKER_TYPES.has(r.targetType) && r.targetUrl.startsWith(origin + '/')) {
        from = r.targetType === 'service_worker' ? 'worker' : `extension-worker:${extensionPath(r.targetUrl)}`;
      } else if (r.documentURL.startsWith(origin + '/')) {
        from = `extension-page:${extensionPath(r.documentURL)}`;
      } else if (r.initiatorUrls.some((u) => u.startsWith(origin + '/'))) {
        from = `content-script:${r.documentURL}`;
      } else {
        from = `web:${r.documentURL || r.targetUrl}`;
      }
      out.push({ url: r.url, from, via: 'cdp', time: r.time });
    }
    return out;
  }
}

export async function launchChromium(options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const executablePath = requireBrowser('chromium');
  const extDir = builtExtensionDir('chromium');
  const headless = options.headless ?? true;
  const tempProfile = !options.profileDir;
  const profileDir = options.profileDir ?? (await mkdtemp(path.join(os.tmpdir(), 'lede-chromium-')));
  await mkdir(profileDir, { recursive: true });
  if (options.pinned ?? true) await pinToToolbar(profileDir, [extDir, ...(options.alsoPinned ?? [])]);
  const proxy = await startSentinelProxy();

  let browser;
  try {
    browser = await puppeteer.launch({
      executablePath,
      headless,
      userDataDir: profileDir,
      // Extensions allowed; Lede itself is loaded below, AFTER the network recorder is attached.
      enableExtensions: true,
      defaultViewport: options.viewport !== undefined ? options.viewport : headless ? { width: 1280, height: 900 } : null,
      handleSIGINT: false,
      args: [
        ...CHROMIUM_QUIET_ARGS,
        // Every non-loopback request goes to the sentinel proxy (recorded, refused). Loopback stays direct.
        `--proxy-server=http://127.0.0.1:${proxy.port}`,
        ...(options.args ?? []),
      ],
    });
  } catch (error) {
    await proxy.close();
    if (tempProfile) await rm(profileDir, { recursive: true, force: true });
    throw error;
  }

  const recorder = new CdpRecorder();
  await recorder.start(await browser.target().createCDPSession());

  const extensionId = await browser.installExtension(extDir);
  const extensionOrigin = `chrome-extension://${extensionId}`;
  const isOurWorker = (t: Target) => t.type() === 'service_worker' && t.url().startsWith(extensionOrigin + '/');
  const workerTarget = await browser.waitForTarget(isOurWorker, { timeout: 30_000 });
  let worker: WebWorker = (await workerTarget.worker())!;
  const getWorker = async (): Promise<WebWorker> => {
    // The recorder stays attached, so the worker is not idle-terminated; re-acquire it if it was replaced.
    const current = browser.targets().find(isOurWorker);
    if (current && current !== workerTarget) worker = (await current.worker()) ?? worker;
    return worker;
  };

  const buttonOnToolbar = async () => (await getWorker()).evaluate(async () => (await chrome.action.getUserSettings()).isOnToolbar as boolean);
  if (options.pinned ?? true) {
    if (!(await buttonOnToolbar())) {
      await browser.close().catch(() => {});
      await proxy.close();
      throw new Error('Lede is not pinned to the toolbar: Chromium no longer reads extensions.pinned_extensions from the profile');
    }
  }

  const newPage = async (url?: string) => {
    const page = await browser.newPage();
    if (url) await page.goto(url, { waitUntil: 'load' });
    return page;
  };

  const tabIdOf = async (page: Page): Promise<number> => {
    const session = await page.createCDPSession();
    const { windowId } = (await session.send('Browser.getWindowForTarget')) as { windowId: number };
    await session.detach().catch(() => {});
    // Without the "tabs" permission the extension cannot see tab URLs, so: front tab of that window.
    await page.bringToFront();
    const w = await getWorker();
    const ids = (await w.evaluate(
      (windowId: number) =>
        chrome.tabs.query({ windowId, active: true }).then((tabs: { id?: number }[]) => tabs.map((t) => t.id ?? -1)),
      windowId,
    )) as number[];
    if (ids.length !== 1 || ids[0] < 0) throw new Error(`tabIdOf: expected one active tab in window ${windowId}, got ${ids}`);
    return ids[0];
  };

  const popupUrl = `${extensionOrigin}/popup.html`;
  const openPopupFor = async (page: Page): Promise<Page> => {
    await page.bringToFront();
    const isPopup = (t: Target) => t.url().startsWith(popupUrl);
    const before = new Set(browser.targets().filter(isPopup));
    const appeared = browser.waitForTarget((t) => isPopup(t) && !before.has(t), { timeout: 15_000 });
    const w = await getWorker();
    await w.evaluate(() => chrome.action.openPopup());
    const popup = await (await appeared).asPage();
    await popup.waitForFunction(() => document.readyState === 'complete');
    return popup;
  };

  const openPopupTab = async (tabId: number) => newPage(`${popupUrl}?tab=${tabId}`);

  const extensionUrl = (p: string) => `${extensionOrigin}/${p.replace(/^\/+/, '')}`;

  return {
    kind: 'chromium',
    browser,
    extensionId,
    extensionOrigin,
    profileDir,
    get worker() {
      return worker;
    },
    extensionUrl,
    newPage,
    openPopupFor,
    popupIsReal: true,
    openPopupTab,
    openExtensionPage: (p: string) => newPage(extensionUrl(p)),
    tabIdOf,
    buttonOnToolbar,
    evaluateInExtension: async (fn, ...args) => (await getWorker()).evaluate(fn as any, ...(args as any[])) as any,
    startNetworkLog: () => makeNetworkLog(async () => recorder.classified(extensionOrigin), proxy.hits, isChromiumMachinery),
    close: async () => {
      await browser.close().catch(() => {});
      await proxy.close();
      if (tempProfile) await rm(profileDir, { recursive: true, force: true });
    },
  };
}
