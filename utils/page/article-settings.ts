// What only an article reads of the reader's settings, on the page: it travels with the analysis code
// (page-analysis.js), so the content script that every page runs carries no storage layer.
import { followDeclutterSettings } from '../browser/follow-settings';
import { getSettings, shouldDeclutter, siteRuleFor, SUMMARY_SENTENCES } from '../storage/settings';
import type { PageChoices } from './lede-page';

export async function pageChoices(url: string): Promise<PageChoices> {
  const settings = await getSettings();
  return {
    declutter: shouldDeclutter(settings, url),
    siteSaysDeclutter: siteRuleFor(settings, url) === 'always',
    summarySentences: SUMMARY_SENTENCES[settings.summaryLength],
    keyQuotes: settings.keyQuotes,
  };
}

/** Settings changes apply to the article at `url` without a reload. */
export async function followSettings(url: string, setDeclutter: (enabled: boolean) => Promise<unknown>): Promise<void> {
  followDeclutterSettings(url, await getSettings(), setDeclutter);
}
