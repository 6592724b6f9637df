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

// Words after which a full stop does not end the sentence (titles, months, common Latin/English abbreviations),
// lower-cased and without the dot.
const ABBREVIATIONS = new Set(
  (
    'mr mrs ms dr prof sr jr st mt ft gen lt col maj capt cmdr adm sgt cpl pvt gov sen rep rev hon pres supt ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec ' +
    'no nos vs etc approx dept est inc ltd co corp bros univ ave blvd rd fig vol pp cf al ' +
    // French, German, Spanish, Italian, Polish, Portuguese honorifics and abbreviations seen in news
    'm mme mlle dr hr fr frau nr bzw ca ggf vgl usw sr sra srta dña av pág etc sig dott ing prof ' +
    'np tj tzw ok ul prof dr hab inż sp zm pkt godz'
  ).split(/\s+/),
);

/** Whether `segment` ends in an abbreviation that rarely ends a sentence ("U.S.", "Mr.", "Oct."). */
function endsWithAbbreviation(segment: string): boolean {
  const m = /(?:^|[\s(\[“"‘'«„])((?:\p{L}\.){2,}|\p{L}+\.)\s*$/u.exec(segment);
  if (!m) return false;
  const token = m[1];
  if (/^(?:\p{L}\.){2,}$/u.test(token)) return true; // initials: U.S., D.C., U.N.
  const word = token.slice(0, -1);
  if (word.length === 1 && /\p{Lu}/u.test(word)) return true; // a middle initial: "John F. Kennedy"
  return ABBREVIATIONS.has(word.toLowerCase());
}

/**
 * Splits text into sentences. Each sentence is trimmed; text is never altered otherwise, so a sentence is always a
 * substring of its paragraph. Splits after an abbreviation are undone when the next piece does not look like the
 * start of a new sentence or the abbreviation is a title/initials.
 */
export function sentences(text: string, lang?: string | null): string[] {
  const out: string[] = [];
  let pending = '';
  for (const { segment } of segmenter(lang, 'sentence').segment(text)) {
    pending += segment;
    if (endsWithAbbreviation(pending.trimEnd())) continue;
    const t = pending.trim();
    if (t) out.push(t);
    pending = '';
  }
  const rest = pending.trim();
  if (rest) out.push(rest);
  return mergeUnbalanced(out);
}

// A split inside parentheses or quotation marks ("President Xi (Jinping) made..." or a quote of two sentences
// followed by its attribution) leaves a piece that opens a bracket it never closes: keep the pieces together
// only for brackets, since quotations of several sentences are legitimately several sentences.
function mergeUnbalanced(list: string[]): string[] {
  const out: string[] = [];
  for (const s of list) {
    const prev = out[out.length - 1];
    if (prev !== undefined && count(prev, '(') > count(prev, ')')) out[out.length - 1] = `${prev} ${s}`;
    else out.push(s);
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

/** Minutes a reader needs: about 230 words a minute, or 500 characters a minute for CJK text. */
export function readingMinutes(text: string, lang?: string | null): number {
  const cjkChars = text.match(CJK)?.length ?? 0;
  const wordCount = words(text.replace(CJK, ' '), lang).length;
  return Math.max(1, Math.round(wordCount / 230 + cjkChars / 500));
}
