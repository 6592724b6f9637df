// Sentences and words for every language through Intl.Segmenter, with the few repairs news text needs.

const segmenters = new Map<string, Intl.Segmenter>();

function segmenter(lang: string | null | undefined, granularity: 'sentence' | 'word'): Intl.Segmenter {
  const key = `${lang ?? ''}|${granularity}`;
  let s = segmenters.get(key);
  if (!s) {
    let locale: string | undefined;
    try {
      locale = lang ? Intl.getCanonicalLocales(lang)[0] : undefined;
    } catch {
      locale = undefined; // a page's lang attribute can be any junk
    }
    s = new Intl.Segmenter(locale, { granularity });
    segmenters.set(key, s);
  }
  return s;
}

const set = (words: string) => new Set(words.trim().split(/\s+/));

// Abbreviations (lower-cased, without the dot) after which a full stop does not end the sentence.
// Titles and words that always precede a name or another word: never a sentence end.
const TITLES = set(
  'mr mrs ms messrs dr prof sr sra srta st mt ft gen lt col maj capt cmdr adm sgt cpl pvt gov sen rep rev hon pres ' +
    'supt insp det vs mme mlle mgr hr fr dott ing dña sig hab inż ks ' +
    // e.g., i.e., cf., approx. and the like are followed by more of the same sentence
    'eg ie cf approx viz resp bzw vgl ggf sog ca tj tzw np ds dh ua zb',
);
// Abbreviations that stand before a number ("No. 10", "Fig. 3", "Nr. 5"): not an end when a digit follows.
const BEFORE_NUMBER = set('no nos nr vol pp p pg fig art ch sec op tel kap abs pkt godz ust str');
// Abbreviations that can also end a sentence ("Apple Inc.", "in Calif."): an end only when a capital follows.
const AMBIGUOUS = set(
  'jan feb mar apr jun jul aug sep sept oct nov dec etc inc ltd corp co bros plc llc est dept univ ave blvd rd al jr ' +
    'ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont neb nev okla ore pa ' +
    'tenn tex vt va wash wis wyo usw mio mrd tys mln mld zł ul al ok',
);
const CORPORATE = set('inc ltd corp co plc llc bros jr');
// Capitalised words that open a sentence: after "U.S." or "Inc." they mean the sentence did end there.
const SENTENCE_STARTERS = set(
  'the a an he she it they we i you but and or so yet in on at by for from to of with as if when while after before ' +
    'this that these those his her its their there here our my some many most no not one two three what who why how ' +
    'le la les il elle ils elles un une des ce cette mais et en der die das er sie es ein eine aber und im el los las ' +
    'ella ellos pero y en o lo',
);
// Languages that write ordinals with a dot ("am 3. Oktober", "3. maja").
const ORDINAL_DOT = set('de da nb nn no fi et is cs sk pl hu sl hr sr bs lv lt tr');

const lastWord = (s: string) => s.slice(s.search(/\S+$/)).replace(/\.$/, '').toLowerCase();

type Kind = 'title' | 'number' | 'ambiguous' | 'initials' | null;

