// npm run eval -- [corpus folder] [--only detect,summary,quotes,declutter] [--summaries DIR] [--quotes DIR] [--pages id,id]
// Prints every quality figure next to the baselines it computes itself on the same data.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { corpusDir } from './lib/corpus';

export interface EvalContext {
  /** The corpus folder (pages/<id>/source.html + truth.json). */
  corpus: string;
  /** ../shared/summaries (bbc/pairs.jsonl) or the folder given. */
  summaries: string;
  /** ../shared/quotes (polnear/articles.jsonl) or the folder given. */
  quotes: string;
  /** Only these corpus page ids (--pages a,b), to study a few pages. */
  pages?: string[];
}

const SECTIONS = ['detect', 'summary', 'quotes', 'declutter'] as const;
type Section = (typeof SECTIONS)[number];

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    only: { type: 'string' },
    summaries: { type: 'string' },
    quotes: { type: 'string' },
    pages: { type: 'string' },
  },
});

const corpus = corpusDir(positionals[0]);
const shared = resolve(corpus, '..');
const ctx: EvalContext = {
  corpus,
  summaries: resolve(values.summaries ?? resolve(shared, 'summaries')),
  quotes: resolve(values.quotes ?? resolve(shared, 'quotes')),
  pages: values.pages?.split(','),
};
const only = (values.only?.split(',') ?? SECTIONS) as Section[];
for (const s of only) {
  if (!SECTIONS.includes(s)) {
    console.error(`eval: unknown section "${s}" (one of ${SECTIONS.join(', ')})`);
    process.exit(2);
  }
}

for (const section of only) {
  const file = resolve(import.meta.dirname, 'eval', `${section}.ts`);
  if (!existsSync(file)) {
    console.log(`\n## ${section}: not built yet`);
    continue;
  }
  const mod = (await import(file)) as { evaluate(ctx: EvalContext): Promise<void> };
  console.log(`\n## ${section}`);
  await mod.evaluate(ctx);
}
