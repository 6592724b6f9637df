// npm run bench -- --only library [corpus] [--out DIR]
// The saved library at 100, 1,000 and 10,000 articles in real Chromium: a fresh profile filled through the
// extension's own import path (batches of ~6 MB of articles of realistic size, text from the corpus pages'
// truth), then measured through the real UI: popup open to list shown, library open to first screen (and to
// the whole list in memory), one search keystroke, one save, one delete, and storage bytes per article.
// Medians of several runs; figures for comparison on one machine, not assertions (shared, noisy machines).
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { launchChromium, startStaticServer, type ExtensionBrowser, type StaticServer } from '../../tests/e2e/lib/index.ts';
import { loadCorpus } from '../lib/corpus.ts';

declare const chrome: any;

const SIZES = [100, 1_000, 10_000];
const RUNS = 5;
const BODY_CHARS = 14_000; // text ~14 kB + its HTML ~15 kB: a body of ~30 kB
const TAGS = ['ukraine', 'politics', 'economy', 'climate', 'tech', 'science', 'health', 'europe', 'longread', 'later', 'work', 'culture', 'sport', 'history', 'ai'];
const QUERIES = ['government', 'ukraine', 'climate change', 'minister said'];

interface Figures {
  articles: number;
  /** The machine's 1-minute load average before and after (these machines are shared: read figures with it). */
  load: [number, number];
  fillSeconds: number;
  popupListMs: number;
  libraryFirstScreenMs: number;
  libraryWholeListMs: number;
  searchKeystrokeMs: { median: number; p95: number; max: number; keystrokes: number };
  saveMs: { popup: number; background: number };
  deleteMs: number;
  bytesPerArticle: { total: number; body: number; list: number; search: number };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const round = (x: number) => Math.round(x * 10) / 10;

/** Articles of realistic size and variety, made from the corpus's article texts. */
function articleMaker(corpusDir: string) {
  const pages = loadCorpus(corpusDir).filter((p) => p.truth.isArticle && (p.truth.text?.length ?? 0) > 500);
  if (pages.length === 0) throw new Error(`No article texts in ${corpusDir}`);
  const paragraphs = pages.flatMap((p) => p.truth.text!.split(/\n+/).filter((t) => t.length > 40));
  let seed = 42;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const now = Date.now();
  return (i: number) => {
    const page = pages[i % pages.length];
    const own = page.truth.text!.split(/\n+/).filter((t) => t.length > 40);
    const body: string[] = [...own];
    while (body.join('\n\n').length < BODY_CHARS) body.push(paragraphs[Math.floor(random() * paragraphs.length)]);
    const text = body.join('\n\n').slice(0, BODY_CHARS);
    const sentences = text.split(/(?<=[.!?])\s+/).filter((s) => s.length > 30);
    const host = (() => {
      try {
        return new URL(page.truth.url ?? '').hostname.replace(/^www\./, '');
      } catch {
        return `site${i % 150}.example`;
      }
    })();
    const roll = random();
    return {
      url: `https://${host}/saved/${i}`,
      title: `${page.truth.title ?? sentences[0]?.slice(0, 90) ?? 'Untitled'} (${i})`,
      siteName: page.truth.siteName ?? host,
      // (a few truth files list several authors)
      byline: [page.truth.byline ?? []].flat().join(', ') || null,
      publishedTime: page.truth.publishedTime ?? new Date(now - random() * 4 * 365 * 86_400_000).toISOString(),
      // Saved over three years, in order: the newest last.
      savedAt: now - 3 * 365 * 86_400_000 + i * 60_000,
      readingMinutes: Math.round(text.split(/\s+/).length / 230),
      excerpt: sentences[0] ?? null,
      status: roll < 0.6 ? 'unread' : roll < 0.9 ? 'read' : 'archived',
      tags: random() < 0.4 ? [TAGS[Math.floor(random() ** 2 * TAGS.length)]] : [],
      body: {
        lang: page.truth.lang ?? 'en',
        dir: null,
        summary: sentences.slice(0, 3),
        quotes: sentences.slice(3, 6).map((s, k) => ({ text: s, speaker: `Speaker ${k}`, role: null, paragraph: k, key: k < 3 })),
        text,
        contentHtml: body.map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`).join('\n').slice(0, BODY_CHARS + 1200),
        image: null,
      },
    };
  };
}

async function send(page: Page, lede: string, payload: unknown): Promise<any> {
  const reply = await page.evaluate((lede, payload) => chrome.runtime.sendMessage({ lede, payload }), lede, payload);
  if (!reply?.ok) throw new Error(`${lede}: ${reply?.error}`);
  return reply.value;
}

/** Fills the profile through the import path, then waits for the search index to settle (no merge pending). */
async function fill(ext: ExtensionBrowser, n: number, make: (i: number) => unknown): Promise<number> {
  const started = Date.now();
  const tab = await ext.newPage(ext.extensionUrl('manifest.json'));
  const importId = `bench-${n}`;
  for (let i = 0; i < n; i += 200) {
    const batch = Array.from({ length: Math.min(200, n - i) }, (_, k) => make(i + k));
    await send(tab, 'library:import-chunk', { importId, articles: batch });
  }
  const outcome = await send(tab, 'library:import-commit', { importId, settings: null });
  if (outcome.added !== n) throw new Error(`Filled ${outcome.added} of ${n}`);
  for (let i = 0; ; i++) {
    const settled = await tab.evaluate(async () => {
      const meta = (await chrome.storage.local.get('search')).search;
      if (!meta?.complete || meta.pending.length) return false;
      const perLevel: Record<number, number> = {};
      for (const s of meta.segments) perLevel[s.level] = (perLevel[s.level] ?? 0) + 1;
      return Object.values(perLevel).every((c) => c < 8);
    });
    if (settled) break;
    if (i > 1200) throw new Error('The search index did not settle in 10 minutes');
    await new Promise((r) => setTimeout(r, 500));
  }
  await tab.close();
  return (Date.now() - started) / 1000;
}

const markAt = (page: Page, name: string) =>
  page
    .waitForFunction((name) => performance.getEntriesByName(name).length > 0, { timeout: 60_000, polling: 20 }, name)
    .then(() => page.evaluate((name) => performance.getEntriesByName(name)[0].startTime, name));

async function popupList(ext: ExtensionBrowser, article: Page): Promise<number> {
  const times: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const popup = await ext.openPopupFor(article);
    times.push(await markAt(popup, 'lede:saved-list'));
    await popup.close().catch(() => {});
  }
  return median(times);
}

async function libraryOpen(ext: ExtensionBrowser): Promise<{ first: number; whole: number; page: Page }> {
  const first: number[] = [];
  const whole: number[] = [];
  let page: Page | null = null;
  for (let r = 0; r < RUNS; r++) {
    await page?.close();
    page = await ext.newPage();
    await page.goto(ext.extensionUrl('library.html'));
    first.push(await markAt(page, 'lede:library-first-screen'));
    whole.push(await markAt(page, 'lede:library-complete'));
  }
  return { first: median(first), whole: median(whole), page: page! };
}

/** Each query typed a character at a time: from the input event to the list answering that text. */
async function keystrokes(library: Page): Promise<number[]> {
  const times: number[] = [];
  for (const query of QUERIES) {
    for (let k = 1; k <= query.length; k++) {
      const typed = query.slice(0, k);
      if (!typed.trim() || typed.endsWith(' ')) continue;
      times.push(
        await library.evaluate(
          (typed) =>
            new Promise<number>((resolve) => {
              const input = document.querySelector<HTMLInputElement>('[data-testid="library-search"]')!;
              const list = document.querySelector('[data-testid="library-results"]')!;
              const t0 = performance.now();
              const observer = new MutationObserver(() => {
                if (list.getAttribute('data-query') === typed.trim()) {
                  observer.disconnect();
                  resolve(performance.now() - t0);
                }
              });
              observer.observe(list, { attributes: true, childList: true, subtree: true });
              input.value = typed;
              input.dispatchEvent(new Event('input', { bubbles: true }));
            }),
          typed,
        ),
      );
    }
    await library.evaluate(() => {
      const input = document.querySelector<HTMLInputElement>('[data-testid="library-search"]')!;
      input.value = '';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
  }
  return times;
}

/** Save in the real popup: from the click to the button saying it is saved. */
async function popupSaves(ext: ExtensionBrowser, server: StaticServer, n: number): Promise<number> {
  const times: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const article = await ext.newPage(server.url(`seed/kyiv-independent.html?bench=${n}-${r}`));
    const popup = await ext.openPopupFor(article);
    await popup.waitForSelector('[data-testid="save"][aria-pressed="false"]', { timeout: 30_000 });
    times.push(
      await popup.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const button = document.querySelector('[data-testid="save"]')!;
            const t0 = performance.now();
            const observer = new MutationObserver(() => {
              if (button.getAttribute('aria-pressed') === 'true') {
                observer.disconnect();
                resolve(performance.now() - t0);
              }
            });
            observer.observe(button, { attributes: true });
            (button as HTMLButtonElement).click();
          }),
      ),
    );
    await popup.close().catch(() => {});
    await article.close();
  }
  return median(times);
}

/** The background's own save of a ~30 kB article: one message, answered once stored. */
async function backgroundSaves(ext: ExtensionBrowser, make: (i: number) => any, n: number): Promise<number> {
  const tab = await ext.newPage(ext.extensionUrl('manifest.json'));
  const times: number[] = [];
  for (let r = 0; r < RUNS * 2; r++) {
    const a = make(n + 1000 + r);
    const analysis = {
      ...a,
      url: `https://bench.example/extra/${n}/${r}`,
      isArticle: true,
      detection: { isArticle: true, score: 3, threshold: 1, signals: [] },
      text: a.body.text,
      paragraphs: a.body.text.split('\n\n'),
      contentHtml: a.body.contentHtml,
      wordCount: a.body.text.split(/\s+/).length,
      summary: a.body.summary,
      quotes: a.body.quotes,
      lang: a.body.lang,
      dir: null,
      image: null,
    };
    times.push(
      await tab.evaluate(async (analysis) => {
        const t0 = performance.now();
        const reply = await chrome.runtime.sendMessage({ lede: 'saved:save', payload: { analysis } });
        if (!reply.ok) throw new Error(reply.error);
        return performance.now() - t0;
      }, analysis),
    );
  }
  await tab.close();
  return median(times);
}

/** Delete in the library: from the click to the article gone from the list. */
async function deletes(library: Page): Promise<number> {
  const times: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    times.push(
      await library.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const item = document.querySelector<HTMLElement>('[data-testid="library-item"]')!;
            const id = item.dataset.id;
            const list = document.querySelector('[data-testid="library-results"]')!;
            const t0 = performance.now();
            const observer = new MutationObserver(() => {
              if (!document.querySelector(`[data-testid="library-item"][data-id="${id}"]`)) {
                observer.disconnect();
                resolve(performance.now() - t0);
              }
            });
            observer.observe(list, { childList: true, subtree: true });
            item.querySelector<HTMLButtonElement>('[data-testid="library-delete"]')!.click();
          }),
      ),
    );
  }
  return median(times);
}

