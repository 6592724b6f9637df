// Toolbar click to summary on screen, in the real toolbar popup. The click is chrome.action.openPopup() in the
// extension's service worker (what the toolbar button does; the e2e harness opens the popup the same way), with
// the button pinned to the toolbar as the harness pins it (tests/e2e/lib/toolbar-pin.ts). Before
// the popup's own scripts run, a browser-level DevTools session that catches the new popup target adds a
// document-start script to it that watches the DOM and notes the frame in which the summary (or whatever the
// popup shows instead) first appears: the requestAnimationFrame after the DOM change, i.e. the frame that paints
// it. Both ends are read as epoch milliseconds (performance.timeOrigin + performance.now()) in their own
// processes, so the figure carries the cross-process clock offset (well under a millisecond on one machine).
import type { CDPSession, Page } from 'puppeteer-core';
import type { ExtensionBrowser } from '../../../tests/e2e/lib/index.ts';

export interface PopupTiming {
  /** Click to the frame that paints the summary (null when the popup showed something else). */
  toSummaryMs: number | null;
  /** Click to the frame that paints the popup's first answer about the page: summary, article, or "not an article". */
  toAnswerMs: number | null;
  /** What the popup showed first. */
  shown: 'summary' | 'article' | 'not-article' | 'none';
  /** Click to the popup document's own time origin (the browser opening the popup, before any of its code). */
  toPopupStartMs: number | null;
  /** Click to the popup's first contentful paint (its own code loaded and rendered, before the page answered). */
  toFirstPaintMs: number | null;
}

// Runs in the popup before its scripts. Records epoch ms of the frame that paints each watched element.
const watcher = (popupUrl: string) => `(() => {
  if (!location.href.startsWith(${JSON.stringify(popupUrl)})) return;
  const seen = {};
  const now = () => performance.timeOrigin + performance.now();
  const watch = { summary: '[data-testid="summary-sentence"]', article: '[data-testid="article-title"]', 'not-article': '[data-testid="not-article"]' };
  globalThis.__ledeBenchPopup = { seen, origin: performance.timeOrigin };
  const check = () => {
    for (const [k, sel] of Object.entries(watch)) {
      if (seen[k] === undefined && document.querySelector(sel)) {
        seen[k] = null;
        requestAnimationFrame(() => { seen[k] = now(); });
      }
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
})();`;

/**
 * Arms the next popup with the watcher before it runs: a browser-level session auto-attaches to new targets while
 * they wait for a debugger (the popup shows up as an untitled 'other' target, its URL not yet set). The watcher
 * itself checks that it is in the popup. Returns the function that disarms.
 */
async function armNextPopup(ext: ExtensionBrowser): Promise<() => Promise<void>> {
  const root: CDPSession = await ext.browser.target().createCDPSession();
  const kept: CDPSession[] = [];
  root.on('Target.attachedToTarget', async (event: any) => {
    const session = root.connection()?.session(event.sessionId);
    if (!session) return;
    const maybePopup =
      (event.targetInfo.type === 'other' && event.targetInfo.url === '') || event.targetInfo.url.startsWith(popupUrlOf(ext));
    // The script lives as long as this session, so the session stays attached while the popup is measured.
    if (maybePopup) {
      kept.push(session);
      // (Page.enable first: without it the script is not added to a target of type 'other'.) Sent together with
      // the release below, not one round trip after another: the popup waits for the debugger meanwhile, and that
      // wait would count in the figure. The session keeps their order.
      void session.send('Page.enable').catch(() => {});
      void session.send('Page.addScriptToEvaluateOnNewDocument', { source: watcher(popupUrlOf(ext)) }).catch(() => {});
    }
    await session.send('Runtime.runIfWaitingForDebugger').catch(() => {});
    if (!maybePopup) await session.detach().catch(() => {});
  });
  await root.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true });
  return async () => {
    await root.send('Target.setAutoAttach', { autoAttach: false, waitForDebuggerOnStart: false }).catch(() => {});
    for (const s of kept) await s.detach().catch(() => {});
    await root.detach().catch(() => {});
  };
}

const popupUrlOf = (ext: ExtensionBrowser) => `${ext.extensionOrigin}/popup.html`;

declare const chrome: any;

/** Clicks the toolbar button for `page` and times the popup's answer. The popup is closed afterwards. */
export async function timePopup(ext: ExtensionBrowser, page: Page, timeoutMs = 15_000): Promise<PopupTiming> {
  await page.bringToFront();
  const popupUrl = popupUrlOf(ext);
  const disarm = await armNextPopup(ext);
  const before = new Set(ext.browser.targets().filter((t) => t.url().startsWith(popupUrl)));
  const appeared = ext.browser.waitForTarget((t) => t.url().startsWith(popupUrl) && !before.has(t), { timeout: timeoutMs });
  const clickedAt = (await ext.worker!.evaluate(() => {
    const t = performance.timeOrigin + performance.now();
    chrome.action.openPopup();
    return t;
  })) as number;
  const popup = (await (await appeared).asPage())!;
  try {
    type Seen = { seen: Record<string, number | null>; origin: number; fcp?: number } | undefined;
    const read = () =>
      popup
        .evaluate(() => {
          const s = (globalThis as any).__ledeBenchPopup;
          const fcp = performance.getEntriesByName('first-contentful-paint')[0];
          return s && { ...s, fcp: fcp ? performance.timeOrigin + fcp.startTime : undefined };
        })
        .catch(() => undefined) as Promise<Seen>;
    const deadline = Date.now() + timeoutMs;
    let state: Seen;
    for (;;) {
      state = await read();
      const done = state && Object.values(state.seen).some((v) => typeof v === 'number');
      if (done || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    // The summary paints in the same render as the article header: give it a moment if the header came first.
    if (state && typeof state.seen.article === 'number' && state.seen.summary === undefined) {
      await new Promise((r) => setTimeout(r, 100));
      state = (await read()) ?? state;
    }
    const at = (k: string) => (typeof state?.seen[k] === 'number' ? (state.seen[k] as number) - clickedAt : null);
    const answers = (['summary', 'article', 'not-article'] as const).filter((k) => at(k) !== null);
    const first = answers.sort((a, b) => at(a)! - at(b)!)[0];
    return {
      toSummaryMs: at('summary'),
      toAnswerMs: first ? at(first) : null,
      shown: first ?? 'none',
      toPopupStartMs: state ? state.origin - clickedAt : null,
      toFirstPaintMs: state?.fcp ? state.fcp - clickedAt : null,
    };
  } finally {
    await popup.close().catch(() => {});
    await disarm();
  }
}
