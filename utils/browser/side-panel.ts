// Opening the companion beside the page: Chrome's side panel, Firefox's sidebar. Both browsers accept it only
// straight from a click, so call openSidePanel() first thing in the click handler, before any await.
import { browser } from 'wxt/browser';

interface PanelApis {
  sidePanel?: { open(options: { windowId: number }): Promise<void> };
  sidebarAction?: { open(): Promise<void> };
}

const apis = () => browser as unknown as PanelApis;

export function canOpenSidePanel(): boolean {
  return Boolean(apis().sidePanel?.open ?? apis().sidebarAction?.open);
}

export function openSidePanel(windowId: number | null): Promise<void> {
  const { sidePanel, sidebarAction } = apis();
  if (sidePanel && windowId !== null) return sidePanel.open({ windowId });
  if (sidebarAction) return sidebarAction.open();
  return Promise.reject(new Error('No side panel in this browser'));
}
