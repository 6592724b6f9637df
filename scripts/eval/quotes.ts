// Key quotes: quotation finding and speaker attribution on PolNeAR (English, hand-annotated attributions), split
// into dev/test halves by sha256 of the article id, next to two baselines computed here; then what the pipeline
// finds on the non-English corpus articles (no gold there: counts and examples).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../utils/analysis/analyze';
import { findQuoteSpans, MIN_QUOTE_WORDS, quoteWords } from '../../utils/analysis/quotes';
import { loadCorpus } from '../lib/corpus';
import { parseHtml } from '../lib/dom';

interface Span {
  start: number;
  end: number;
  text: string;
}

interface Attribution {
  source?: Span[];
  cue?: Span[];
  content?: Span[];
  quote_type: 'direct' | 'mixed' | 'indirect' | 'none';
}

interface Article {
  id: string;
  publisher: string;
  text: string;
  attributions: Attribution[];
}

interface Range {
  start: number;
  end: number;
}

interface Predicted {
  ranges: Range[];
  speaker: string | null;
}

// ------------------------------------------------------------------------------------------------------------
// PolNeAR

const PRONOUNS = new Set(['he', 'she', 'they', 'him', 'her', 'i', 'we', 'it', 'his', 'them']);
const NOT_NAME_TOKENS = new Set(
  ('the a an his her their its this that these those one some said says president sen rep gov mr mrs ms dr ' +
    'senator representative governor speaker secretary former republican democratic democrat gop campaign ' +
    'spokesman spokeswoman spokesperson aide adviser advisor official officials chairman leader candidate nominee ' +
    'house white state senate u.s. us american and of for in on at to with from by said source sources report statement ' +
    'rep. sen. gov. mr. mrs. ms. dr. gen. vice chief justice judge')
    .split(' '),
);

