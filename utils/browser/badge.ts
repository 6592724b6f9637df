// The toolbar badge: a dot on a tab that holds an article Lede has read, a tick once that article is saved,
// nothing on any other page. Tab-specific badges follow tab switches by themselves; the background repaints a
// tab when its page changes and every marked tab when the saved list does.
import type { WxtStorage } from 'wxt/utils/storage';
import { t } from '../i18n';
import type { DetectedArticle } from '../messages';
import { articleId } from '../storage/schema';
import type { ToolbarAction } from './toolbar-action';

export type TabMark = 'article' | 'saved' | 'none';

/** Badge text and colour per mark; both colours carry white text at WCAG AA contrast. */
export const BADGE_LOOK: Record<Exclude<TabMark, 'none'>, { text: string; color: string }> = {
  article: { text: '•', color: '#0b5cad' },
  saved: { text: '✓', color: '#1e7d36' },
};
const FLASH_ERROR = { text: '!', color: '#a0241b' };
const FLASH_MS = 2500;

export function markFor(article: DetectedArticle | undefined, savedIds: ReadonlySet<string>): TabMark {
  if (!article) return 'none';
  return savedIds.has(articleId(article.url)) ? 'saved' : 'article';
}

/**
 * Which tab holds which article. Kept in session storage as well as in memory: Chrome stops an idle service
 * worker, and the one that wakes up must still know what the marked tabs hold.
 */
export interface TabArticles {
  get(tabId: number): Promise<DetectedArticle | undefined>;
  set(tabId: number, article: DetectedArticle): Promise<void>;
  delete(tabId: number): Promise<boolean>;
  tabIds(): Promise<number[]>;
}

export const TAB_ARTICLES_KEY = 'session:tab-articles' as const;

export function createTabArticles(storage: WxtStorage): TabArticles {
  const item = storage.defineItem<Record<string, DetectedArticle>>(TAB_ARTICLES_KEY, { fallback: {} });
  let memory: Promise<Map<number, DetectedArticle>> | null = null;
  const load = () =>
    (memory ??= item.getValue().then((stored) => new Map(Object.entries(stored).map(([id, a]) => [Number(id), a]))));
  let writes: Promise<unknown> = Promise.resolve();
  // The whole map, one write after the other: the memory copy is the truth while the worker lives.
  const persist = (map: Map<number, DetectedArticle>) => {
    const snapshot = Object.fromEntries(map);
    writes = writes.then(() => item.setValue(snapshot)).catch((e) => console.warn('Lede: tab articles not kept', e));
    return writes.then(() => undefined);
  };
  return {
    get: async (tabId) => (await load()).get(tabId),
    async set(tabId, article) {
      const map = await load();
      map.set(tabId, article);
      await persist(map);
    },
    async delete(tabId) {
      const map = await load();
      if (!map.delete(tabId)) return false;
      await persist(map);
      return true;
    },
    tabIds: async () => [...(await load()).keys()],
  };
}

export interface BadgeDeps {
  action: ToolbarAction;
  tabs: TabArticles;
  /** Ids of the saved articles, read fresh: saves come from every window. */
  savedIds(): Promise<ReadonlySet<string>>;
}

export interface Badge {
  /** The tab holds this article. */
  detected(tabId: number, article: DetectedArticle): Promise<void>;
  /** The tab left its page (navigation) or closed: unmark it. */
  forget(tabId: number): Promise<void>;
  /** Saved state changed: repaint every marked tab. */
  repaintAll(): Promise<void>;
  /**
   * A sign for a moment on the tab, then its mark again: "!" when a shortcut or menu could not do its job
   * there, a tick when it saved a page that carries no mark (a link).
   */
  flash(tabId: number, sign: 'error' | 'saved', title: string): Promise<void>;
}

export function createBadge({ action, tabs, savedIds }: BadgeDeps): Badge {
  const show = async (tabId: number, look: { text: string; color: string }, title: string) => {
    await action.setBadgeBackgroundColor({ tabId, color: look.color });
    await action.setBadgeTextColor?.({ tabId, color: '#ffffff' });
    await action.setBadgeText({ tabId, text: look.text });
    // The badge is colour and a sign only: the button's name says it in words, for screen readers too.
    await action.setTitle({ tabId, title });
  };
  const paint = async (tabId: number, mark: TabMark) => {
    if (mark === 'none') {
      await action.setBadgeText({ tabId, text: '' });
      await action.setTitle({ tabId, title: t('extName') });
    } else {
      await show(tabId, BADGE_LOOK[mark], t(mark === 'saved' ? 'badgeSavedTitle' : 'badgeArticleTitle'));
    }
  };
  // The browser refuses a tab closed meanwhile: then there is nothing left to paint or to keep.
  const repaint = async (tabId: number, ids?: ReadonlySet<string>) => {
    const mark = markFor(await tabs.get(tabId), ids ?? (await savedIds()));
    await paint(tabId, mark).catch(() => tabs.delete(tabId));
  };

  return {
    async detected(tabId, article) {
      await tabs.set(tabId, article);
      await repaint(tabId);
    },
    async forget(tabId) {
      if (await tabs.delete(tabId)) await paint(tabId, 'none').catch(() => {});
    },
    async repaintAll() {
      const ids = await savedIds();
      await Promise.all((await tabs.tabIds()).map((tabId) => repaint(tabId, ids)));
    },
    async flash(tabId, sign, title) {
      const shown = await show(tabId, sign === 'error' ? FLASH_ERROR : BADGE_LOOK.saved, title).then(
        () => true,
        () => false,
      );
      if (shown) setTimeout(() => void repaint(tabId), FLASH_MS);
    },
  };
}
