// Extractive summary: sentences of the story as written, in story order.
//
// Every candidate sentence of the first paragraphs (up to MAX_SENTENCES) gets a score that mixes
//   - the lead: the first sentence, and the next while the lead is under `leadWords` words, and the rest of the lead
//     paragraph (a news story puts its summary first);
//   - centrality: PageRank over the tf-idf cosine graph of the sentences (TextRank), teleporting towards the top of
//     the story and towards sentences close to the headline and dek (position-biased PageRank);
//   - closeness to the headline and to the publisher's dek (when the dek is not a copy of a body sentence);
//   - a light preference for longer sentences and against sentences that are mostly quotation;
// then sentences are picked greedily with a redundancy penalty (maximal marginal relevance, near-duplicates skipped)
// and given back in story order. Words come from Intl.Segmenter, so the same code serves every language; words common
// in the article weigh little through the article's own document frequencies, instead of per-language stopwords.
// Fragments (too short, datelines, calls to action, links, captions, questions) are never picked.
//
// The weights were fitted on development data only: the dev half of the BBC News Summary sample (precision against
// the reference sentences, next to TextRank) together with the shared corpus's articles that carry a publisher
// description (ROUGE-1 recall against it, next to LEAD-3), choosing a point whose neighbours score as well
// (`npm run eval -- --only summary` prints both, with the held-out BBC half).
import { sentences, words } from './segment';
import type { SummaryPick } from './types';

export interface SummaryInput {
  title: string | null;
  /** The publisher's dek or description, when it is not a copy of a body sentence. */
  description?: string | null;
  paragraphs: string[];
  lang: string | null;
}

export interface SummaryWeights {
  /** Weight of the position score 1 / (1 + index / positionScale). */
  position: number;
  positionScale: number;
  /** Extra for the first candidate sentence of the story. */
  first: number;
  /** The lead runs on past its first sentence while it has fewer words than this (a short hook is not a lead). */
  leadWords: number;
  /** Extra for the lead's sentences after the first. */
  lead: number;
  /** Extra for the other sentences of the lead paragraph (the paragraph of the first candidate). */
  leadParagraph: number;
  /** Share of PageRank's teleport prior that follows the position score (0: uniform, as in plain TextRank). */
  personal: number;
  /** How much closeness to the headline and dek adds to that teleport prior. */
  personalTitle: number;
  /** Weight of the centrality (PageRank scaled to max 1 within the article). */
  centrality: number;
  /** Weight of cosine similarity to the headline. */
  title: number;
  /** Weight of cosine similarity to the dek / description. */
  description: number;
  /** Weight of sentence length (log of words, scaled to max 1). */
  length: number;
  /** Penalty for a sentence that is mostly a quotation. */
  quote: number;
  /** MMR: penalty times the highest similarity to a sentence already chosen. */
  redundancy: number;
  /** Prefix length tokens are cut to (a crude, language-blind stemmer); 0 keeps them whole. */
  stem: number;
}

export const DEFAULT_WEIGHTS: SummaryWeights = {
  position: 1,
  positionScale: 8,
  first: 1.5,
  leadWords: 15,
  lead: 1.5,
  leadParagraph: 1.5,
  personal: 0.8,
  personalTitle: 0.5,
  centrality: 3,
  title: 0.5,
  description: 0.5,
  length: 0.25,
  quote: 0.2,
  redundancy: 0.25,
  stem: 8,
};

/** Cosine similarity above which a sentence repeats one already chosen. */
const NEAR_DUPLICATE = 0.6;

/** The graph is built over the first sentences only: the content script's budget is a millisecond or two. */
export const MAX_SENTENCES = 60;

export function summarise(input: SummaryInput, count = 3): string[] {
  return select(prepare(input, DEFAULT_WEIGHTS.stem), count, DEFAULT_WEIGHTS);
}

/**
 * The summary for every length up to `longest`, measured once: the sentences the longest summary holds, in story
 * order, each with the turn the ranking picked it (picks are greedy, so a shorter summary is the first picks of a
 * longer one). picks.ts reads a summary of any length out of them without this module.
 */
