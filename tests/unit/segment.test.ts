import { describe, expect, it } from 'vitest';
import { readingMinutes, sentences, words } from '../../utils/analysis/segment';

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

  it('still ends a sentence after an abbreviation when a new sentence starts', () => {
    expect(sentences('Troops left the U.S. The base closed.', 'en')).toEqual(['Troops left the U.S.', 'The base closed.']);
    expect(sentences('He paid Apple Inc. The firm agreed.', 'en')).toEqual(['He paid Apple Inc.', 'The firm agreed.']);
    expect(sentences('He said no. Then he left.', 'en')).toEqual(['He said no.', 'Then he left.']);
    expect(sentences('Apple Inc. Chief Executive Tim Cook spoke.', 'en')).toHaveLength(1);
  });

  it('keeps "No. 10", "Calif. (AP)", "e.g." and "5 p.m. when" inside the sentence', () => {
    expect(sentences('He reached No. 10 in the chart. Then it fell.', 'en')).toHaveLength(2);
    expect(sentences('HAYWARD, Calif. (AP) — A man died on a train. Police came.', 'en')).toEqual([
      'HAYWARD, Calif. (AP) — A man died on a train.',
      'Police came.',
    ]);
    expect(sentences('Some fruit, e.g. apples, is cheap. It was 5 p.m. when he left.', 'en')).toHaveLength(2);
  });

  it('keeps an attribution after a quoted question or exclamation', () => {
    expect(sentences('"Why?" he asked. "Because," she said.', 'en')).toEqual(['"Why?" he asked.', '"Because," she said.']);
    expect(sentences('Sie sagte: „Nein!“ und ging. Dann kam er.', 'de')).toEqual([
      'Sie sagte: „Nein!“ und ging.',
      'Dann kam er.',
    ]);
  });

  it('keeps German and Polish ordinal dates together', () => {
    expect(sentences('Er kam am 3. Oktober an. Dann ging er.', 'de')).toEqual(['Er kam am 3. Oktober an.', 'Dann ging er.']);
    expect(sentences('Das gilt z. B. für Kinder. Andere zahlen.', 'de')).toHaveLength(2);
  });

  it('puts quotation marks on the right side of the boundary', () => {
    expect(sentences('Il a dit : « Je pars. Personne ne m’arrêtera. » Puis il est parti.', 'fr')).toEqual([
      'Il a dit : « Je pars.',
      'Personne ne m’arrêtera. »',
      'Puis il est parti.',
    ]);
    expect(sentences('他就开始关注两会了。“我高中毕业后就出国留学了。”他说。', 'zh')).toEqual([
      '他就开始关注两会了。',
      '“我高中毕业后就出国留学了。”他说。',
    ]);
    expect(sentences('「今日は晴れです。」と彼は述べた。次の文。', 'ja')).toEqual(['「今日は晴れです。」と彼は述べた。', '次の文。']);
  });

  it('does not let a stray bracket swallow the paragraph', () => {
    expect(sentences('A stray ( bracket here. Second sentence. Third sentence. Fourth.', 'en')).toHaveLength(4);
  });

  it('returns substrings of the text, trimmed, in order', () => {
    const text = '  Mr. Brown (the mayor) spoke. “Yes!” he said.  Dann kam am 3. Mai die Antwort. 这是句子。“好。”  ';
    let from = 0;
    for (const s of sentences(text, 'en')) {
      const at = text.indexOf(s, from);
      expect(at).toBeGreaterThanOrEqual(from);
      expect(s).toBe(s.trim());
      from = at + s.length;
    }
  });

  it('handles junk language tags', () => {
    expect(sentences('One sentence. Two sentences.', 'not a tag!')).toHaveLength(2);
  });
});

describe('words', () => {
  it('segments CJK and skips punctuation', () => {
    expect(words('Hello, world!', 'en')).toEqual(['Hello', 'world']);
    expect(words('香港行政长官梁振英', 'zh').length).toBeGreaterThan(1);
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
