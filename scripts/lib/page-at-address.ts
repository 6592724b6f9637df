// A corpus page opened in real Chromium at the address the reader had it from, for the evaluations and the
// benchmarks alike.
//
// The address is truth.url; else the one the page declares for itself (its canonical link, else og:url). The
// browser asks for that address and gets the saved source.html in answer (puppeteer request interception), and
// every other request off this machine fails, as it does in the e2e tests. Detection reads the address, and pages
// check it (some scripts send an http:// page to https://, which is answered with the same file), so a page served
// from 127.0.0.1/<id>/ would be judged by the words of its corpus id, not by its own address. The answer says
// utf-8 when the file is; else it names no charset and the page's own <meta charset> decides (a few corpus pages are
// ISO-8859). Pages with no address at all are opened from the local URL the caller serves them at.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HTTPRequest, Page } from 'puppeteer-core';
import type { CorpusPage } from './corpus.ts';
import { parseHtml } from './dom.ts';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const withoutHash = (u: string) => u.replace(/#.*$/, '');
/** The same address whatever its scheme: http://x/a and https://x/a. */
const sameAddress = (a: string, b: string) => withoutHash(a).replace(/^https?:/, '') === withoutHash(b).replace(/^https?:/, '');

const addresses = new Map<string, string | null>();

/** Where the reader had the page from: its recorded URL, else the absolute http(s) address it declares. */
export function pageAddress(p: CorpusPage): string | null {
  if (!addresses.has(p.dir)) addresses.set(p.dir, readAddress(p));
  return addresses.get(p.dir)!;
}

function readAddress(p: CorpusPage): string | null {
  const declared = () => {
    const doc = parseHtml(p.html());
    return (
      doc.querySelector('link[rel~="canonical"]')?.getAttribute('href') ||
      doc.querySelector('meta[property="og:url"]')?.getAttribute('content') ||
      null
    );
  };
  for (const read of [() => p.truth.url, declared]) {
    const candidate = read();
    if (!candidate) continue;
    try {
      const u = new URL(candidate.trim());
      if (u.protocol === 'http:' || u.protocol === 'https:') return u.href;
    } catch {
      /* not an address */
    }
  }
  return null;
}

/** The Content-Type a saved page is answered with: utf-8 only when the bytes are utf-8, else the page's own say. */
export function htmlContentType(bytes: Uint8Array): string {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'text/html; charset=utf-8';
  } catch {
    return 'text/html';
  }
}

/**
 * Chromium flag that makes these http:// addresses' origins secure contexts (a page can only be cross-origin
 * isolated in one, https:// and loopback are already); null if there are none.
 */
export function secureOriginsFlag(addresses: (string | null)[]): string | null {
  const origins = [...new Set(addresses.filter((a): a is string => !!a?.startsWith('http:')).map((a) => new URL(a).origin))];
  return origins.length ? `--unsafely-treat-insecure-origin-as-secure=${origins.join(',')}` : null;
}

export interface OpenOptions {
  /** Extra response headers for the page's own answer (the benchmark's cross-origin isolation). */
  headers?: Record<string, string>;
  timeoutMs?: number;
}

/**
 * Opens the corpus page at `address` (the browser gets source.html for it and for the same address by the other
 * scheme); nothing else leaves the machine. Rejects as page.goto does.
 */
export async function openAt(page: Page, p: CorpusPage, address: string, options: OpenOptions = {}): Promise<void> {
  const body = readFileSync(join(p.dir, 'source.html'));
  const contentType = htmlContentType(body);
  const headers = { 'cache-control': 'no-store', ...options.headers };
  await page.setRequestInterception(true);
  page.on('request', (req: HTTPRequest) => {
    if (req.isInterceptResolutionHandled()) return;
    if (req.isNavigationRequest() && req.frame() === page.mainFrame() && sameAddress(req.url(), address)) {
      void req.respond({ status: 200, headers, contentType, body });
    } else if (/^(?:http|ws)s?:/.test(req.url()) && !LOOPBACK.has(new URL(req.url()).hostname)) {
      void req.abort('internetdisconnected');
    } else {
      void req.continue(); // the extension's own files, data: and blob: addresses
    }
  });
  await page.goto(address, { waitUntil: 'load', timeout: options.timeoutMs ?? 20_000 });
}

/**
 * Opens the corpus page at its own address (openAt), or at `localUrl` (where the caller serves the corpus from
 * 127.0.0.1) when it has none. Returns the address it was opened at. Rejects as page.goto does.
 */
export async function openCorpusPage(page: Page, p: CorpusPage, localUrl: string, options: OpenOptions = {}): Promise<string> {
  const address = pageAddress(p);
  if (address) await openAt(page, p, address, options);
  else await page.goto(localUrl, { waitUntil: 'load', timeout: options.timeoutMs ?? 20_000 });
  return address ?? localUrl;
}