export function rankSummary(input: SummaryInput, longest: number): SummaryPick[] {
  const p = prepare(input, DEFAULT_WEIGHTS.stem);
  const order = pickOrder(p, longest, DEFAULT_WEIGHTS);
  const rank = new Map(order.map((k, turn) => [k, turn]));
  return [...order].sort((a, b) => a - b).map((k) => ({ sentence: p.text[k], rank: rank.get(k)! }));
}

/** The article measured once: candidate sentences and every feature the weights combine. */
export interface Prepared {
  /** Candidate sentences (fragments left out), in story order. */
  text: string[];
  /** Index of each candidate among all the sentences of the window. */
  index: number[];
  /** Paragraph of each candidate. */
  paragraph: number[];
  /** Cosine similarity between candidates (tf-idf vectors). */
  sim: number[][];
  /** Cosine similarity of each candidate to the headline, and to the dek (0 without one). */
  title: number[];
  description: number[];
  /** log(1 + words), scaled to max 1. */
  length: number[];
  /** Words of each candidate. */
  words: number[];
  /** Share of each candidate inside quotation marks. */
  quote: number[];
}

export function prepare(input: SummaryInput, stem: number): Prepared {
  const lang = input.lang;
  const all: string[] = [];
  const paras: number[] = [];
  const where: Placement[] = [];
  for (const [pi, p] of input.paragraphs.entries()) {
    const list = sentences(p, lang);
    for (const s of list) {
      all.push(s);
      paras.push(pi);
      where.push({ alone: list.length === 1, firstParagraph: pi === 0 });
      if (all.length >= MAX_SENTENCES) break;
    }
    if (all.length >= MAX_SENTENCES) break;
  }
  const unpunctuated = all.filter((s) => TERMINAL.test(s)).length < all.length / 2;
  // Word segmentation is the costly step: once per sentence, for the fragment rules and the vectors alike.
  const segmented = all.map((s) => words(s, lang));
  const keep = all
    .map((_, i) => i)
    .filter((i) => !isFragment(all[i], lang, { ...where[i], unpunctuated }, segmented[i]));

  // Tokenise once, terms as integer ids; document frequency over every sentence of the window (fragments are text
  // of the story too), so the article's own common words weigh little in any language.
  const ids = new Map<string, number>();
  const toks = all.map((s, i) =>
    tokens(s, lang, stem, segmented[i]).map((t) => {
      let id = ids.get(t);
      if (id === undefined) ids.set(t, (id = ids.size));
      return id;
    }),
  );
  const n = all.length;
  const nTerms = ids.size;
  const df = new Float64Array(nTerms);
  const seen = new Int32Array(nTerms).fill(-1);
  toks.forEach((t, i) => {
    for (const id of t) if (seen[id] !== i) (seen[id] = i), df[id]++;
  });
  const idf = (id: number) => Math.log((n + 1) / (id < nTerms ? df[id] : 0.5));

  // Candidate vectors: (1 + log tf) * idf, unit length, as sparse id/value arrays. Similarities by scattering one
  // vector into a dense scratch row and reading the others against it.
  const m = keep.length;
  const vecs = keep.map((i) => unitVector(toks[i], idf));
  const scratch = new Float64Array(nTerms + 1);
  const put = (v: Vector, on: boolean) => {
    for (let j = 0; j < v.ids.length; j++) scratch[v.ids[j]] = on ? v.values[j] : 0;
  };
  const against = (v: Vector) => {
    let sum = 0;
    for (let j = 0; j < v.ids.length; j++) sum += v.values[j] * scratch[v.ids[j]];
    return sum;
  };
  const sim: number[][] = keep.map(() => new Array<number>(m).fill(0));
  for (let a = 0; a < m; a++) {
    put(vecs[a], true);
    for (let b = a + 1; b < m; b++) sim[a][b] = sim[b][a] = against(vecs[b]);
    put(vecs[a], false);
  }
  const closeness = (v: Vector | null) => {
    if (!v) return vecs.map(() => 0);
    put(v, true);
    scratch[nTerms] = 0; // words of the headline the article never uses match nothing
    const out = vecs.map(against);
    put(v, false);
    return out;
  };
  // Headline and dek: their words the article never uses get an id past the vocabulary (they match nothing).
  const external = (text: string) =>
    unitVector(
      tokens(text, lang, stem).map((t) => ids.get(t) ?? nTerms),
      idf,
    );
  const titleVec = input.title ? external(input.title) : null;
  const desc = input.description && !copiesBody(input.description, all) ? input.description : null;
  const descVec = desc ? external(desc) : null;
  return {
    text: keep.map((i) => all[i]),
    index: keep,
    paragraph: keep.map((i) => paras[i]),
    sim,
    title: closeness(titleVec),
    description: closeness(descVec),
    length: scaled(keep.map((i) => Math.log(1 + toks[i].length))),
    words: keep.map((i) => toks[i].length),
    quote: keep.map((i) => quoteShare(all[i])),
  };
}

