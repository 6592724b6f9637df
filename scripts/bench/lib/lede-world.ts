// Lede's content script runs in an isolated world of the page: the page cannot see its globals, DevTools can.
// These helpers find that world's execution context and read Lede's step timings (utils/page/perf.ts) from it.
import type { CDPSession } from 'puppeteer-core';
import type { PerfLog } from '../../../utils/page/perf.ts';
import { PERF_GLOBAL } from '../../../utils/page/perf.ts';

export interface WorldWatch {
  /** Lede's isolated world in the page's main frame, once it exists (null if it never appears in time). */
  ledeContext(timeoutMs: number): Promise<number | null>;
  /** The world's name as the trace gives it (the extension's name). */
  worldName(): string | null;
}

/** Call before navigating: Runtime.enable reports every execution context as it is created. */
export async function watchWorlds(session: CDPSession, extensionOrigin: string): Promise<WorldWatch> {
  let found: number | null = null;
  let name: string | null = null;
  let mainFrame: string | null = null;
  const waiters: (() => void)[] = [];
  session.on('Runtime.executionContextCreated', (e: any) => {
    const c = e.context;
    if (c.origin !== extensionOrigin || c.auxData?.type !== 'isolated') return;
    if (mainFrame && c.auxData.frameId !== mainFrame) return;
    found = c.id;
    name = c.name;
    for (const w of waiters.splice(0)) w();
  });
  session.on('Runtime.executionContextsCleared', () => {
    found = null;
  });
  const tree = (await session.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
  mainFrame = tree.frameTree.frame.id;
  await session.send('Runtime.enable');
  return {
    async ledeContext(timeoutMs) {
      if (found === null) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, timeoutMs);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return found;
    },
    worldName: () => name,
  };
}

export async function evaluateIn<T>(session: CDPSession, contextId: number | undefined, expression: string): Promise<T> {
  const r = (await session.send('Runtime.evaluate', {
    expression,
    contextId,
    returnByValue: true,
    awaitPromise: true,
  })) as { result: { value?: T }; exceptionDetails?: { text: string; exception?: { description?: string } } };
  if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
  return r.result.value as T;
}

/** Lede's step log once it says it has settled; the log as it is if it does not settle in time. */
export async function settledPerfLog(session: CDPSession, contextId: number, timeoutMs: number): Promise<PerfLog | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const log = await evaluateIn<PerfLog | undefined>(session, contextId, `globalThis[${JSON.stringify(PERF_GLOBAL)}]`);
    if (log?.settled || Date.now() > deadline) return log ?? null;
    await new Promise((r) => setTimeout(r, 25));
  }
}
