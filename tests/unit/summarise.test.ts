import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../scripts/lib/dom';
import { analyze } from '../../utils/analysis/analyze';
import { sentences } from '../../utils/analysis/segment';
import { fragmentReason, summarise, type SummaryInput } from '../../utils/analysis/summarise';

const FIXTURES = join(import.meta.dirname, '../fixtures/summary');

interface Fixture extends SummaryInput {
  corpusId?: string;
  id?: string;
}

function fixture(name: string): Fixture {
  return JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as Fixture;
}

/** Each sentence is verbatim in some paragraph, and the sentences come in story order. */
function expectVerbatimInOrder(summary: string[], paragraphs: string[]): void {
  let pos = -1;
  for (const s of summary) {
    const p = paragraphs.findIndex((para) => para.includes(s));
    expect(p, `not verbatim: ${s}`).toBeGreaterThanOrEqual(0);
    const at = p * 1e6 + paragraphs[p].indexOf(s);
    expect(at, `out of story order: ${s}`).toBeGreaterThan(pos);
    pos = at;
  }
}

// A wire story written for this test: the lead, a caption, calls to action, a question to the reader, a dateline and
// a byline between the paragraphs of prose.
const WIRE: SummaryInput = {
  title: 'Treasury to sell record $40bn of 10-year notes',
  lang: 'en',
  paragraphs: [
    'WASHINGTON (Reuters) — The U.S. Treasury said on Tuesday it would sell a record $40bn of new 10-year notes next week, as Mr. Yellen moves to fund a widening budget deficit.',
    'Photo: The Treasury building in Washington, D.C.',
    'Read more: Bond yields climb as investors weigh inflation data',
    'The auction of the 10-year notes comes as investors weigh fresh inflation data and the Federal Reserve’s next move on interest rates. Officials said the notes would be sold in three tranches.',
    'What does this mean for your mortgage?',
    'Sign up for our daily markets newsletter to get the latest news in your inbox.',
    'Analysts said demand for the notes at next week’s auction would show whether investors still trust U.S. debt as the deficit widens. Some expect yields on 10-year notes to rise further before the sale.',
    'Updated 10:01 am EST, Tuesday, March 2, 2021',
    'By Jane Doe',
    'The Treasury last sold 10-year notes in February, when demand was weaker than expected. The deficit reached $1.7tn in the last fiscal year.',
  ],
};

const JUNK = [
  'Photo: The Treasury building in Washington, D.C.',
  'Read more: Bond yields climb as investors weigh inflation data',
  'What does this mean for your mortgage?',
  'Sign up for our daily markets newsletter to get the latest news in your inbox.',
  'Updated 10:01 am EST, Tuesday, March 2, 2021',
  'By Jane Doe',
];

describe('summarise: an English wire story', () => {
  const summary = summarise(WIRE);

  it('takes three verbatim sentences in story order, opening with the lead', () => {
    expect(summary).toHaveLength(3);
    expectVerbatimInOrder(summary, WIRE.paragraphs);
    expect(summary[0]).toBe(WIRE.paragraphs[0]);
  });

  it('keeps "U.S." and "Mr." inside the lead sentence', () => {
    expect(summary[0]).toContain('The U.S. Treasury said on Tuesday');
    expect(summary[0]).toContain('as Mr. Yellen moves');
  });

  it('never shows captions, calls to action, questions, datelines or bylines', () => {
    for (const n of [2, 3, 5, 8]) for (const junk of JUNK) expect(summarise(WIRE, n)).not.toContain(junk);
  });

  it('honours the count: 2, 3 and 5 sentences for short, medium and long', () => {
    expect(summarise(WIRE, 2)).toHaveLength(2);
    expect(summarise(WIRE, 5)).toHaveLength(5);
    expectVerbatimInOrder(summarise(WIRE, 5), WIRE.paragraphs);
    expect(summarise(WIRE, 0)).toEqual([]);
    // more than the story has: every sentence fit for a summary, and nothing else
    const all = summarise(WIRE, 50);
    expect(all).toHaveLength(7);
    for (const junk of JUNK) expect(all).not.toContain(junk);
  });
});

