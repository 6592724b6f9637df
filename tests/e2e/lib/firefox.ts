// Firefox ESR with the built extension installed as a temporary add-on, over puppeteer-core (WebDriver BiDi).
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { requireBrowser } from './browsers.ts';
import { extensionPath, isNetworkUrl, makeNetworkLog, type NetworkRequest } from './network.ts';
import { builtExtensionDir, builtGeckoId } from './paths.ts';
import { startSentinelProxy } from './proxy.ts';
import type { ExtensionBrowser, LaunchOptions } from './types.ts';

/** The fixed moz-extension host of Lede in every harness profile (pref extensions.webextensions.uuids). */
export const LEDE_FIREFOX_UUID = '1ede0000-b9d1-4c5e-9a55-7c3a4f0e2e01';

/** Prefs that keep Firefox off the network (on top of puppeteer's defaults). */
export function quietFirefoxPrefs(proxyPort: number): Record<string, unknown> {
  return {
    // All non-loopback traffic to the sentinel proxy (recorded, refused).
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.share_proxy_settings': true,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': false,
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'network.predictor.enabled': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'network.trr.mode': 5,
    'dom.push.connection.enabled': false,
    'security.OCSP.enabled': 0,
    'security.remote_settings.crlite_filters.enabled': false,
    'security.remote_settings.intermediates.enabled': false,
    'services.settings.server': 'data:,#remote-settings-dummy/v1',
    'toolkit.telemetry.enabled': false,
    'toolkit.telemetry.server': '',
    'toolkit.telemetry.archive.enabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'app.update.auto': false,
    'app.normandy.enabled': false,
    'app.shield.optoutstudies.enabled': false,
    'messaging-system.rsexperimentloader.enabled': false,
    'browser.region.network.url': '',
    'browser.region.update.enabled': false,
    'browser.discovery.enabled': false,
    'browser.topsites.contile.enabled': false,
    'browser.newtabpage.activity-stream.feeds.telemetry': false,
    'browser.newtabpage.activity-stream.telemetry': false,
    'browser.urlbar.quicksuggest.enabled': false,
    'browser.safebrowsing.provider.mozilla.updateURL': '',
    'browser.safebrowsing.provider.google4.updateURL': '',
    'extensions.blocklist.enabled': false,
    'extensions.systemAddon.update.enabled': false,
    'extensions.getAddons.showPane': false,
    'media.gmp-manager.url': '',
    'captivedetect.canonicalURL': '',
  };
}

/**
 * Runs in Firefox's parent process (chrome scope, reachable over BiDi with --remote-allow-system-access):
 * an observer of 'http-on-opening-request', which every HTTP(S)/WebSocket channel of every process passes
 * through, recording the URL with the principals and document that made it.
 */
const OBSERVER_SOURCE = `(() => {
  if (window.__ledeNet) return 'already';
  const log = [];
  const observer = { observe(subject) {
    try {
      const ch = subject.QueryInterface(Ci.nsIChannel);
      const li = ch.loadInfo;
      const tp = li?.triggeringPrincipal, lp = li?.loadingPrincipal;
      const bc = li && (BrowsingContext.get(li.browsingContextID) || BrowsingContext.get(li.workerAssociatedBrowsingContextID));
      log.push({ url: ch.URI.spec, time: Date.now(),
        tpAddon: tp?.addonId || '', lpAddon: lp?.addonId || '', tpSystem: !!tp?.isSystemPrincipal,
        tpAllow: tp?.isExpandedPrincipal ? (tp.allowlist || []).map(p => p.origin) : [],
        doc: bc?.currentWindowGlobal?.documentURI?.spec || '', type: li?.externalContentPolicyType ?? 0 });
    } catch (e) { log.push({ url: 'about:error', time: Date.now(), error: String(e) }); }
  } };
  Services.obs.addObserver(observer, 'http-on-opening-request');
  window.__ledeNet = log;
  window.__ledeNetObserver = observer;
  return 'installed';
})()`;

interface RawObserved {
  url: string;
  time: number;
  tpAddon: string;
  lpAddon: string;
  tpSystem: boolean;
  tpAllow: string[];
  doc: string;
  /** nsIContentPolicy type: 6 = top-level document, 7 = sub-document. */
  type: number;
}

/** Chrome-scope helpers over the raw BiDi connection. */
class ChromeScope {
  #context: string | null = null;
  readonly browser: Browser;
  constructor(browser: Browser) {
    this.browser = browser;
  }

