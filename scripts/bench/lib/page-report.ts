// The page benchmark's figures: per page class, median and p95 of each per-page figure, the targets of issue 7,
// and by how much each one is missed.
import type { Baseline, Floor } from './baseline.ts';
import type { BundlePart } from './bundles.ts';
import type { LedeHeap } from './heap.ts';
import type { PopupTiming } from './popup-timing.ts';
import { quantile, spread, type Spread } from './stats.ts';

export interface PageRecord {
  id: string;
  /** The corpus' truth, which decides the page's class. */
  isArticle: boolean;
  /** Whether Lede took it for an article (it cloned and parsed). */
  detected?: boolean;
  /** ms per step name, from Lede's own log (utils/page/perf.ts). */
  steps: Record<string, number>;
  /** ms of work Lede had done off the page's thread (the background), by name: not counted as the page's cost. */
  elsewhere?: Record<string, number>;
  /** Extension scripts evaluated in the page (compile + top-level run), from the trace; `cpuMs`: thread time. */
  scripts: { url: string; ms: number; cpuMs?: number }[];
  longestStep?: { name: string; ms: number };
  /** Non-articles: detection on the page reloaded in the same tab (same renderer: V8 has the code compiled). */
  warmDetect?: number;
  /** The longest whole main-thread task holding a step or a script evaluation of Lede's, from the trace. */
  longestTask?: { name: string; ms: number; cpuMs?: number };
  /** The longest step of Lede's own timing, and the longest whole task, other than parse(). */
  longestOtherStep?: { name: string; ms: number };
  longestOtherTask?: { name: string; ms: number; cpuMs?: number };
  baseline?: Baseline;
  /**
   * Articles Lede analysed: the floor measured a second time, on a fresh load of the page, in the same run. How far
   * the two disagree is what noise alone does to a per-page ratio (the noise gauge in the report).
   */
  baselineAgain?: Baseline;
  /** Articles Lede analysed: the same clone + parse in an isolated world, on another fresh load (where a content script runs). */
  floorIsolated?: Floor;
  heap?: LedeHeap;
  popup?: PopupTiming;
  /** Whether the page with Lede was cross-origin isolated (performance.now() at 5 µs, not 100 µs). */
  isolated?: boolean;
  /** Entries of the page's own performance timeline that name Lede or an extension URL. */
  leaks: string[];
  error?: string;
}

/**
 * Lede's steps on the page's main thread that make up "the whole analysis" (page-meta is what the popup asks of a
 * non-article). Summary and quotes are read in the background: on the page that is 'story-send' (the text copied
 * into the message), or 'summary+quotes' where the background could not answer and the page read them itself.
 */
export const ANALYSIS_STEPS = ['detect', 'region', 'clone', 'parse', 'story-send', 'summary+quotes', 'assemble', 'story-map', 'declutter'];

const LONG_TASK_MS = 50;

