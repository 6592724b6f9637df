// Saving the page of a tab from the background (keyboard shortcut, context menu): the same entry the popup's
// Save makes, from the content script's analysis, or the tab's link where Lede cannot read the page.
import type { Analysis } from '../analysis/types';
import type { SavedStore } from '../storage/saved-store';
import { toSavedArticle, toSavedLink, type SavedArticle, type SavedEntry } from '../storage/schema';
import { t } from '../i18n';

/** What the browser tells the background about the tab (url and title only where activeTab grants them). */
export interface TabInfo {
  id?: number;
  url?: string;
  title?: string;
}

export interface SaveTabDeps {
  store: SavedStore;
  /** The content script's analysis of the tab's page; rejects where no content script answers. */
  analysis(tabId: number): Promise<Analysis>;
  now(): number;
}

export type SaveOutcome = { kind: 'saved'; entry: SavedEntry } | { kind: 'removed'; id: string };

/** The saved form of the tab's page: the article with its clean copy, else its link. */
export async function articleOfTab(tab: TabInfo, deps: SaveTabDeps): Promise<SavedArticle> {
  if (tab.id === undefined) throw new Error(t('errorNoTab'));
  const analysis = await deps.analysis(tab.id).catch(() => null);
  if (analysis) return toSavedArticle(analysis, deps.now());
  if (tab.url && /^https?:/i.test(tab.url)) return toSavedLink(tab.url, tab.title ?? tab.url, deps.now());
  throw new Error(t('errorCannotReadTab'));
}

/** Saves the tab's page (again: a re-save refreshes the copy and keeps the reader's status and tags). */
export async function saveTab(tab: TabInfo, deps: SaveTabDeps): Promise<SaveOutcome> {
  const article = await articleOfTab(tab, deps);
  return { kind: 'saved', entry: await deps.store.save(article) };
}

/** Save, or unsave when the page is saved already: what the shortcut does. */
export async function toggleSaveTab(tab: TabInfo, deps: SaveTabDeps): Promise<SaveOutcome> {
  const article = await articleOfTab(tab, deps);
  if (await deps.store.remove(article.id)) return { kind: 'removed', id: article.id };
  return { kind: 'saved', entry: await deps.store.save(article) };
}
