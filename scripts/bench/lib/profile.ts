// Where Lede's main-thread time goes, by source file and function: V8's sampling CPU profiler over the page
// load, samples in extension scripts mapped back through the build's source maps (node:module's SourceMap).
// Build with LEDE_SOURCEMAP=1 for the maps; without them the table names the built files only. Sampling slows
// the page, so a profiled run's timings are not the benchmark's figures: the shares are what it is for.
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap, type SourceMapping } from 'node:module';
import { join } from 'node:path';
import type { CDPSession } from 'puppeteer-core';

const SAMPLING_US = 100;

export async function startProfile(session: CDPSession): Promise<void> {
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: SAMPLING_US });
  await session.send('Profiler.start');
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time (ms) per "source file:line function" of extension code, for one profile. */
export async function stopProfile(session: CDPSession, extensionOrigin: string, extDir: string): Promise<Map<string, number>> {
  const { profile } = (await session.send('Profiler.stop')) as { profile: CpuProfile };
  await session.send('Profiler.disable');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    if (!frame?.url.startsWith(extensionOrigin)) return;
    const key = sourceOf(join(extDir, frame.url.slice(extensionOrigin.length)), frame);
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? SAMPLING_US) / 1000);
  });
  return self;
}

interface Mapped {
  map: SourceMap;
  /** Source file name -> its lines (the map carries the sources). */
  lines: Map<string, string[]>;
}
const maps = new Map<string, Mapped | null>();

function mapped(file: string): Mapped | null {
  if (!maps.has(file)) {
    let m: Mapped | null = null;
    if (existsSync(`${file}.map`)) {
      const payload = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[]; sourcesContent?: string[] };
      const lines = new Map(payload.sources.map((src, i) => [src, (payload.sourcesContent?.[i] ?? '').split('\n')]));
      m = { map: new SourceMap(payload as ConstructorParameters<typeof SourceMap>[0]), lines };
    }
    maps.set(file, m);
  }
  return maps.get(file)!;
}

/** "utils/analysis/segment.ts:5 function segmenter(lang..." for a sampled function, from its start position. */
function sourceOf(file: string, frame: CpuProfile['nodes'][number]['callFrame']): string {
  const m = mapped(file);
  const entry = m?.map.findEntry(frame.lineNumber, frame.columnNumber) as Partial<SourceMapping> | undefined;
  if (!m || !entry?.originalSource || entry.originalLine === undefined) return `${file.replace(/.*\/chrome-mv3\//, '')} ${frame.functionName || '(top level)'}`;
  const source = entry.originalSource.replace(/^.*?\/(utils|components|entrypoints|node_modules)\//, '$1/');
  const text = (m.lines.get(entry.originalSource)?.[entry.originalLine] ?? '').trim().slice(0, 60);
  return `${source}:${entry.originalLine + 1} ${text}`;
}

/** Sums per-page profiles into ms per page, by function and by file. */
export function profileTable(profiles: Map<string, number>[]): { byFile: [string, number][]; byFunction: [string, number][] } {
  const fn = new Map<string, number>();
  const file = new Map<string, number>();
  for (const p of profiles) {
    for (const [k, ms] of p) {
      fn.set(k, (fn.get(k) ?? 0) + ms);
      const f = k.split(/[: ]/)[0];
      file.set(f, (file.get(f) ?? 0) + ms);
    }
  }
  const perPage = (m: Map<string, number>) =>
    [...m].map(([k, v]): [string, number] => [k, v / Math.max(1, profiles.length)]).sort((a, b) => b[1] - a[1]);
  return { byFile: perPage(file), byFunction: perPage(fn) };
}
