// The toolbar button's API: `action` in Manifest V3 (Chrome), `browserAction` in Firefox's Manifest V2 build.
import { browser } from 'wxt/browser';

export interface ToolbarAction {
  setBadgeText(details: { text: string; tabId?: number }): Promise<void>;
  setBadgeBackgroundColor(details: { color: string; tabId?: number }): Promise<void>;
  setBadgeTextColor?(details: { color: string; tabId?: number }): Promise<void>;
  setTitle(details: { title: string; tabId?: number }): Promise<void>;
}

export function toolbarAction(): ToolbarAction {
  const api = browser as unknown as { action?: ToolbarAction; browserAction?: ToolbarAction };
  const action = api.action ?? api.browserAction;
  if (!action) throw new Error('This browser has no toolbar action API');
  return action;
}
