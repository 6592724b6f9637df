// Interface text: every string a reader sees comes from public/_locales/<language>/messages.json through
// browser.i18n, so a translation is one file. The keys are typed from the English file (WXT generates them).
import { browser, type WxtI18n } from 'wxt/browser';

export type MessageKey = Exclude<Parameters<WxtI18n['getMessage']>[0], `@@${string}`>;

type Substitution = string | number;

/** The message in the browser's language (English where it has no translation); `$1`… take `substitutions`. */
export function t(key: MessageKey, substitutions?: Substitution | Substitution[]): string {
  const subs = substitutions === undefined ? undefined : [substitutions].flat().map(String);
  // A missing key shows itself instead of an empty label (the unit tests keep that from shipping).
  return browser.i18n.getMessage(key, subs) || key;
}

/**
 * The language the interface text is in ("en", "uk"): the translation's own, so a browser in a language Lede has
 * no translation for gets English text marked as English, and dates in the same language as the words around them.
 */
export function uiLocale(): string {
  return t('lang');
}

/** The page's `lang` and `dir` follow the interface language, for screen readers, hyphenation and fonts. */
export function localizeDocument(doc: Document = document): void {
  doc.documentElement.lang = uiLocale();
  doc.documentElement.dir = browser.i18n.getMessage('@@bidi_dir') || 'ltr';
}

// Making an Intl formatter costs far more than using one: made once per language (the library's filter menus count
// hundreds of sites on every render).
let numberFormat: { locale: string; format: Intl.NumberFormat } | null = null;
let pluralRules: { locale: string; rules: Intl.PluralRules } | null = null;

/** A number as the interface language writes it ("1,234" in English, "1 234" in Ukrainian). */
export function formatCount(n: number): string {
  const locale = uiLocale();
  if (numberFormat?.locale !== locale) numberFormat = { locale, format: new Intl.NumberFormat(locale) };
  return numberFormat.format.format(n);
}

/** Keys that come in plural forms: `<key>_one`, `_few`, `_many`, `_other` as the language has them. */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer Base}_other` ? Base : never) : never;

/**
 * The message for `n` things in the interface language's plural form (English: one / other; Ukrainian: one, few,
 * many, other); `$1` is the number, written as the language writes it, `$2`… take `more`.
 */
export function tCount(key: PluralKey, n: number, ...more: Substitution[]): string {
  const subs = [formatCount(n), ...more.map(String)];
  const locale = uiLocale();
  if (pluralRules?.locale !== locale) pluralRules = { locale, rules: new Intl.PluralRules(locale) };
  const form = pluralRules.rules.select(n);
  return browser.i18n.getMessage(`${key}_${form}` as MessageKey, subs) || t(`${key}_other` as MessageKey, subs);
}