interface Target {
  name: string;
  value: number | null;
  limit: number;
  unit: string;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const countBy = (xs: string[]) => xs.reduce<Record<string, number>>((m, x) => ((m[x] = (m[x] ?? 0) + 1), m), {});
const wholeAnalysis = (r: PageRecord) => sum(ANALYSIS_STEPS.map((s) => r.steps[s] ?? 0));
const loadMs = (r: PageRecord) => (r.scripts.length ? sum(r.scripts.map((s) => s.ms)) : null);
const loadCpuMs = (r: PageRecord) =>
  r.scripts.length && r.scripts.every((s) => s.cpuMs !== undefined) ? sum(r.scripts.map((s) => s.cpuMs!)) : null;
const floor = (r: PageRecord) => (r.baseline ? r.baseline.cloneMs + r.baseline.parseMs : null);
const floorAgain = (r: PageRecord) => (r.baselineAgain ? r.baselineAgain.cloneMs + r.baselineAgain.parseMs : null);
const floorIsolated = (r: PageRecord) => (r.floorIsolated ? r.floorIsolated.cloneMs + r.floorIsolated.parseMs : null);

function classFigures(rs: PageRecord[]) {
  const ok = rs.filter((r) => !r.error);
  const analysed = ok.filter((r) => r.detected);
  const ratio = analysed.filter((r) => floor(r)).map((r) => wholeAnalysis(r) / floor(r)!);
  const ratioWithLoad = analysed.filter((r) => floor(r) && loadMs(r) !== null).map((r) => (wholeAnalysis(r) + loadMs(r)!) / floor(r)!);
  const otherStep = (r: PageRecord) => r.longestOtherStep;
  const otherTask = (r: PageRecord) => r.longestOtherTask;
  const scriptFiles = new Map<string, number>();
  for (const r of ok) for (const s of new Set(r.scripts.map((x) => x.url))) scriptFiles.set(s, (scriptFiles.get(s) ?? 0) + 1);
  return {
    pages: rs.length,
    failed: rs.filter((r) => r.error).map((r) => `${r.id}: ${r.error}`),
    analysed: analysed.length,
    steps: Object.fromEntries(
      [...ANALYSIS_STEPS, 'page-meta'].map((s) => [s, spread(ok.filter((r) => s in r.steps).map((r) => r.steps[s]))]),
    ),
    detect: spread(ok.map((r) => r.steps.detect)),
    warmDetect: spread(ok.map((r) => r.warmDetect)),
    background: spread(analysed.map((r) => r.elsewhere?.['summary+quotes'])),
    readerable: spread(ok.map((r) => r.baseline?.readerableMs)),
    detectVsReaderable: spread(ok.map((r) => (r.baseline?.readerableMs ? r.steps.detect / r.baseline.readerableMs : null))),
    load: spread(ok.map(loadMs)),
    loadCpu: spread(ok.map(loadCpuMs)),
    whole: spread(analysed.map(wholeAnalysis)),
    baselineClone: spread(analysed.map((r) => r.baseline?.cloneMs)),
    baselineParse: spread(analysed.map((r) => r.baseline?.parseMs)),
    baseline: spread(analysed.map(floor)),
    ratio: spread(ratio),
    ratioWithLoad: spread(ratioWithLoad),
    // The same floor twice: a page's first measurement over its second, and Lede's ratio to the mean of the two.
    floorOverFloor: spread(analysed.map((r) => (floor(r) && floorAgain(r) ? floor(r)! / floorAgain(r)! : null))),
    ratioToMeanFloor: spread(
      analysed.map((r) => (floor(r) && floorAgain(r) ? wholeAnalysis(r) / ((floor(r)! + floorAgain(r)!) / 2) : null)),
    ),
    // The floor where a content script runs it: against the page's floor, and Lede's ratio to it.
    floorIsolated: spread(analysed.map(floorIsolated)),
    isolatedOverFloor: spread(
      analysed.map((r) => (floor(r) && floorIsolated(r) && floorAgain(r) ? floorIsolated(r)! / ((floor(r)! + floorAgain(r)!) / 2) : null)),
    ),
    ratioToIsolatedFloor: spread(analysed.map((r) => (floorIsolated(r) ? wholeAnalysis(r) / floorIsolated(r)! : null))),
    longestStep: spread(ok.map((r) => r.longestStep?.ms)),
    longestStepNotParse: spread(ok.map((r) => r.longestOtherStep?.ms ?? 0)),
    longestTask: spread(ok.map((r) => r.longestTask?.ms)),
    longestTaskCpu: spread(ok.map((r) => r.longestTask?.cpuMs)),
    longTasksNotParse: ok
      .filter((r) => (otherTask(r)?.ms ?? 0) > LONG_TASK_MS || (otherStep(r)?.ms ?? 0) > LONG_TASK_MS)
      .sort((a, b) => (otherTask(b)?.ms ?? 0) - (otherTask(a)?.ms ?? 0))
      .map((r) => {
        const cpu = otherTask(r)?.cpuMs;
        return `${r.id}: ${otherTask(r)?.name ?? otherStep(r)?.name} ${(otherTask(r)?.ms ?? otherStep(r)?.ms ?? 0).toFixed(0)} ms${cpu === undefined ? '' : ` (thread ran ${cpu.toFixed(0)} ms of it)`}`;
      }),
    longTasksByStep: countBy(
      ok.filter((r) => (otherTask(r)?.ms ?? 0) > LONG_TASK_MS).map((r) => otherTask(r)!.name),
    ),
    parseOver50: analysed.filter((r) => (r.steps.parse ?? 0) > LONG_TASK_MS).length,
    popupToSummary: spread(ok.map((r) => r.popup?.toSummaryMs)),
    popupToAnswer: spread(ok.map((r) => r.popup?.toAnswerMs)),
    popupStart: spread(ok.map((r) => r.popup?.toPopupStartMs)),
    popupFirstPaint: spread(ok.map((r) => r.popup?.toFirstPaintMs)),
    popupWithoutSummary: ok.filter((r) => r.popup && r.popup.toSummaryMs === null).map((r) => `${r.id}: ${r.popup!.shown}`),
    // Articles Lede was unsure of: nothing ran unasked, and the popup's click had them read (detect-model.ts: SURE_THRESHOLD).
    waitedIds: ok.filter((r) => !r.detected && r.popup?.toSummaryMs != null).map((r) => r.id),
    popupToSummaryWaited: spread(ok.filter((r) => !r.detected).map((r) => r.popup?.toSummaryMs)),
    heap: spread(ok.map((r) => r.heap?.retainedBytes)),
    heapNative: spread(ok.map((r) => r.heap?.nativeBytes)),
    documentsKept: ok.filter((r) => (r.heap?.documents ?? 0) > 0).map((r) => r.id),
    scriptFiles: Object.fromEntries(scriptFiles),
    analysedIds: analysed.map((r) => r.id),
    notIsolated: ok.filter((r) => r.isolated === false || r.baseline?.isolated === false).map((r) => r.id),
    leaks: ok.filter((r) => r.leaks.length).map((r) => `${r.id}: ${r.leaks.join(', ')}`),
  };
}

const ms = (x: number | null | undefined, d = 2) => (x === null || x === undefined ? '–' : x.toFixed(d));
const kB = (x: number | null | undefined) => (x === null || x === undefined ? '–' : (x / 1000).toFixed(1));
const row = (cells: (string | number)[]) => console.log(`| ${cells.join(' | ')} |`);
const spreadCells = (s: Spread, f: (x: number | null) => string = (x) => ms(x)) => [f(s.median), f(s.p95), f(s.max)];

function verdict(t: Target): string {
  if (t.value === null) return 'not measured';
  if (t.value <= t.limit) return 'met';
  const over = t.value - t.limit;
  const by = `${+over.toFixed(t.unit === 'pages' ? 0 : 2)} ${t.unit}`;
  return t.limit > 0 ? `MISSED by ${by} (${((t.value / t.limit - 1) * 100).toFixed(0)} %)` : `MISSED by ${by}`;
}

export function printReport(
  records: PageRecord[],
  bundles: BundlePart[],
  environment: Record<string, unknown>,
  bare: PopupTiming[] = [],
  bareScript: { ms: number; cpuMs?: number }[] = [],
  bareInMenu: PopupTiming[] = [],
) {
  const art = classFigures(records.filter((r) => r.isArticle));
  const non = classFigures(records.filter((r) => !r.isArticle));
  console.log(`${records.length} pages (${art.pages} articles, ${non.pages} non-articles), ${environment.browser}, ${environment.cpu}, load average ${(environment.loadAverage as number[]).join(' ')}, ${environment.seconds} s`);
  console.log('Cold: each page once, in a fresh tab and renderer. ms unless said. Articles by the corpus truth; "analysed" = Lede took it for one.\n');

  row(['', 'articles median', 'p95', 'max', 'non-articles median', 'p95', 'max']);
  row(['---', '---', '---', '---', '---', '---', '---']);
  const both = (label: string, a: Spread, n: Spread, f?: (x: number | null) => string) =>
    row([label, ...spreadCells(a, f), ...spreadCells(n, f)]);
  both('content script load (compile + top level, trace)', art.load, non.load);
  both('  of which the main thread ran (trace thread time; the rest it waited for a core)', art.loadCpu, non.loadCpu);
  const bareLoad = spread(bareScript.map((b) => b.ms));
  const bareLoadCpu = spread(bareScript.map((b) => b.cpuMs));
  both(`yardstick: a one-line content script's load (trace, ${bareScript.length} non-article pages)`, spread([]), bareLoad);
  both('  of which the main thread ran', spread([]), bareLoadCpu);
  both('yardstick: isProbablyReaderable, cold, in an isolated world', art.readerable, non.readerable);
  both('ratio detect / that yardstick, per page', art.detectVsReaderable, non.detectVsReaderable);
  both('detection again, page reloaded in the same tab (same renderer: a site\'s next page)', art.warmDetect, non.warmDetect);
  for (const s of [...ANALYSIS_STEPS, 'page-meta']) both(`step: ${s}${s === 'page-meta' ? ' (popup asks, non-article)' : ''}`, art.steps[s], non.steps[s]);
  both('whole analysis on the page (detect … declutter)', art.whole, non.whole);
  both('off the page: summary + quotes in the background', art.background, non.background);
  both('floor: cloneNode alone', art.baselineClone, non.baselineClone);
  both('floor: Readability.parse alone', art.baselineParse, non.baselineParse);
  both('floor: clone + parse', art.baseline, non.baseline);
  both('ratio whole / (clone + parse), per page', art.ratio, non.ratio);
  both('ratio (whole + script load) / (clone + parse)', art.ratioWithLoad, non.ratioWithLoad);
  both('noise gauge: the floor measured again on a fresh load, first / second, per page', art.floorOverFloor, non.floorOverFloor);
  both('ratio whole / mean of the two floors, per page', art.ratioToMeanFloor, non.ratioToMeanFloor);
  both('floor in an isolated world (where a content script runs it), fresh load: clone + parse', art.floorIsolated, non.floorIsolated);
  both('  over the mean of the two floors in the page\'s world, per page', art.isolatedOverFloor, non.isolatedOverFloor);
  both('ratio whole / floor in an isolated world, per page', art.ratioToIsolatedFloor, non.ratioToIsolatedFloor);
  both('longest Lede step (own timing)', art.longestStep, non.longestStep);
  both('longest Lede step other than parse', art.longestStepNotParse, non.longestStepNotParse);
  both('longest task holding Lede work (trace)', art.longestTask, non.longestTask);
  both('  of which the main thread ran', art.longestTaskCpu, non.longestTaskCpu);
  both('click to summary painted (popup)', art.popupToSummary, non.popupToSummary, (x) => ms(x, 0));
  both('  of which on articles Lede waited on (read at the click)', art.popupToSummaryWaited, non.popupToSummaryWaited, (x) => ms(x, 0));
  both('click to popup answer painted', art.popupToAnswer, non.popupToAnswer, (x) => ms(x, 0));
  both('click to popup document start (the browser)', art.popupStart, non.popupStart, (x) => ms(x, 0));
  both('click to popup first paint ("Reading the page…")', art.popupFirstPaint, non.popupFirstPaint, (x) => ms(x, 0));
  const barePaint = spread(bare.map((b) => b.toSummaryMs));
  const bareStart = spread(bare.map((b) => b.toPopupStartMs));
  const nobody = spread([]);
  both(`yardstick: click to a bare popup painted (static text, no code, pinned like Lede; ${bare.length} clicks)`, barePaint, nobody, (x) => ms(x, 0));
  both('  of which click to its document start', bareStart, nobody, (x) => ms(x, 0));
  const menuPaint = spread(bareInMenu.map((b) => b.toSummaryMs));
  const menuStart = spread(bareInMenu.map((b) => b.toPopupStartMs));
  both(`  the same not pinned: opened from the extensions menu (${bareInMenu.length} clicks)`, menuPaint, nobody, (x) => ms(x, 0));
  both('  of which click to its document start (Chrome animates the button out first)', menuStart, nobody, (x) => ms(x, 0));
  both('retained heap of Lede’s world (kB)', art.heap, non.heap, kB);
  both('  of which DOM / native (kB)', art.heapNative, non.heapNative, kB);

  console.log(`\nanalysed: ${art.analysed}/${art.pages} articles, ${non.analysed}/${non.pages} non-articles (clone + Readability ran there: detection false positives${non.analysedIds.length ? `: ${non.analysedIds.join(', ')}` : ''})`);
  console.log(`articles Lede was unsure of, read only when the popup asked: ${art.waitedIds.length}${art.waitedIds.length ? ` (${art.waitedIds.join(', ')})` : ''}`);
  console.log(`parse() > ${LONG_TASK_MS} ms: ${art.parseOver50} article pages`);
  for (const [label, f] of [['articles', art], ['non-articles', non]] as const) {
    console.log(`extension scripts evaluated on ${label}: ${Object.entries(f.scriptFiles).map(([u, n]) => `${u} (${n} pages)`).join(', ') || 'none'}`);
    if (f.longTasksNotParse.length) {
      const by = Object.entries(f.longTasksByStep).map(([k, n]) => `${k} ${n}`).join(', ');
      console.log(`  pages with a Lede task > ${LONG_TASK_MS} ms other than parse on ${label}: ${f.longTasksNotParse.length} (longest task is ${by}); worst: ${f.longTasksNotParse.slice(0, 6).join('; ')}`);
    }
    if (f.documentsKept.length) console.log(`  a Document kept alive by Lede on ${label}: ${f.documentsKept.join(', ')}`);
    if (f.notIsolated.length) console.log(`  NOT cross-origin isolated (100 µs timers) on ${f.notIsolated.length} ${label}: ${f.notIsolated.join(', ')}`);
    if (f.leaks.length) console.log(`  the page's own timeline names Lede on ${label}: ${f.leaks.slice(0, 5).join('; ')}`);
    if (f.popupWithoutSummary.length) console.log(`  popup showed no summary on ${f.popupWithoutSummary.length} ${label}: ${f.popupWithoutSummary.slice(0, 10).join(', ')}`);
    if (f.failed.length) console.log(`  failed on ${label}: ${f.failed.join('; ')}`);
  }

  console.log('\n| bundle | files | raw kB | gzip kB |');
  console.log('|---|---|---|---|');
  for (const b of bundles) row([b.part, b.files.join(' '), kB(b.rawBytes), kB(b.gzipBytes)]);

  const gz = (part: string) => bundles.find((b) => b.part.startsWith(part))?.gzipBytes ?? null;
  const kb = (x: number | null) => (x === null ? null : x / 1000);
  const targets: Target[] = [
    { name: 'non-articles: detection median', value: non.detect.median, limit: 1, unit: 'ms' },
    { name: 'non-articles: detection p95', value: non.detect.p95, limit: 3, unit: 'ms' },
    { name: 'non-articles: pages where clone + Readability ran', value: non.analysed, limit: 0, unit: 'pages' },
    { name: 'articles: whole analysis / (clone + parse), median', value: art.ratio.median, limit: 1.25, unit: '×' },
    { name: 'articles: whole analysis / (clone + parse), p95', value: art.ratio.p95, limit: 1.5, unit: '×' },
    { name: `articles: pages with a Lede task > ${LONG_TASK_MS} ms other than parse`, value: art.longTasksNotParse.length, limit: 0, unit: 'pages' },
    { name: 'articles: click to summary, median', value: art.popupToSummary.median, limit: 100, unit: 'ms' },
    { name: 'content script gzip', value: kb(gz('content script')), limit: 35, unit: 'kB' },
    { name: 'popup gzip', value: kb(gz('popup')), limit: 25, unit: 'kB' },
    { name: 'articles: retained heap, p95', value: art.heap.p95 === null ? null : art.heap.p95 / 1e6, limit: 2, unit: 'MB' },
  ];
  console.log('\n| target | measured | limit | verdict |');
  console.log('|---|---|---|---|');
  for (const t of targets) row([t.name, t.value === null ? '–' : `${+t.value.toFixed(3)} ${t.unit}`, `${t.limit} ${t.unit}`, verdict(t)]);
  const ledeShare = art.popupToSummary.median !== null && barePaint.median !== null ? art.popupToSummary.median - barePaint.median : null;
  if (ledeShare !== null) {
    console.log(
      `\nOf the click to summary (median ${ms(art.popupToSummary.median, 0)} ms), ${ms(barePaint.median, 0)} ms is what this browser takes to ` +
        `paint a popup with no code at all (same run); Lede's popup adds ${ms(ledeShare, 0)} ms to it.`,
    );
  }
  return {
    articles: art,
    nonArticles: non,
    barePopup: { toPaint: barePaint, toStart: bareStart, ledeShareMs: ledeShare },
    barePopupInMenu: { toPaint: menuPaint, toStart: menuStart },
    bareContentScript: bareLoad,
    bareContentScriptCpu: bareLoadCpu,
    targets: targets.map((t) => ({ ...t, verdict: verdict(t) })),
    ratioOfMedians: ratioOfMedians(records),
  };
}

/** Median whole analysis over median floor, for articles Lede analysed (a second way to read the same ratio). */
function ratioOfMedians(records: PageRecord[]): number | null {
  const a = records.filter((r) => r.isArticle && !r.error && r.detected && floor(r));
  const w = quantile(a.map(wholeAnalysis), 0.5);
  const f = quantile(a.map((r) => floor(r)!), 0.5);
  return w !== null && f ? w / f : null;
}
