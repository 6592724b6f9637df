// npm run bench -- [corpus folder] [--only page,library] [--out DIR]
// Speed and memory figures measured in real Chromium, printed as tables and written as JSON for comparison.
// Figures, not assertions: these machines are shared and noisy, so compare ratios from one run.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { corpusDir } from './lib/corpus';

export interface BenchContext {
  corpus: string;
  /** Where each section writes its JSON figures (bench-results/ by default). */
  outDir: string;
}

const SECTIONS = ['page', 'library'] as const;
type Section = (typeof SECTIONS)[number];

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { only: { type: 'string' }, out: { type: 'string' } },
});
const ctx: BenchContext = {
  corpus: corpusDir(positionals[0]),
  outDir: resolve(values.out ?? resolve(import.meta.dirname, '../bench-results')),
};
const only = (values.only?.split(',') ?? SECTIONS) as Section[];
for (const s of only) {
  if (!SECTIONS.includes(s)) {
    console.error(`bench: unknown section "${s}" (one of ${SECTIONS.join(', ')})`);
    process.exit(2);
  }
}
for (const section of only) {
  const file = resolve(import.meta.dirname, 'bench', `${section}.ts`);
  if (!existsSync(file)) {
    console.log(`\n## ${section}: not built yet`);
    continue;
  }
  const mod = (await import(file)) as { bench(ctx: BenchContext): Promise<void> };
  console.log(`\n## ${section}`);
  await mod.bench(ctx);
}