/** The `count` best candidates by weighted score with maximal marginal relevance, in story order. */
export function select(p: Prepared, count: number, w: SummaryWeights): string[] {
  if (p.text.length <= count) return [...p.text];
  return pickOrder(p, count, w)
    .sort((a, b) => a - b)
    .map((k) => p.text[k]);
}

/** Candidates in the order the ranking picks them, at most `count`. */
function pickOrder(p: Prepared, count: number, w: SummaryWeights): number[] {
  const m = p.text.length;
  if (count <= 0) return [];
  const first = p.index[0];
  // The lead: the first candidate, and the next ones while the lead is shorter than `leadWords`.
  const inLead = p.text.map(() => false);
  for (let k = 0, total = 0; k < m && (k === 0 || total < w.leadWords); k++) {
    inLead[k] = true;
    total += p.words[k];
  }
  const prior = p.index.map(
    (i, k) => 1 - w.personal + w.personal / (1 + i / w.positionScale) + w.personalTitle * (p.title[k] + p.description[k]),
  );
  const rank = scaled(pageRank(p.sim, prior));
  const score = p.text.map(
    (_, k) =>
      w.position / (1 + p.index[k] / w.positionScale) +
      (k === 0 ? w.first : inLead[k] ? w.lead : 0) +
      (p.paragraph[k] === p.paragraph[0] && p.index[k] !== first ? w.leadParagraph : 0) +
      w.centrality * rank[k] +
      w.title * p.title[k] +
      w.description * p.description[k] +
      w.length * p.length[k] -
      w.quote * p.quote[k],
  );
  // Maximal marginal relevance: the best score, less the closest likeness to what is already chosen.
  const chosen: number[] = [];
  const left = new Set(p.text.keys());
  while (chosen.length < count && left.size) {
    let best = -1;
    let bestValue = -Infinity;
    for (const k of left) {
      let overlap = 0;
      for (const c of chosen) overlap = Math.max(overlap, p.sim[k][c]);
      if (overlap > NEAR_DUPLICATE) continue; // says again what a chosen sentence says
      const value = score[k] - w.redundancy * overlap;
      if (value > bestValue) {
        bestValue = value;
        best = k;
      }
    }
    if (best < 0) break;
    chosen.push(best);
    left.delete(best);
  }
  // With fewer candidates than asked for, every one is in (a near-duplicate of a chosen one too), picked last.
  if (m <= count) for (const k of left) chosen.push(k);
  return chosen;
}

/** For experiments: the summary under other weights. */
export function summariseWith(input: SummaryInput, count: number, w: SummaryWeights): string[] {
  return select(prepare(input, w.stem), count, w);
}

function scaled(xs: number[]): number[] {
  const max = Math.max(0, ...xs);
  return max > 0 ? xs.map((x) => x / max) : xs.map(() => 0);
}

interface Vector {
  ids: Int32Array;
  values: Float64Array;
}

