// The interface text files: English is complete and used, the Ukrainian translation has every message with the
// same substitutions, and what the manifest and the code ask for exists. (tests/e2e/i18n.test.ts shows the
// Ukrainian interface in a browser started in Ukrainian.)
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { t, tCount } from '../../utils/i18n';
import { installMessages, LOCALES_DIR, readMessages } from './i18n-fake';

const ROOT = path.resolve(import.meta.dirname, '../..');
const en = readMessages('en');
const locales = readdirSync(LOCALES_DIR).filter((d) => d !== 'en');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(ts|tsx|html)$/.test(name) ? [p] : [];
  });
}
const code = ['components', 'entrypoints', 'utils'].flatMap((d) => sources(path.join(ROOT, d)));
const codeText = code.map((f) => readFileSync(f, 'utf8')).join('\n');
const configText = readFileSync(path.join(ROOT, 'wxt.config.ts'), 'utf8');
const placeholders = (message: string) => [...message.matchAll(/\$(\d)/g)].map((m) => m[1]).sort();
/** `articleCount_few` -> `articleCount`: a plural form, which each language has as many of as its grammar needs. */
const PLURAL = /^(.+)_(zero|one|two|few|many|other)$/;
const pluralBase = (key: string) => PLURAL.exec(key)?.[1] ?? null;
/** The English message a translated key stands for: itself, or for a plural form, English's `_other`. */
const englishOf = (key: string) => en[key] ?? en[`${pluralBase(key)}_other`];

describe('interface text', () => {
  it('has a Ukrainian translation', () => {
    expect(locales).toContain('uk');
  });

  it('every message the code and the manifest name exists in English', () => {
    const asked = new Set<string>();
    for (const m of codeText.matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'/g)) asked.add(m[1]);
    for (const m of codeText.matchAll(/\btCount\(\s*'([A-Za-z0-9_]+)'/g)) asked.add(`${m[1]}_other`);
    for (const m of `${configText}\n${codeText}`.matchAll(/__MSG_([A-Za-z0-9_]+)__/g)) asked.add(m[1]);
    expect(asked.size).toBeGreaterThan(50);
    expect([...asked].filter((k) => !(k in en))).toEqual([]);
  });

  it('every English message is used somewhere (no text left behind)', () => {
    const used = (k: string) =>
      codeText.includes(`'${k}'`) || `${codeText}${configText}`.includes(`__MSG_${k}__`) || codeText.includes(`tCount('${pluralBase(k)}'`);
    const unused = Object.keys(en).filter((k) => !used(k));
    expect(unused).toEqual([]);
  });

  it('every English message says what it is for, for translators', () => {
    expect(Object.entries(en).filter(([, v]) => !v.description?.trim()).map(([k]) => k)).toEqual([]);
  });

  for (const locale of locales) {
    describe(locale, () => {
      const messages = readMessages(locale);

      it('has every message, and none the English file lacks (plural forms as the language needs them)', () => {
        expect(Object.keys(messages).filter((k) => !englishOf(k))).toEqual([]);
        expect(Object.keys(en).filter((k) => !(k in messages))).toEqual([]);
        // Every plural form this language's rules can pick, for every plural message.
        const forms = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
        for (const base of new Set(Object.keys(en).map(pluralBase).filter((b): b is string => b !== null)))
          for (const form of forms) expect(messages, `${base}_${form}`).toHaveProperty(`${base}_${form}`);
      });

      it('keeps each message’s substitutions ($1, $2…) and leaves none empty', () => {
        for (const [key, value] of Object.entries(messages)) {
          expect(value.message.trim(), key).not.toBe('');
          expect(placeholders(value.message), key).toEqual(placeholders(englishOf(key).message));
        }
      });

      it('is a translation, not a copy of the English', () => {
        const same = Object.keys(en).filter((k) => messages[k]?.message === en[k].message && k !== 'extName');
        expect(same).toEqual([]);
      });

      it('fits the stores’ limits (name 45 characters, description 132)', () => {
        expect(messages.extName.message.length).toBeLessThanOrEqual(45);
        expect(messages.extDescription.message.length).toBeLessThanOrEqual(132);
      });
    });
  }

  it('English fits the stores’ limits too', () => {
    expect(en.extName.message.length).toBeLessThanOrEqual(45);
    expect(en.extDescription.message.length).toBeLessThanOrEqual(132);
  });
});

describe('t()', () => {
  beforeEach(() => fakeBrowser.reset());

  it('gives the message in the interface language, with its substitutions', () => {
    installMessages('uk');
    expect(t('saveButton')).toBe('Зберегти');
    expect(t('whyScore', ['6.55', '0.75'])).toBe('Оцінка 6.55 (стаття — від 0.75)');
    expect(t('minutesRead', 4)).toBe('4 хв читання');
    installMessages('en');
    expect(t('minutesRead', 4)).toBe('4 min read');
  });

  it('counts in each language’s plural forms, with the number written its way', () => {
    installMessages('en');
    expect([1, 2, 5, 1234].map((n) => tCount('articleCount', n))).toEqual(['1 article', '2 articles', '5 articles', '1,234 articles']);
    installMessages('uk');
    expect([1, 2, 5, 21, 1234].map((n) => tCount('articleCount', n))).toEqual([
      '1 стаття',
      '2 статті',
      '5 статей',
      '21 стаття',
      `${(1234).toLocaleString('uk')} статті`,
    ]);
  });
});
