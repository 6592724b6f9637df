// Summary quality: `npm run eval -- --only summary`.
// 1. BBC News Summary (ctx.summaries/bbc/pairs.jsonl): precision of the 3 chosen sentences against the reference
//    sentence set, next to LEAD-3 and a plain TextRank computed here, on deterministic dev/test halves.
// 2. Corpus articles with a publisher description that is not a copy of a body sentence: the description (meta and
//    JSON-LD) is removed from the page, the pipeline runs, and ROUGE-1 recall of the summary against the description
//    is compared with LEAD-3's.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyze } from '../../utils/analysis/analyze';
import { sentences, words } from '../../utils/analysis/segment';
import { summarise } from '../../utils/analysis/summarise';
import { loadCorpus } from '../lib/corpus';
import { parseHtml } from '../lib/dom';

// ---------------------------------------------------------------------------------------------------------------
// Data

export interface BbcItem {
  id: string;
  category: string;
  title: string;
  paragraphs: string[];
  summary: string;
  split: 'dev' | 'test';
}

/**
 * dev/test halves by sha256 of a salted id: stable whatever the file order. (The sample itself was drawn by
 * sha256(id) order, so the bare id's hash is skewed: every item would land in one half.)
 */
export function splitOf(id: string): 'dev' | 'test' {
  return createHash('sha256').update(`lede-summary-split/${id}`).digest()[0] < 128 ? 'dev' : 'test';
}

export function loadBbc(dir: string): BbcItem[] {
  const file = join(dir, 'bbc', 'pairs.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { id: string; category: string; title: string; article: string; summary: string })
    .map((r) => ({
      id: r.id,
      category: r.category,
      title: r.title,
      paragraphs: r.article.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean),
      summary: r.summary,
      split: splitOf(r.id),
    }));
}

export interface DescCase {
  id: string;
  lang: string;
  /** What the pipeline passes to summarise (after the description was removed from the page). */
  title: string | null;
  excerpt: string | null;
  metaLang: string | null;
  paragraphs: string[];
  /** The pipeline's own summary. */
  summary: string[];
  description: string;
}

const DESCRIPTION_META =
  'meta[name="description" i], meta[property="og:description" i], meta[name="og:description" i], ' +
  'meta[name="twitter:description" i], meta[property="twitter:description" i], meta[itemprop="description" i], ' +
  'meta[name$=":description" i], meta[property$=":description" i], meta[name="dc.description" i]';

function publisherDescription(doc: Document): string | null {
  for (const sel of ['meta[name="description" i]', 'meta[property="og:description" i]', 'meta[name="twitter:description" i]']) {
    const c = doc.querySelector<HTMLMetaElement>(sel)?.content?.replace(/\s+/g, ' ').trim();
    if (c) return c;
  }
  return null;
}

/** Removes every description the page carries about itself (meta tags and JSON-LD `description`). */
export function stripDescriptions(doc: Document): void {
  for (const m of doc.querySelectorAll(DESCRIPTION_META)) m.remove();
  for (const script of doc.querySelectorAll('script[type="application/ld+json" i]')) {
    try {
      const data = JSON.parse(script.textContent ?? '') as unknown;
      script.textContent = JSON.stringify(dropKey(data, 'description'));
    } catch {
      script.remove(); // unreadable: it cannot be trusted not to carry the description
    }
  }
}

function dropKey(v: unknown, key: string): unknown {
  if (Array.isArray(v)) return v.map((x) => dropKey(x, key));
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).filter(([k]) => k !== key).map(([k, x]) => [k, dropKey(x, key)]));
  }
  return v;
}

const squash = (s: string) => s.toLowerCase().replace(/[\s\u00a0]+/g, ' ').trim();

/** A description that the body repeats (whole, or as its truncated opening) is a copy, not a summary. */
function isCopyOfBody(description: string, bodyText: string): boolean {
  const d = squash(description).replace(/\s*(\.\.\.|…)\s*$/, '');
  return d.length > 0 && squash(bodyText).includes(d);
}