/** The kind of abbreviation `segment` ends with, if any ("U.S.", "Mr.", "Oct.", "No."). */
function abbreviationAtEnd(segment: string): Kind {
  const m = /(?:^|[\s(\[“"‘'«„/–—-])((?:\p{L}\.){2,}|\p{L}+\.)$/u.exec(segment);
  if (!m) return null;
  const token = m[1];
  if (/^(?:\p{L}\.){2,}$/u.test(token)) {
    const bare = token.replace(/\./g, '').toLowerCase();
    return TITLES.has(bare) ? 'title' : 'initials'; // U.S., D.C., a.m.; e.g., i.e.
  }
  const word = token.slice(0, -1);
  if (word.length === 1) return 'title'; // a middle initial ("John F. Kennedy"), or "z. B.", "d. h."
  const lower = word.toLowerCase();
  if (TITLES.has(lower)) return 'title';
  if (BEFORE_NUMBER.has(lower)) return 'number';
  if (AMBIGUOUS.has(lower)) return 'ambiguous';
  return null;
}

/** Whether the boundary between `prev` (text so far) and `next` (the following segment) should be undone. */
function joins(prev: string, next: string, lang: string): boolean {
  const p = prev.trimEnd();
  const n = next.trimStart();
  if (!p || !n) return true;
  // After "?" or "!" in a quotation, or an ellipsis, a lower-case word continues the sentence ('"Why?" he asked').
  if (/^\p{Ll}/u.test(n)) return true;
  const kind = abbreviationAtEnd(p);
  const firstWord = /^[\p{L}\p{N}]+/u.exec(n)?.[0] ?? '';
  const capital = /^\p{Lu}/u.test(n);
  switch (kind) {
    case 'title':
      return true;
    case 'number':
      return /^\p{N}/u.test(n);
    case 'ambiguous':
      // "Apple Inc. Chief Executive Tim Cook" goes on; "in Calif. The" and "rose in Oct. Sales" end.
      if (!capital) return true;
      return CORPORATE.has(lastWord(p)) && !SENTENCE_STARTERS.has(firstWord.toLowerCase());
    case 'initials':
      return !capital || !SENTENCE_STARTERS.has(firstWord.toLowerCase());
  }
  // "am 3. Oktober", "3. maja": an ordinal number, not the end of a sentence.
  if (ORDINAL_DOT.has(lang) && /(?:^|\s)\d{1,2}\.$/.test(p) && /^\p{L}/u.test(n)) return true;
  // Japanese: 「…。」と言った — the quotative particle continues the sentence.
  if (/[」』]$/.test(p) && /^[とっ]/.test(n)) return true;
  // Chinese: “…。”他说。 — a short attribution after a quotation belongs to it.
  if (/[”」』]$/.test(p) && n.length <= 8 && /^[\p{Script=Han}]/u.test(n) && /[。！]$/.test(n)) return true;
  return false;
}

const QUOTE_MARKS = /[“”„«»「」『』"‹›]/g;
const quoteCount = (s: string) => s.match(QUOTE_MARKS)?.length ?? 0;

/**
 * Splits text into sentences. Each sentence is trimmed; text is never altered otherwise, so a sentence is always a
 * substring of its paragraph. Splits after abbreviations ("U.S.", "Mr.", "No. 10"), inside parentheses
 * ("President Xi (Jinping) made...") and before an attribution ('"Why?" he asked') are undone, and quotation marks
 * that the segmenter leaves on the wrong side of a boundary are moved back.
 */
export function sentences(text: string, lang?: string | null): string[] {
  const base = (lang ?? '').toLowerCase().split('-')[0];
  // Boundaries as offsets into `text`: pieces are text.slice(bounds[i], bounds[i + 1]).
  const bounds: number[] = [0];
  let pendingStart = 0;
  for (const { segment, index } of segmenter(lang, 'sentence').segment(text)) {
    if (index > pendingStart && !joins(text.slice(pendingStart, index), segment, base)) {
      bounds.push(index);
      pendingStart = index;
    }
  }
  bounds.push(text.length);

  // Quotation marks on the wrong side: "…了。“" + "我…" (an opening mark left behind) and "Non. " + "» Fin" (a
  // closing mark carried over).
  for (let i = 1; i < bounds.length - 1; i++) {
    const prev = text.slice(bounds[i - 1], bounds[i]);
    const trailing = /[.!?。！？…]([“«„「『"《])\s*$/u.exec(prev);
    if (trailing && quoteCount(prev) % 2 === 1) bounds[i] = bounds[i - 1] + trailing.index + 1;
    const next = text.slice(bounds[i], bounds[i + 1]);
    const leading = /^\s*[»”」』"](?=\s|$|[,.;:!?])/u.exec(next);
    if (leading) bounds[i] += leading[0].length;
  }

  // A split inside parentheses leaves a piece that opens a bracket it never closes: join it with what follows when
  // the bracket closes within the next two pieces (a stray bracket must not swallow the paragraph).
  const pieces: string[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) pieces.push(text.slice(bounds[i], bounds[i + 1]));
  const out: string[] = [];
  for (let i = 0; i < pieces.length; i++) {
    let end = i;
    if (count(pieces[i], '(') > count(pieces[i], ')')) {
      let joined = pieces[i];
      for (let j = i + 1; j < Math.min(pieces.length, i + 3); j++) {
        joined += pieces[j];
        if (count(joined, '(') <= count(joined, ')')) {
          end = j;
          break;
        }
      }
    }
    const t = pieces.slice(i, end + 1).join('').trim();
    if (t) out.push(t);
    i = end;
  }
  return out;
}

function count(s: string, ch: string): number {
  let n = 0;
  for (const c of s) if (c === ch) n++;
  return n;
}

/** Word-like segments (letters or numbers), in every script, dictionary-split for CJK and Thai. */
export function words(text: string, lang?: string | null): string[] {
  const out: string[] = [];
  for (const s of segmenter(lang, 'word').segment(text)) if (s.isWordLike) out.push(s.segment);
  return out;
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const HAS_CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * Words and the minutes a reader needs, in one pass over the text (word segmentation is the costly part): about
 * 230 words a minute, and 500 characters a minute for CJK text.
 */
export function textLength(text: string, lang?: string | null): { words: number; minutes: number } {
  let all = 0;
  let other = 0;
  for (const s of segmenter(lang, 'word').segment(text)) {
    if (!s.isWordLike) continue;
    all++;
    if (!HAS_CJK.test(s.segment)) other++;
  }
  const cjkChars = text.match(CJK)?.length ?? 0;
  return { words: all, minutes: Math.max(1, Math.round(other / 230 + cjkChars / 500)) };
}

/** Minutes a reader needs (see textLength). */
export function readingMinutes(text: string, lang?: string | null): number {
  return textLength(text, lang).minutes;
}
