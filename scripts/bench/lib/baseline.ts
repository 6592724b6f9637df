// The floor Lede's analysis is compared with: the same page's document.cloneNode(true) + new Readability(clone)
// .parse() alone, as Readability documents it, cold (first run, in a fresh renderer), timed in the page's main
// world. The page is a fresh load of the same corpus page, opened the same way as with Lede (`open`: at its own
// address, cross-origin isolated), in a browser context where no extension runs (an
// incognito-like context of the same browser: extensions are off there), so nothing of Lede's warms anything.
// It is traced with the same categories as the page with Lede (tracing slows a page by a few per cent), so the
// ratio compares like with like. measureIsolatedFloor times the same clone + parse where an extension has to run
// it, in an isolated world.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'puppeteer-core';
import { evaluateIn, watchWorlds } from './lede-world.ts';
import { startTrace, stopTrace } from './trace.ts';

const source = (file: string) => readFileSync(createRequire(import.meta.url).resolve(`@mozilla/readability/${file}`), 'utf8');
const readabilityJs = `${source('Readability.js')};globalThis.Readability = Readability;`;
const readerableJs = `${source('Readability-readerable.js')};globalThis.isProbablyReaderable = isProbablyReaderable;`;

/** The floor's clone + parse alone, wherever it was run. */
export interface Floor {
  cloneMs: number;
  parseMs: number;
  /** Whether the page was cross-origin isolated (5 µs timers); the report names the pages where it was not. */
  isolated: boolean;
}

export interface Baseline extends Floor {
  /**
   * Firefox's reader check, isProbablyReaderable(document), cold, in an isolated world of its own made for it
   * before the clone, as a content script's would be (its code compiled first, like Lede's bundle): the cheapest
   * check an extension can make of a page, paying what any code pays there on its first run (compiling its
   * functions, the DOM's bindings made for that world). The yardstick for Lede's detection, measured in the same
   * run. (performance-floors.md timed it in the page's own world, where the page's scripts have made them already.)
   */
  readerableMs: number;
}

// (a function's source, run in whichever world it is evaluated in)
const timeCloneAndParse = `(() => {
  const t0 = performance.now();
  const clone = document.cloneNode(true);
  const t1 = performance.now();
  new Readability(clone).parse();
  const t2 = performance.now();
  return { cloneMs: t1 - t0, parseMs: t2 - t1, isolated: crossOriginIsolated };
})()`;

/** Opens the page fresh, traced, without the extension, and runs `measure` in it with a way to make a new isolated world. */
async function inFreshPage<T>(
  context: BrowserContext,
  open: (page: Page) => Promise<unknown>,
  extensionOrigin: string,
  measure: (page: Page, newWorld: () => Promise<(expression: string) => Promise<unknown>>) => Promise<T>,
): Promise<T> {
  const page = await context.newPage();
  let tracing = false;
  try {
    const session = await page.createCDPSession();
    const worlds = await watchWorlds(session, extensionOrigin);
    await startTrace(page);
    tracing = true;
    await open(page);
    const newWorld = async () => {
      const { frameTree } = (await session.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
      const { executionContextId } = (await session.send('Page.createIsolatedWorld', {
        frameId: frameTree.frame.id,
        worldName: 'lede-bench-yardstick',
      })) as { executionContextId: number };
      return (expression: string) => evaluateIn(session, executionContextId, expression);
    };
    const result = await measure(page, newWorld);
    tracing = false;
    await stopTrace(page);
    if ((await worlds.ledeContext(0)) !== null) throw new Error('the extension ran in the page meant to be without it');
    return result;
  } finally {
    if (tracing) await page.tracing.stop().catch(() => {});
    await page.close().catch(() => {});
  }
}

export function measureBaseline(
  context: BrowserContext,
  open: (page: Page) => Promise<unknown>,
  extensionOrigin: string,
): Promise<Baseline> {
  return inFreshPage(context, open, extensionOrigin, async (page, newWorld) => {
    const inWorld = await newWorld();
    await inWorld(`${readerableJs}; 0`);
    const readerableMs = (await inWorld(
      '(() => { const t = performance.now(); isProbablyReaderable(document); return performance.now() - t; })()',
    )) as number;
    // Compiled before the clock starts, like Lede's bundle is before its first step.
    await page.evaluate(readabilityJs);
    const times = (await page.evaluate(timeCloneAndParse)) as Floor;
    return { ...times, readerableMs };
  });
}

/**
 * The same clone + parse in an isolated world of its own, made once the page has loaded, on a fresh load: where a
 * content script runs, Lede's among them. Blink keeps a node's wrapper for the page's own world in the node itself
 * and looks up those of any other world in a table, so the same DOM work can cost an extension more than it costs
 * the page; this floor says how much, page by page, in the same run.
 */
export function measureIsolatedFloor(
  context: BrowserContext,
  open: (page: Page) => Promise<unknown>,
  extensionOrigin: string,
): Promise<Floor> {
  return inFreshPage(context, open, extensionOrigin, async (_page, newWorld) => {
    const inWorld = await newWorld();
    await inWorld(`${readabilityJs}; 0`);
    return (await inWorld(timeCloneAndParse)) as Floor;
  });
}