async function bytes(ext: ExtensionBrowser, n: number): Promise<Figures['bytesPerArticle']> {
  const by = await ext.evaluateInExtension(async () => {
    // (no named inner functions: the bundler's name helper does not exist in the worker)
    const local = chrome.storage.local;
    const keys: string[] = await local.getKeys();
    return {
      total: await local.getBytesInUse(null),
      body: await local.getBytesInUse(keys.filter((k) => k.startsWith('body:'))),
      list: await local.getBytesInUse(keys.filter((k) => k.startsWith('shard:') || k.startsWith('ids:') || k.startsWith('saved-index'))),
      search: await local.getBytesInUse(keys.filter((k) => k.startsWith('ix:') || k === 'search')),
    };
  });
  return { total: Math.round(by.total / n), body: Math.round(by.body / n), list: Math.round(by.list / n), search: Math.round(by.search / n) };
}

async function measure(n: number, make: (i: number) => any, server: StaticServer): Promise<Figures> {
  const loadBefore = loadavg()[0];
  const ext = await launchChromium();
  try {
    const fillSeconds = await fill(ext, n, make);
    const bytesPerArticle = await bytes(ext, n);
    const article = await ext.newPage(server.url('seed/kyiv-independent.html'));
    const popupListMs = await popupList(ext, article);
    await article.close();
    const { first, whole, page: library } = await libraryOpen(ext);
    const strokes = await keystrokes(library);
    const deleteMs = await deletes(library);
    await library.close();
    const popupSave = await popupSaves(ext, server, n);
    const backgroundSave = await backgroundSaves(ext, make, n);
    return {
      articles: n,
      load: [round(loadBefore), round(loadavg()[0])],
      fillSeconds: round(fillSeconds),
      popupListMs: round(popupListMs),
      libraryFirstScreenMs: round(first),
      libraryWholeListMs: round(whole),
      searchKeystrokeMs: { median: round(median(strokes)), p95: round(pct(strokes, 0.95)), max: round(Math.max(...strokes)), keystrokes: strokes.length },
      saveMs: { popup: round(popupSave), background: round(backgroundSave) },
      deleteMs: round(deleteMs),
      bytesPerArticle,
    };
  } finally {
    await ext.close();
  }
}

