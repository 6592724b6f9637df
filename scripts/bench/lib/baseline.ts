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
import { evaluateIn, watchWorlds } from './lede-world.ts';
import { startTrace, stopTrace } from './trace.ts';

const source = (file: string) => readFileSync(createRequire(import.meta.url).resolve(`@mozilla/readability/${file}`), 'utf8');
const readabilityJs = `${source('Readability.js')};globalThis.Readability = Readability;`;
const readerableJs = `${source('Readability-readerable.js')};globalThis.isProbablyReaderable = isProbablyReaderable;`;

export interface Baseline {
  cloneMs: number;
  parseMs: number;
  /**
   * Firefox's reader check, isProbablyReaderable(document), cold, in an isolated world of its own made for it
   * before the clone, as a content script's would be (its code compiled first, like Lede's bundle): the cheapest
   * check an extension can make of a page, paying what any code pays there on its first run (compiling its
   * functions, the DOM's bindings made for that world). The yardstick for Lede's detection, measured in the same
   * run. (performance-floors.md timed it in the page's own world, where the page's scripts have made them already.)
   */
  readerableMs: number;
  /** Whether the page was cross-origin isolated (5 µs timers); the report names the pages where it was not. */
  isolated: boolean;
}

declare const Readability: any;

export async function measureBaseline(
  context: BrowserContext,
  open: (page: Page) => Promise<unknown>,
  extensionOrigin: string,
): Promise<Baseline> {
  const page = await context.newPage();
  let tracing = false;
  try {
    const session = await page.createCDPSession();
    const worlds = await watchWorlds(session, extensionOrigin);
    await startTrace(page);
    tracing = true;
    await open(page);
    const { frameTree } = (await session.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
    const frameId = frameTree.frame.id;
    const { executionContextId } = (await session.send('Page.createIsolatedWorld', { frameId, worldName: 'lede-bench-yardstick' })) as {
      executionContextId: number;
    };
    await evaluateIn(session, executionContextId, `${readerableJs}; 0`);
    const readerableMs = await evaluateIn<number>(
      session,
      executionContextId,
      '(() => { const t = performance.now(); isProbablyReaderable(document); return performance.now() - t; })()',
    );
    // Compiled before the clock starts, like Lede's bundle is before its first step.
    await page.evaluate(readabilityJs);
    const times = await page.evaluate(() => {
      const t0 = performance.now();
      const clone = document.cloneNode(true) as Document;
      const t1 = performance.now();
      new Readability(clone).parse();
      const t2 = performance.now();
      return { cloneMs: t1 - t0, parseMs: t2 - t1, isolated: crossOriginIsolated };
    });
    tracing = false;
    await stopTrace(page);
    if ((await worlds.ledeContext(0)) !== null) throw new Error('the extension ran in the page meant to be without it');
    return { ...times, readerableMs };
  } finally {
    if (tracing) await page.tracing.stop().catch(() => {});
    await page.close().catch(() => {});
  }
}
