// browser.i18n for unit tests (WXT's fake browser has none): the messages of public/_locales/<locale>, with the
// browser's own `$1`…`$9` substitution, so components and background modules show real text under test.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fakeBrowser } from 'wxt/testing/fake-browser';

export const LOCALES_DIR = path.resolve(import.meta.dirname, '../../public/_locales');

export type Messages = Record<string, { message: string; description?: string; placeholders?: unknown }>;

export function readMessages(locale: string): Messages {
  return JSON.parse(readFileSync(path.join(LOCALES_DIR, locale, 'messages.json'), 'utf8'));
}

export function installMessages(locale = 'en'): void {
  const own = readMessages(locale);
  const fallback = readMessages('en');
  const i18n = fakeBrowser.i18n as unknown as Record<string, unknown>;
  i18n.getMessage = (key: string, subs?: string | string[]) => {
    const entry = own[key] ?? fallback[key];
    if (!entry) return '';
    const list = subs === undefined ? [] : [subs].flat();
    return entry.message.replace(/\$(\d)/g, (_, n: string) => list[Number(n) - 1] ?? '');
  };
  i18n.getUILanguage = () => locale;
}
