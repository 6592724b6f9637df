// The interface text files: English is complete and used, the Ukrainian translation has every message with the
// same substitutions, and what the manifest and the code ask for exists. (tests/e2e/i18n.test.ts shows the
// Ukrainian interface in a browser started in Ukrainian.)
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { t } from '../../utils/i18n';
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

describe('interface text', () => {
  it('has a Ukrainian translation', () => {
    expect(locales).toContain('uk');
  });

  it('every message the code and the manifest name exists in English', () => {
    const asked = new Set<string>();
    for (const m of codeText.matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'/g)) asked.add(m[1]);
    for (const m of `${configText}\n${codeText}`.matchAll(/__MSG_([A-Za-z0-9_]+)__/g)) asked.add(m[1]);
    expect(asked.size).toBeGreaterThan(50);
    expect([...asked].filter((k) => !(k in en))).toEqual([]);
  });

  it('every English message is used somewhere (no text left behind)', () => {
    const unused = Object.keys(en).filter((k) => !codeText.includes(`'${k}'`) && !`${codeText}${configText}`.includes(`__MSG_${k}__`));
    expect(unused).toEqual([]);
  });

  it('every English message says what it is for, for translators', () => {
    expect(Object.entries(en).filter(([, v]) => !v.description?.trim()).map(([k]) => k)).toEqual([]);
  });

  for (const locale of locales) {
    describe(locale, () => {
      const messages = readMessages(locale);

      it('has every message, and none the English file lacks', () => {
        expect(Object.keys(messages).filter((k) => !(k in en))).toEqual([]);
        expect(Object.keys(en).filter((k) => !(k in messages))).toEqual([]);
      });

      it('keeps each message’s substitutions ($1, $2…) and leaves none empty', () => {
        for (const [key, value] of Object.entries(messages)) {
          expect(value.message.trim(), key).not.toBe('');
          expect(placeholders(value.message), key).toEqual(placeholders(en[key].message));
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
});
