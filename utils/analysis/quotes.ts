// Direct quotations in the story and who said them, read the way a reader does:
//   1. quote-marks.ts finds what the page puts in quotation marks (every style, over paragraph breaks);
//   2. scare quotes and titles are dropped, and a quotation split by its attribution ("…," he said, "…") is one;
//   3. the speaker comes from the attribution next to the quotation ("X said", "said X", "according to X", in the
//      page's language), else from an attribution earlier in the paragraph, else from the paragraph before when
//      the quotation stands alone; "he said" / "the spokesperson said" are resolved to the person last named, and
//      a surname to the full name the story first gave;
//   4. markKeyQuotes ranks them (named speaker, substance, early, different speakers).
// Pure functions over strings: no DOM, no extension API.
import { markedQuotations, type MarkedQuotation, type MarkedSpan } from './quote-marks';
import { lexicon, NOT_NAMES, NOT_PERSON, PLACE_FIRST, TITLES, type Lexicon } from './speech-verbs';
import { withKeyQuotes } from './picks';
import type { Quote } from './types';

/** Quotations shorter than this (in words; CJK: two characters a word) are scare quotes or terms, not speech. */
export const MIN_QUOTE_WORDS = 5;

// ---------------------------------------------------------------------------------------------------------------
// Tokens

interface Token {
  text: string;
  /** Lower-cased, without a final dot. */
  lc: string;
  start: number;
  end: number;
  word: boolean;
  /** Starts with an upper-case letter. */
  cap: boolean;
  /** "Trump's", "Kirby’s". */
  possessive: boolean;
}

