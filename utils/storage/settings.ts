// The reader's settings: one typed, versioned storage item, read by every part of Lede and written by the
// options page and the popup (settings are the reader's own edits, one at a time: no writer queue needed).
import { storage } from 'wxt/utils/storage';

export type SiteRule = 'always' | 'never';
export type SummaryLength = 'short' | 'medium' | 'long';
export type Theme = 'system' | 'light' | 'dark' | 'sepia';

export interface Settings {
  /** Declutter articles as they open (unless a site rule says otherwise). */
  autoDeclutter: boolean;
  /** Per-site declutter rules by hostname ("www." dropped): always or never, whatever autoDeclutter says. */
  siteRules: Record<string, SiteRule>;
  summaryLength: SummaryLength;
  /** Key quotes shown by default in the popup. */
  keyQuotes: number;
  theme: Theme;
  /** Reader view font size in CSS pixels. */
  readerFontSize: number;
  /** Reader view line width in characters. */
  readerLineWidth: number;
}

export const DEFAULT_SETTINGS: Settings = {
  autoDeclutter: true,
  siteRules: {},
  summaryLength: 'medium',
  keyQuotes: 3,
  theme: 'system',
  readerFontSize: 20,
  readerLineWidth: 68,
};

export const SUMMARY_SENTENCES: Record<SummaryLength, number> = { short: 2, medium: 3, long: 5 };

const defineSettings = () => storage.defineItem<Settings>('local:settings', { fallback: DEFAULT_SETTINGS, version: 1 });
let item: ReturnType<typeof defineSettings> | null = null;
/**
 * The settings item, defined on first use: WXT reads an item from storage as soon as it is defined, and the
 * content script, on the many pages that are not articles, never needs the settings.
 */
export const settingsItem = () => (item ??= defineSettings());

/** Settings with every field present, whatever an older version or an import stored. */
export async function getSettings(): Promise<Settings> {
  return { ...DEFAULT_SETTINGS, ...(await settingsItem().getValue()) };
}

let pending: Promise<unknown> = Promise.resolve();

/**
 * Applies `patch` to the stored settings. Calls from one page run one after another, so two quick changes (a
 * select, then a checkbox) never read the same old value and undo each other.
 */
export function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  const write = async () => {
    const next = { ...(await getSettings()), ...patch };
    await settingsItem().setValue(next);
    return next;
  };
  const run = pending.then(write, write);
  pending = run.catch(() => undefined);
  return run;
}

export function siteKey(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

/** The rule the reader set for this page's site, if any. */
export function siteRuleFor(settings: Settings, url: string): SiteRule | undefined {
  const key = siteKey(url);
  return key ? settings.siteRules[key] : undefined;
}

/** Whether Lede declutters this page as it opens. */
export function shouldDeclutter(settings: Settings, url: string): boolean {
  const rule = siteRuleFor(settings, url);
  return rule ? rule === 'always' : settings.autoDeclutter;
}
