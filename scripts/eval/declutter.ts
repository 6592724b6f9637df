// Declutter measured where the reader sees it: each corpus page in real Chromium with the built extension, visible
// text = document.body.innerText after Lede ran, compared with the page as served (Lede's own toggle puts it back)
// in the same run.
//
// The page is loaded at the address the reader had it from, answered with the saved source.html, nothing else
// leaving the machine (scripts/lib/page-at-address.ts); pages with no address at all are served from 127.0.0.1.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { launchChromium, startStaticServer } from '../../tests/e2e/lib/index.ts';
import { words } from '../../utils/analysis/segment.ts';
import type { Analysis } from '../../utils/analysis/types.ts';
import type { EvalContext } from '../eval.ts';
import { loadCorpus, type CorpusPage } from '../lib/corpus.ts';
import { openCorpusPage } from '../lib/page-at-address.ts';

interface PageResult {
  id: string;
  source: string;
  lang: string;
  isArticle: boolean;
  detected: boolean;
  /** Taken for an article without certainty (detect-model.ts: SURE_THRESHOLD): left alone until the reader asks. */
  unsure: boolean;
  /** Elements hidden when Lede had been asked for its analysis, before any switch was pressed. */
  hiddenUnasked: number;
  hidden: number;
  /** Share of the truth text's words visible after Lede (null: no full truth text). */
  coverage: number | null;
  coverageServed: number | null;
  mustContain: [number, number] | null;
  mustNotHidden: [number, number] | null;
  mustNotHiddenServed: [number, number] | null;
  errors: string[];
  failure?: string;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

function bag(text: string, lang: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of words(text, lang)) {
    const k = w.toLowerCase();
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

/** Share of the truth's word multiset found in the visible text's. */
export function wordCoverage(truth: string, visible: string, lang: string): number {
  const t = bag(truth, lang);
  const v = bag(visible, lang);
  let total = 0;
  let found = 0;
  for (const [w, n] of t) {
    total += n;
    found += Math.min(n, v.get(w) ?? 0);
  }
  return total ? found / total : 1;
}

function snippets(list: string[] | undefined, visible: string, wantVisible: boolean): [number, number] | null {
  if (!list?.length) return null;
  const v = squash(visible);
  const ok = list.filter((s) => v.includes(squash(s)) === wantVisible).length;
  return [ok, list.length];
}

async function measure(page: Page, p: CorpusPage, ask: (msg: object) => Promise<any>): Promise<PageResult> {
  const t = p.truth;
  const errors: string[] = [];
  page.on('pageerror', (e) => {
    const stack = (e as Error).stack ?? String(e);
    if (/chrome-extension:\/\//.test(stack)) errors.push(stack.split('\n')[0]);
  });
  const reply = (await ask({ lede: 'analysis:get', payload: {} })) as { ok: boolean; value?: Analysis; error?: string };
  if (!reply?.ok) errors.push(`analysis:get: ${reply?.error}`);
  const detected = reply?.value?.isArticle ?? false;
  // Taken for an article without certainty: left as served until the reader presses the popup's switch, which an
  // article gets pressed here, so that its declutter is measured too.
  const unsure = detected && reply?.value?.detection.sure === false;
  const countHidden = () => page.evaluate(() => document.querySelectorAll('[data-lede-hidden]').length);
  const hiddenUnasked = await countHidden();
  if (unsure && t.isArticle) await ask({ lede: 'declutter:set', payload: { enabled: true } });
  const after = await page.evaluate(() => document.body?.innerText ?? '');
  if (process.env.LEDE_EVAL_DUMP) writeFileSync(join(process.env.LEDE_EVAL_DUMP, `${p.id}.txt`), after);
  const hidden = await countHidden();
  await ask({ lede: 'declutter:set', payload: { enabled: false } });
  const served = await page.evaluate(() => document.body?.innerText ?? '');
  return {
    id: p.id,
    source: t.source,
    lang: t.lang,
    isArticle: t.isArticle,
    detected,
    unsure,
    hidden,
    hiddenUnasked,
    coverage: t.isArticle && t.text ? wordCoverage(t.text, after, t.lang) : null,
    coverageServed: t.isArticle && t.text ? wordCoverage(t.text, served, t.lang) : null,
    mustContain: t.isArticle ? snippets(t.textMustContain, after, true) : null,
    mustNotHidden: t.isArticle ? snippets(t.textMustNotContain, after, false) : null,
    mustNotHiddenServed: t.isArticle ? snippets(t.textMustNotContain, served, false) : null,
    errors,
  };
}

const pct = (x: number) => x.toFixed(3);
const ratio = (rs: ([number, number] | null)[]) => {
  const xs = rs.filter((r): r is [number, number] => r !== null);
  const ok = xs.reduce((a, r) => a + r[0], 0);
  const all = xs.reduce((a, r) => a + r[1], 0);
  return all ? `${pct(ok / all)} (${ok}/${all})` : '–';
};
const mean = (xs: (number | null)[]) => {
  const v = xs.filter((x): x is number => x !== null);
  return v.length ? `${pct(v.reduce((a, b) => a + b, 0) / v.length)} (n=${v.length})` : '–';
};

export async function evaluate(ctx: EvalContext): Promise<void> {
  const pages = loadCorpus(ctx.corpus).filter((p) => !ctx.pages || ctx.pages.includes(p.id));
  const server = await startStaticServer({ root: join(ctx.corpus, 'pages') });
  const ext = await launchChromium();
  const results: PageResult[] = [];
  const t0 = Date.now();
  try {
    for (const p of pages) {
      const page = await ext.browser.newPage();
      try {
        await openCorpusPage(page, p, server.url(`${p.id}/source.html`)).catch(() => {});
        const tabId = await ext.tabIdOf(page);
        const ask = (msg: object) =>
          ext.evaluateInExtension(
            (id: number, m: object) =>
              (globalThis as any).chrome.tabs.sendMessage(id, m).catch((e: Error) => ({ ok: false, error: e.message })),
            tabId,
            msg,
          );
        results.push(await measure(page, p, ask));
      } catch (e) {
        results.push({
          id: p.id, source: p.truth.source, lang: p.truth.lang, isArticle: p.truth.isArticle, detected: false, unsure: false, hiddenUnasked: 0,
          hidden: 0, coverage: null, coverageServed: null, mustContain: null, mustNotHidden: null,
          mustNotHiddenServed: null, errors: [], failure: (e as Error).message.split('\n')[0],
        });
      } finally {
        await page.close().catch(() => {});
      }
    }
  } finally {
    await ext.close();
    await server.close();
  }

  const articles = results.filter((r) => r.isArticle);
  const nonArticles = results.filter((r) => !r.isArticle);
  console.log(`${results.length} pages in real Chromium in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
  console.log('| articles | coverage of truth text (mean) | min | pages < 0.97 | must-contain visible | must-not-contain hidden |');
  console.log('|---|---|---|---|---|---|');
  const row = (name: string, rs: PageResult[]) => {
    const cov = rs.map((r) => r.coverage).filter((x): x is number => x !== null);
    console.log(
      `| ${name} | ${mean(rs.map((r) => r.coverage))} | ${cov.length ? pct(Math.min(...cov)) : '–'} | ` +
        `${cov.filter((c) => c < 0.97).length} | ${ratio(rs.map((r) => r.mustContain))} | ${ratio(rs.map((r) => r.mustNotHidden))} |`,
    );
  };
  row('Lede', articles);
  console.log(
    `| page as served | ${mean(articles.map((r) => r.coverageServed))} | – | – | – | ${ratio(articles.map((r) => r.mustNotHiddenServed))} |`,
  );
  for (const source of [...new Set(articles.map((r) => r.source))]) row(`  ${source}`, articles.filter((r) => r.source === source));

  const touched = nonArticles.filter((r) => r.hiddenUnasked > 0 || (r.detected && !r.unsure));
  const left = nonArticles.filter((r) => r.unsure && r.hiddenUnasked === 0);
  console.log(`\nnon-articles changed by Lede: ${touched.length} of ${nonArticles.length}${touched.length ? `: ${touched.map((r) => r.id).join(', ')}` : ''}`);
  console.log(`non-articles taken for articles without certainty, left as served: ${left.length}${left.length ? `: ${left.map((r) => r.id).join(', ')}` : ''}`);
  const waited = articles.filter((r) => r.unsure);
  console.log(`articles Lede was unsure of (tidied here by the popup's switch, as by the reader): ${waited.length}${waited.length ? `: ${waited.map((r) => r.id).join(', ')}` : ''}`);
  const errored = results.filter((r) => r.errors.length || r.failure);
  console.log(`pages with an error from Lede: ${errored.length}`);
  for (const r of errored) console.log(`  ${r.id}: ${r.failure ?? r.errors.join(' | ')}`);

  const worst = (label: string, key: (r: PageResult) => number | null) => {
    const list = articles
      .map((r) => [r, key(r)] as const)
      .filter((x): x is readonly [PageResult, number] => x[1] !== null)
      .sort((a, b) => a[1] - b[1])
      .slice(0, 10);
    console.log(`\nworst ten by ${label}:`);
    for (const [r, v] of list) console.log(`  ${pct(v)}  ${r.id}${r.detected ? '' : ' (not detected)'}`);
  };
  worst('coverage', (r) => r.coverage);
  worst('must-contain visible', (r) => (r.mustContain ? r.mustContain[0] / r.mustContain[1] : null));
  worst('must-not-contain hidden', (r) => (r.mustNotHidden ? r.mustNotHidden[0] / r.mustNotHidden[1] : null));

  const out = resolve(import.meta.dirname, '../../bench-results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'declutter.json'), JSON.stringify(results, null, 1));
  console.log(`\nper-page figures: bench-results/declutter.json`);
}