describe('summarise: ranking', () => {
  // The lead, then colour that shares no words with the story, then the story's substance.
  const BRIDGE: SummaryInput = {
    title: 'Council approves new river bridge',
    lang: 'en',
    paragraphs: [
      'The city council approved plans for a new bridge over the river on Monday, ending a decade of debate.',
      'It was a mild morning, with light winds blowing from the west and a few clouds.',
      'Bakeries along the high street reported a busy start to their week.',
      'The bridge will cost £40m and the council will pay for it with a loan from the government.',
      'Construction of the bridge is due to start next spring, the council said.',
      'Council members voted 31 to 12 for the bridge after a long debate about its cost.',
      'A children’s choir performed in the square during the afternoon.',
    ],
  };

  it('prefers sentences central to the story over colour near the top', () => {
    const s = summarise(BRIDGE);
    expect(s[0]).toBe(BRIDGE.paragraphs[0]);
    expect(s).not.toContain(BRIDGE.paragraphs[1]);
    expect(s).not.toContain(BRIDGE.paragraphs[2]);
    expect(s).not.toContain(BRIDGE.paragraphs[6]);
  });

  it('does not repeat itself (a restated lead is left out)', () => {
    const lead = 'The city council approved plans for a new bridge over the river on Monday, ending a decade of debate.';
    const restated = 'On Monday the city council approved plans for a new bridge over the river, ending a decade of debate.';
    const s = summarise({ ...BRIDGE, paragraphs: [BRIDGE.paragraphs[0], restated, ...BRIDGE.paragraphs.slice(3)] });
    expect(s).toContain(lead);
    expect(s).not.toContain(restated);
  });

  it('ignores a description that only copies the body', () => {
    const withCopy = summarise({ ...BRIDGE, description: BRIDGE.paragraphs[0] });
    expect(withCopy).toEqual(summarise(BRIDGE));
  });

  it('returns nothing for a story without prose', () => {
    expect(summarise({ title: 'x', lang: 'en', paragraphs: [] })).toEqual([]);
    expect(summarise({ title: 'x', lang: 'en', paragraphs: ['Read more', 'Share this article'] })).toEqual([]);
  });
});

describe('fragments', () => {
  it('names what a summary leaves out', () => {
    expect(fragmentReason('What does this mean for your mortgage?', 'en')).toBe('question');
    expect(fragmentReason('Read more: how the Fed sets rates.', 'en')).toBe('call to action');
    expect(fragmentReason('Lire aussi Martine Bulard, « En Corée », Le Monde diplomatique, juin 2018.', 'fr')).toBe('call to action');
    expect(fragmentReason('Photo: The building in Washington on Monday.', 'en')).toBe('caption');
    expect(fragmentReason('(Image: © Shutterstock)', 'en')).not.toBeNull();
    expect(fragmentReason('See the full report at https://example.com/report today.', 'en')).toBe('link');
    expect(fragmentReason('Updated on Tuesday, November 19, 2019 at 10:01 pm.', 'en')).toBe('dateline');
    expect(fragmentReason('Article mis à jour le 7 janvier 2020.', 'fr', { alone: true })).toBe('dateline');
    expect(fragmentReason('He left.', 'en')).toBe('short');
    expect(fragmentReason('Here are the steps you can take:', 'en')).not.toBeNull();
    expect(fragmentReason('Vidyard Launches New Tools and Features for Businesses', 'en')).toBe('unterminated');
  });

  it('keeps ordinary sentences, whatever their figures or words', () => {
    for (const s of [
      'In 2003, shareholders did not get a dividend.',
      'Video platforms like Vidyard are looking to accelerate consumer habit-formation.',
      '"Not that I am aware of," Mr Myers replied.',
      'Download formats will now be included in the Official UK Singles Chart for the first time.',
      'Es incoherente y está incapacitado y confundido por completo.',
      'Nelivuotinen hanke käynnistyi tammikuussa ja jatkuu ensi vuoteen.',
      'Auch wirtschaftliche Notzeiten fordern Todesopfer, sagte er.“',
      '香港行政长官梁振英在各方压力下就其大宅的违章建筑问题到立法会接受质询。',
    ]) {
      expect(fragmentReason(s, null), s).toBeNull();
    }
  });
});

