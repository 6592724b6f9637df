// The floor Lede's analysis is compared with: the same page's document.cloneNode(true) + new Readability(clone)
// .parse() alone, as Readability documents it, cold (first run, in a fresh renderer), timed in the page's main
// world. The page is a fresh load of the same corpus page, opened the same way as with Lede (`open`: at its own
// address, cross-origin isolated), in a browser context where no extension runs (an
// incognito-like context of the same browser: extensions are off there), so nothing of Lede's warms anything.
// It is traced with the same categories as the page with Lede (tracing slows a page by a few per cent), so the
// ratio compares like with like.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'puppeteer-core';
import { watchWorlds } from './lede-world.ts';
import { startTrace, stopTrace } from './trace.ts';

const source = (file: string) => readFileSync(createRequire(import.meta.url).resolve(`@mozilla/readability/${file}`), 'utf8');
const readabilityJs = `${source('Readability.js')}\n${source('Readability-readerable.js')}
;globalThis.Readability = Readability; globalThis.isProbablyReaderable = isProbablyReaderable;`;

export interface Baseline {
  cloneMs: number;
  parseMs: number;
  /**
   * Firefox's reader check, isProbablyReaderable(document), cold, after the parse: a yardstick for detection
   * on this machine at this moment (performance-floors.md measured it on a quiet one).
   */
  readerableMs: number;
  /** Whether the page was cross-origin isolated (5 µs timers); the report names the pages where it was not. */
  isolated: boolean;
}

declare const Readability: any;
declare const isProbablyReaderable: any;

export async function measureBaseline(
  context: BrowserContext,
  open: (page: Page) => Promise<unknown>,
  extensionOrigin: string,
): Promise<Baseline> {
  const page = await context.newPage();
  let tracing = false;
  try {
    const worlds = await watchWorlds(await page.createCDPSession(), extensionOrigin);
    await startTrace(page);
    tracing = true;
    await open(page);
    // Compiled before the clock starts, like Lede's bundle is before its first step.
    await page.evaluate(readabilityJs);
    const times = await page.evaluate(() => {
      const t0 = performance.now();
      const clone = document.cloneNode(true) as Document;
      const t1 = performance.now();
      new Readability(clone).parse();
      const t2 = performance.now();
      isProbablyReaderable(document);
      const t3 = performance.now();
      return { cloneMs: t1 - t0, parseMs: t2 - t1, readerableMs: t3 - t2, isolated: crossOriginIsolated };
    });
    tracing = false;
    await stopTrace(page);
    if ((await worlds.ledeContext(0)) !== null) throw new Error('the extension ran in the page meant to be without it');
    return times;
  } finally {
    if (tracing) await page.tracing.stop().catch(() => {});
    await page.close().catch(() => {});
  }
}