  async #mainWindow(): Promise<string> {
    if (this.#context) return this.#context;
    const tree: any = await (this.browser as any).connection.send('browsingContext.getTree', {
      'moz:scope': 'chrome',
      maxDepth: 0,
    });
    const main = tree.result.contexts.find((c: any) => c.url === 'chrome://browser/content/browser.xhtml');
    if (!main) throw new Error('Firefox chrome scope: no browser window (was it launched with --remote-allow-system-access?)');
    return (this.#context = main.context as string);
  }

  async evaluate(expression: string): Promise<any> {
    const response: any = await (this.browser as any).connection.send('script.evaluate', {
      expression,
      target: { context: await this.#mainWindow() },
      awaitPromise: true,
      resultOwnership: 'none',
    });
    const r = response.result;
    if (r.type === 'exception') throw new Error(`Firefox chrome scope: ${r.exceptionDetails?.text ?? 'exception'}`);
    return r.result?.value;
  }

  /** Evaluates an expression returning a JSON string, and parses it. */
  async json(expression: string): Promise<any> {
    return JSON.parse(await this.evaluate(`JSON.stringify(${expression})`));
  }
}

export async function launchFirefox(options: LaunchOptions & { uuid?: string } = {}): Promise<ExtensionBrowser> {
  const executablePath = requireBrowser('firefox');
  const extDir = builtExtensionDir('firefox');
  const geckoId = builtGeckoId();
  const uuid = options.uuid ?? LEDE_FIREFOX_UUID;
  const extensionOrigin = `moz-extension://${uuid}`;
  const headless = options.headless ?? true;
  const tempProfile = !options.profileDir;
  const profileDir = options.profileDir ?? (await mkdtemp(path.join(os.tmpdir(), 'lede-firefox-')));
  await mkdir(profileDir, { recursive: true });
  const proxy = await startSentinelProxy();

  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath,
      headless,
      userDataDir: profileDir,
      defaultViewport: options.viewport !== undefined ? options.viewport : headless ? { width: 1280, height: 900 } : null,
      handleSIGINT: false,
      // Needed for moz-extension:// tabs and for the chrome-scope network observer.
      args: ['--remote-allow-system-access', ...(options.args ?? [])],
      extraPrefsFirefox: {
        ...quietFirefoxPrefs(proxy.port),
        'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: uuid }),
        // Lets an extension page call browserAction.openPopup() (the real popup, which BiDi cannot capture).
        'extensions.openPopupWithoutUserGesture.enabled': true,
      },
      // Firefox's own test switch: refuses non-local connections, and lets services.settings.server
      // (remote settings, otherwise polled on release builds) be pointed at nothing.
      env: { ...process.env, MOZ_DISABLE_NONLOCAL_CONNECTIONS: '1' },
    });
  } catch (error) {
    await proxy.close();
    if (tempProfile) await rm(profileDir, { recursive: true, force: true });
    throw error;
  }

  const chrome = new ChromeScope(browser);
  const connection = (browser as any).connection;

  // Recorders first, then the add-on, so its background page's first requests are seen too.
  await chrome.evaluate(OBSERVER_SOURCE);
  const bidiRaw: { url: string; context: string; time: number }[] = [];
  const contextUrls = new Map<string, string>();
  connection.on('network.beforeRequestSent', (p: any) =>
    bidiRaw.push({ url: p.request.url, context: p.context ?? '', time: Date.now() }),
  );
  connection.on('browsingContext.contextCreated', (p: any) => contextUrls.set(p.context, p.url));
  connection.on('browsingContext.navigationStarted', (p: any) => contextUrls.set(p.context, p.url));
  await connection.send('session.subscribe', {
    events: ['network.beforeRequestSent', 'browsingContext.contextCreated', 'browsingContext.navigationStarted'],
  });

  const installedId = await browser.installExtension(extDir);
  if (installedId !== geckoId) throw new Error(`Installed add-on id ${installedId}, expected ${geckoId}`);

  const newPage = async (url?: string) => {
    const page = await browser.newPage();
    if (url) await page.goto(url, { waitUntil: 'load' });
    return page;
  };

  /** Opens an extension URL in a tab: page.goto() to moz-extension:// never resolves, so don't await it. */
  const openExtensionTab = async (url: string, opts: { background?: boolean } = {}): Promise<Page> => {
    const page = await browser.newPage({ background: opts.background ?? false });
    page.goto(url).catch(() => {});
    // Polled by hand: an evaluation that lands mid-navigation fails with a protocol error, which
    // waitForFunction does not survive; the next poll sees the loaded page.
    const deadline = Date.now() + 15_000;
    for (;;) {
      const ready = await page
        .evaluate((href: string) => location.href === href && document.readyState === 'complete', url)
        .catch(() => false);
      if (ready) return page;
      if (Date.now() > deadline) throw new Error(`Firefox did not open ${url} within 15 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  let helper: Promise<Page> | null = null;
  const extensionContext = () => {
    // An extension-origin document that runs none of the extension's code, in a background tab.
    helper ??= openExtensionTab(`${extensionOrigin}/manifest.json`, { background: true });
    return helper;
  };

  const tabIdOf = async (page: Page): Promise<number> => {
    const contextId = (page.mainFrame() as any)._id as string;
    const id = await chrome.evaluate(`(() => {
      const { NavigableManager } = ChromeUtils.importESModule('chrome://remote/content/shared/NavigableManager.sys.mjs');
      const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
      const bc = NavigableManager.getBrowsingContextById(${JSON.stringify(contextId)});
      const el = bc?.top?.embedderElement;
      for (const win of Services.wm.getEnumerator('navigator:browser')) {
        const tab = el && win.gBrowser?.getTabForBrowser(el);
        if (tab) return ExtensionParent.apiManager.global.tabTracker.getId(tab);
      }
      return -1;
    })()`);
    if (typeof id !== 'number' || id < 0) throw new Error(`tabIdOf: no tab for ${page.url()}`);
    return id;
  };

  const openPopupTab = (tabId: number) => openExtensionTab(`${extensionOrigin}/popup.html?tab=${tabId}`);

  const collect = async (): Promise<NetworkRequest[]> => {
    const raw: RawObserved[] | null = await chrome.json('window.__ledeNet ?? null');
    if (!raw) throw new Error('Firefox network observer is gone (was the first browser window closed?)');
    const observed: NetworkRequest[] = [];
    for (const r of raw) {
      if (!isNetworkUrl(r.url)) continue;
      let from: string;
      if (r.tpAddon === geckoId || r.lpAddon === geckoId) {
        if (r.doc.startsWith(`${extensionOrigin}/_generated_background_page.html`)) from = 'background';
        else if (r.doc.startsWith(extensionOrigin + '/')) from = `extension-page:${extensionPath(r.doc)}`;
        else from = `extension:${r.doc}`;
      } else if (r.tpAllow.some((o) => o === extensionOrigin)) {
        from = `content-script:${r.doc}`;
      } else if (r.type === 6 || r.type === 7) {
        from = `web:${r.url}`; // a web page being loaded (its own document request)
      } else if (r.tpSystem && !r.doc.startsWith('http')) {
        from = 'browser';
      } else {
        from = `web:${r.doc}`;
      }
      observed.push({ url: r.url, from, via: 'observer', time: r.time });
    }
    // BiDi sees extension TABS (not the background page); add what the observer somehow missed.
    const seen = new Map<string, number>();
    for (const r of observed) if (r.from.startsWith('extension-page:')) seen.set(r.url, (seen.get(r.url) ?? 0) + 1);
    const extra: NetworkRequest[] = [];
    for (const b of bidiRaw) {
      const doc = contextUrls.get(b.context) ?? '';
      if (!doc.startsWith(extensionOrigin + '/') || !isNetworkUrl(b.url)) continue;
      const n = seen.get(b.url) ?? 0;
      if (n > 0) seen.set(b.url, n - 1);
      else extra.push({ url: b.url, from: `extension-page:${extensionPath(doc)}`, via: 'bidi', time: b.time });
    }
    return [...observed, ...extra];
  };

  const extensionUrl = (p: string) => `${extensionOrigin}/${p.replace(/^\/+/, '')}`;

  return {
    kind: 'firefox',
    browser,
    extensionId: uuid,
    extensionOrigin,
    profileDir,
    worker: null,
    extensionUrl,
    newPage,
    openPopupFor: async (page: Page) => openPopupTab(await tabIdOf(page)),
    popupIsReal: false,
    openPopupTab,
    openExtensionPage: (p: string) => openExtensionTab(extensionUrl(p)),
    tabIdOf,
    // Firefox names an add-on's toolbar button after its id (ExtensionCommon's makeWidgetId).
    buttonOnToolbar: async () =>
      (await chrome.evaluate(
        `CustomizableUI.getPlacementOfWidget(${JSON.stringify(`${geckoId.toLowerCase().replace(/[^a-z0-9_-]/g, '_')}-browser-action`)})?.area === CustomizableUI.AREA_NAVBAR`,
      )) === true,
    evaluateInExtension: async (fn, ...args) => (await extensionContext()).evaluate(fn as any, ...(args as any[])) as any,
    startNetworkLog: () => makeNetworkLog(collect, proxy.hits),
    close: async () => {
      await browser.close().catch(() => {});
      await proxy.close();
      if (tempProfile) await rm(profileDir, { recursive: true, force: true });
    },
  };
}
