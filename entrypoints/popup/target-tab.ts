import { browser } from 'wxt/browser';

export interface TargetTab {
  id: number;
  /** Known only where the browser shows it to Lede (the toolbar click grants it through activeTab). */
  url: string | null;
  title: string | null;
}

/** The tab the popup is about: `?tab=<id>` when opened as a page, else the active tab of this window. */
export async function targetTab(search = location.search): Promise<TargetTab | null> {
  const param = new URLSearchParams(search).get('tab');
  const tab = param
    ? await browser.tabs.get(Number(param)).catch(() => null)
    : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
  if (tab?.id === undefined) return null;
  return { id: tab.id, url: tab.url ?? null, title: tab.title ?? null };
}
