// The page and link context menu: "Save page to Lede", "Save link to Lede", "Open Lede library". A click on
// one grants activeTab for that tab, which is all the permission saving it needs.
import { t } from '../i18n';
import type { SavedStore } from '../storage/saved-store';
import { toSavedLink } from '../storage/schema';
import type { Badge } from './badge';
import { saveTab, type SaveTabDeps, type TabInfo } from './save-tab';

export const MENU_IDS = {
  savePage: 'lede-save-page',
  saveLink: 'lede-save-link',
  openLibrary: 'lede-open-library',
} as const;

export interface MenuItem {
  id: string;
  title: string;
  contexts: string[];
}

/**
 * The items. "Open Lede library" sits on the page and on the toolbar button's own menu (`action` in Chrome's
 * Manifest V3, `browser_action` in Firefox's V2).
 */
export function menuItems(actionContext: 'action' | 'browser_action'): MenuItem[] {
  return [
    { id: MENU_IDS.savePage, title: t('menuSavePage'), contexts: ['page'] },
    { id: MENU_IDS.saveLink, title: t('menuSaveLink'), contexts: ['link'] },
    { id: MENU_IDS.openLibrary, title: t('menuOpenLibrary'), contexts: ['page', actionContext] },
  ];
}

export interface MenusApi {
  removeAll(): Promise<void>;
  create(item: MenuItem): unknown;
}

/** (Re)creates the items: on install and update, and at browser start where menus do not persist. */
export async function createMenus(menus: MenusApi, actionContext: 'action' | 'browser_action'): Promise<void> {
  await menus.removeAll();
  for (const item of menuItems(actionContext)) menus.create(item);
}

/** What the browser passes with a click (Firefox adds `linkText`; Chrome has the selection at best). */
export interface MenuClick {
  menuItemId: string | number;
  linkUrl?: string;
  linkText?: string;
  selectionText?: string;
}

export interface MenuDeps extends SaveTabDeps {
  store: SavedStore;
  badge: Badge;
  openLibrary(): Promise<unknown>;
}

export type MenuResult = { ok: true; id?: string } | { ok: false; error: string };

export function createMenuHandler(deps: MenuDeps) {
  const run = async (info: MenuClick, tab: TabInfo | undefined): Promise<MenuResult> => {
    switch (info.menuItemId) {
      case MENU_IDS.savePage: {
        const outcome = await saveTab(tab ?? {}, deps);
        if (outcome.kind === 'saved' && !outcome.entry.hasBody && tab?.id !== undefined)
          await deps.badge.flash(tab.id, 'saved', t('badgeSavedLinkTitle'));
        return { ok: true, id: outcome.kind === 'saved' ? outcome.entry.id : outcome.id };
      }
      case MENU_IDS.saveLink: {
        // No body yet: the library fetches nothing; the clean copy is made when the reader first opens it.
        const link = toSavedLink(info.linkUrl ?? '', (info.linkText ?? info.selectionText ?? '').trim(), deps.now());
        // A link saved already keeps what it has (its clean copy, if it was read since).
        if (!(await deps.store.isSaved(link.id))) await deps.store.save(link);
        if (tab?.id !== undefined) await deps.badge.flash(tab.id, 'saved', t('badgeSavedLinkTitle'));
        return { ok: true, id: link.id };
      }
      case MENU_IDS.openLibrary:
        await deps.openLibrary();
        return { ok: true };
      default:
        return { ok: false, error: `Unknown menu item ${String(info.menuItemId)}` };
    }
  };

  return async (info: MenuClick, tab?: TabInfo): Promise<MenuResult> => {
    try {
      return await run(info, tab);
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      if (tab?.id !== undefined) await deps.badge.flash(tab.id, 'error', error);
      return { ok: false, error };
    }
  };
}
