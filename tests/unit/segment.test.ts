import { describe, expect, it } from 'vitest';
import { readingMinutes, sentences } from '../../utils/analysis/segment';

describe('sentences', () => {
  it('does not split at U.S., Mr., D.C. or Oct.', () => {
    const text =
      'Then the U.S. National Security Council spokesperson John Kirby spoke. Mr. Smith went to Washington, D.C., on Oct. 13. He left.';
    expect(sentences(text, 'en')).toEqual([
      'Then the U.S. National Security Council spokesperson John Kirby spoke.',
      'Mr. Smith went to Washington, D.C., on Oct. 13.',
      'He left.',
    ]);
  });

  it('keeps a parenthesised name inside its sentence', () => {
    const s = sentences('The statement that President Putin and President Xi (Jinping) made in Beijing. Next one.', 'en');
    expect(s).toHaveLength(2);
    expect(s[0]).toContain('(Jinping) made in Beijing.');
  });

  it('splits Japanese and Chinese at their full stops', () => {
    expect(sentences('日本語の文です。これは二つ目。', 'ja')).toEqual(['日本語の文です。', 'これは二つ目。']);
    expect(sentences('这是第一句。这是第二句！', 'zh')).toHaveLength(2);
  });
});

describe('readingMinutes', () => {
  it('counts about 230 words a minute', () => {
    expect(readingMinutes('word '.repeat(690), 'en')).toBe(3);
  });
  it('counts CJK by characters', () => {
    expect(readingMinutes('字'.repeat(1500), 'zh')).toBe(3);
  });
});
