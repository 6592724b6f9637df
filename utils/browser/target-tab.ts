// Which tab the companion (popup or side panel) is about.
import { browser } from 'wxt/browser';

export interface TargetTab {
  id: number;
  windowId: number | null;
  /** Known only where the browser shows it to Lede (the toolbar click grants it through activeTab). */
  url: string | null;
  title: string | null;
}

function toTarget(tab: { id?: number; windowId?: number; url?: string; title?: string } | undefined | null): TargetTab | null {
  if (tab?.id === undefined) return null;
  return { id: tab.id, windowId: tab.windowId ?? null, url: tab.url ?? null, title: tab.title ?? null };
}

/** The tab the popup is about: `?tab=<id>` when opened as a page, else the active tab of this window. */
export async function targetTab(search = location.search): Promise<TargetTab | null> {
  const param = new URLSearchParams(search).get('tab');
  const tab = param
    ? await browser.tabs.get(Number(param)).catch(() => null)
    : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
  return toTarget(tab);
}

export type FollowReason = 'initial' | 'activated' | 'loading' | 'loaded';

/**
 * The side panel follows the active tab of its window: `onChange` gets the tab now, again whenever another tab
 * is activated there, and when the followed tab starts loading a new page and has loaded it.
 * With `?tab=<id>` (a panel opened as a page, for tests and screenshots) it stays on that tab.
 */
export function followActiveTab(
  onChange: (tab: TargetTab | null, reason: FollowReason) => void,
  search = location.search,
): () => void {
  const pinned = new URLSearchParams(search).has('tab');
  let current: TargetTab | null = null;
  let windowId: number | null = null;
  let stopped = false;

  const refresh = async (reason: 'initial' | 'activated') => {
    const tab = await targetTab(search);
    if (stopped || (reason === 'activated' && tab?.id === current?.id)) return;
    current = tab;
    windowId ??= tab?.windowId ?? null;
    onChange(tab, reason);
  };

  const onActivated = (info: { tabId: number; windowId: number }) => {
    if (!pinned && (windowId === null || info.windowId === windowId)) void refresh('activated');
  };
  const onUpdated = (tabId: number, change: { status?: string }) => {
    if (tabId !== current?.id) return;
    if (change.status === 'loading') onChange(current, 'loading');
    if (change.status === 'complete')
      void targetTab(search).then((tab) => {
        if (stopped || tab?.id !== current?.id) return;
        current = tab;
        onChange(tab, 'loaded');
      });
  };
  // Back to the panel's window: it may show another tab than when the panel last looked.
  const onFocus = (focused: number) => {
    if (!pinned && focused === windowId) void refresh('activated');
  };

  browser.tabs.onActivated.addListener(onActivated);
  browser.tabs.onUpdated.addListener(onUpdated);
  browser.windows.onFocusChanged.addListener(onFocus);
  void refresh('initial');
  return () => {
    stopped = true;
    browser.tabs.onActivated.removeListener(onActivated);
    browser.tabs.onUpdated.removeListener(onUpdated);
    browser.windows.onFocusChanged.removeListener(onFocus);
  };
}