/** Capitalised tokens of a source span that can name someone ("Rep. Tom Cole of Oklahoma" -> tom, cole, oklahoma). */
function nameTokens(s: string): string[] {
  return (s.match(/\p{Lu}[\p{L}'’.-]*/gu) ?? [])
    .map((w) => w.replace(/['’]s$/, '').replace(/\.$/, '').toLowerCase())
    .filter((w) => w.length > 1 && !NOT_NAME_TOKENS.has(w) && !NOT_NAME_TOKENS.has(w + '.'));
}

function tokensOf(s: string | null): string[] {
  return (s?.match(/[\p{L}'’.-]+/gu) ?? []).map((w) => w.replace(/['’]s$/, '').replace(/\.$/, '').toLowerCase());
}

const total = (rs: Range[]) => rs.reduce((n, r) => n + (r.end - r.start), 0);

function overlap(a: Range[], b: Range[]): number {
  let n = 0;
  for (const x of a) for (const y of b) n += Math.max(0, Math.min(x.end, y.end) - Math.max(x.start, y.start));
  return n;
}

/** A found quote matches a gold one when they overlap by at least half of the shorter. */
const matches = (a: Range[], b: Range[]) => overlap(a, b) >= 0.5 * Math.min(total(a), total(b));

function paragraphsOf(text: string): { paragraphs: string[]; offsets: number[] } {
  const paragraphs: string[] = [];
  const offsets: number[] = [];
  for (const m of text.matchAll(/[^\n]+/g)) {
    const lead = m[0].length - m[0].trimStart().length;
    const t = m[0].trim();
    if (!t) continue;
    paragraphs.push(t);
    offsets.push(m.index + lead);
  }
  return { paragraphs, offsets };
}

/** The source label names someone ("Priebus", "Santilli's attorney, Thomas Coan,"), rather than describing them. */
function namedSource(source: string): boolean {
  const s = source.trim();
  if (nameTokens(s).length === 0) return false;
  if (/^(a|an|one|some|two|three)\s/i.test(s)) return false; // "a longtime adviser to Trump"
  const head = s.split(',')[0].trim();
  return !(/^the\s/i.test(head) && /\s\p{Ll}[\p{L}-]*$/u.test(head)); // "the New Jersey governor"
}

/** Ranges of the article inside double quotation marks (mentions there are not what a pronoun refers to). */
function quotedRanges(text: string): Range[] {
  return [...text.matchAll(/[“"][^“”"\n]*[”"]/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

const NOT_PERSON_WORDS = new Set(
  ('party association committee news patriots democrats republicans campaign department house university post times ' +
    'council coalition group foundation union senate congress court state states street county city america ' +
    'american americans north south east west new united national republican democratic supreme white fox ' +
    'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august ' +
    'september october november december the a an but and in on at for to of as he she it they we this that')
    .split(' '),
);

/**
 * Gold speakers for pronoun sources ("he said"), judged by proxy: the nearest full name (two or three capitalised
 * words that are no place or organisation) mentioned before the pronoun outside quotation marks, or the surname
 * of a full name given earlier.
 */
function resolvePronoun(a: Article, at: number): string[] | null {
  const quoted = quotedRanges(a.text);
  const people = new Map<string, string[]>(); // surname -> full name tokens
  let best: { pos: number; tokens: string[] } | null = null;
  const run = /\p{Lu}[\p{L}'’-]+(?:\s+(?:\p{Lu}\.|\p{Lu}[\p{L}'’-]+))*/gu;
  for (const m of a.text.slice(0, at).matchAll(run)) {
    if (quoted.some((r) => m.index >= r.start && m.index < r.end)) continue;
    const words = m[0].split(/\s+/).map((w) => w.replace(/['’]s$/, ''));
    while (words.length && NOT_PERSON_WORDS.has(words[0].toLowerCase())) words.shift();
    if (words.length === 0 || words.some((w) => NOT_PERSON_WORDS.has(w.toLowerCase()))) continue;
    const lc = words.map((w) => w.toLowerCase());
    if (words.length >= 2 && words.length <= 3) {
      people.set(lc[lc.length - 1], lc);
      best = { pos: m.index, tokens: lc };
    } else if (words.length === 1 && people.has(lc[0])) {
      best = { pos: m.index, tokens: people.get(lc[0])! };
    }
  }
  return best?.tokens ?? null;
}

/** Second proxy for pronoun sources: the nearest attribution before it whose labelled source is a name. */
function lastNamedSource(a: Article, at: number): string[] | null {
  let best: { pos: number; tokens: string[] } | null = null;
  for (const x of a.attributions) {
    for (const s of x.source ?? []) {
      if (s.start >= at || !namedSource(s.text)) continue;
      if (!best || s.start > best.pos) best = { pos: s.start, tokens: nameTokens(s.text) };
    }
  }
  return best?.tokens ?? null;
}

interface Counts {
  gold: number;
  recalled: number;
  found: number;
  truePositive: number;
  falsePositive: number;
  unjudged: number;
  nameTotal: number;
  nameRight: number;
  pronounTotal: number;
  pronounRight: number;
  pronounRight2: number;
  otherTotal: number;
  baseNameRight: number;
  basePronounRight: number;
  regexFound: number;
  regexTP: number;
  regexFP: number;
  regexRecalled: number;
  misses: string[];
  falses: string[];
  wrongSpeakers: string[];
  baseWrong: string[];
  ms: number[];
}

const emptyCounts = (): Counts => ({
  gold: 0,
  recalled: 0,
  found: 0,
  truePositive: 0,
  falsePositive: 0,
  unjudged: 0,
  nameTotal: 0,
  nameRight: 0,
  pronounTotal: 0,
  pronounRight: 0,
  pronounRight2: 0,
  otherTotal: 0,
  baseNameRight: 0,
  basePronounRight: 0,
  regexFound: 0,
  regexTP: 0,
  regexFP: 0,
  regexRecalled: 0,
  misses: [],
  falses: [],
  wrongSpeakers: [],
  baseWrong: [],
  ms: [],
});

const contentRanges = (x: Attribution): Range[] => (x.content ?? []).map((c) => ({ start: c.start, end: c.end }));

/** Where each part of a found quote lies in the article text. */
function locate(q: { spans: { paragraph: number; start: number; end: number }[] }, offsets: number[]): Range[] {
  return q.spans.map((s) => ({ start: offsets[s.paragraph] + s.start, end: offsets[s.paragraph] + s.end }));
}

// Baseline (a): the text between two double quote marks.
function regexQuotes(paragraphs: string[], offsets: number[]): Range[][] {
  const out: Range[][] = [];
  paragraphs.forEach((p, i) => {
    for (const m of p.matchAll(/["“]([^"“”]+)["”]/g)) {
      if (quoteWords(m[1]) < MIN_QUOTE_WORDS) continue;
      out.push([{ start: offsets[i] + m.index + 1, end: offsets[i] + m.index + 1 + m[1].length }]);
    }
  });
  return out;
}

// Baseline (b): the capitalised name nearest to a speech verb in the sentence after the quotation, else before it.
const BASE_VERB = /\b(?:said|says|told|added|asked|wrote|explained|noted|argued|insisted|continued|stated|declared|according to)\b/g;
const BASE_NAME = /\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+)*/gu;
const BASE_SKIP = new Set(['The', 'But', 'And', 'In', 'He', 'She', 'They', 'It', 'We', 'I', 'A', 'This', 'That', 'On', 'At', 'As']);
function regexSpeaker(text: string, r: Range[]): string | null {
  const nearest = (s: string, verbs: RegExpExecArray[]) => {
    for (const v of verbs) {
      let best: { d: number; n: string } | null = null;
      for (const m of s.matchAll(BASE_NAME)) {
        if (BASE_SKIP.has(m[0])) continue;
        const d = m.index >= v.index ? m.index - (v.index + v[0].length) : v.index - (m.index + m[0].length);
        if (d < 0 || d > 40) continue;
        if (!best || d < best.d) best = { d, n: m[0] };
      }
      if (best) return best.n;
    }
    return null;
  };
  for (const part of r) {
    const after = text.slice(part.end, part.end + 120).split(/[.!?]\s|\n/)[0];
    const found = nearest(after, [...after.matchAll(BASE_VERB)]);
    if (found) return found;
  }
  const start = r[0].start;
  const before = text.slice(Math.max(0, start - 150), start).split(/[.!?]\s|\n/).pop() ?? '';
  return nearest(before, [...before.matchAll(BASE_VERB)].reverse());
}

function speakerRight(predicted: string | null, gold: string[] | null): boolean {
  if (!predicted || !gold || gold.length === 0) return false;
  const p = new Set(tokensOf(predicted));
  return gold.some((t) => p.has(t));
}

function evaluateArticle(a: Article, c: Counts): void {
  const { paragraphs, offsets } = paragraphsOf(a.text);
  // time: the best of three runs (the machine may be busy; the first run of all also pays for compilation)
  let found = findQuoteSpans(paragraphs, 'en');
  let best = Infinity;
  for (let run = 0; run < 3; run++) {
    const t0 = performance.now();
    found = findQuoteSpans(paragraphs, 'en');
    best = Math.min(best, performance.now() - t0);
  }
  c.ms.push(best);
  const predicted: Predicted[] = found.map((q) => ({ ranges: locate(q, offsets), speaker: q.speaker }));

  const quoted = a.attributions.filter((x) => x.quote_type === 'direct' || x.quote_type === 'mixed');
  const gold = a.attributions.filter(
    (x) => x.quote_type === 'direct' && quoteWords((x.content ?? []).map((s) => s.text).join(' ')) >= MIN_QUOTE_WORDS,
  );
  const anyContent = a.attributions.map(contentRanges).filter((r) => r.length > 0);

  // recall and speakers
  for (const g of gold) {
    const gr = contentRanges(g);
    c.gold++;
    const hit = predicted
      .filter((p) => matches(p.ranges, gr))
      .sort((x, y) => overlap(y.ranges, gr) - overlap(x.ranges, gr))[0];
    const sourceText = (g.source ?? []).map((s) => s.text).join(' ');
    if (!hit) {
      c.misses.push(`${a.id.slice(8, 40)}: ${(g.content ?? []).map((s) => s.text).join(' | ').slice(0, 110)}`);
    } else {
      c.recalled++;
      const src = sourceText.trim().toLowerCase();
      const names = nameTokens(sourceText);
      const base = regexSpeaker(a.text, gr);
      if (namedSource(sourceText)) {
        c.nameTotal++;
        if (speakerRight(hit.speaker, names)) c.nameRight++;
        else c.wrongSpeakers.push(`${a.id.slice(8, 40)} [${sourceText}] -> ${hit.speaker}`);
        if (speakerRight(base, names)) c.baseNameRight++;
        else c.baseWrong.push(`${a.id.slice(8, 40)} [${sourceText}] -> ${base}`);
      } else if (PRONOUNS.has(src)) {
        c.pronounTotal++;
        const at = g.source?.[0]?.start ?? gr[0].start;
        const resolved = resolvePronoun(a, Math.min(at, gr[0].start));
        if (speakerRight(hit.speaker, resolved)) c.pronounRight++;
        if (speakerRight(hit.speaker, lastNamedSource(a, Math.min(at, gr[0].start)))) c.pronounRight2++;
        const second = lastNamedSource(a, Math.min(at, gr[0].start));
        if (!speakerRight(hit.speaker, resolved) && !speakerRight(hit.speaker, second))
          c.wrongSpeakers.push(`${a.id.slice(8, 40)} [${sourceText} = ${resolved?.join(' ')} / ${second?.join(' ')}] -> ${hit.speaker}`);
        if (speakerRight(base, resolved)) c.basePronounRight++;
      } else c.otherTotal++;
    }
    if (regexQuotes(paragraphs, offsets).some((r) => matches(r, gr))) c.regexRecalled++;
  }

  // precision
  const judge = (ranges: Range[]): 'tp' | 'fp' | 'unjudged' => {
    if (quoted.some((g) => matches(ranges, contentRanges(g)))) return 'tp';
    if (anyContent.some((g) => overlap(ranges, g) >= 0.5 * total(ranges))) return 'unjudged'; // inside an annotated content span
    return 'fp';
  };
  for (const p of predicted) {
    c.found++;
    const j = judge(p.ranges);
    if (j === 'tp') c.truePositive++;
    else if (j === 'fp') {
      c.falsePositive++;
      c.falses.push(`${a.id.slice(8, 40)}: ${a.text.slice(p.ranges[0].start, p.ranges[0].end).slice(0, 110)}`);
    } else c.unjudged++;
  }
  for (const r of regexQuotes(paragraphs, offsets)) {
    c.regexFound++;
    const j = judge(r);
    if (j === 'tp') c.regexTP++;
    else if (j === 'fp') c.regexFP++;
  }
}

const pct = (n: number, d: number) => (d === 0 ? '   –' : (n / d).toFixed(2));

function row(cells: (string | number)[], widths: number[]): string {
  return cells.map((c, i) => String(c).padStart(widths[i])).join('  ');
}

function printPolnear(halves: Record<string, Counts>, verbose: boolean): void {
  const w = [22, 8, 8];
  console.log(row(['PolNeAR', 'dev', 'test'], w));
  const line = (label: string, f: (c: Counts) => string) => console.log(row([label, f(halves.dev), f(halves.test)], w));
  line('articles / gold quotes', (c) => `${c.ms.length}/${c.gold}`);
  line('recall', (c) => pct(c.recalled, c.gold));
  line('precision', (c) => pct(c.truePositive, c.truePositive + c.falsePositive));
  line('  found / not judged', (c) => `${c.found}/${c.unjudged}`);
  line('speaker (named)', (c) => `${pct(c.nameRight, c.nameTotal)}`);
  line('speaker (pronoun)', (c) => `${pct(c.pronounRight, c.pronounTotal)}`);
  line('  by last named source', (c) => `${pct(c.pronounRight2, c.pronounTotal)}`);
  line('  judged named/pron', (c) => `${c.nameTotal}/${c.pronounTotal}`);
  line('baseline recall', (c) => pct(c.regexRecalled, c.gold));
  line('baseline precision', (c) => pct(c.regexTP, c.regexTP + c.regexFP));
  line('baseline spk (named)', (c) => pct(c.baseNameRight, c.nameTotal));
  line('baseline spk (pronoun)', (c) => pct(c.basePronounRight, c.pronounTotal));
  line('ms/article median', (c) => median(c.ms).toFixed(2));
  line('ms/article max', (c) => (c.ms.length ? Math.max(...c.ms).toFixed(2) : '–'));
  console.log(
    `gold = "direct" attributions of >= ${MIN_QUOTE_WORDS} words; match = overlap >= half the shorter (character offsets).\n` +
      'precision: a found quote is right if it matches a direct or mixed attribution; one that matches none but lies\n' +
      '  inside an annotated content span (a part of a quote, or a quote inside a paraphrase) is not judged; any other\n' +
      '  counts as wrong, although PolNeAR leaves some real quotes unannotated (so precision is a lower bound).\n' +
      'speaker (named): the predicted speaker shares a name token with the labelled source. speaker (pronoun): the\n' +
      '  pronoun is resolved, for judging, to the nearest full name (or the surname of one given earlier) mentioned\n' +
      '  before it outside quotation marks: a proxy, wrong when the pronoun skips over a nearer name; and, second,\n' +
      '  to the nearest source before it that the annotators labelled with a name.\n' +
      'baselines: (a) text between double quote marks, >= 5 words; (b) the capitalised words nearest a speech verb\n' +
      '  next to the quote.',
  );
  for (const [name, c] of Object.entries(halves)) {
    if (!verbose && name === 'test') continue;
    const show = (title: string, list: string[]) => {
      if (list.length === 0) return;
      console.log(`${name} ${title} (${list.length}):`);
      for (const s of list.slice(0, verbose ? 100 : 4)) console.log(`  ${s}`);
    };
    show('missed', c.misses);
    show('counted as not quotes', c.falses);
    show('wrong speakers', c.wrongSpeakers);
    if (verbose) show('baseline wrong speakers', c.baseWrong);
  }
}

// ------------------------------------------------------------------------------------------------------------
// Non-English corpus articles

function evaluateCorpus(corpusDir: string, verbose: boolean): void {
  const pages = loadCorpus(corpusDir).filter((p) => p.truth.isArticle && p.truth.lang !== 'en' && p.truth.lang !== 'und');
  const byLang = new Map<string, { pages: number; withQuotes: number; quotes: number; speaker: number; examples: string[] }>();
  const times: number[] = [];
  for (const p of pages) {
    const url = p.truth.url ?? `https://corpus.invalid/${p.id}`;
    const a = analyze(parseHtml(p.html(), url), url, { force: true });
    let best = Infinity;
    for (let run = 0; run < 3; run++) {
      const t0 = performance.now();
      findQuoteSpans(a.paragraphs, a.lang);
      best = Math.min(best, performance.now() - t0);
    }
    times.push(best);
    const lang = p.truth.lang;
    const s = byLang.get(lang) ?? { pages: 0, withQuotes: 0, quotes: 0, speaker: 0, examples: [] };
    s.pages++;
    if (a.quotes.length) s.withQuotes++;
    s.quotes += a.quotes.length;
    s.speaker += a.quotes.filter((q) => q.speaker).length;
    for (const q of a.quotes.filter((x) => x.key).slice(0, verbose ? 10 : 1)) {
      s.examples.push(`${p.id}: ${q.speaker ?? '(no speaker)'}${q.role ? ` [${q.role}]` : ''}: ${q.text.slice(0, 70)}`);
    }
    byLang.set(lang, s);
  }
  const w = [6, 6, 8, 7, 9];
  console.log(`\nnon-English corpus articles (${pages.length}): quotes found, no gold`);
  console.log(row(['lang', 'pages', 'w/quote', 'quotes', 'w/speaker'], w));
  const langs = [...byLang.keys()].sort((x, y) => byLang.get(y)!.quotes - byLang.get(x)!.quotes || x.localeCompare(y));
  for (const l of langs) {
    const s = byLang.get(l)!;
    console.log(row([l, s.pages, s.withQuotes, s.quotes, s.speaker], w));
  }
  console.log(`findQuotes ms/article (best of 3): median ${median(times).toFixed(2)}, max ${Math.max(...times).toFixed(2)}`);
  console.log('examples (a key quote per page):');
  let shown = 0;
  for (const l of langs) {
    for (const e of byLang.get(l)!.examples.slice(0, verbose ? 100 : 2)) {
      if (!verbose && shown >= 12) break;
      console.log(`  ${e}`);
      shown++;
    }
  }
}

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function evaluate(ctx: { corpus: string; summaries: string; quotes: string }): Promise<void> {
  const verbose = process.env.QUOTES_VERBOSE === '1';
  const file = join(ctx.quotes, 'polnear', 'articles.jsonl');
  if (!existsSync(file)) console.log(`no PolNeAR sample at ${file}`);
  else {
    const articles = readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Article);
    const halves: Record<string, Counts> = { dev: emptyCounts(), test: emptyCounts() };
    for (const a of articles) {
      const half = createHash('sha256').update(a.id).digest()[0] % 2 === 0 ? 'dev' : 'test';
      evaluateArticle(a, halves[half]);
    }
    printPolnear(halves, verbose);
  }
  if (process.env.QUOTES_SKIP_CORPUS !== '1') evaluateCorpus(ctx.corpus, verbose);
}
