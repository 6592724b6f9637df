// Wires the browser integration into the background: badge, keyboard shortcuts and context menus. Listeners are
// added synchronously, on every start of the background, so the browser can wake a stopped worker with them.
import { browser } from 'wxt/browser';
import type { WxtStorage } from 'wxt/utils/storage';
import { t } from '../i18n';
import { askTab, type BackgroundRequests, type Sender } from '../messages';
import { INDEX_KEY, type SavedStore } from '../storage/saved-store';
import { createBadge, createTabArticles } from './badge';
import { createCommandHandler } from './commands';
import { createMenuHandler, createMenus } from './context-menus';
import type { SaveTabDeps } from './save-tab';
import { toolbarAction } from './toolbar-action';

export interface Integration {
  /** The background's answers this part adds to its own (see utils/messages.ts BackgroundRequests). */
  handlers: Pick<{ [N in keyof BackgroundRequests]: (p: BackgroundRequests[N]['request'], s: Sender) => Promise<BackgroundRequests[N]['response']> }, 'page:detected'>;
  /** The shortcut and menu handlers, as the browser calls them (the e2e tests call them the same way). */
  onCommand: ReturnType<typeof createCommandHandler>;
  onMenuClicked: ReturnType<typeof createMenuHandler>;
}

export function registerBrowserIntegration(storage: WxtStorage, store: SavedStore): Integration {
  const badge = createBadge({
    action: toolbarAction(),
    tabs: createTabArticles(storage),
    savedIds: () => store.savedIds(),
  });
  const saveDeps: SaveTabDeps = {
    store,
    analysis: (tabId) => askTab(tabId, 'analysis:get', {}),
    now: Date.now,
  };

  // The badge: set when the content script reports its article, cleared when the tab navigates away; after a
  // navigation inside the same document (an anchor, history) the page is asked again once loaded.
  const tabs = browser.tabs;
  tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'loading') void badge.forget(tabId);
    if (change.status === 'complete')
      void askTab(tabId, 'page:article', {})
        .then((article) => article && badge.detected(tabId, article))
        .catch(() => {});
  });
  tabs.onRemoved.addListener((tabId) => void badge.forget(tabId));
  storage.watch(INDEX_KEY, () => void badge.repaintAll());

  const onCommand = createCommandHandler({
    ...saveDeps,
    ask: askTab,
    badge,
    activeTab: async () => (await tabs.query({ active: true, lastFocusedWindow: true }))[0],
  });
  browser.commands.onCommand.addListener((command, tab) => void onCommand(command, tab));

  const libraryUrl = browser.runtime.getURL('/library.html');
  const onMenuClicked = createMenuHandler({ ...saveDeps, badge, openLibrary: () => tabs.create({ url: libraryUrl }) });
  const menus = browser.contextMenus;
  const actionContext = import.meta.env.MANIFEST_VERSION === 3 ? 'action' : 'browser_action';
  const setUpMenus = () => void createMenus(menus as never, actionContext).catch((e) => console.warn('Lede: menus', e));
  browser.runtime.onInstalled.addListener(setUpMenus);
  browser.runtime.onStartup.addListener(setUpMenus);
  menus.onClicked.addListener((info, tab) => void onMenuClicked(info, tab));

  return {
    handlers: {
      'page:detected': async ({ article }, sender) => {
        const tabId = sender.tab?.id;
        if (tabId === undefined) throw new Error(t('errorNoTab'));
        await (article ? badge.detected(tabId, article) : badge.forget(tabId));
        return null;
      },
    },
    onCommand,
    onMenuClicked,
  };
}