export async function bench(ctx: { corpus: string; outDir: string }): Promise<void> {
  const make = articleMaker(ctx.corpus);
  const server = await startStaticServer();
  const results: Figures[] = [];
  try {
    for (const n of (process.env.LEDE_BENCH_LIBRARY_SIZES?.split(',').map(Number) ?? SIZES)) {
      process.stdout.write(`library: ${n.toLocaleString('en')} articles… `);
      const figures = await measure(n, make, server);
      console.log(`filled in ${figures.fillSeconds} s`);
      results.push(figures);
    }
  } finally {
    await server.close();
  }
  const rows = [
    ['articles', 'load', 'popup list', 'library 1st screen', 'whole list', 'search key (med / p95 / max)', 'save: popup / bg', 'delete', 'bytes/article (body / list / search)'],
    ...results.map((f) => [
      f.articles.toLocaleString('en'),
      `${f.load[0]}–${f.load[1]}`,
      `${f.popupListMs} ms`,
      `${f.libraryFirstScreenMs} ms`,
      `${f.libraryWholeListMs} ms`,
      `${f.searchKeystrokeMs.median} / ${f.searchKeystrokeMs.p95} / ${f.searchKeystrokeMs.max} ms`,
      `${f.saveMs.popup} / ${f.saveMs.background} ms`,
      `${f.deleteMs} ms`,
      `${f.bytesPerArticle.total.toLocaleString('en')} (${f.bytesPerArticle.body.toLocaleString('en')} / ${f.bytesPerArticle.list} / ${f.bytesPerArticle.search.toLocaleString('en')})`,
    ]),
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const [i, r] of rows.entries()) {
    console.log(`| ${r.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`);
    if (i === 0) console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  }
  console.log('Targets at 10,000: popup list <= 150 ms, library first screen <= 300 ms, search <= 50 ms a keystroke, save <= 50 ms.');
  console.log(`load: the machine's 1-minute load average before–after each size (${cpus().length} cores); above the core count, every figure is inflated.`);
  await mkdir(ctx.outDir, { recursive: true });
  const file = join(ctx.outDir, 'library.json');
  await writeFile(file, JSON.stringify({ machine: `${process.platform} ${process.arch}, ${cpus().length} cores`, runs: RUNS, results }, null, 2));
  console.log(`written ${file}`);
}
