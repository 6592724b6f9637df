// How long each of Lede's steps held the page's main thread, recorded as it runs: two performance.now() calls and
// one small object per step, cheap enough to ship. `npm run bench -- --only page` reads the log over DevTools.
// The log stays in the content script's isolated world, which no page can see. Not performance.mark/measure:
// in Chromium their entries land in the page's own timeline (the benchmark checks it), so any site could read
// them and learn that Lede is installed.

export interface PerfStep {
  name: string;
  /** performance.now() when the step began (the page's time origin: the same in the page and in Lede's world). */
  start: number;
  ms: number;
}

export interface PerfLog {
  steps: PerfStep[];
  /** Work Lede sent off the page's main thread (to the background), by name, in ms: not the page's cost. */
  elsewhere: Record<string, number>;
  /** True once Lede has done all it does on its own on this page (detection, and on an article the analysis). */
  settled: boolean;
}

/** The global of the content script's world that holds the log (the benchmark reads it there). */
export const PERF_GLOBAL = '__ledePerf';

export function perfLog(): PerfLog {
  const g = globalThis as { [PERF_GLOBAL]?: PerfLog };
  return (g[PERF_GLOBAL] ??= { steps: [], elsewhere: {}, settled: false });
}

/** Runs one synchronous step and records how long it took, also when it throws. */
export function timed<T>(name: string, step: () => T): T {
  const start = performance.now();
  try {
    return step();
  } finally {
    perfLog().steps.push({ name, start, ms: performance.now() - start });
  }
}

/** Records a step Lede had done elsewhere (the background), which held none of the page's time. */
export function noteElsewhere(name: string, ms: number): void {
  perfLog().elsewhere[name] = ms;
}

/** Marks the end of what Lede does on a page unasked. */
export function settled(): void {
  perfLog().settled = true;
}
