// Key quotes in English: the seed page (exact), news-style cases written for these tests, ranking, hostile input.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findQuotes, markKeyQuotes } from '../../utils/analysis/quotes';
import type { Quote } from '../../utils/analysis/types';

const fixture = (name: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/quotes', name), 'utf8')) as { paragraphs: string[] };

const quotesOf = (paragraphs: string[]) => findQuotes(paragraphs, 'en');
const only = (paragraphs: string[]) => {
  const q = quotesOf(paragraphs);
  expect(q).toHaveLength(1);
  return q[0];
};

describe('the seed page (Kyiv Independent, 2024)', () => {
  const { paragraphs } = fixture('seed-kyiv-independent.json');

  it('finds exactly the three quotations of John Kirby', () => {
    const quotes = quotesOf(paragraphs);
    expect(quotes.map((q) => q.speaker)).toEqual(['John Kirby', 'John Kirby', 'John Kirby']);
    expect(quotes[0].text).toBe(
      "It's to be of concern to any country that cares about maintaining peace and stability not just on the Korean Peninsula, but in the Indo-Pacific",
    );
    expect(quotes[1].text).toMatch(/^We would think that that concern would be shared by the People's Republic of China/);
    expect(quotes[1].text).toMatch(/peaceful and diplomatic solution to this situation on the Korean Peninsula\.$/);
    expect(quotes[2].text).toMatch(/^Of course, we are going to continue to evaluate our posture/);
    expect(quotes.map((q) => q.paragraph)).toEqual([2, 4, 9]);
    for (const q of quotes) expect(q.text).not.toMatch(/["“”]/);
  });

  it('keeps the title before the name as the role', () => {
    const quotes = quotesOf(paragraphs);
    expect(quotes[0].role).toBe('U.S. National Security Council spokesperson');
  });

  it('gives the stand-alone quotation after "According to Kirby, …" to Kirby, and "Kirby said" the full name', () => {
    const quotes = quotesOf(paragraphs);
    expect(paragraphs[quotes[1].paragraph].startsWith('"We would think')).toBe(true);
    expect(quotes[1].speaker).toBe('John Kirby');
    expect(paragraphs[quotes[2].paragraph]).toMatch(/Kirby said\.$/);
    expect(quotes[2].speaker).toBe('John Kirby');
  });

  it('marks the three as key', () => {
    const marked = markKeyQuotes(quotesOf(paragraphs));
    expect(marked.map((q) => q.key)).toEqual([true, true, true]);
  });
});

describe('finding quotations', () => {
  it('joins a quotation split by its attribution, without the marks', () => {
    const q = only([
      '“We are not going to raise taxes on working families,” Governor Ellen Marsh said on Monday, “and we are not going to cut the schools budget either.”',
    ]);
    expect(q.text).toBe(
      'We are not going to raise taxes on working families … and we are not going to cut the schools budget either.',
    );
    expect(q.speaker).toBe('Ellen Marsh');
  });

  it('joins "…," she said. "…" across the attribution sentence', () => {
    const q = only(['"The numbers are simply not there for him," she said. "Everybody in this building knows it."']);
    expect(q.text).toBe('The numbers are simply not there for him … Everybody in this building knows it.');
  });

  it('keeps a quotation over several paragraphs as one (opening mark repeated, closing mark at the end)', () => {
    const q = only([
      'Dr. Alan Reyes, who led the study, put it plainly: “The river has changed more in ten years than in the hundred before.',
      '“We measured it every spring. We do not have a good explanation yet, and that should worry everyone.”',
      'The report is due in May.',
    ]);
    expect(q.speaker).toBe('Alan Reyes');
    expect(q.paragraph).toBe(0);
    expect(q.text).toContain('hundred before. We measured it every spring.');
    expect(q.text).toMatch(/should worry everyone\.$/);
  });

  it('never lets apostrophes open or close a single-quoted quotation', () => {
    const quotes = quotesOf([
      "It's the mayor’s plan, and the residents’ objections didn’t change it.",
      '‘We won’t give up on the students’ library, not this year and not next year,’ said Ana Ruiz, the council’s chair.',
    ]);
    expect(quotes).toHaveLength(1);
    expect(quotes[0].text).toBe('We won’t give up on the students’ library, not this year and not next year');
    expect(quotes[0].speaker).toBe('Ana Ruiz');
  });

  it('skips scare quotes and titles of shows and books', () => {
    const quotes = quotesOf([
      'Critics called the plan a “reckless gamble” and its author “the architect of chaos.”',
      'He appeared on “The Late Night Hour With Sam Brown,” and his book titled “How We Win the Long Game Again” sold well.',
      'Voters want a “return to normal,” she wrote.',
    ]);
    expect(quotes).toEqual([]);
  });

  it("reads ''…'' typed for double quotation marks", () => {
    const q = only(["''I cannot support this bill in its current form,'' said Senator Ruth Ocampo of Nevada."]);
    expect(q.text).toBe('I cannot support this bill in its current form');
    expect(q.speaker).toBe('Ruth Ocampo');
    expect(q.role).toBe('Senator');
  });

  it('is not confused by inch marks in straight quotes', () => {
    const q = only(['The 12" pipe burst twice. "We replaced every section of it last winter," the engineer, Paul Dent, said.']);
    expect(q.text).toBe('We replaced every section of it last winter');
    expect(q.speaker).toBe('Paul Dent');
  });
});

describe('speakers', () => {
  it('reads "said X" with an appositive after the name', () => {
    const q = only(['"Nobody on this council wanted the bridge closed for a whole summer," said Maria Lopez, a spokeswoman for the city council.']);
    expect(q.speaker).toBe('Maria Lopez');
  });

  it('reads "X told reporters:" before the quotation, with the title as role', () => {
    const q = only(['Senate Majority Leader Tom Harris told reporters: "We will have a vote on this before the recess, one way or the other."']);
    expect(q.speaker).toBe('Tom Harris');
    expect(q.role).toBe('Senate Majority Leader');
  });

  it('reads "according to X" and "X wrote"', () => {
    const quotes = quotesOf([
      '"The review found no evidence that the funds were misused by anyone," according to inspector general Dana Whitfield.',
      'In a letter to members, union president Carl Osei wrote: "We will return to the table only when the offer is on paper."',
    ]);
    expect(quotes.map((q) => q.speaker)).toEqual(['Dana Whitfield', 'Carl Osei']);
  });

  it('resolves "he said" and "the spokesperson said" to the person last named, by full name', () => {
    const quotes = quotesOf([
      'Transport Secretary Imran Malik announced the new timetable on Tuesday.',
      '"Trains will run every ten minutes on the main line from June," he said.',
      'A ministry spokesperson, Lena Fischer, said the changes had been tested for months.',
      '"Every change was tested with passengers before we decided anything," the spokesperson said.',
      '"It will take time for people to get used to it," Malik said.',
    ]);
    expect(quotes.map((q) => q.speaker)).toEqual(['Imran Malik', 'Lena Fischer', 'Imran Malik']);
  });

  it('gives a stand-alone quotation paragraph to the speaker of the paragraph before', () => {
    const quotes = quotesOf([
      'According to coach Mira Santos, the team had prepared for exactly this kind of match.',
      '"We knew they would press high from the first minute, and we practised against it all week."',
    ]);
    expect(quotes[0].speaker).toBe('Mira Santos');
  });

  it('leaves the speaker empty when nobody can be found rather than guessing', () => {
    const quotes = quotesOf([
      'The city council met on Tuesday evening to discuss the budget for next year.',
      'A sign on the door read "Closed until further notice, by order of the management."',
    ]);
    expect(quotes).toHaveLength(1);
    expect(quotes[0].speaker).toBeNull();
  });

  it('does not take an unnamed source for a name', () => {
    const q = only(['"The decision was made weeks ago, before any of the hearings," a senior official said.']);
    expect(q.speaker).toBeNull();
  });
});

describe('markKeyQuotes', () => {
  const quote = (text: string, speaker: string | null, paragraph: number): Quote => ({ text, speaker, role: null, paragraph, key: false });
  const long = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

  it('prefers named speakers, substance, earlier paragraphs and different speakers; key quotes keep story order', () => {
    const quotes = [
      quote(long(25), null, 1), // no speaker
      quote(long(30), 'Ann Lee', 2),
      quote(long(30), 'Ann Lee', 3),
      quote(long(8), 'Bo Chen', 4), // short, but a different speaker
      quote(long(30), 'Ann Lee', 5),
      quote(long(30), 'Cy Diaz', 20), // late, but a different speaker
    ];
    const marked = markKeyQuotes(quotes);
    expect(marked.map((q) => q.key)).toEqual([false, true, false, true, false, true]);
    expect(marked.map((q) => q.text)).toEqual(quotes.map((q) => q.text)); // same quotes, same order
  });

  it('marks as many as asked, or all when there are fewer', () => {
    const quotes = [quote(long(10), 'A B', 0), quote(long(10), 'C D', 1)];
    expect(markKeyQuotes(quotes, 1).filter((q) => q.key)).toHaveLength(1);
    expect(markKeyQuotes(quotes).filter((q) => q.key)).toHaveLength(2);
    expect(markKeyQuotes([], 3)).toEqual([]);
  });
});

// Speed is a benchmark figure (npm run eval -- --only quotes prints it), not an assertion: these machines are
// shared and noisy. What a test can hold is that hostile input finishes at all (no catastrophic backtracking).
describe('hostile input', () => {
  it('finishes on pathological marks (runs in linear time, within the test timeout)', { timeout: 10_000 }, () => {
    const nasty = ["'".repeat(5000) + ' “'.repeat(3000) + '‘a '.repeat(3000) + '"x'.repeat(3000)];
    expect(Array.isArray(findQuotes(nasty, 'en'))).toBe(true);
    expect(Array.isArray(findQuotes(['說'.repeat(20000) + '“' + '表'.repeat(5000)], 'zh'))).toBe(true);
  });
});
