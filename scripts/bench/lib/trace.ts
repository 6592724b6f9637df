// What a Chromium trace of the page load says about Lede: the extension scripts the page evaluated (compile and
// top-level run, which Lede's own step timings cannot see because they happen before its first line), and the
// length of each whole task on the page's main thread that held a step of Lede's.
import type { Page } from 'puppeteer-core';

/** Enough to see tasks (RunTask), script evaluations (EvaluateScript) and user-timing marks (to line the clocks up). */
export const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'];

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread time (µs): what the thread ran of `dur`; the rest it waited, for a core or for another thread. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: any;
}

export async function startTrace(page: Page): Promise<void> {
  await page.tracing.start({ categories: TRACE_CATEGORIES });
}

export async function stopTrace(page: Page): Promise<TraceEvent[]> {
  const buf = await page.tracing.stop();
  if (!buf) return [];
  return (JSON.parse(Buffer.from(buf).toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
}

export interface ScriptEvaluation {
  url: string;
  ms: number;
  /** Of `ms`, the time the main thread ran (the rest it waited for a core: these machines are shared). */
  cpuMs?: number;
  /** Trace clock, µs. */
  ts: number;
}

/**
 * Extension scripts run on the page's main thread: classic scripts (the content script: compile + top-level run,
 * one EvaluateScript event), and modules the content script imports on demand (compiled after a background-thread
 * parse, then evaluated: v8.compileModule and v8.evaluateModule in Lede's world).
 */
export function extensionScripts(events: TraceEvent[], extensionOrigin: string, worldName: string): ScriptEvaluation[] {
  const out: ScriptEvaluation[] = [];
  let lastModule = '(module)';
  for (const e of [...events].sort((a, b) => a.ts - b.ts)) {
    if (e.ph !== 'X') continue;
    const url = String(e.args?.data?.url ?? '');
    if ((e.name === 'EvaluateScript' || e.name === 'v8.compileModule') && url.startsWith(extensionOrigin)) {
      const rel = url.slice(extensionOrigin.length);
      if (e.name === 'v8.compileModule') lastModule = rel;
      out.push({ url: rel, ...durations(e), ts: e.ts });
    } else if (e.name === 'v8.evaluateModule' && e.args?.worldName === worldName) {
      out.push({ url: lastModule, ...durations(e), ts: e.ts });
    }
  }
  return out;
}

/** An event's wall time and thread time, in ms (thread time only where the trace has it). */
export function durations(e: TraceEvent): { ms: number; cpuMs?: number } {
  return { ms: (e.dur ?? 0) / 1000, ...(e.tdur === undefined ? {} : { cpuMs: e.tdur / 1000 }) };
}

/** Trace µs of performance.now() 0 in the page, from a mark the benchmark made at a known performance.now(). */
export function traceClock(events: TraceEvent[], markName: string, markStartMs: number): ((ms: number) => number) | null {
  const mark = events.find((e) => e.name === markName && e.cat.includes('blink.user_timing'));
  if (!mark) return null;
  const zero = mark.ts - markStartMs * 1000;
  return (ms) => zero + ms * 1000;
}

/**
 * The whole main-thread task (RunTask) around each interval [startUs, endUs] on the page's renderer main
 * thread: the thread that ran the given evaluation. Its duration includes the browser's own work in that task,
 * so it bounds Lede's share from above (the step's own time bounds it from below); `cpuMs` is the part of it the
 * thread ran rather than waited for a core.
 */
export function tasksAround(
  events: TraceEvent[],
  thread: { pid: number; tid: number },
  intervals: [number, number][],
): { ms: number; cpuMs?: number }[] {
  const tasks = events
    .filter((e) => e.name === 'RunTask' && e.ph === 'X' && e.pid === thread.pid && e.tid === thread.tid)
    .sort((a, b) => a.ts - b.ts);
  return intervals.map(([s, e]) => {
    let best: { ms: number; cpuMs?: number } = { ms: 0 };
    for (const t of tasks) {
      if (t.ts > s) break;
      if (t.ts + (t.dur ?? 0) >= e && (t.dur ?? 0) / 1000 > best.ms) best = durations(t);
    }
    return best;
  });
}

/** The renderer main thread that evaluated the extension's content script. */
export function scriptThread(events: TraceEvent[], extensionOrigin: string): { pid: number; tid: number } | null {
  const e = events.find((x) => x.name === 'EvaluateScript' && String(x.args?.data?.url ?? '').startsWith(extensionOrigin));
  return e ? { pid: e.pid, tid: e.tid } : null;
}
