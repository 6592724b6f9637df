// What counts as a network request, who made it, and the log handle both browsers return.
import type { ProxyHit } from './proxy.ts';

/** One request that left (or tried to leave) the browser. */
export interface NetworkRequest {
  url: string;
  /**
   * Who made it:
   *  - 'worker'                      Chromium: the extension's service worker
   *  - 'background'                  Firefox: the extension's background page
   *  - 'extension-page:/popup.html'  an extension page (popup, full-tab view, library...), by path
   *  - 'extension-worker:/x.js'      a worker started by an extension page
   *  - 'extension:<document url>'    Firefox: the extension, from a document that is none of the above
   *  - 'content-script:<page url>'   the extension's content script, in that web page
   *  - 'unattributed'                seen only by the sentinel proxy (browser-wide): nobody we watch made it,
 *                                  and it is not one of the browser's own known service endpoints
   * and, only in all():
   *  - 'web:<page url>'              the web page itself (not the extension)
   *  - 'browser'                     the browser's own machinery: Firefox system principal, or (Chromium)
 *                                  a proxy-only hit on a known Chromium service endpoint (see chromium.ts)
   */
  from: string;
  /** Which recorder saw it: CDP Network domain, WebDriver BiDi, Firefox's http observer, or the proxy. */
  via: 'cdp' | 'bidi' | 'observer' | 'proxy';
  time: number;
}

export interface NetworkLog {
  /** Requests made by the extension (its pages, worker/background, content scripts) + unattributed ones. */
  requests(): Promise<NetworkRequest[]>;
  /** Everything recorded since start, web pages and browser machinery included (for debugging). */
  all(): Promise<NetworkRequest[]>;
  /** Stops counting: later requests are not returned by this handle. */
  stop(): void;
}

const NOT_NETWORK = new Set([
  'chrome-extension:',
  'moz-extension:',
  'data:',
  'blob:',
  'about:',
  'chrome:',
  'chrome-untrusted:',
  'devtools:',
  'resource:',
  'javascript:',
]);

/**
 * Whether a URL is network traffic. Extension-internal, data:, blob: and browser-internal URLs are not;
 * everything else (http, https, ws, wss, ftp, and even file:) is counted, to err on the side of reporting.
 */
export function isNetworkUrl(url: string): boolean {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    return false;
  }
  return !NOT_NETWORK.has(protocol);
}

export function isExtensionFrom(from: string): boolean {
  return !from.startsWith('web:') && from !== 'browser';
}

/** 'chrome-extension://id/popup.html?tab=3' -> '/popup.html' */
export function extensionPath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

function hostKey(url: string): string | null {
  try {
    const u = new URL(url);
    const port = u.port || (u.protocol === 'https:' || u.protocol === 'wss:' ? '443' : '80');
    return `${u.hostname}:${port}`;
  } catch {
    return null;
  }
}

/**
 * Proxy hits that no recorded request explains. A plain-HTTP hit is explained by a recorded request to the
 * same URL; a CONNECT hit (https://host:port, path unknown) by a recorded https/wss request to that host:port.
 */
export function unexplainedProxyHits(
  hits: ProxyHit[],
  recorded: NetworkRequest[],
  isBrowserMachinery: (url: string) => boolean = () => false,
): NetworkRequest[] {
  const urls = new Map<string, number>();
  const tunnels = new Set<string>();
  for (const r of recorded) {
    urls.set(r.url, (urls.get(r.url) ?? 0) + 1);
    if (/^(https|wss):/.test(r.url)) {
      const k = hostKey(r.url);
      if (k) tunnels.add(k);
    }
  }
  const out: NetworkRequest[] = [];
  for (const hit of hits) {
    if (hit.url.startsWith('https://') && new URL(hit.url).pathname === '/') {
      const k = hostKey(hit.url);
      if (k && tunnels.has(k)) continue;
    } else {
      const n = urls.get(hit.url) ?? 0;
      if (n > 0) {
        urls.set(hit.url, n - 1);
        continue;
      }
    }
    out.push({ url: hit.url, from: isBrowserMachinery(hit.url) ? 'browser' : 'unattributed', via: 'proxy', time: hit.time });
  }
  return out;
}

/**
 * A NetworkLog over a browser's recorders: `collect()` returns everything recorded so far (classified),
 * `proxyHits()` the sentinel proxy's hits; the handle keeps those from [start, stop).
 */
export function makeNetworkLog(
  collect: () => Promise<NetworkRequest[]>,
  proxyHits: () => ProxyHit[],
  isBrowserMachinery?: (url: string) => boolean,
): NetworkLog {
  const start = Date.now();
  let end = Infinity;
  const inWindow = (t: number) => t >= start && t < end;
  const all = async () => {
    const recorded = (await collect()).filter((r) => inWindow(r.time));
    const unexplained = unexplainedProxyHits(proxyHits().filter((h) => inWindow(h.time)), recorded, isBrowserMachinery);
    return [...recorded, ...unexplained].sort((a, b) => a.time - b.time);
  };
  return {
    all,
    requests: async () => (await all()).filter((r) => isExtensionFrom(r.from)),
    stop: () => {
      if (end === Infinity) end = Date.now() + 1;
    },
  };
}
