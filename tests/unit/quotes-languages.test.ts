// Key quotes beyond English: real paragraphs from the shared corpus (tests/fixtures/quotes/README.md) and a few
// Japanese sentences written for the tests (the Japanese corpus pages quote no speech).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findQuotes } from '../../utils/analysis/quotes';

interface Fixture {
  lang: string;
  paragraphs: string[];
}

const load = (name: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/quotes', `${name}.json`), 'utf8')) as Fixture;
const quotesIn = (name: string) => {
  const f = load(name);
  return findQuotes(f.paragraphs, f.lang);
};
const speakers = (name: string) => quotesIn(name).map((q) => q.speaker);

describe('French « … »', () => {
  it('reads "prévient X", "ajoute le politique letton", "a-t-elle estimé" and "a prévenu le commissaire … X"', () => {
    const quotes = quotesIn('fr-lemonde');
    expect(quotes.map((q) => q.speaker)).toEqual([
      'Valdis Dombrovskis',
      'Valdis Dombrovskis', // "ajoute le politique letton": the man just named
      'Christine Lagarde', // "a-t-elle estimé", after "Christine Lagarde … a elle aussi jugé"
      'Pierre Moscovici',
    ]);
    expect(quotes[0].text).toBe('Les risques qui entourent [nos] perspectives restent élevés');
    expect(quotes[3].role).toBe('commissaire à l’économie');
    // the “…” inside « … » stays part of the quotation
    expect(quotes[1].text).toContain('“Brexit sans accord”');
  });

  it('resolves "le ministre de la Santé" and "a-t-il estimé" to the minister named before, not the prime minister', () => {
    const quotes = quotesIn('fr-radio-cz');
    const resign = quotes.find((q) => q.text.startsWith("Je n'ai pas l'intention de démissionner"));
    const rules = quotes.find((q) => q.text.startsWith("Je n'ai enfreint aucune règle"));
    expect(resign?.speaker).toBe('Roman Prymula');
    expect(rules?.speaker).toBe('Roman Prymula');
  });

  it('cuts an attribution typed inside the marks out of the quotation', () => {
    const [q] = quotesIn('fr-sciencesetavenir');
    expect(q.speaker).toBe('Ana Sofia Cardenal');
    expect(q.text).toMatch(/^La désinformation a été une des caractéristiques de la pandémie/);
    expect(q.text).toContain(' … Dans certains cas');
    expect(q.text).not.toContain('rappelle');
  });
});

describe('German „…“', () => {
  it('reads "sagt X", "berichtet die Kauffrau" and "berichtet die 50-Jährige"', () => {
    const quotes = quotesIn('de-abendblatt');
    expect(quotes.map((q) => [q.speaker, q.text.split(' ').slice(0, 4).join(' ')])).toEqual([
      ['Eliane Steinmeyer', 'Der Hamburger Großmarkt ist'],
      ['Eliane Steinmeyer', 'Dennoch gibt es auch'], // "berichtet die 50-Jährige"
      ['Gabi Eutemüller', 'Die Luftfrachtkosten sind um'], // "berichtet die Kauffrau"
      ['Eliane Steinmeyer', 'Wir sehen durch die'],
    ]);
  });

  it('does not take the adverb opening "Zugleich mahnte sie:" for a name', () => {
    const quotes = quotesIn('de-domradio');
    expect(quotes[0].text).toBe('Die binnenkirchliche Debatte darf uns nicht aufsaugen');
    expect(quotes.map((q) => q.speaker)).not.toContain('Zugleich');
    expect(quotes.map((q) => q.speaker)).not.toContain('Gesellschaftspolitisch');
  });
});

describe('Spanish “…” and «…»', () => {
  it('reads "dijo el fiscal Jason Richman" with the role', () => {
    const [q] = quotesIn('es-elheraldo');
    expect(q.speaker).toBe('Jason Richman');
    expect(q.role).toBe('fiscal');
  });

  it('reads "dijo el titular del MEM, Alberto Pimentel"', () => {
    const [q] = quotesIn('es-prensalibre');
    expect(q.speaker).toBe('Alberto Pimentel');
    expect(q.role).toBe('titular del MEM');
  });

  it('resolves "dijo el instructor" to the judge named before, and reads "manifestó Castro"', () => {
    const quotes = quotesIn('es-ultimahora');
    expect(quotes[0].text).toBe('Uno lo hace para que se valide, pero luego si se valida o no, no lo sé');
    expect(quotes.map((q) => q.speaker)).toEqual(['Castro', 'Castro']);
  });

  it('does not take the newspaper an interview was given to ("explicó a La Estrella de Panamá") for the speaker', () => {
    expect(speakers('es-laestrella')).toEqual(['Ivette Mora', 'Ivette Mora']);
  });
});

describe('Polish „…”', () => {
  it('reads "– zwraca uwagę Kamil Sikora" and "– podkreśla Sikora" (full name)', () => {
    const quotes = quotesIn('pl-klubjagiellonski');
    expect(quotes.map((q) => q.speaker)).toEqual(['Kamil Sikora', 'Kamil Sikora']);
    expect(quotes[1].text).toMatch(/^Rozwiązanie przyjęte przez Nową Zelandię/);
  });
});

describe('Portuguese "…"', () => {
  it('reads "declarou o delegado Odair Carneiro" with the role', () => {
    const [q] = quotesIn('pt-correio24horas');
    expect(q.speaker).toBe('Odair Carneiro');
    expect(q.role).toBe('delegado');
    expect(q.text).toMatch(/^Ele era um dos líderes/);
  });
});

describe('Japanese 「…」', () => {
  it('does not take product names and terms in 「」 for quotations (corpus pages)', () => {
    expect(quotesIn('ja-yahoo')).toEqual([]);
    expect(quotesIn('ja-cnet')).toEqual([]);
  });

  it('reads 「…」と述べた with the speaker before and after (sentences written for the test)', () => {
    const quotes = findQuotes(
      [
        '山田太郎社長は記者会見で「今年は売り上げが大きく伸びた。来年も期待している」と述べた。新製品「スマートウォッチ・プロ」は来月発売される。',
        '「市場の反応は予想以上だった」と鈴木花子氏は語った。',
      ],
      'ja',
    );
    expect(quotes.map((q) => [q.speaker, q.role, q.text])).toEqual([
      ['山田太郎', '社長', '今年は売り上げが大きく伸びた。来年も期待している'],
      ['鈴木花子', null, '市場の反応は予想以上だった'],
    ]);
  });
});

describe('Chinese “…”', () => {
  it('reads X说：“…”', () => {
    const [q] = quotesIn('zh-youth');
    expect(q.speaker).toBe('马素湘');
    expect(q.text).toMatch(/^想不关注都难啊！/);
  });

  it('resolves 他说 to the person named before, without the title, and skips a parenthesis before 表示', () => {
    const quotes = quotesIn('zh-gmw');
    expect(quotes.map((q) => q.speaker)).toEqual(['戴夫·汉森', '戴夫·汉森', '丹尼尔·霍特']);
    expect(quotes[2].role).toBe('美国宇航局约翰逊航天中心发言人');
  });

  it('reads "X在…的发言中说" as X', () => {
    const [q] = quotesIn('zh-newspaper4k');
    expect(q.speaker).toBe('梁振英');
  });
});
