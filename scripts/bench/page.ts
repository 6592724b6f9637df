// npm run bench -- [corpus folder] --only page
// Lede's cost on every page, measured in real Chromium with the built extension: each corpus page opened cold
// in a fresh tab (the previous one closed first, so a fresh renderer), at its own address (truth.url, else its
// canonical link or og:url, answered with the saved file and nothing else leaving the machine: scripts/lib/
// page-at-address.ts; Lede's detection reads the address), cross-origin isolated (performance.now() at 5 µs, not
// 100 µs: the answer carries COOP/COEP, and http:// addresses are made secure contexts for it). Pages with no
// address come from a cross-origin-isolated 127.0.0.1 server. Per page class (truth.json isArticle): Lede's steps, the content
// script's load, the same page's clone + Readability.parse alone, the longest task Lede adds, click to summary in
// the real popup, retained heap; then the bundle sizes. Prints tables, says by how much each target is missed,
// and writes the same figures to <out>/page.json. BENCH_PAGES=N runs the first N pages of each class only;
// BENCH_IDS=id,id… only those pages (to look into one).
// BENCH_PROFILE=1 also samples V8's CPU profiler and prints where Lede's time goes by source function (build with
// LEDE_SOURCEMAP=1 for source names): `LEDE_SOURCEMAP=1 BENCH_PROFILE=1 npm run bench -- --only page`. Sampling
// slows the pages, so that run's timings are for the shares, not for the targets.
import { mkdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'puppeteer-core';
import { builtExtensionDir, launchChromium, type ExtensionBrowser } from '../../tests/e2e/lib/index.ts';
import type { BenchContext } from '../bench.ts';
import { loadCorpus, type CorpusPage } from '../lib/corpus.ts';
import { openCorpusPage, pageAddress, secureOriginsFlag } from '../lib/page-at-address.ts';
import { measureBaseline, measureIsolatedFloor, type Baseline } from './lib/baseline.ts';
import { bundleSizes } from './lib/bundles.ts';
import { ledeRetained, takeSnapshot } from './lib/heap.ts';
import { ISOLATION_HEADERS, startIsolatedServer } from './lib/isolated-server.ts';
import { evaluateIn, settledPerfLog, watchWorlds } from './lib/lede-world.ts';
import { timePopup, type PopupTiming } from './lib/popup-timing.ts';
import { timeBareContentScript } from './lib/bare-content-script.ts';
import { makeBarePopup, removeBarePopup, timeBarePopup } from './lib/bare-popup.ts';
import { printReport, type PageRecord } from './lib/page-report.ts';
import { profileTable, startProfile, stopProfile } from './lib/profile.ts';
import { extensionScripts, scriptThread, startTrace, stopTrace, tasksAround, traceClock } from './lib/trace.ts';

const ALIGN_MARK = 'lede-bench-align';
/** Non-article pages the one-line content script is loaded on (the yardstick for Lede's script load). */
const BARE_SCRIPT_PAGES = 30;

const PROFILE = process.env.BENCH_PROFILE === '1';
/** Whether a performance.mark made in Lede's world shows in the page's own timeline (checked on the first page). */
let marksShared: boolean | null = null;
const profiles = { articles: [] as Map<string, number>[], nonArticles: [] as Map<string, number>[] };

type Open = (page: Page) => Promise<unknown>;

async function ledePass(ext: ExtensionBrowser, open: Open, p: CorpusPage): Promise<PageRecord> {
  const record: PageRecord = { id: p.id, isArticle: p.truth.isArticle, steps: {}, scripts: [], leaks: [] };
  const page = await ext.browser.newPage();
  let session: CDPSession | null = null;
  let tracing = false;
  try {
    session = await page.createCDPSession();
    const worlds = await watchWorlds(session, ext.extensionOrigin);
    if (PROFILE) await startProfile(session);
    await startTrace(page);
    tracing = true;
    await open(page);
    const ctx = await worlds.ledeContext(10_000);
    if (ctx === null) throw new Error('Lede’s content script did not start');
    const log = await settledPerfLog(session, ctx, 20_000);
    if (!log?.settled) record.error = 'Lede did not settle within 20 s';
    record.isolated = await evaluateIn<boolean>(session, undefined, 'crossOriginIsolated');
    const markAt = await evaluateIn<number>(session, undefined, `performance.mark(${JSON.stringify(ALIGN_MARK)}).startTime`);
    if (marksShared === null) {
      await evaluateIn(session, ctx, `performance.mark('lede-bench-probe'), 0`);
      marksShared = await evaluateIn<boolean>(session, undefined, `performance.getEntriesByName('lede-bench-probe').length > 0`);
      await evaluateIn(session, ctx, `performance.clearMarks('lede-bench-probe'), 0`);
    }
    // What the page itself can see of Lede in its own performance timeline (nothing, if Lede leaks nothing).
    record.leaks = await evaluateIn<string[]>(
      session,
      undefined,
      `performance.getEntries().filter(e => /^(chrome|moz)-extension:|^lede[:-]/i.test(e.name) && e.name !== ${JSON.stringify(ALIGN_MARK)}).map(e => e.entryType + ' ' + e.name)`,
    );
    tracing = false;
    const events = await stopTrace(page);
    if (PROFILE) {
      const profile = await stopProfile(session, ext.extensionOrigin, builtExtensionDir('chromium'));
      profiles[p.truth.isArticle ? 'articles' : 'nonArticles'].push(profile);
    }

    for (const s of log?.steps ?? []) record.steps[s.name] = (record.steps[s.name] ?? 0) + s.ms;
    record.elsewhere = log?.elsewhere ?? {};
    record.detected = log?.steps.some((s) => s.name === 'clone') ?? false;
    const loads = extensionScripts(events, ext.extensionOrigin, worlds.worldName() ?? '');
    record.scripts = loads.map(({ url, ms, cpuMs }) => ({ url, ms, cpuMs }));
    const own = (log?.steps ?? []).filter((s) => s.name !== 'page-meta');
    const longestOf = (steps: typeof own) => steps.reduce((a, s) => (s.ms > a.ms ? s : a), { name: '', ms: 0, start: 0 });
    const longest = longestOf(own);
    record.longestStep = { name: longest.name, ms: longest.ms };
    // (apart from parse(), which the target allows: a page whose parse is its longest step may still have another long one)
    const other = longestOf(own.filter((s) => s.name !== 'parse'));
    record.longestOtherStep = { name: other.name, ms: other.ms };

    // Whole tasks around Lede's steps and script evaluations, from the trace.
    const clock = traceClock(events, ALIGN_MARK, markAt);
    const thread = scriptThread(events, ext.extensionOrigin);
    if (clock && thread) {
      const intervals: [number, number][] = own.map((s) => [clock(s.start), clock(s.start + s.ms)]);
      intervals.push(...loads.map((e): [number, number] => [e.ts, e.ts + e.ms * 1000]));
      const tasks = tasksAround(events, thread, intervals);
      const names = [...own.map((s) => s.name), ...loads.map((e) => `load ${e.url}`)];
      const walls = tasks.map((t) => t.ms);
      const i = walls.indexOf(Math.max(...walls));
      record.longestTask = { name: names[i], ...tasks[i] };
      const others = walls.map((ms, k) => (names[k] === 'parse' ? 0 : ms));
      const j = others.indexOf(Math.max(...others));
      record.longestOtherTask = { name: names[j], ...tasks[j], ms: others[j] };
    }

    if (log?.settled) {
      record.heap = ledeRetained(await takeSnapshot(session), ext.extensionOrigin);
      if (p.truth.isArticle) record.popup = await timePopup(ext, page);
      else record.warmDetect = await detectAgain(page, session, worlds);
    }
  } catch (e) {
    record.error = (e as Error).message.split('\n')[0];
    if (tracing) await page.tracing.stop().catch(() => {});
  } finally {
    await session?.detach().catch(() => {});
    await page.close().catch(() => {});
  }
  return record;
}

/**
 * Detection on the same page loaded again in the same tab, i.e. the same renderer process: what the reader's next
 * page on a site costs, as opposed to the first (cold). (It measured barely less: most of a first run's cost is paid
 * again in each new document's world.)
 */
async function detectAgain(page: Page, session: CDPSession, worlds: Awaited<ReturnType<typeof watchWorlds>>): Promise<number | undefined> {
  await page.reload({ waitUntil: 'load' });
  const ctx = await worlds.ledeContext(10_000);
  if (ctx === null) return undefined;
  const log = await settledPerfLog(session, ctx, 10_000);
  return log?.steps.find((s) => s.name === 'detect')?.ms;
}

export async function bench(ctx: BenchContext): Promise<void> {
  const limit = Number(process.env.BENCH_PAGES) || Infinity;
  const ids = process.env.BENCH_IDS?.split(',').filter(Boolean);
  const all = loadCorpus(ctx.corpus).filter((p) => !ids?.length || ids.includes(p.id));
  const pages = [true, false].flatMap((a) => all.filter((p) => p.truth.isArticle === a).slice(0, limit));
  const extDir = builtExtensionDir('chromium');
  const server = await startIsolatedServer(join(ctx.corpus, 'pages'));
  const secure = secureOriginsFlag(pages.map(pageAddress));
  // Lede is pinned to the toolbar (the harness's default), as by a reader who clicks its button; so is one bare copy.
  const barePinned = makeBarePopup();
  const bareInMenu = makeBarePopup();
  const ext = await launchChromium({ args: secure ? [secure] : [], alsoPinned: [barePinned] });
  let plain: BrowserContext | null = null;
  const records: PageRecord[] = [];
  let bare: PopupTiming[] = [];
  let bareMenu: PopupTiming[] = [];
  let bareScript: Awaited<ReturnType<typeof timeBareContentScript>> = [];
  const t0 = Date.now();
  const version = await ext.browser.version();
  try {
    plain = await ext.browser.createBrowserContext();
    for (const [i, p] of pages.entries()) {
      const open: Open = (page) => openCorpusPage(page, p, server.url(`${p.id}/source.html`), { headers: ISOLATION_HEADERS });
      const record = await ledePass(ext, open, p);
      record.baseline = await measureBaseline(plain, open, ext.extensionOrigin).catch(
        (e: Error): Baseline | undefined => {
          record.error ??= `baseline: ${e.message.split('\n')[0]}`;
          return undefined;
        },
      );
      // (a second floor where Lede analysed: the report's noise gauge)
      if (record.detected && record.baseline) record.baselineAgain = await measureBaseline(plain, open, ext.extensionOrigin).catch(() => undefined);
      // (and the floor where a content script runs: the report's isolated-world floor)
      if (record.detected && record.baseline) record.floorIsolated = await measureIsolatedFloor(plain, open, ext.extensionOrigin).catch(() => undefined);
      records.push(record);
      if (process.stderr.isTTY) process.stderr.write(`\r${i + 1}/${pages.length} ${p.id.padEnd(50)}`);
      else if ((i + 1) % 25 === 0) process.stderr.write(`${i + 1}/${pages.length} pages\n`);
    }
    if (process.stderr.isTTY) process.stderr.write('\n');
    // The same click on a popup with no code at all, on the first article, in the same browser.
    const first = pages.find((p) => p.truth.isArticle);
    if (first) {
      const page = await ext.browser.newPage();
      try {
        await openCorpusPage(page, first, server.url(`${first.id}/source.html`), { headers: ISOLATION_HEADERS });
        bare = await timeBarePopup(ext, page, barePinned, 10);
        bareMenu = await timeBarePopup(ext, page, bareInMenu, 10);
      } catch (e) {
        console.error(`bare popup yardstick failed: ${(e as Error).message.split('\n')[0]}`);
      } finally {
        await page.close().catch(() => {});
      }
    }
    // A content script of one line, on the first non-article pages, in the same browser.
    const nonArticles = pages.filter((p) => !p.truth.isArticle).slice(0, BARE_SCRIPT_PAGES);
    bareScript = await timeBareContentScript(
      ext,
      nonArticles.map((p) => (page: Page) => openCorpusPage(page, p, server.url(`${p.id}/source.html`), { headers: ISOLATION_HEADERS })),
    ).catch((e: Error) => {
      console.error(`bare content script yardstick failed: ${e.message.split('\n')[0]}`);
      return [];
    });
  } finally {
    await plain?.close().catch(() => {});
    await ext.close();
    await server.close();
    for (const dir of [barePinned, bareInMenu]) removeBarePopup(dir);
  }

  const bundles = bundleSizes(extDir);
  const environment = {
    browser: version,
    cpu: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}`,
    loadAverage: os.loadavg().map((x) => Math.round(x * 10) / 10),
    commit: (() => {
      try {
        return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
          encoding: 'utf8',
          cwd: resolve(import.meta.dirname, '../..'),
          stdio: ['ignore', 'pipe', 'ignore'],
        }).trim();
      } catch {
        return null;
      }
    })(),
    seconds: Math.round((Date.now() - t0) / 1000),
  };
  const figures = printReport(records, bundles, environment, bare, bareScript, bareMenu);
  console.log(
    `\nLede's step timings leave its isolated world only through DevTools (Runtime.evaluate in that world). ` +
      `A performance.mark made in Lede's world ${marksShared ? 'IS' : 'is not'} visible in the page's own timeline in this browser` +
      `${marksShared ? ', which is why Lede keeps its timings out of it' : ''}.`,
  );
  const profileFigures = PROFILE ? printProfiles() : undefined;
  mkdirSync(ctx.outDir, { recursive: true });
  const out = join(ctx.outDir, 'page.json');
  writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), environment, figures, marksShared, bundles, barePopup: bare, barePopupInMenu: bareMenu, bareContentScript: bareScript, profile: profileFigures, pages: records }, null, 1));
  console.log(`\nFigures written to ${out}`);
}

function printProfiles() {
  const out: Record<string, ReturnType<typeof profileTable>> = {};
  for (const [label, list] of [['articles', profiles.articles], ['non-articles', profiles.nonArticles]] as const) {
    const table = profileTable(list);
    out[label] = table;
    console.log(`\nWhere Lede's main-thread time goes on ${label} (CPU profile, self ms per page, ${list.length} pages; sampling inflates it):`);
    console.log('| source file | ms/page |   | function | ms/page |');
    console.log('|---|---|---|---|---|');
    for (let i = 0; i < 15; i++) {
      const f = table.byFile[i];
      const g = table.byFunction[i];
      console.log(`| ${f?.[0] ?? ''} | ${f ? f[1].toFixed(2) : ''} |   | ${g?.[0] ?? ''} | ${g ? g[1].toFixed(2) : ''} |`);
    }
  }
  return out;
}