const TOKEN = /([\p{L}\p{M}\p{N}]+(?:[-'’.·][\p{L}\p{M}\p{N}]+)*)(\.)?|(\S)/gu;
const ABBREVIATIONS = new Set(
  ('mr mrs ms dr prof sen rep gov gen lt col maj capt adm sgt cpl pvt cmdr rev hon pres supt atty st jr sr sra srta ' +
    'mme mlle dott ing avv inc corp co ltd no vs etc jan feb mar apr jun jul aug sep sept oct nov dec ft mt ' +
    'bros dept univ ca nr hr fr np tj tzw ul pl ks')
    .split(' '),
);

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    if (m[1] !== undefined) {
      let word = m[1];
      const lcBare = word.toLowerCase();
      const dot = m[2] !== undefined && (word.includes('.') || word.length === 1 || ABBREVIATIONS.has(lcBare));
      if (dot) word += '.';
      const start = m.index;
      const cap = word[0] !== lcBare[0]; // lower-casing changes an upper-case first letter only
      const n = m[1].length;
      out.push({
        text: word,
        lc: lcBare,
        start,
        end: start + word.length,
        word: true,
        cap,
        possessive: cap && n > 2 && (m[1][n - 1] === 's' || m[1][n - 1] === 'S') && (m[1][n - 2] === '’' || m[1][n - 2] === "'"),
      });
      if (m[2] !== undefined && !dot) {
        const at = start + m[1].length;
        out.push({ text: '.', lc: '.', start: at, end: at + 1, word: false, cap: false, possessive: false });
      }
    } else {
      const c = m[3];
      out.push({ text: c, lc: c, start: m.index, end: m.index + c.length, word: false, cap: false, possessive: false });
    }
  }
  return out;
}

const PARTICLES = new Set(
  'de da del della di dos das do du van von der den ter ten zu le la bin ibn al y mac st.'.split(' '),
);
const PREPOSITIONS = new Set(
  ('of in on at by for with from to into about against between among under over after before during since ' +
    'toward towards via per like than without within through across behind near outside inside upon ' +
    'de du des à au aux en dans pour par sur avec chez sans contre vers depuis pendant lors après avant ' +
    'von vom zu zum zur mit bei nach aus für gegen über unter im am ins ' +
    'a del al en con por para sobre entre hacia desde sin tras ante ' +
    'do da dos das no na nos nas em com por para sobre ' +
    'di dello della dei degli delle nel nella nei con su per tra fra ' +
    'w we z ze na do od po za przez dla przy o u ku nad pod')
    .split(' '),
);
const RELATIVE = new Set('who der die qui quien quienes que che który która którzy que'.split(' '));
const SPEECH_NOUNS = new Set('response reply answer statement message comment words retort verdict tweet'.split(' '));
const SUBORDINATORS = new Set(
  ('when while after before although though because if as since once unless until whereas despite asked speaking ' +
    'lorsque quand alors après avant bien comme si wenn als nachdem bevor obwohl weil da cuando mientras después ' +
    'antes aunque porque si como quando enquanto depois antes embora porque se quando mentre dopo prima sebbene ' +
    'perché se kiedy gdy podczas po zanim chociaż ponieważ jeśli')
    .split(' '),
);
const CONJUNCTIONS = new Set('and y et und e i a oraz ale but'.split(' '));
const THAT = new Set('that que qu’ qu\' dass daß że che how'.split(' '));
const SENTENCE_END = new Set(['.', '!', '?', '…', ';']);
const CLOSING = new Set(['”', '"', '’', "'", '»', '«', '“', '」', '』']);
const OPENERS = new Set(['“', '„', '‘', '‚', '«', '»', '‹', '›', '"', "'", '「', '『', '(', '—', '–']);
// Lower-case words that may stand in a role before a name ("former", "presidential", "press").
const ROLE_ADJECTIVES = new Set(
  ('former acting interim deputy vice senior junior top chief then longtime long-time presidential political press ' +
    'campaign communications foreign national security defense defence state federal local regional executive ' +
    'general assistant associate principal lead retired incoming outgoing newly elected republican democratic ' +
    'conservative liberal independent white house senate majority minority party legal medical research managing ' +
    'founding co-founder co-founding finance financial economic policy military civil public private special ' +
    'ancien ancienne ex nouveau nouvelle haut haute premier première vice- ehemalige ehemaliger neue neuer ' +
    'exministro ex- expresidente nuevo nueva antiguo antigua ex-ministro ex-presidente były była obecny obecna ' +
    'nowy nowa ex-presidente ex-ministro antigo antiga novo nova')
    .split(' '),
);


// ---------------------------------------------------------------------------------------------------------------
// The story: paragraphs, tokens, quotations, sentences, people named

/** The language's attribution words, the language, and whether a name is somebody the story names. */
interface Reader extends Lexicon {
  lang: string;
  known(name: string[]): boolean;
}

interface Person {
  /** The name as first given in full ("John Kirby"). */
  full: string;
  tokens: string[];
  role: string | null;
  paragraph: number;
  offset: number;
  /** Named with a title or role, or seen speaking: certainly a person. */
  confirmed: boolean;
}

interface Mention {
  paragraph: number;
  offset: number;
  person: Person;
}

class Story {
  readonly lex: Reader;
  readonly cjk: boolean;
  readonly lang: string;
  private tokenCache: (Token[] | undefined)[];
  private quotedCache: (boolean[] | undefined)[] = [];
  private sentenceCache: ([number, number][] | undefined)[] = [];
  /** Ranges (marks included) of every quotation of each paragraph, short ones too: narrative skips them. */
  readonly quoted: [number, number][][];
  readonly persons: Person[] = [];
  readonly mentions: Mention[] = [];
  private byLast = new Map<string, Person[]>();
  private byFirst = new Map<string, Person[]>();
  private single = new Map<string, Person[]>();
  private byFull = new Map<string, Person>();

  constructor(
    readonly paragraphs: string[],
    lang: string | null,
    readonly quotations: MarkedQuotation[],
  ) {
    this.lang = textLanguage(paragraphs, (lang ?? '').toLowerCase().split(/[-_]/)[0]);
    this.lex = { ...lexicon(this.lang || null), lang: this.lang, known: (name) => this.lookup(name.join(' '), Infinity, 0) !== null };
    this.tokenCache = new Array(paragraphs.length);
    this.quoted = paragraphs.map(() => []);
    for (const q of quotations) for (const s of q.spans) this.quoted[s.paragraph].push([s.open, s.after]);
    const sample = paragraphs.slice(0, 8).join(' ');
    this.cjk =
      ['ja', 'zh', 'ko'].includes(this.lang) ||
      (!this.lang && (sample.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu)?.length ?? 0) > sample.length / 4);
    this.namesRead = this.cjk; // people are read on first need: a story without quotations never pays for it
  }

  tokens(i: number): Token[] {
    return (this.tokenCache[i] ??= tokenize(this.paragraphs[i]));
  }

  /** After the quoted ranges of a paragraph changed. */
  forgetQuoted(i: number): void {
    this.quotedCache[i] = undefined;
    this.sentenceCache[i] = undefined;
  }

  isQuoted(paragraph: number, offset: number): boolean {
    for (const [a, b] of this.quoted[paragraph]) if (offset >= a && offset < b) return true;
    return false;
  }

  /** For each token of paragraph i, whether it lies inside a quotation (one sweep over the sorted ranges). */
  private insideFlags(i: number): boolean[] {
    let flags = this.quotedCache[i];
    if (flags) return flags;
    const toks = this.tokens(i);
    const ranges = [...this.quoted[i]].sort((x, y) => x[0] - y[0]);
    flags = new Array<boolean>(toks.length);
    let r = 0;
    let reach = -1; // the furthest end of the ranges started so far
    for (let k = 0; k < toks.length; k++) {
      const at = toks[k].start;
      while (r < ranges.length && ranges[r][0] <= at) reach = Math.max(reach, ranges[r++][1]);
      flags[k] = at < reach;
    }
    return (this.quotedCache[i] = flags);
  }

  /** Index of the first token of paragraph i that starts at or after `from`. */
  private firstToken(i: number, from: number): number {
    const toks = this.tokens(i);
    let lo = 0;
    let hi = toks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (toks[mid].start < from) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Tokens of paragraph i within [from, to), quoted or not. */
  tokensIn(i: number, from: number, to: number): Token[] {
    const toks = this.tokens(i);
    const out: Token[] = [];
    for (let k = this.firstToken(i, from); k < toks.length && toks[k].end <= to; k++) out.push(toks[k]);
    return out;
  }

  /** Tokens of paragraph `i` within [from, to), outside quotations. */
  narrative(i: number, from: number, to: number): Token[] {
    const toks = this.tokens(i);
    const inside = this.insideFlags(i);
    const lo = this.firstToken(i, from);
    const out: Token[] = [];
    for (let k = lo; k < toks.length && toks[k].end <= to; k++) {
      if (!inside[k]) out.push(toks[k]);
      else if (!inside[k - 1] || k === lo) {
        // a quotation in the middle stays a gap: "a “change agent,” Cole said" must not read "a Cole said"
        out.push({ text: '“', lc: '“', start: toks[k].start, end: toks[k].start, word: false, cap: false, possessive: false });
      }
    }
    return out;
  }

  // People: every run of capitalised words that reads as a person's name, in story order.
  private namesRead: boolean;

  private readNames(): void {
    if (this.namesRead) return;
    this.namesRead = true;
    // names inside quotations give full names ("…, rappelle Ana Sofia Cardenal, …") but are no mentions
    const pending: { paragraph: number; offset: number; name: string[]; role: string | null; titled: boolean; quoted: boolean }[] = [];
    for (let i = 0; i < this.paragraphs.length; i++) {
      const toks = this.tokens(i);
      for (let k = 0; k < toks.length; ) {
        const run = capitalRun(toks, k);
        if (!run) {
          k++;
          continue;
        }
        k = run.end;
        let split = splitName(toks, run.start, run.end, this.lex);
        if (!split) continue;
        const quoted = this.isQuoted(i, toks[run.start].start);
        // "le ministre de la Santé Roman Prymula": the first word of a governed run ends the role
        const prev = toks[run.start - 1];
        if (split.name.length >= 3 && split.nameStart === run.start && prev?.word && (PREPOSITIONS.has(prev.lc) || this.lex.definite.has(prev.lc))) {
          split = { ...split, name: split.name.slice(1), nameStart: split.nameStart + 1 };
        }
        if (!personLike(split.name)) continue;
        // "Gabi Eutemüller, die bei … arbeitet": a name with a relative clause about it is a person
        if (toks[run.end]?.text === ',' && RELATIVE.has(toks[run.end + 1]?.lc ?? '')) split = { ...split, titled: true };
        pending.push({ paragraph: i, offset: toks[split.nameStart].start, name: split.name, role: split.role, titled: split.titled, quoted });
      }
    }
    const add = (p: (typeof pending)[number]) => {
      const full = p.name.join(' ');
      const existing = this.byFull.get(full);
      if (existing) {
        existing.confirmed ||= p.titled;
        existing.role ??= p.role;
        return;
      }
      const person: Person = { full, tokens: p.name, role: p.role, paragraph: p.paragraph, offset: p.offset, confirmed: p.titled };
      this.persons.push(person);
      this.byFull.set(full, person);
      const index = (map: Map<string, Person[]>, key: string) => {
        if (!map.has(key)) map.set(key, []);
        map.get(key)!.push(person);
      };
      if (p.name.length === 1) index(this.single, full);
      else {
        index(this.byLast, p.name[p.name.length - 1]);
        index(this.byFirst, p.name[0]);
      }
    };
    for (const p of pending) if (p.name.length >= 2 && !p.quoted) add(p);
    // a full name given only inside a quotation counts when the narrative never gives one for that surname
    for (const p of pending) if (p.name.length >= 2 && p.quoted && !this.byLast.has(p.name[p.name.length - 1])) add(p);
    // "President Obama", "Mr. Trump": a titled surname is a person even if the story never gives the full name
    for (const p of pending) if (p.name.length === 1 && p.titled && !this.byLast.has(p.name[0])) add(p);
    for (const p of pending) {
      if (p.quoted) continue;
      const person = this.lookup(p.name.join(' '), p.paragraph, p.offset);
      if (person) {
        if (p.titled) person.confirmed = true;
        this.mentions.push({ paragraph: p.paragraph, offset: p.offset, person });
      }
    }
  }

  /** The person a name stands for: itself when given in full, else the full name a surname (or first name) refers to. */
  /** Every person named, in story order, with where (full names and surnames resolved). */
  personMentions(): Mention[] {
    this.readNames();
    return this.mentions;
  }

  lookup(name: string, paragraph: number, offset: number): Person | null {
    this.readNames();
    const parts = name.split(' ');
    if (parts.length >= 2) {
      const exact = this.byFull.get(name);
      if (exact) return exact;
      // "Jorge Ramos" given as "Ramos" inside a longer form is still the same person
      return this.byLast.get(parts[parts.length - 1])?.find((p) => p.full.endsWith(name)) ?? null;
    }
    const pick = (list: Person[] | undefined) => {
      if (!list?.length) return null;
      let before: Person | null = null;
      for (const p of list) if (p.paragraph < paragraph || (p.paragraph === paragraph && p.offset <= offset)) before = p;
      return before ?? list[0];
    };
    return pick(this.byLast.get(name)) ?? pick(this.single.get(name)) ?? pick(this.byFirst.get(name));
  }

  /** Sentence ranges of paragraph i ([start, end) offsets), cut at full stops outside quotations. */
  sentences(i: number): [number, number][] {
    return (this.sentenceCache[i] ??= this.findSentences(i));
  }

  private findSentences(i: number): [number, number][] {
    const toks = this.tokens(i);
    const out: [number, number][] = [];
    let start = 0;
    const p = this.paragraphs[i];
    const inside = this.insideFlags(i);
    for (let k = 0; k < toks.length - 1; k++) {
      const t = toks[k];
      if (t.word) continue;
      // a quotation that ends its sentence ("… journalist." Mosman saw …)
      const endsQuote = CLOSING.has(t.text) && SENTENCE_END.has(p[t.start - 1]) && inside[k] && !inside[k + 1];
      if (!endsQuote && (!SENTENCE_END.has(t.text) || inside[k])) continue;
      const next = toks[k + 1];
      if (next.cap || OPENERS.has(next.text) || /[\p{Lo}]/u.test(next.text[0])) {
        out.push([start, t.end]);
        start = next.start;
      }
    }
    out.push([start, this.paragraphs[i].length]);
    return out;
  }
}

// The commonest short words of the languages whose attributions we read.
const FUNCTION_WORDS: Record<string, Set<string>> = {
  en: new Set('the and of to in is that for was with on as by he said'.split(' ')),
  fr: new Set('le la les des et est que du une pour dans qui au sur pas'.split(' ')),
  de: new Set('der die das und ist nicht mit den von zu ein sich auf für'.split(' ')),
  es: new Set('el la los las que del y en por con una para es se lo'.split(' ')),
  pt: new Set('o os as que do da em um uma para com não dos das é'.split(' ')),
  it: new Set('il di che e la per non una sono del della con gli le'.split(' ')),
  pl: new Set('i w na nie się z do że to jest jak po przez od'.split(' ')),
};

/**
 * The language the story is written in: the page's own word for it, unless its text is plainly in another of the
 * languages we read (a site that labels every page "en", or none at all).
 */
function textLanguage(paragraphs: string[], declared: string): string {
  if (['ja', 'zh', 'ko'].includes(declared)) return declared;
  const counts: Record<string, number> = {};
  let words = 0;
  for (const p of paragraphs) {
    for (const m of p.toLowerCase().matchAll(/\p{L}+/gu)) {
      words++;
      for (const [lang, set] of Object.entries(FUNCTION_WORDS)) if (set.has(m[0])) counts[lang] = (counts[lang] ?? 0) + 1;
    }
    if (words > 600) break;
  }
  let best = declared;
  let bestCount = counts[declared] ?? 0;
  for (const [lang, n] of Object.entries(counts)) if (n > bestCount * 2 && n > words * 0.08) [best, bestCount] = [lang, n];
  return best;
}

/** A run of capitalised words starting at k (with particles, initials and "of" between them), or null. */
function capitalRun(toks: Token[], k: number): { start: number; end: number } | null {
  if (!toks[k].word || !toks[k].cap) return null;
  let end = k + 1;
  while (end < toks.length) {
    const t = toks[end];
    if (t.word && t.cap && !toks[end - 1].possessive) {
      end++;
      continue;
    }
    if (t.word && PARTICLES.has(t.lc) && toks[end + 1]?.word && toks[end + 1].cap && toks[end + 1].start - t.end <= 1) {
      end += 2;
      continue;
    }
    break;
  }
  return { start: k, end };
}

interface NameSplit {
  name: string[];
  nameStart: number;
  role: string | null;
  titled: boolean;
}

/**
 * Splits a run of capitalised words into the title before a name and the name ("U.S. District Judge | Michael W.
 * Mosman", "House Speaker | Paul Ryan"), and reads the role words just before the run ("spokesperson John Kirby").
 */
function splitName(toks: Token[], start: number, end: number, lex: Lexicon): NameSplit | null {
  let a = start;
  while (a < end && (NOT_NAMES.has(toks[a].lc) || PREPOSITIONS.has(toks[a].lc) || SUBORDINATORS.has(toks[a].lc))) a++;
  if (a >= end) return null;
  let lastTitle = -1;
  for (let k = a; k < end; k++) {
    const t = toks[k];
    if (isTitle(t.lc) || t.possessive || (PARTICLES.has(t.lc) && !t.cap)) lastTitle = k;
  }
  let nameStart = a;
  if (lastTitle >= a && lastTitle < end - 1) nameStart = lastTitle + 1;
  else if (lastTitle === end - 1) {
    while (nameStart < end && isTitle(toks[nameStart].lc)) nameStart++;
    if (nameStart >= end) return null; // only titles ("the President")
  }
  while (nameStart < end && PARTICLES.has(toks[nameStart].lc) && !toks[nameStart].cap) nameStart++;
  const name = toks.slice(nameStart, end).map((t) => t.text.replace(/['’]s$/, ''));
  if (name.length === 0) return null;
  // The role: title words in the run, and role words just before it.
  let roleStart = nameStart;
  for (let k = nameStart - 1; k >= Math.max(0, nameStart - 10); k--) {
    const t = toks[k];
    const roleWord =
      t.word &&
      (t.cap ||
        TITLES.has(t.lc) ||
        lex.roles.has(t.lc) ||
        ROLE_ADJECTIVES.has(t.lc) ||
        (['of', 'for', 'de', 'du', 'des', 'del', 'di', 'der', 'for'].includes(t.lc) && k > 0 && toks[k + 1]?.cap));
    if (!roleWord || NOT_NAMES.has(t.lc) && !t.cap) break;
    if (t.cap && NOT_NAMES.has(t.lc)) break;
    roleStart = k;
  }
  let role: string | null = null;
  let titled = false;
  if (nameStart > start && toks.slice(start, nameStart).every((t) => COURTESY.has(t.lc))) {
    // "M. Caldwell", "Mr. Trump": a person, but "M." is no role
    return { name, nameStart, role: null, titled: true };
  }
  if (roleStart < nameStart) {
    const words = toks.slice(roleStart, nameStart);
    titled = words.some((t) => lex.roles.has(t.lc) || (TITLES.has(t.lc) && !ROLE_ADJECTIVES.has(t.lc)) || TITLES.has(t.lc + '.'));
    // Only words that say what the person is; a lone "Florida’s" or "Republican" is no role.
    if (titled || words.some((t) => lex.roles.has(t.lc))) {
      // trim a leading connector ("of")
      let s = 0;
      while (s < words.length && !words[s].cap && !lex.roles.has(words[s].lc) && !ROLE_ADJECTIVES.has(words[s].lc)) s++;
      const kept = words.slice(s);
      if (kept.length) role = textOf(toks, roleStart + s, nameStart);
    }
  }
  return { name, nameStart, role, titled };
}

const COURTESY = new Set('mr mrs ms m mme mlle herr frau sr sra srta dott sig pan pani signor signora sir'.split(' '));

/** "sen", "senator", "senators", "dr" are titles before a name. */
function isTitle(lc: string): boolean {
  return TITLES.has(lc) || TITLES.has(lc + '.') || (lc.length > 4 && lc.endsWith('s') && TITLES.has(lc.slice(0, -1)));
}

function textOf(toks: Token[], a: number, b: number): string {
  let s = '';
  for (let k = a; k < b; k++) s += (k > a && toks[k].start > toks[k - 1].end ? ' ' : '') + toks[k].text;
  return s;
}

function personLike(name: string[]): boolean {
  if (name.length > 5) return false;
  const caps = name.filter((w) => /^\p{Lu}/u.test(w));
  if (caps.length === 0 || caps.length > 4) return false;
  if (PLACE_FIRST.has(name[0].toLowerCase())) return false;
  for (const w of name) if (NOT_PERSON.has(w.toLowerCase())) return false;
  if (name.every((w) => /^[\p{Lu}\d.&-]+$/u.test(w) && w.length > 1)) return false; // acronyms: NATO, FBI, CDU
  if (name.some((w) => w.length === 1)) return false; // "D.C. I think": a lone letter is no part of a name
  return true;
}

// ---------------------------------------------------------------------------------------------------------------
// Attributions: who the text next to a quotation says is speaking

type Subject =
  | { kind: 'name'; name: string[]; role: string | null; at: number; weak?: boolean }
  | { kind: 'pronoun'; at: number; verb?: string }
  | { kind: 'role'; noun: string; role: string; at: number }
  | { kind: 'org'; name: string; at: number }
  | { kind: 'nobody'; at: number };

function isVerb(t: Token | undefined, lex: Lexicon, allowSo = false): boolean {
  if (!t || !t.word || t.cap) return false;
  if (t.lc === 'so') return allowSo && lex.verbs.has('so');
  return lex.verbs.has(t.lc);
}

/** A speech verb starting at k ("said", "a déclaré", "pointed out", "a-t-il estimé", "dit-elle"); its end. */
function verbAt(toks: Token[], k: number, lex: Lexicon, allowSo = false): { end: number; pronoun: boolean } | null {
  const t = toks[k];
  if (!t?.word) return null;
  const inv = /^(\p{L}+)-(?:t-)?(il|elle|ils|elles|on)$/u.exec(t.lc);
  if (inv) {
    const singular = inv[2] === 'il' || inv[2] === 'elle';
    if (lex.verbs.has(inv[1])) return { end: k + 1, pronoun: singular };
    if (['a', 'avait', 'aurait'].includes(inv[1]) && isVerb(toks[k + 1], lex)) return { end: k + 2, pronoun: singular };
  }
  for (const ph of lex.phrases) {
    if (ph[0] === t.lc && ph.every((w, j) => toks[k + j]?.lc === w)) return { end: k + ph.length, pronoun: false };
  }
  const prev = toks[k - 1];
  if (prev?.word && (lex.definite.has(prev.lc) || lex.indefinite.has(prev.lc)) && !prev.cap) return null; // "la juge", "a note"
  if (isVerb(t, lex, allowSo)) {
    // "fügte … hinzu", "räumte … ein": the particle does not matter for attribution
    return { end: k + 1, pronoun: false };
  }
  return null;
}

function skipFillers(toks: Token[], k: number, lex: Lexicon, dir: 1 | -1, max = 3): number {
  let n = 0;
  while (n < max && toks[k]?.word && !toks[k].cap && (lex.fillers.has(toks[k].lc) || /^[a-z]+ly$/.test(toks[k].lc))) {
    k += dir;
    n++;
  }
  return k;
}

/** A subject read forwards from k: after an inverted verb ("said Kirby", "dijo el fiscal Jason Richman"). */
function subjectForward(toks: Token[], k: number, lex: Reader, inverted = false): Subject | null {
  // A few words of time or place may come between ("a déclaré jeudi le ministre", "dijo ayer"), and an indirect
  // object ("explicó a La Estrella de Panamá", "told CNN") is not the subject.
  let j = k;
  for (let n = 0; n < 6 && toks[j]?.word; n++) {
    const t = toks[j];
    const lc = t.lc;
    if (lex.pronouns.has(lc) || lex.plural.has(lc) || lex.definite.has(lc) || lex.indefinite.has(lc) || isElided(t)) break;
    if (lex.roles.has(lc) || (PARTICLES.has(lc) && toks[j + 1]?.cap)) break;
    if (t.cap && !PREPOSITIONS.has(lc)) break;
    if (lex.verbs.has(lc) || THAT.has(lc)) return null;
    if (PREPOSITIONS.has(lc)) {
      // skip the prepositional phrase: "a La Estrella de Panamá", "à cette occasion", "in a statement"
      j++;
      while (toks[j]?.word && (lex.definite.has(toks[j].lc) || lex.indefinite.has(toks[j].lc) || isElided(toks[j]) || /^(cette|ce|ces|this|that|his|her|its|their|su|sus|seu|sua)$/.test(toks[j].lc))) j++;
      if (toks[j]?.cap) j = capitalRun(toks, j)!.end;
      else if (toks[j]?.word) j++;
      continue;
    }
    j++;
  }
  const t = toks[j];
  if (!t?.word) return null;
  if (lex.pronouns.has(t.lc)) return { kind: 'pronoun', at: t.start };
  if (lex.plural.has(t.lc)) return { kind: 'nobody', at: t.start };
  if (lex.indefinite.has(t.lc) && !(t.cap && toks[j + 1]?.cap)) return { kind: 'nobody', at: t.start };
  const definite = lex.definite.has(t.lc) || isElided(t);
  // a bare name: "said Kirby", "dijo Juan Pérez", "detalló del Pópolo", "sagte Ministerin Schulze"
  if (!definite && (t.cap || (PARTICLES.has(t.lc) && toks[j + 1]?.cap))) {
    const start = t.cap ? j : j + 1;
    const run = capitalRun(toks, start)!;
    const split = splitName(toks, start, run.end, lex);
    if (!split) return null;
    const name = start > j && split.nameStart === start ? [t.text, ...split.name] : split.name;
    const appositive = split.role ?? appositiveRole(toks, run.end, lex);
    return { kind: 'name', name, role: appositive, at: t.start };
  }
  // an article and a noun phrase, maybe a name after it: "le ministre de la Santé", "el fiscal Jason Richman",
  // "el titular del MEM, Alberto Pimentel", "die Branchenkennerin", "the spokesperson"
  if (!definite && !lex.roles.has(t.lc)) return null;
  const a = definite && !isElided(t) ? j + 1 : j;
  let b = a;
  let head: string | null = null;
  while (b < toks.length && b < a + 14) {
    const w = toks[b];
    if (!w.word) {
      if (w.text === ',' && toks[b + 1]?.cap) {
        // "el titular del MEM, Alberto Pimentel"
        const run = capitalRun(toks, b + 1)!;
        const split = splitName(toks, b + 1, run.end, lex);
        if (split && personLike(split.name) && (split.name.length >= 2 || lex.known(split.name))) {
          return { kind: 'name', name: split.name, role: textOf(toks, a, b), at: toks[a].start };
        }
      }
      break;
    }
    if (lex.verbs.has(w.lc) || THAT.has(w.lc)) break;
    const lc = w.lc.replace(/^[ldLD][’']/, '');
    if (b === a && isElided(w) && /^.[’']\p{Lu}/u.test(w.text)) return { kind: 'org', name: w.text.slice(2), at: w.start };
    if (w.cap && lex.lang !== 'de' && !TITLES.has(lc) && !lex.roles.has(lc)) {
      const prev = toks[b - 1];
      const run = capitalRun(toks, b)!;
      const split = splitName(toks, b, run.end, lex);
      const governed = prev && (PREPOSITIONS.has(prev.lc) || lex.definite.has(prev.lc));
      if (!governed && split && personLike(split.name) && (split.name.length >= 2 || lex.known(split.name))) {
        // the name after the role words: "el fiscal Jason Richman"
        return { kind: 'name', name: split.name, role: b > a ? textOf(toks, a, split.nameStart) : null, at: toks[a].start };
      }
      if (b === a) {
        // "the White House said", "le Quai d'Orsay": an organisation speaking
        return split ? { kind: 'org', name: textOf(toks, b, run.end), at: toks[b].start } : null;
      }
      b = run.end; // a name inside the role: "de la Santé", "del MEM", "UDI"
      continue;
    }
    if (lex.lang === 'de' && w.cap && !head && !TITLES.has(lc)) {
      // German nouns are capitalised: "die Branchenkennerin", "der Sprecher", then maybe a name
      head = lc;
      b++;
      const run = toks[b]?.cap ? capitalRun(toks, b) : null;
      if (run) {
        const split = splitName(toks, b, run.end, lex);
        if (split && personLike(split.name) && (split.name.length >= 2 || lex.known(split.name)))
          return { kind: 'name', name: split.name, role: textOf(toks, a, b), at: toks[a].start };
      }
      continue;
    }
    if (!head && !ROLE_ADJECTIVES.has(lc) && !PREPOSITIONS.has(lc) && !lex.definite.has(w.lc) && !w.cap) head = lc;
    b++;
  }
  if (!head) return null;
  if (COLLECTIVE.has(head)) return { kind: 'nobody', at: toks[a].start };
  // In English only a known role names a person ("the spokesperson said"; "the paper said" names nobody). Where
  // the verb comes first right after a quotation (French, Spanish, German…), the noun after it is a person in
  // nearly every story ("ajoute le politique letton").
  if (lex.roles.has(head) || (inverted && lex.lang !== 'en' && lex.lang !== '')) {
    return { kind: 'role', noun: head, role: textOf(toks, a, b), at: toks[a].start };
  }
  return { kind: 'nobody', at: toks[a].start };
}

/** "said John Kirby, a spokesman for the council," -> "a spokesman for the council" (short, no verb), or null. */
function appositiveRole(toks: Token[], k: number, lex: Reader): string | null {
  if (toks[k]?.text !== ',') return null;
  let e = k + 1;
  while (e < toks.length && e < k + 12 && toks[e].word && !lex.verbs.has(toks[e].lc) && !THAT.has(toks[e].lc) && !['who', 'which', 'qui', 'que', 'der', 'die', 'quien', 'quién', 'che', 'który', 'która'].includes(toks[e].lc)) e++;
  if (e === k + 1 || (toks[e] && toks[e].word)) return null;
  const words = toks.slice(k + 1, e);
  if (!words.some((w) => lex.roles.has(w.lc) || TITLES.has(w.lc))) return null;
  return textOf(toks, k + 1, e);
}

/** A French or Italian article elided onto its noun: "l’expert", "l'Elysée". */
const isElided = (t: Token) => t.word && /^[lL][’']\p{L}/u.test(t.text);

/** Nouns for institutions and documents: "dijo la policía", "a indiqué le ministère" name nobody in particular. */
const COLLECTIVE = new Set(
  ('police policía polícia polizei polizia policja government gouvernement gobierno governo regierung rząd ' +
    'ministère ministerio ministério ministerium ministero ministerstwo company entreprise empresa unternehmen ' +
    'azienda firma société sociedad communiqué comunicado statement texte texto text document documento dokument ' +
    'rapport informe relatório bericht rapporto raport étude estudio estudo studie studio badanie journal diario ' +
    'jornal zeitung giornale gazeta newspaper paper agency agence agencia agência agentur agenzia agencja ' +
    'justice justicia justiça justiz giustizia fiscalía procuradoria staatsanwaltschaft procura prokuratura ' +
    'tribunal gericht tribunale sąd court cour corte mairie alcaldía prefeitura rathaus comune urząd ' +
    'commission comisión comissão kommission commissione komisja campaign campagne campaña campanha kampagne ' +
    'organisation organización organização organisation organizzazione organizacja institut instituto institute ' +
    'istituto instytut office bureau oficina escritório büro ufficio biuro')
    .split(' '),
);

/** A subject read backwards from just before k (the verb): "Kirby said", "U.S. … spokesperson John Kirby said". */
function subjectBackward(toks: Token[], k: number, lex: Reader, floor: number): Subject | null {
  const j = skipFillers(toks, k - 1, lex, -1);
  if (j < floor) return null;
  const t = toks[j];
  if (!t) return null;
  if (t.word && lex.pronouns.has(t.lc)) return { kind: 'pronoun', at: t.start };
  if (t.word && lex.plural.has(t.lc)) return { kind: 'nobody', at: t.start };
  // appositive: "Kirby, a spokesman for the council, said" / "Kirby, 45, said"
  if (t.text === ',') {
    let c = j - 1;
    while (c >= floor && c > j - 18 && toks[c].text !== ',' && !SENTENCE_END.has(toks[c].text)) c--;
    // "her senior policy adviser, Jake Sullivan, said": the name is the part between the commas
    const run = c + 1 < j && toks[c + 1].cap ? capitalRun(toks, c + 1) : null;
    if (run && run.end === j) {
      const split = splitName(toks, run.start, run.end, lex);
      if (split && personLike(split.name)) {
        const roleBefore = c > floor ? roleText(toks, c, lex, floor) : null;
        return { kind: 'name', name: split.name, role: split.role ?? roleBefore, at: toks[split.nameStart].start };
      }
    }
    if (c >= floor && toks[c]?.text === ',') {
      const inner = subjectBackward(toks, c, lex, floor);
      if (inner && (inner.kind === 'name' || inner.kind === 'nobody' || inner.kind === 'role')) return inner;
    }
    return null;
  }
  // "Biden sonrió y dijo", "Trump smiled and said": skip the first verb and the conjunction
  if (t.word && !t.cap && CONJUNCTIONS.has(t.lc) && j - 2 >= floor && toks[j - 1].word && !toks[j - 1].cap) {
    return subjectBackward(toks, j - 1, lex, floor);
  }
  if (t.word && t.cap) {
    // the run of capitalised words ending here
    let s = j;
    while (s - 1 >= floor && ((toks[s - 1].word && toks[s - 1].cap && !toks[s - 1].possessive) || (PARTICLES.has(toks[s - 1].lc) && toks[s - 2]?.cap))) s--;
    const before = toks[s - 1];
    const before2 = toks[s - 2];
    // a run governed by a preposition ends a longer subject: "a spokesman for the White House said",
    // "una fuente al interior de la Comisión señala"
    if (s - 1 >= floor && before?.word && (PREPOSITIONS.has(before.lc) || (lex.definite.has(before.lc) && before2?.word && PREPOSITIONS.has(before2.lc)))) {
      return phraseHead(toks, s, lex, floor);
    }
    const split = splitName(toks, s, j + 1, lex);
    if (!split) return null;
    if (s - 1 >= floor && before?.word && lex.definite.has(before.lc) && split.nameStart === s) {
      // "the White House said"; German "die Kanzlerin sagte" is a role
      if (lex.lang === 'de' && split.name.length === 1 && !lex.known(split.name)) return { kind: 'role', noun: split.name[0].toLowerCase(), role: split.name[0], at: before.start };
      return { kind: 'org', name: split.name.join(' '), at: toks[s].start };
    }
    const initial = s === floor || (toks[s - 1] && !toks[s - 1].word && (SENTENCE_END.has(toks[s - 1].text) || OPENERS.has(toks[s - 1].text)));
    return {
      kind: 'name',
      name: split.name,
      role: split.role,
      at: toks[split.nameStart].start,
      // German puts the verb second: "Zugleich mahnte sie" opens with an adverb, not a name
      weak: lex.lang === 'de' && initial && split.name.length === 1 && !lex.known(split.name),
    };
  }
  if (t.word && lex.roles.has(t.lc)) {
    return roleHead(toks, j + 1, lex, floor) ?? phraseHead(toks, j + 1, lex, floor);
  }
  // "Clinton's campaign said"
  if (t.word && !t.cap && toks[j - 1]?.possessive && j - 1 >= floor) {
    return { kind: 'org', name: `${toks[j - 1].text} ${t.text}`, at: toks[j - 1].start };
  }
  // "la experta en psicología organizacional enfatizó", "the paper said"
  if (t.word && !t.cap) return phraseHead(toks, j + 1, lex, floor);
  return null;
}

/**
 * The head of the noun phrase that ends just before `end` and starts with an article: "una fuente al interior de
 * la Comisión" (somebody unnamed), "the spokesperson" (a role), "la experta en psicología" (a role, where the
 * language puts the verb first), "the paper" (nobody).
 */
function phraseHead(toks: Token[], end: number, lex: Reader, floor: number): Subject | null {
  let s = end - 1;
  let article = -1;
  for (let n = 0; s >= floor && n < 16; s--, n++) {
    const w = toks[s];
    // "el cuerpo legal que pretende demostrar …": read back over a relative clause to its noun
    const nounAfterArticle = toks[s - 1]?.word && (lex.definite.has(toks[s - 1].lc) || lex.indefinite.has(toks[s - 1].lc));
    if (!w.word || (lex.verbs.has(w.lc) && !nounAfterArticle) || lex.pronouns.has(w.lc)) break;
    if (lex.definite.has(w.lc) || lex.indefinite.has(w.lc) || isElided(w)) {
      const p = toks[s - 1];
      if (!(p?.word && PREPOSITIONS.has(p.lc))) article = s; // an article not governed by a preposition starts the phrase
    }
  }
  if (article < 0) return null;
  const art = toks[article];
  if (lex.indefinite.has(art.lc)) return { kind: 'nobody', at: art.start };
  let head: string | null = null;
  for (let k = isElided(art) ? article : article + 1; k < end; k++) {
    const lc = toks[k].lc.replace(/^[lL][’']/, '');
    if (PREPOSITIONS.has(lc)) break;
    if (lex.roles.has(lc)) {
      head = lc;
      break;
    }
    if (!head && !ROLE_ADJECTIVES.has(lc) && !(toks[k].cap && lex.lang !== 'de')) head = lc;
  }
  if (!head || COLLECTIVE.has(head)) return { kind: 'nobody', at: art.start };
  if (lex.roles.has(head)) {
    return { kind: 'role', noun: head, role: textOf(toks, isElided(art) ? article : article + 1, end), at: art.start };
  }
  return { kind: 'nobody', at: art.start };
}

/**
 * The subject of a speech verb at k, before it or, when the verb comes first ("Zugleich mahnte sie", "dijo el
 * ministro"), after it. A lone capitalised word opening a sentence is only a subject when nothing follows the verb.
 */
function subjectAround(toks: Token[], k: number, end: number, lex: Reader, floor: number): Subject | null {
  // "She went on to attack Trump, saying …", "Fiorina said, adding that …": the clause's subject speaks
  if (lex.lang === 'en' || lex.lang === '') {
    if (/ing$/.test(toks[k].lc)) return clauseSubject(toks, floor, k, lex);
  }
  const back = subjectBackward(toks, k, lex, floor);
  if (back && !(back.kind === 'name' && back.weak)) return back;
  return subjectForward(toks, end, lex) ?? back;
}

/** Role words ending just before `end` ("her senior policy adviser"), or null. */
function roleText(toks: Token[], end: number, lex: Reader, floor: number): string | null {
  let s = end;
  while (s - 1 >= floor && toks[s - 1].word && (lex.roles.has(toks[s - 1].lc) || ROLE_ADJECTIVES.has(toks[s - 1].lc) || toks[s - 1].cap)) s--;
  if (s === end || !lex.roles.has(toks[end - 1].lc)) return null;
  return textOf(toks, s, end);
}

/** "the spokesperson" / "a spokesman" / "the U.S. spokesperson" ending just before `end`. */
function roleHead(toks: Token[], end: number, lex: Reader, floor: number): Subject | null {
  let j = end - 1;
  if (j < floor || !toks[j]?.word || !lex.roles.has(toks[j].lc)) return null;
  const noun = toks[j].lc;
  let s = j;
  while (s - 1 >= floor && toks[s - 1].word && (ROLE_ADJECTIVES.has(toks[s - 1].lc) || toks[s - 1].cap || lex.roles.has(toks[s - 1].lc)) && !lex.definite.has(toks[s - 1].lc))
    s--;
  const art = toks[s - 1];
  if (art?.word && lex.indefinite.has(art.lc)) return { kind: 'nobody', at: art.start };
  if (art?.word && lex.definite.has(art.lc)) return { kind: 'role', noun, role: textOf(toks, s, end), at: art.start };
  if (art?.possessive) return { kind: 'role', noun, role: textOf(toks, s - 1, end), at: art.start };
  return null;
}

/** The first pronoun or name in toks[from, to) that is not governed by a preposition or an article. */
function clauseSubject(toks: Token[], from: number, to: number, lex: Reader): Subject | null {
  for (let k = from; k < to; k++) {
    const t = toks[k];
    if (!t.word) continue;
    const prev = toks[k - 1];
    const governed = k > from && prev?.word && (PREPOSITIONS.has(prev.lc) || lex.definite.has(prev.lc) || lex.indefinite.has(prev.lc));
    if (lex.pronouns.has(t.lc)) {
      if (!governed) return { kind: 'pronoun', at: t.start };
      continue;
    }
    if (lex.plural.has(t.lc) && !governed) return { kind: 'nobody', at: t.start };
    if (!t.cap) continue;
    const run = capitalRun(toks, k)!;
    const split = splitName(toks, k, run.end, lex);
    k = run.end - 1;
    if (!split || governed || toks[run.end - 1].possessive || !personLike(split.name)) continue;
    return { kind: 'name', name: split.name, role: split.role, at: toks[split.nameStart].start };
  }
  return null;
}

/** The subject a verb implies where the language drops it: "añadió" is he or she, "añadieron" nobody in particular. */
function implicitSubject(verb: Token): Subject {
  const plural = /(?:ron|ram|rono|ent|ten|li|ły)$/.test(verb.lc);
  return plural ? { kind: 'nobody', at: verb.start } : { kind: 'pronoun', at: verb.start, verb: verb.lc };
}

/** Verbs that continue what the same person was saying ("he added"): their "he" is the previous speaker. */
const CONTINUING = new Set(
  ('added adds continued continues ajoute ajouté poursuit poursuivi enchaîne enchaîné renchérit ergänzte ergänzt ' +
    'fügte añadió agregó añade agrega continuó prosiguió acrescentou acrescenta completou completa continuou ' +
    'aggiunto aggiunge prosegue proseguito dodał dodała dodaje kontynuował')
    .split(' '),
);

/** "according to X" at k: the subject after it. */
function accordingAt(toks: Token[], k: number, lex: Lexicon): { end: number } | null {
  for (const ph of lex.according) {
    if (ph.every((w, j) => toks[k + j]?.lc === w || toks[k + j]?.text.toLowerCase() === w)) return { end: k + ph.length };
  }
  return null;
}

/** The attribution right after a quotation ("…," he said / said Kirby / according to Kirby / — mówi Jan Nowak). */
function attributionAfter(toks: Token[], lex: Reader): Subject | null {
  const lang = lex.lang;
  let i = 0;
  while (i < toks.length && i < 3 && !toks[i].word && /[,.;:—–\-(!?…]/.test(toks[i].text)) i++;
  if (i >= toks.length) return null;
  // according to X
  const acc = accordingAt(toks, i, lex);
  if (acc) {
    const s = subjectForward(toks, acc.end, lex);
    if (s) return s;
  }
  // verb first: "said Kirby", "dijo el fiscal", "a-t-il déclaré", "sagte Merkel", "so Merkel"
  const vi = skipFillers(toks, i, lex, 1, 2);
  const v = verbAt(toks, vi, lex, lang === 'de' && vi === i);
  if (v) {
    if (v.pronoun) return { kind: 'pronoun', at: toks[vi].start, verb: toks[vi].lc };
    const s = subjectForward(toks, v.end, lex, true);
    if (s) return s.kind === 'pronoun' ? { ...s, verb: toks[vi].lc } : s;
    if (lex.prodrop || toks[v.end] === undefined || !toks[v.end].word) return implicitSubject(toks[vi]);
    return { kind: 'nobody', at: toks[vi].start };
  }
  // subject first: look for the verb within the next words, everything before it being the subject
  for (let k = i + 1; k < Math.min(toks.length, i + 16); k++) {
    const t = toks[k];
    if (!t.word && SENTENCE_END.has(t.text) && !(t.text === '.' && toks[k - 1]?.text.endsWith('.'))) break;
    if (t.word && THAT.has(t.lc)) break;
    const verb = verbAt(toks, k, lex);
    if (!verb) continue;
    const s = subjectAround(toks, k, verb.end, lex, i);
    // "…”, entre ellas el número de motor, añadió.": a verb with its subject dropped closes the sentence
    if (!s && lex.prodrop && toks[k - 1]?.text === ',' && (!toks[verb.end] || !toks[verb.end].word)) return implicitSubject(toks[k]);
    if (!s || (s.kind === 'name' && s.weak)) return null;
    // the subject must start the attribution: nothing but the subject between the quotation and the verb
    const first = toks[i];
    if (s.at > first.start && !(s.kind === 'name' && leadingRoleOnly(toks, i, s.at, lex))) return null;
    return s.kind === 'pronoun' ? { ...s, verb: toks[k].lc } : s;
  }
  return null;
}

/** Whether toks from i up to offset `at` are only role words (a role before the name). */
function leadingRoleOnly(toks: Token[], i: number, at: number, lex: Reader): boolean {
  // "…," the engineer, Paul Dent, said: a short description, a comma, then the name
  const comma = toks.findIndex((t, k) => k >= i && t.start < at && t.text === ',');
  if (comma > i && comma - i <= 8 && toks.slice(i, comma).every((t) => t.word && !lex.verbs.has(t.lc) && !THAT.has(t.lc))) return true;
  for (let k = i; k < toks.length && toks[k].start < at; k++) {
    const t = toks[k];
    if (!t.word) {
      if (t.text === '’' || t.text === "'" || t.text === ',') continue; // "the Vatican spokesman, Federico Lombardi,"
      return false;
    }
    if (t.cap || lex.roles.has(t.lc) || ROLE_ADJECTIVES.has(t.lc) || TITLES.has(t.lc) || lex.definite.has(t.lc) || ['of', 'for', 'de', 'du', 'del', 'der', 'des', 'di'].includes(t.lc))
      continue;
    return false;
  }
  return true;
}

/** The attribution ending right before a quotation ("Kirby said: “…”", "According to Kirby, “…”", "dijo: «…»"). */
function attributionBefore(toks: Token[], lex: Reader): Subject | null {
  let j = toks.length - 1;
  while (j >= 0 && !toks[j].word && /[:,—–\-]/.test(toks[j].text)) j--;
  if (j >= 0 && toks[j].word && THAT.has(toks[j].lc)) j--;
  // the nearest speech verb within a few words of the quotation
  for (let k = j; k >= 0 && k >= j - 9; k--) {
    const v = verbAt(toks, k, lex);
    if (!v) continue;
    if (v.pronoun) return { kind: 'pronoun', at: toks[k].start };
    const s = subjectAround(toks, k, v.end, lex, 0);
    if (s) return s;
    if (lex.prodrop) return implicitSubject(toks[k]);
    break;
  }
  // "Clinton’s response was: “…”", "Kirby's statement read: “…”"
  {
    let k = j;
    if (toks[k]?.word && ['was', 'were', 'read', 'reads', 'is', 'went'].includes(toks[k].lc)) k--;
    if (toks[k]?.word && SPEECH_NOUNS.has(toks[k].lc) && toks[k - 1]?.possessive) {
      let s = k - 1;
      while (s - 1 >= 0 && toks[s - 1].word && toks[s - 1].cap && !toks[s - 1].possessive) s--;
      const split = splitName(toks, s, k, lex);
      if (split) return { kind: 'name', name: split.name, role: split.role, at: toks[split.nameStart].start };
    }
  }
  // "According to Kirby, “…”"
  for (let k = 0; k <= j; k++) {
    const acc = accordingAt(toks, k, lex);
    if (acc) {
      const s = subjectForward(toks, acc.end, lex);
      if (s && (s.kind === 'name' || s.kind === 'role' || s.kind === 'org')) return s;
    }
  }
  return null;
}

/** Every attribution in a stretch of narrative (for the speaker a following stand-alone quotation inherits). */
function lastAttribution(toks: Token[], lex: Reader): Subject | null {
  let best: Subject | null = null;
  let bestAt = -1;
  for (let k = 0; k < toks.length; k++) {
    const acc = accordingAt(toks, k, lex);
    if (acc && (k === 0 || !toks[k - 1].word || SENTENCE_END.has(toks[k - 1].text) || toks[k - 1].text === ',')) {
      const s = subjectForward(toks, acc.end, lex);
      if (s && toks[k].start > bestAt) {
        best = s;
        bestAt = toks[k].start;
      }
    }
    const v = verbAt(toks, k, lex);
    if (!v) continue;
    if (v.pronoun) {
      best = { kind: 'pronoun', at: toks[k].start };
      bestAt = toks[k].start;
      continue;
    }
    const s = subjectAround(toks, k, v.end, lex, 0);
    if (s && toks[k].start > bestAt) {
      best = s;
      bestAt = toks[k].start;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------------------------
// Chinese and Japanese

const ZH_VERBS =
  '(?:说道|说|表示|指出|称|认为|强调|介绍|透露|坦言|告诉记者|告诉|回忆说|回忆|解释说|解释|补充说|补充|提到|直言|感叹|笑称|宣布|回应|写道|說道|說|稱|認為|強調|介紹|回憶|解釋|補充|寫道|表明|坦承|呼吁|呼籲|问道|問道)';
const ZH_ADVERBS = '(?:也|还|則|则|又|就|曾|再次|同时|同時|更|都|亦|进一步|進一步|随后|隨後)?';
const ZH_AFTER = new RegExp(`^[，,]?\\s*([^，。：:“”「」『』；！？\\s]{1,28}?)${ZH_ADVERBS}${ZH_VERBS}`, 'u');
const ZH_BEFORE = new RegExp(`([^，。：:“”「」『』；！？\\s]{1,28}?)${ZH_ADVERBS}${ZH_VERBS}[：:，,]?\\s*$`, 'u');
const ZH_ANY = new RegExp(`([^，。：:“”「」『』；！？\\s]{1,20}?)${ZH_ADVERBS}${ZH_VERBS}[：:，,]`, 'gu');
const JA_VERB =
  '(?:述べ|語っ|語り|語る|話し|話す|言っ|言う|説明|強調|指摘|明かし|コメント|訴え|発言|答え|回答|主張|発表|呼びかけ|明らかに|振り返|打ち明け|意気込|記し|書い|つぶやい|ツイート|投稿|説い|とし|評価|批判|漏らし|宣言|表明|報告|証言|付け加え|続け|笑|認め|喜び|述懐|語気)';
const JA_AFTER = new RegExp(`^(?:と|って|とは)、?(?:([^、。「」『』\\s]{1,20}?)(?:は|が|も)、?)?[^。「」『』]{0,16}?${JA_VERB}`, 'u');
const JA_BEFORE = /([^、。「」『』\s]{1,20}?)(?:は|が)、?[^。「」『』]{0,24}$/u;
const ZH_TITLES =
  /(发言人|發言人|教授|主席|总统|總統|总理|總理|部长|部長|局长|局長|市长|市長|院长|院長|校长|校長|主任|经理|經理|董事长|董事長|总裁|總裁|创始人|創始人|负责人|負責人|专家|專家|记者|記者|学者|學者|代表|委员|委員|书记|書記|大使|司令|博士|研究员|研究員|医生|醫生|律师|律師|教练|教練|队长|隊長|官员|官員|首相|议员|議員|主持人|作者|CEO|社長|大臣|長官|会長|知事|監督|選手|委員長|総裁|大統領|報道官|官房長官|担当者|部長|課長|理事長|外相|氏|さん|様|君)$/u;
const CJK_PRONOUN = /^(他|她|彼|彼女|他们|她们)$/u;

function cjkSpeaker(raw: string | undefined): { kind: 'name'; name: string; role: string | null } | { kind: 'pronoun' } | null {
  if (!raw) return null;
  let s = raw.replace(/^(?:在|据|據|而|但|并|並|对此|對此|其中|此外|同时|同時|随后|隨後)/u, '').trim();
  s = s.replace(/[\p{Script=Han}]{2,4}地$/u, ''); // "卢宇恳切地说": the adverb is not the speaker
  // "梁振英在接受质询前的发言中说": the place or time of speaking is not the speaker
  const where = /^(.{2,12}?)[在于於].+[中时時上后後前里裡]$/u.exec(s);
  if (where) s = where[1];
  if (CJK_PRONOUN.test(s)) return { kind: 'pronoun' };
  let role: string | null = null;
  const de = Math.max(s.lastIndexOf('的'), s.lastIndexOf('の'));
  if (de > 0 && de < s.length - 1) {
    role = s.slice(0, de);
    s = s.slice(de + 1);
  }
  for (let n = 0; n < 2; n++) {
    const m = ZH_TITLES.exec(s);
    if (!m || m.index === 0) break;
    const title = m[1];
    if (!/^(氏|さん|様|君)$/u.test(title)) role = role ? `${role}${title}` : title;
    s = s.slice(0, m.index);
  }
  // "外交部发言人华春莹": a title inside, the name after it
  const inner = /(发言人|發言人|教授|主席|总统|總統|总理|總理|部长|部長|主任|经理|經理|董事长|董事長|总裁|總裁|创始人|創始人|负责人|負責人|记者|記者|代表|大使|议员|議員|社長|首相|大臣|長官|会長|知事|監督|報道官)/u.exec(s);
  if (inner && inner.index + inner[1].length < s.length) {
    role = (role ?? '') + s.slice(0, inner.index + inner[1].length);
    s = s.slice(inner.index + inner[1].length);
  }
  if (!s || s.length > 12 || /^[\p{P}\d]+$/u.test(s)) return null;
  return { kind: 'name', name: s, role };
}

// ---------------------------------------------------------------------------------------------------------------
// Titles and scare quotes

const TITLE_CUES = new Set(
  ('book novel memoir film movie show series song album play program programme documentary titled entitled called ' +
    'named headline column op-ed essay article report poem hashtag slogan podcast episode magazine newspaper ' +
    'livre roman film émission série chanson album intitulé intitulée baptisé baptisée appelé appelée ' +
    'buch roman film sendung serie lied album titel namens genannt heißt ' +
    'libro novela película programa serie canción álbum titulado titulada llamado llamada denominado denominada ' +
    'książka książki film program serial piosenka album tzw zatytułowany zatytułowana ' +
    'livro filme programa série canção álbum intitulado intitulada chamado chamada ' +
    'libro romanzo film programma serie canzone album intitolato intitolata chiamato chiamata operação operación')
    .split(' '),
);
const SMALL_WORDS = new Set(
  'a an the of and or in on at to for with by from as is de la le les des du et el los las y del di da e von und der die das for its it’s'.split(' '),
);

const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const HAS_CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/** Words in a quotation (CJK: two characters a word). */
export function quoteWords(text: string): number {
  const cjk = HAS_CJK.test(text) ? (text.match(CJK_CHAR)?.length ?? 0) : 0;
  const rest = cjk ? text.replace(CJK_CHAR, ' ') : text;
  let n = 0;
  WORD.lastIndex = 0;
  while (WORD.exec(rest)) n++;
  return n + Math.floor(cjk / 2);
}

function looksLikeTitle(content: string, before: string, lang: string): boolean {
  // "his book “…”", "the show “…”", "un film intitulé « … »"
  const cues = before.slice(-40).toLowerCase().match(/[\p{L}-]+/gu) ?? [];
  if (cues.slice(-2).some((w) => TITLE_CUES.has(w)) && quoteWords(content) <= 14) return true;
  if (lang === 'de' || HAS_CJK.test(content)) return false;
  const words = content.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu) ?? [];
  if (words.length < 2 || words.length > 12 || /[.!?;:…]$/.test(content.trim())) return false;
  // the first word and "I" are capitalised in any sentence ("Yes, I support Ted Cruz" is no title)
  const significant = words.slice(1).filter((w) => !SMALL_WORDS.has(w.toLowerCase()) && w !== 'I');
  if (significant.length < 2) return false;
  const capped = significant.filter((w) => /^[\p{Lu}\d]/u.test(w)).length;
  return capped / significant.length >= 0.8;
}

// ---------------------------------------------------------------------------------------------------------------
// Putting it together

interface Piece {
  spans: MarkedSpan[];
}

interface Found {
  pieces: Piece[];
  speaker: string | null;
  role: string | null;
}

function spanText(story: Story, s: MarkedSpan): string {
  return story.paragraphs[s.paragraph].slice(s.start, s.end);
}

function pieceText(story: Story, p: Piece): string {
  return p.spans.map((s) => spanText(story, s)).join(' ');
}

/** A part as shown: without the comma or colon the attribution left at its end ("…Indo-Pacific," he said). */
function shownText(story: Story, p: Piece): string {
  return pieceText(story, p).replace(/[\s,;:]+$/u, '');
}

const firstSpan = (p: Piece) => p.spans[0];
const lastSpan = (p: Piece) => p.spans[p.spans.length - 1];

function speechLike(story: Story, p: Piece): boolean {
  const text = pieceText(story, p);
  if (/[.,!?…;:—–\-]$/.test(text)) return true;
  const s = lastSpan(p);
  const after = story.paragraphs[s.paragraph].slice(s.after, s.after + 2);
  return quoteWords(text) >= MIN_QUOTE_WORDS || (/^[,.]/.test(after) && quoteWords(text) >= 2);
}

/** Finds every direct quotation (of at least a few words) in the story with its speaker, in story order. */
export function findQuotes(paragraphs: string[], lang: string | null): Quote[] {
  return findQuoteSpans(paragraphs, lang).map((f) => ({
    text: f.text,
    speaker: f.speaker,
    role: f.role,
    paragraph: f.spans[0].paragraph,
    key: false,
  }));
}

export interface QuoteWithSpans {
  text: string;
  speaker: string | null;
  role: string | null;
  /** Where each part of the quotation lies (paragraph, content offsets), in order. */
  spans: { paragraph: number; start: number; end: number }[];
}

/** findQuotes with the position of every part: for the evaluation and for highlighting a quote on the page. */
export function findQuoteSpans(paragraphs: string[], lang: string | null): QuoteWithSpans[] {
  const story = new Story(paragraphs, lang, markedQuotations(paragraphs));
  const pieces: Piece[] = story.quotations.map((q) => ({ spans: q.spans }));

  // Titles and scare quotes out; pieces kept for joining only when they read as speech.
  const speech = pieces.filter((p) => {
    const s = firstSpan(p);
    const text = pieceText(story, p);
    if (!/\p{L}/u.test(text)) return false;
    const before = story.paragraphs[s.paragraph].slice(Math.max(0, s.open - 40), s.open);
    if (looksLikeTitle(text, before, story.lang)) return false;
    if (story.cjk && s.mark === '「' && !/[。！？!?]/u.test(text)) {
      // Japanese puts names and terms in 「」: only speech when a verb of saying follows
      const after = story.paragraphs[s.paragraph].slice(lastSpan(p).after, lastSpan(p).after + 40);
      if (!JA_AFTER.test(after)) return false;
    }
    return speechLike(story, p);
  });

  // An attribution typed inside the marks (« …, explique Antony Fastier, … ») is cut out of the quotation.
  if (!story.cjk) {
    for (let k = 0; k < speech.length; k++) {
      const parts = splitIncise(story, speech[k]);
      if (parts) speech.splice(k, 1, ...parts);
    }
  }

  // Quotations split by their attribution: "…," he said, "…" is one.
  const groups: Piece[][] = [];
  for (const p of speech) {
    const prev = groups[groups.length - 1];
    if (prev && joins(story, prev[prev.length - 1], p)) prev.push(p);
    else groups.push([p]);
  }

  const found: Found[] = [];
  let previous: { paragraph: number; speaker: string | null; role: string | null; inherited: boolean } | null = null;
  for (const g of groups) {
    const text = g.map((p) => pieceText(story, p)).join(' … ');
    const words = quoteWords(text);
    if (words < MIN_QUOTE_WORDS) continue; // a scare quote: neither a quotation nor a speaker to pass on
    const attribution = attribute(story, g, previous);
    previous = { paragraph: lastSpan(g[g.length - 1]).paragraph, ...attribution };
    found.push({ pieces: g, speaker: attribution.speaker, role: attribution.role });
  }
  return found.map((f) => ({
    text: f.pieces.map((p) => shownText(story, p)).join(' … '),
    speaker: f.speaker,
    role: f.role,
    spans: f.pieces.flatMap((p) => p.spans.map((s) => ({ paragraph: s.paragraph, start: s.start, end: s.end }))),
  }));
}

/**
 * « La désinformation …, rappelle Ana Sofia Cardenal, professeure … étude. Dans certains cas … »: an inverted speech
 * verb after a comma inside the marks is an attribution, not speech. Returns the two parts around it, or null.
 */
function splitIncise(story: Story, p: Piece): Piece[] | null {
  const lex = story.lex;
  for (let si = 0; si < p.spans.length; si++) {
    const span = p.spans[si];
    const text = story.paragraphs[span.paragraph].slice(span.start, span.end);
    if (!/,\s*\p{Ll}/u.test(text)) continue; // an incise follows a comma with a lower-case verb
    const toks = story.tokensIn(span.paragraph, span.start, span.end);
    for (let k = 2; k + 1 < toks.length; k++) {
      if (toks[k].text !== ',') continue;
      const v = verbAt(toks, k + 1, lex);
      if (!v || /ing$/.test(toks[k + 1].lc)) continue;
      const subject = v.pronoun ? { kind: 'pronoun' } : subjectForward(toks, v.end, lex, true);
      if (!subject || subject.kind === 'nobody' || subject.kind === 'org' || quoteWords(story.paragraphs[span.paragraph].slice(span.start, toks[k].start)) < 3) continue;
      // the incise ends at the next full stop, or at a comma unless an appositive follows ("…, professeure de …")
      let e = v.end;
      while (e < toks.length && e < v.end + 30) {
        const t = toks[e];
        if (!t.word && (t.text === '.' || t.text === ';' || t.text === '!' || t.text === '?')) break;
        if (t.text === ',') {
          const next = toks[e + 1];
          const appositive = next?.word && !next.cap && !lex.verbs.has(next.lc) && e > v.end + 1 && toks.slice(e + 1, e + 12).some((x) => x.text === '.');
          if (!appositive) break;
        }
        e++;
      }
      const cut = toks[k].start;
      const resume = e < toks.length ? toks[e].end : span.end;
      const left: MarkedSpan = { ...span, close: cut, after: cut, end: cut, closed: true };
      let rs = resume;
      while (rs < span.end && /\s/.test(story.paragraphs[span.paragraph][rs])) rs++;
      const right: MarkedSpan = { ...span, open: rs, start: rs };
      // the incise is narrative now: take it out of the quoted ranges
      const ranges = story.quoted[span.paragraph];
      const at = ranges.findIndex(([a, b]) => a === span.open && b === span.after);
      if (at >= 0) ranges.splice(at, 1, [span.open, cut], [rs, span.after]);
      story.forgetQuoted(span.paragraph);
      const first: Piece = { spans: [...p.spans.slice(0, si), left] };
      if (rs >= span.end) return [first];
      return [first, { spans: [right, ...p.spans.slice(si + 1)] }];
    }
  }
  return null;
}

/** Whether piece b continues piece a: same paragraph, with nothing but an attribution (or nothing) between. */
function joins(story: Story, a: Piece, b: Piece): boolean {
  const sa = lastSpan(a);
  const sb = firstSpan(b);
  if (sa.paragraph !== sb.paragraph || !sa.closed) return false;
  const p = story.paragraphs[sa.paragraph];
  // "Trump is also a “change agent,” Cole said. “That’s exactly …”": a fragment inside narrative stays apart
  const fa = firstSpan(a);
  const lead = story.paragraphs[fa.paragraph].slice(0, fa.open).trimEnd();
  if (quoteWords(pieceText(story, a)) < MIN_QUOTE_WORDS && lead && !/[.!?:;"”»]$/.test(lead)) return false;
  const gap = p.slice(sa.after, sb.open);
  if (!/[\p{L}\p{N}]/u.test(gap)) return /^[\s,;:.—–-]*$/.test(gap) && !/[.!?]\s*$/.test(gap.trim()) ? true : /^\s*$/.test(gap);
  if (quoteWords(gap) > 22) return false;
  if (story.cjk) return false;
  const gapToks = story.narrative(sa.paragraph, sa.after, sb.open);
  const att = attributionAfter(gapToks, story.lex);
  if (!att) return false;
  // "“…,” he said. “…,” she added.": the second part has its own attribution
  const after = story.narrative(sb.paragraph, lastSpan(b).after, p.length);
  const own = lastSpan(b).closed ? attributionAfter(after, story.lex) : null;
  return own === null;
}

interface Attributed {
  speaker: string | null;
  role: string | null;
  inherited: boolean;
}

function attribute(
  story: Story,
  group: Piece[],
  previous: { paragraph: number; speaker: string | null; role: string | null; inherited: boolean } | null,
): Attributed {
  const first = firstSpan(group[0]);
  const last = lastSpan(group[group.length - 1]);
  const para = first.paragraph;
  const p = story.paragraphs[para];
  const lp = story.paragraphs[last.paragraph];

  if (story.cjk) return attributeCjk(story, group, previous);

  const resolve = (s: Subject | null, paragraph: number): Attributed | null => {
    if (!s) return null;
    // "“…”, añadió." / "he added": the person who was speaking just before
    if (s.kind === 'pronoun' && s.verb && CONTINUING.has(s.verb) && previous?.speaker && previous.paragraph >= paragraph - 2)
      return { speaker: previous.speaker, role: null, inherited: true };
    return resolveSubject(story, s, paragraph);
  };

  // 1. between the parts, 2. right after, 3. right before
  for (let k = 0; k + 1 < group.length; k++) {
    const a = lastSpan(group[k]);
    const b = firstSpan(group[k + 1]);
    const r = resolve(attributionAfter(story.narrative(a.paragraph, a.after, b.open), story.lex), a.paragraph);
    if (r) return r;
  }
  if (last.closed) {
    const nextOpen = story.quoted[last.paragraph].map(([a]) => a).filter((a) => a > last.close).sort((x, y) => x - y)[0] ?? lp.length;
    const r = resolve(attributionAfter(story.narrative(last.paragraph, last.after, nextOpen), story.lex), last.paragraph);
    if (r) return r;
  }
  // the sentence before the quotation, back to the previous quotation
  const sentence = story.sentences(para).find(([a, b]) => first.open >= a && first.open < b) ?? [0, p.length];
  const from = sentence[0];
  const beforeToks = story.narrative(para, from, first.open);
  {
    const r = resolve(attributionBefore(beforeToks, story.lex), para);
    if (r) return r;
  }
  // 3b. "Sebastian Kurz, le chancelier autrichien, n’a pas hésité … : « … »": a quotation introduced by a colon
  // belongs to the person the sentence is about
  if (/[:：]\s*$/.test(p.slice(from, first.open))) {
    const subject = sentenceSubject(story, beforeToks, para);
    if (subject && subject !== 'pronoun') return { speaker: subject.full, role: null, inherited: false };
  }
  // 4. an attribution earlier in the same paragraph (the previous quotation's speaker, or narrative)
  const earlier = story.narrative(para, 0, first.open);
  if (previous && previous.paragraph === para && previous.speaker) return { ...previous, role: null, inherited: true };
  {
    const r = resolve(lastAttribution(earlier, story.lex), para);
    if (r && r.speaker) return { ...r, role: null, inherited: true };
  }
  // 5. a quotation standing alone after a paragraph that attributes ("According to Kirby, …" then "“…”")
  const standsAlone = earlier.filter((t) => t.word).length === 0;
  if (standsAlone && para > 0) {
    if (previous && previous.paragraph === para - 1 && previous.speaker) return { speaker: previous.speaker, role: null, inherited: true };
    const prevToks = story.narrative(para - 1, 0, story.paragraphs[para - 1].length);
    const r = resolve(lastAttribution(prevToks, story.lex), para - 1);
    if (r && r.speaker) return { ...r, role: null, inherited: true };
  }
  return { speaker: null, role: null, inherited: false };
}

function resolveSubject(story: Story, s: Subject, paragraph: number): Attributed {
  switch (s.kind) {
    case 'name': {
      const given = s.name.join(' ');
      const person = story.lookup(given, paragraph, s.at);
      if (person) person.confirmed = true;
      return { speaker: person?.full ?? given, role: s.role, inherited: false };
    }
    case 'org':
      return { speaker: s.name, role: null, inherited: false };
    case 'pronoun': {
      const person = lastNamed(story, paragraph, s.at);
      return { speaker: person?.full ?? null, role: null, inherited: false };
    }
    case 'role': {
      // the person last named with that role, else the person last named
      // ("le ministre de la Santé" is not the "Premier ministre" named just before)
      const wanted = (s.role.toLowerCase().match(/[\p{L}-]{4,}/gu) ?? []).filter((w) => !PREPOSITIONS.has(w));
      const before = story.personMentions().filter((m) => m.paragraph < paragraph || (m.paragraph === paragraph && m.offset < s.at));
      for (let k = before.length - 1; k >= 0 && before[k].paragraph >= paragraph - 6; k--) {
        const role = before[k].person.role?.toLowerCase() ?? '';
        if (role && wanted.length && wanted.every((w) => role.includes(w))) return { speaker: before[k].person.full, role: null, inherited: false };
      }
      const person = lastNamed(story, paragraph, s.at);
      return { speaker: person?.full ?? null, role: null, inherited: false };
    }
    case 'nobody':
      return { speaker: null, role: null, inherited: false };
  }
}

/**
 * The person a pronoun stands for: the subject of the nearest sentence before it whose subject is a named person
 * (sentences whose subject is itself a pronoun are passed over), within the paragraph and the four before it.
 */
function lastNamed(story: Story, paragraph: number, offset: number): Person | null {
  for (let i = paragraph; i >= 0 && i >= paragraph - 4; i--) {
    const sentences = story.sentences(i).filter(([a]) => i < paragraph || a < offset).reverse();
    for (const [a, b] of sentences) {
      const to = i === paragraph ? Math.min(b, offset) : b;
      const toks = story.narrative(i, a, to);
      const subject = sentenceSubject(story, toks, i);
      if (subject === 'pronoun' || subject === null) continue;
      return subject;
    }
  }
  return null;
}

/**
 * Who a sentence is about, for resolving a later "he": the subject of its attribution if it has one ("Ferre said
 * …"), else the first person named who is not governed by a preposition or an article and not a possessive
 * ("On the eve, Trump eased …"); a pronoun coming first means the sentence is about somebody named earlier.
 */
function sentenceSubject(story: Story, toks: Token[], paragraph: number): Person | 'pronoun' | null {
  const lex = story.lex;
  const asPerson = (name: string[], at: number, speaking = false): Person | null => {
    const full = name.join(' ');
    const person = story.lookup(full, paragraph, at);
    if (person) return person.confirmed || story.lang !== 'de' || speaking ? person : null;
    if (!speaking || !personLike(name)) return null; // a capitalised word that is nobody known ("Recently")
    return { full, tokens: name, role: null, paragraph, offset: at, confirmed: true };
  };
  for (let k = 0; k < toks.length; k++) {
    const acc = accordingAt(toks, k, lex);
    const v = acc ? null : verbAt(toks, k, lex);
    if (!acc && !v) continue;
    const s = acc ? subjectForward(toks, acc.end, lex) : v!.pronoun ? null : subjectAround(toks, k, v!.end, lex, 0);
    if (s?.kind === 'name' && !s.weak) {
      const person = asPerson(s.name, s.at, true);
      if (person) return person;
    }
    if (s) break; // a pronoun or a role: read on for a name said first ("Christine Lagarde … a elle aussi jugé")
  }
  let fallback: Person | null = null;
  // "Filling in for Sanders at the event where Clinton spoke, West landed a dig": the subject follows the opening clause
  let from = 0;
  const lead = toks.find((t) => t.word);
  if (lead && (SUBORDINATORS.has(lead.lc) || /^\p{Lu}\p{Ll}+(?:ing|ed)$/u.test(lead.text))) {
    const comma = toks.findIndex((t) => t.text === ',');
    if (comma > 0) from = comma + 1;
  }
  for (let pass = 0; pass < 2; pass++) {
    const [a, b] = pass === 0 ? [from, toks.length] : [0, from];
    const found = scanSubject(toks.slice(a, b));
    if (found === 'pronoun') return fallback ?? 'pronoun';
    if (found) return found;
  }
  return fallback;

  function scanSubject(toks: Token[]): Person | 'pronoun' | null {
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k];
    if (!t.word) continue;
    const prev = toks[k - 1];
    const governed = !!prev?.word && (PREPOSITIONS.has(prev.lc) || lex.definite.has(prev.lc) || lex.indefinite.has(prev.lc));
    if (lex.pronouns.has(t.lc)) {
      if (!governed && !fallback) return 'pronoun';
      continue;
    }
    if (!t.cap) continue;
    let run = capitalRun(toks, k)!;
    // "Trump campaign chairman Paul Manafort": the first run is part of the role before the name
    let r = run.end;
    while (r < toks.length && toks[r].word && !toks[r].cap && (lex.roles.has(toks[r].lc) || ROLE_ADJECTIVES.has(toks[r].lc))) r++;
    if (r > run.end && toks[r]?.cap) run = capitalRun(toks, r)!;
    k = run.end - 1;
    const split = splitName(toks, run.start, run.end, lex);
    if (!split || toks[run.end - 1].possessive) continue;
    const lead = toks[run.start];
    const ledByPreposition = lead.cap && PREPOSITIONS.has(lead.lc); // "To Florida consultant Wilson, …"
    const person = asPerson(split.name, toks[split.nameStart].start);
    if (!person) continue;
    if (governed || ledByPreposition) {
      fallback ??= person;
      continue;
    }
    return person;
  }
  return null;
  }
}

function attributeCjk(
  story: Story,
  group: Piece[],
  previous: { paragraph: number; speaker: string | null; role: string | null; inherited: boolean } | null,
): Attributed {
  const first = firstSpan(group[0]);
  const last = lastSpan(group[group.length - 1]);
  const p = story.paragraphs[first.paragraph];
  const lp = story.paragraphs[last.paragraph];
  const after = last.closed ? lp.slice(last.after, last.after + 60) : '';
  const sentenceStart = Math.max(p.lastIndexOf('。', first.open - 1), p.lastIndexOf('！', first.open - 1), p.lastIndexOf('？', first.open - 1)) + 1;
  // "丹尼尔·霍特(Daniel Huot)表示：": the parenthesis is no part of the attribution
  const before = p.slice(Math.max(sentenceStart, first.open - 80), first.open).replace(/[（(][^（）()]{0,40}[)）]/gu, '');
  const ja = story.lang === 'ja' || /[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(p);
  let raw: string | undefined;
  let found = false;
  if (ja) {
    const m = JA_AFTER.exec(after);
    if (m) {
      found = true;
      raw = m[1] ?? JA_BEFORE.exec(before)?.[1];
    } else {
      const b = JA_BEFORE.exec(before);
      if (b && /[:：]\s*$|と述べ|と語/.test(before)) {
        found = true;
        raw = b[1];
      }
    }
  } else {
    const m = ZH_AFTER.exec(after);
    if (m) {
      found = true;
      raw = m[1];
    } else {
      const b = ZH_BEFORE.exec(before);
      if (b) {
        found = true;
        raw = b[1];
      }
    }
  }
  const sp = found ? cjkSpeaker(raw) : null;
  if (sp?.kind === 'name') return { speaker: sp.name, role: sp.role, inherited: false };
  if (sp?.kind === 'pronoun' || (found && !sp)) {
    // 他说 / 彼は: the speaker last named
    if (previous?.speaker && previous.paragraph >= first.paragraph - 2) return { speaker: previous.speaker, role: null, inherited: true };
    const named = lastCjkName(story, first.paragraph, first.open);
    return { speaker: named, role: null, inherited: false };
  }
  if (!found) {
    // "他表示，在国内读本科时……。“出国前……”": an attribution earlier in the paragraph
    const earlier = [...p.slice(0, first.open).matchAll(ZH_ANY)].pop();
    const e = earlier && !ja ? cjkSpeaker(earlier[1]) : null;
    if (e?.kind === 'name') return { speaker: e.name, role: null, inherited: true };
    if (e?.kind === 'pronoun') return { speaker: lastCjkName(story, first.paragraph, earlier!.index), role: null, inherited: true };
  }
  if (!found && previous?.speaker && previous.paragraph >= first.paragraph - 1) {
    const standsAlone = !/[\p{L}]/u.test(p.slice(0, first.open));
    if (standsAlone || previous.paragraph === first.paragraph) return { speaker: previous.speaker, role: null, inherited: true };
  }
  return { speaker: null, role: null, inherited: false };
}

/** The last "名·名" or "Name" mentioned before a position in CJK text (a pronoun's referent), or null. */
function lastCjkName(story: Story, paragraph: number, offset: number): string | null {
  for (let i = paragraph; i >= 0 && i >= paragraph - 2; i--) {
    const text = i === paragraph ? story.paragraphs[i].slice(0, offset) : story.paragraphs[i];
    const all = [...text.matchAll(/[\p{Script=Han}]{1,6}·[\p{Script=Han}]{1,8}/gu)];
    if (all.length) {
      const sp = cjkSpeaker(all[all.length - 1][0]); // "荣誉教授戴夫·汉森" -> "戴夫·汉森"
      return sp?.kind === 'name' ? sp.name : all[all.length - 1][0];
    }
    const said = [...text.matchAll(new RegExp(`([^，。：:“”「」『』；！？\\s]{2,12}?)${ZH_ADVERBS}${ZH_VERBS}`, 'gu'))];
    for (let k = said.length - 1; k >= 0; k--) {
      const sp = cjkSpeaker(said[k][1]);
      if (sp?.kind === 'name') return sp.name;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Key quotes

/** Marks the `count` quotes most worth showing as key (in story order). */
export function markKeyQuotes(quotes: Quote[], count = 3): Quote[] {
  const last = Math.max(1, ...quotes.map((q) => q.paragraph));
  const base = quotes.map((q) => {
    const words = quoteWords(q.text);
    let score = 0;
    if (q.speaker) score += 3;
    // substance: 12-60 words is a full thought; fragments and walls of text score lower
    score += Math.min(words, 40) / 20;
    if (words > 90) score -= 0.5;
    // earlier in the story is usually more important
    score += 1.5 * (1 - q.paragraph / last);
    return score;
  });
  // Every quote gets its turn, so the popup can show any number of key quotes without this module.
  const chosen = new Set<number>();
  const bySpeaker = new Map<string, number>();
  while (chosen.size < quotes.length) {
    let best = -1;
    let bestScore = -Infinity;
    quotes.forEach((q, i) => {
      if (chosen.has(i)) return;
      const seen = q.speaker ? bySpeaker.get(q.speaker) ?? 0 : 0;
      const s = base[i] - 2 * seen; // a second quote of the same person must be clearly better than another voice
      if (s > bestScore) {
        bestScore = s;
        best = i;
      }
    });
    chosen.add(best);
    const sp = quotes[best].speaker;
    if (sp) bySpeaker.set(sp, (bySpeaker.get(sp) ?? 0) + 1);
  }
  const rank = new Map([...chosen].map((i, turn) => [i, turn]));
  return withKeyQuotes(
    quotes.map((q, i) => ({ ...q, rank: rank.get(i)! })),
    count,
  );
}
