import type { Browser, Page, WebWorker } from 'puppeteer-core';
import type { NetworkLog } from './network.ts';

export interface LaunchOptions {
  /**
   * Profile directory (Chromium user-data-dir / Firefox profile). Pass the same one to a second launch to
   * test a restart; when omitted a temporary one is made and deleted on close().
   */
  profileDir?: string;
  /** Default: true (headless). */
  headless?: boolean;
  /** Extra browser command-line arguments. */
  args?: string[];
  /** Viewport for pages the harness opens; default 1280x900 headless, the window's own size headed. */
  viewport?: { width: number; height: number } | null;
  /**
   * Chromium: Lede's button pinned to the toolbar, where a reader clicks it (default true). Unpinned, it sits in
   * the extensions menu and Chrome animates it out before opening the popup (tests/e2e/lib/toolbar-pin.ts).
   */
  pinned?: boolean;
  /** Chromium: folders of other unpacked extensions to pin too, installed later by the caller. */
  alsoPinned?: string[];
}

/** A browser with the built Lede extension loaded. Same shape for both browsers. */
export interface ExtensionBrowser {
  kind: 'chromium' | 'firefox';
  browser: Browser;
  /** Chromium: the extension id. Firefox: the moz-extension UUID (the host of its pages). */
  extensionId: string;
  /** 'chrome-extension://<id>' or 'moz-extension://<uuid>' */
  extensionOrigin: string;
  /** The profile directory in use (reuse it for a restart). */
  profileDir: string;
  /** Chromium: the extension's service worker. Firefox: null (its MV2 background page is not reachable over BiDi). */
  worker: WebWorker | null;
  /** chrome-extension://<id>/<path> or moz-extension://<uuid>/<path> */
  extensionUrl(path: string): string;
  /** A new tab; navigated to `url` (and loaded) when given. */
  newPage(url?: string): Promise<Page>;
  /**
   * The popup for an article page. Chromium: the REAL toolbar popup (page brought to front, then
   * chrome.action.openPopup() from the service worker). Firefox: popup.html?tab=<id> in a tab, because the
   * real Firefox popup cannot be driven over BiDi. `popupIsReal` says which.
   */
  openPopupFor(page: Page): Promise<Page>;
  popupIsReal: boolean;
  /** popup.html?tab=<tabId> opened in a new tab, loaded. */
  openPopupTab(tabId: number): Promise<Page>;
  /**
   * One of the extension's own pages (`library.html`, `options.html`…) in a new tab, loaded. Firefox never
   * resolves page.goto() to moz-extension:// over BiDi, and an evaluation landing mid-navigation fails there
   * with a protocol error that waitForSelector does not survive, so Firefox polls until the page has loaded.
   */
  openExtensionPage(path: string): Promise<Page>;
  /**
   * Whether Lede's button sits on the toolbar itself, where its mark on article tabs is seen, rather than in the
   * browser's extensions menu. Chromium: action.getUserSettings(). Firefox: the button's place in its toolbars.
   */
  buttonOnToolbar(): Promise<boolean>;
  /** The extension-API tab id (tabs.Tab.id) of a puppeteer page. Chromium brings the page to front to find it. */
  tabIdOf(page: Page): Promise<number>;
  /**
   * Runs `fn` in a context that has the extension's API (chrome.* / browser.*) and returns its result.
   * Chromium: the service worker. Firefox: an inert extension tab (moz-extension://<uuid>/manifest.json) that
   * runs none of the extension's code; from there `browser.runtime.getBackgroundPage()` reaches the background.
   */
  evaluateInExtension<A extends unknown[], R>(fn: (...args: A) => R | Promise<R>, ...args: A): Promise<R>;
  /**
   * Starts a network log: every request made from now on by the extension's pages, its service worker /
   * background page and its content scripts, plus any request to a non-loopback host that nobody we watch made.
   */
  startNetworkLog(): NetworkLog;
  /** Closes the browser, the sentinel proxy, and deletes a temporary profile. */
  close(): Promise<void>;
}