/** tf-idf vector of term ids, (1 + log tf) * idf, unit length. */
function unitVector(terms: number[], idf: (id: number) => number): Vector {
  const tf = new Map<number, number>();
  for (const id of terms) tf.set(id, (tf.get(id) ?? 0) + 1);
  const ids = new Int32Array(tf.size);
  const values = new Float64Array(tf.size);
  let norm = 0;
  let j = 0;
  for (const [id, c] of tf) {
    const x = (1 + Math.log(c)) * idf(id);
    ids[j] = id;
    values[j++] = x;
    norm += x * x;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (let k = 0; k < values.length; k++) values[k] /= norm;
  return { ids, values };
}

/** PageRank over a weighted, undirected similarity graph (damping 0.85), teleporting in proportion to `prior`. */
function pageRank(sim: number[][], prior: number[]): number[] {
  const n = sim.length;
  const out = sim.map((row) => row.reduce((a, b) => a + b, 0));
  const total = prior.reduce((a, b) => a + b, 0) || 1;
  const teleport = prior.map((x) => (0.15 * x) / total);
  let r = new Array<number>(n).fill(1 / n);
  for (let it = 0; it < 30; it++) {
    const next = [...teleport];
    for (let j = 0; j < n; j++) {
      if (out[j] === 0) continue;
      const share = (0.85 * r[j]) / out[j];
      const row = sim[j];
      for (let i = 0; i < n; i++) next[i] += row[i] * share;
    }
    r = next;
  }
  return r;
}

/** Lower-cased word tokens; possessive endings dropped; optionally cut to a prefix. */
function tokens(text: string, lang: string | null, stem: number, segmented?: string[]): string[] {
  const out: string[] = [];
  for (const w of segmented ?? words(text, lang)) {
    let t = w.toLowerCase().replace(/['’]s$/, '');
    if (stem > 0 && t.length > stem && /^\p{L}+$/u.test(t) && !CJK.test(t)) t = t.slice(0, stem);
    out.push(t);
  }
  return out;
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;
const squash = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

/** A description the body repeats (whole, or its truncated opening) adds nothing to the lead. */
function copiesBody(description: string, body: string[]): boolean {
  const d = squash(description).replace(/\s*(\.\.\.|…)$/, '');
  const text = squash(body.join(' '));
  return d.length > 0 && text.includes(d);
}

const QUOTE_CHARS = /["“”„«»「」『』‘’‹›]/g;

/** Share of the sentence inside quotation marks (0 when it has none). */
function quoteShare(s: string): number {
  const marks = [...s.matchAll(QUOTE_CHARS)];
  if (marks.length === 0) return 0;
  // An opening mark at the very start with no closing mark: one sentence of a quotation running over several.
  if (marks.length === 1) return marks[0].index === 0 ? 1 : 0.5;
  let inside = 0;
  for (let k = 0; k + 1 < marks.length; k += 2) inside += marks[k + 1].index - marks[k].index;
  return Math.min(1, inside / s.length);
}

// ---------------------------------------------------------------------------------------------------------------
// Fragments: text that reads as a sentence to a segmenter but does not belong in a summary.

// Calls to action open the sentence ("Read more: ...", "Sign up for ...") or address the reader about the site.
const CALL_TO_ACTION = new RegExp(
  '^[^\\p{L}\\p{N}]*(?:' +
    [
      'read (?:more|also|next|the full|our)', 'sign up', 'subscribe', 'click', 'tap here', 'follow us',
      'follow (?:him|her|them|me) on', 'download (?:the|our|now|it|here)', 'share (?:this|on|via)', 'see also',
      'related(?: articles?| stories| coverage| content| news| reading| posts?)?\\s*[:|]', 'more on this',
      '(?:watch|listen)(?:\\s*:| now| live| here| to (?:the|our))', 'advertisement',
      'lesen sie (?:auch|mehr|hier)', 'mehr zum thema', 'mehr dazu', 'jetzt (?:abonnieren|anmelden|lesen|registrieren)',
      'hier klicken', 'lire (?:aussi|la suite|également)', 'à lire', 'abonnez', 'inscrivez', 'lee (?:también|más)',
      'leer más', 'suscríbe', 'leia (?:também|mais)', 'assine', 'leggi anche', 'iscriviti', 'czytaj (?:też|także|więcej)',
      'zobacz (?:też|także|więcej)', 'lees ook', 'اقرأ', '関連記事', '相关(?:阅读|新闻|报道)', '延伸阅读', '点击',
    ].join('|') +
    ')',
  'iu',
);
const ABOUT_THE_SITE = /\b(?:our newsletter|all rights reserved|subscribers? only|members? only|continue reading|terms of (?:use|service)|privacy policy|(?:enable|turn on) javascript|accept cookies|your inbox|comments? (?:are|is) (?:closed|moderated))\b|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|réservé aux abonnés|exclusivo para (?:suscriptores|assinantes)|nur für abonnenten|会員限定|続きをお読み|登録すると|订阅|訂閱/iu;

// Captions and credits: "Photo: ...", "(Image: © Shutterstock)", "Foto von ...", "AP Photo/...".
const CAPTION = /^[(\[]?(?:photo|image|picture|foto|bild|credit|crédit|source|quelle|fuente|video|vídeo|pictured|file photo)s?\s*(?:[:|/©]|by\b|von\b|de\b)|©|\b(?:getty images|afp photo|ap photo)\b|\/ ?(?:reuters|afp|ap|getty)\b/iu;
// Datelines and "Updated ..." lines: mostly numbers, or introduced as such.
const DATELINE_START = /^(?:updated|published|posted|last (?:updated|modified)|aktualisiert|veröffentlicht|stand:|mis à jour|publié|actualizado|publicado|aggiornato|pubblicato|zaktualizowano|opublikowano)\b/iu;
const URL_LIKE = /https?:\/\/|www\.|\S+@\S+\.\w|(?:^|\s)@\w{2,}|#\w{3,}.*#\w{3,}/iu;
const CLOSERS = `["'“”‘’«»「」『』)\\]）\\s]*$`;
const TERMINAL = new RegExp(`[\\p{Sentence_Terminal}…]${CLOSERS}`, 'u');
const QUESTION = new RegExp(`[?？؟]${CLOSERS}`, 'u');
const BYLINE = /^(?:by|von|par|por|di|door|av|przez|text|texto)\s+\p{Lu}/u;

/** Whether a sentence is a fragment that a summary must never show. */
/** Where a sentence stands: alone in its paragraph (where datelines stand), in the first paragraph (where a dek does). */
export interface Placement {
  alone?: boolean;
  firstParagraph?: boolean;
  /** The writer does not end sentences with a full stop (most lines of the story have none): do not require one. */
  unpunctuated?: boolean;
}

export function isFragment(s: string, lang: string | null, where: Placement = {}, segmented?: string[]): boolean {
  return fragmentReason(s, lang, where, segmented) !== null;
}

/** Why a sentence is a fragment (for tests and debugging), or null when it is fit for a summary. */
export function fragmentReason(
  s: string,
  lang: string | null,
  where: Placement = {},
  /** The sentence's words, when the caller has them already. */
  segmented?: string[],
): string | null {
  if (QUESTION.test(s)) return 'question'; // to the reader, or quoted: reads badly out of context
  if (/[/@#]|www\./.test(s) && URL_LIKE.test(s)) return 'link';
  if (CALL_TO_ACTION.test(s) || ABOUT_THE_SITE.test(s)) return 'call to action';
  if (CAPTION.test(s)) return 'caption';
  const ws = segmented ?? words(s, lang);
  const n = ws.length;
  const cjk = (s.match(CJK_ALL) ?? []).length;
  const terminated = TERMINAL.test(s) && !/[:：]$/.test(s);
  // Without a full stop a line is a heading, a label or a caption; only a long one at the top may be a dek.
  if (!terminated && !where.unpunctuated && !(where.firstParagraph && n >= 12 && cjk < s.length / 3)) {
    return 'unterminated';
  }
  if (cjk > s.length / 3 ? cjk < 15 : n < 5 || s.length < 25) return 'short';
  if (/[:：]$/.test(s)) return 'lead-in'; // introduces a list or a block
  if (n < 15 && DATELINE_START.test(s)) return 'dateline';
  if (where.alone && n < 15 && ws.filter((w) => /^\p{N}+$/u.test(w)).length / n >= 0.25) return 'dateline';
  if (n < 12 && BYLINE.test(s)) return 'byline';
  return null;
}

const CJK_ALL = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/gu;