describe('summarise: corpus stories in other languages', () => {
  const names = readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''));

  it('has the fixtures', () => {
    expect(names).toEqual(expect.arrayContaining(['ja-nikkei', 'ja-itmedia', 'zh-bbc', 'ar-cnn', 'de-domradio', 'fr-mondediplo']));
  });

  for (const name of names) {
    it(`${name}: verbatim sentences in story order, count honoured, no fragments`, () => {
      const fx = fixture(name);
      const candidates = fx.paragraphs.flatMap((p) => sentences(p, fx.lang)).filter((s) => fragmentReason(s, fx.lang) === null);
      for (const n of [2, 3, 5]) {
        const s = summarise(fx, n);
        expect(s).toHaveLength(Math.min(n, candidates.length));
        expectVerbatimInOrder(s, fx.paragraphs);
        for (const x of s) expect(fragmentReason(x, fx.lang), x).toBeNull();
      }
    });
  }

  it('ja: leaves out the paywall notice and the teaser', () => {
    const fx = fixture('ja-nikkei');
    const s = summarise(fx, 5);
    expect(s[0]).toMatch(/^６月12日の歴史的な米朝首脳会談/);
    expect(s.join('')).not.toContain('会員限定');
    expect(s).not.toContain('その判断は…');
  });

  it('ja: leaves out photo captions (lines without a full stop)', () => {
    const fx = fixture('ja-itmedia');
    const s = summarise(fx, 5);
    for (const caption of [fx.paragraphs[2], fx.paragraphs[6], fx.paragraphs[7]]) expect(s).not.toContain(caption);
    expect(s.join('')).not.toContain('上がSN750');
  });

  it('zh: splits at 。 and keeps the apology, the story’s news', () => {
    const s = summarise(fixture('zh-bbc'));
    expect(s).toHaveLength(3);
    for (const x of s) expect(x.endsWith('。')).toBe(true);
    expect(s.join('')).toContain('并向香港民众道歉');
  });

  it('ar: opens with the lead and keeps to the story', () => {
    const fx = fixture('ar-cnn');
    const s = summarise(fx);
    expect(s[0]).toMatch(/^دمشق، سوريا \(CNN\)/);
    expect(s.join(' ')).not.toContain('ترحب شبكة CNN');
  });

  it('de: opens with the lead sentence', () => {
    const s = summarise(fixture('de-domradio'));
    expect(s[0]).toBe(
      'Irme Stetter-Karp ist mit großer Mehrheit zur neuen Präsidentin des Zentralkomitees der deutschen Katholiken gewählt worden.',
    );
  });

  it('fr: leaves out the "Lire aussi" link', () => {
    const s = summarise(fixture('fr-mondediplo'), 5);
    expect(s.some((x) => x.startsWith('Lire aussi'))).toBe(false);
  });
});

describe('summarise: BBC excerpt', () => {
  it('opens with the lead and takes whole sentences with their figures', () => {
    const fx = fixture('en-bbc-business-001');
    const s = summarise(fx);
    expect(s).toHaveLength(3);
    expectVerbatimInOrder(s, fx.paragraphs);
    expect(s[0]).toMatch(/^Quarterly profits at US media giant TimeWarner jumped 76% to \$1\.13bn \(£600m\)/);
  });
});

// Speed is a figure printed by `npm run eval -- --only summary` (CPU and wall time per article), not an
// assertion: these machines are shared and noisy.

describe('summarise: a story told in bullets', () => {
  // A weekly round-up of changes (Firefox Nightly News): 1,400 words, all of them in list items.
  const url = 'https://blog.nightly.mozilla.org/2020/12/18/these-weeks-in-firefox-issue-85/';
  const html = readFileSync(join(FIXTURES, 'firefox-nightly-round-up.html'), 'utf8');

  // (its only paragraphs are a picture's caption and the readers' comments below, which are not the story)
  it('draws its summary from the bullets that read as sentences, as there is no paragraph', () => {
    const a = analyze(parseHtml(html, url), url);
    expect(a.isArticle).toBe(true);
    expect(a.summary).toHaveLength(3);
    const bullets = [...parseHtml(html, url).querySelectorAll('li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
    for (const s of a.summary) expect(bullets.some((b) => b.includes(s)), s).toBe(true);
  });
});