export function loadDescriptionCases(corpus: string): DescCase[] {
  const out: DescCase[] = [];
  for (const page of loadCorpus(corpus)) {
    if (!page.truth.isArticle) continue;
    const url = page.truth.url ?? `https://example.invalid/${page.id}`;
    const doc = parseHtml(page.html(), url);
    const description = publisherDescription(doc);
    if (!description) continue;
    stripDescriptions(doc);
    const a = analyze(doc, url, { force: true });
    if (a.paragraphs.length === 0 || isCopyOfBody(description, a.text)) continue;
    out.push({
      id: page.id,
      lang: page.truth.lang,
      title: a.title,
      excerpt: a.excerpt,
      metaLang: a.lang,
      paragraphs: a.paragraphs,
      summary: a.summary,
      description,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Measures

const noSpace = (s: string) => s.replace(/\s+/g, '');

/** Share of the chosen sentences that occur in the reference summary (sentences concatenated without spaces). */
export function precision(chosen: string[], reference: string): number {
  if (chosen.length === 0) return 0;
  const ref = noSpace(reference);
  return chosen.filter((s) => ref.includes(noSpace(s))).length / chosen.length;
}

function counts(text: string, lang: string | null): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of words(text, lang)) {
    const k = w.toLowerCase();
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

/** ROUGE-1 recall: share of the reference's words (clipped counts) that the candidate contains. */
export function rouge1Recall(candidate: string, reference: string, lang: string | null): number {
  const ref = counts(reference, lang);
  const cand = counts(candidate, lang);
  let total = 0;
  let hit = 0;
  for (const [w, n] of ref) {
    total += n;
    hit += Math.min(n, cand.get(w) ?? 0);
  }
  return total ? hit / total : 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Baselines

export function lead(paragraphs: string[], lang: string | null, n = 3): string[] {
  return paragraphs.flatMap((p) => sentences(p, lang)).slice(0, n);
}

/** Plain TextRank: tf-idf cosine graph over the sentences, PageRank, the top n (story order). */
export function textRank(paragraphs: string[], lang: string | null, n = 3): string[] {
  const sents = paragraphs.flatMap((p) => sentences(p, lang));
  const toks = sents.map((s) => words(s, lang).map((w) => w.toLowerCase()));
  const df = new Map<string, number>();
  for (const t of toks) for (const w of new Set(t)) df.set(w, (df.get(w) ?? 0) + 1);
  const vecs = toks.map((t) => {
    const v = new Map<string, number>();
    for (const w of t) v.set(w, (v.get(w) ?? 0) + 1);
    let norm = 0;
    for (const [w, c] of v) {
      const x = c * Math.log(sents.length / df.get(w)!);
      v.set(w, x);
      norm += x * x;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [w, x] of v) v.set(w, x / norm);
    return v;
  });
  const N = sents.length;
  const sim = vecs.map((a, i) =>
    vecs.map((b, j) => {
      if (i === j) return 0;
      let s = 0;
      for (const [w, x] of a) s += x * (b.get(w) ?? 0);
      return s;
    }),
  );
  const out = sim.map((row) => row.reduce((a, b) => a + b, 0));
  let r = new Array<number>(N).fill(1 / N);
  for (let it = 0; it < 50; it++) {
    r = r.map((_, i) => {
      let s = 0;
      for (let j = 0; j < N; j++) if (out[j] > 0) s += (sim[j][i] / out[j]) * r[j];
      return 0.15 / N + 0.85 * s;
    });
  }
  return r
    .map((score, i) => ({ score, i }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, n)
    .sort((a, b) => a.i - b.i)
    .map((x) => sents[x.i]);
}

// ---------------------------------------------------------------------------------------------------------------
// Report

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
const f = (x: number) => (Number.isNaN(x) ? '   - ' : x.toFixed(3));
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};

function table(head: string[], rows: (string | number)[][]): void {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const w = head.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  for (const [k, r] of cells.entries()) {
    console.log(r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  '));
    if (k === 0) console.log(w.map((n) => '-'.repeat(n)).join('  '));
  }
}

export async function evaluate(ctx: { corpus: string; summaries: string; quotes: string }): Promise<void> {
  // 1. BBC
  const bbc = loadBbc(ctx.summaries);
  if (bbc.length === 0) {
    console.log(`BBC pairs: none at ${join(ctx.summaries, 'bbc', 'pairs.jsonl')}`);
  } else {
    const rows: (string | number)[][] = [];
    for (const split of ['dev', 'test'] as const) {
      const items = bbc.filter((b) => b.split === split);
      const p = (fn: (b: BbcItem) => string[]) => mean(items.map((b) => precision(fn(b), b.summary)));
      rows.push([
        `${split} (n=${items.length})`,
        f(p((b) => lead(b.paragraphs, 'en'))),
        f(p((b) => textRank(b.paragraphs, 'en'))),
        f(p((b) => summarise({ title: b.title, paragraphs: b.paragraphs, lang: 'en' }))),
      ]);
    }
    console.log('BBC News Summary: precision of 3 sentences against the reference sentences');
    table(['split', 'LEAD-3', 'TextRank', 'Lede'], rows);
  }

  // 2. Corpus descriptions
  const cases = loadDescriptionCases(ctx.corpus);
  const score = (cs: DescCase[], fn: (c: DescCase) => string[]) =>
    mean(cs.map((c) => rouge1Recall(fn(c).join(' '), c.description, c.metaLang ?? c.lang)));
  const groups: [string, DescCase[]][] = [
    ['all', cases],
    ['en', cases.filter((c) => c.lang === 'en')],
    ['other', cases.filter((c) => c.lang !== 'en')],
  ];
  console.log('\nCorpus articles with a publisher description (removed before analysis): ROUGE-1 recall vs description');
  table(
    ['pages', 'n', 'LEAD-3', 'TextRank', 'Lede'],
    groups.map(([name, cs]) => [
      name,
      cs.length,
      f(score(cs, (c) => lead(c.paragraphs, c.metaLang))),
      f(score(cs, (c) => textRank(c.paragraphs, c.metaLang))),
      f(score(cs, (c) => c.summary)),
    ]),
  );
  const byLang = new Map<string, number>();
  for (const c of cases) byLang.set(c.lang, (byLang.get(c.lang) ?? 0) + 1);
  console.log(`languages: ${[...byLang].sort((a, b) => b[1] - a[1]).map(([l, n]) => `${l} ${n}`).join(', ')}`);

  // Speed of summarise alone (the content script's share), warm, over the corpus articles and the BBC set. CPU time
  // is what an article costs; wall time also counts whatever else the machine is running.
  const inputs = [
    ...cases.map((c) => ({ title: c.title, description: c.excerpt, paragraphs: c.paragraphs, lang: c.metaLang })),
    ...bbc.map((b) => ({ title: b.title, paragraphs: b.paragraphs, lang: 'en' })),
  ];
  for (const input of inputs) summarise(input);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (const input of inputs) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < 5; i++) summarise(input);
    wall.push((performance.now() - t0) / 5);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000 / 5);
  }
  const ms = (xs: number[]) =>
    `median ${quantile(xs, 0.5).toFixed(2)}, p95 ${quantile(xs, 0.95).toFixed(2)}, max ${Math.max(...xs).toFixed(2)} ms`;
  console.log(`summarise per article (warm, n=${inputs.length}): CPU ${ms(cpu)}; wall ${ms(wall)}`);
}
