// npm run --silent analyze -- [--sentences N] [--quotes N] [--url URL] [--force] FILE.html
// npm run --silent analyze -- --batch < lines of {"file","url"}
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { analyze, type AnalyzeOptions } from '../utils/analysis/analyze';
import { parseHtml } from './lib/dom';

const USAGE = 'usage: npm run --silent analyze -- [--sentences N] [--quotes N] [--url URL] [--force] FILE.html | --batch';

function fail(message: string): never {
  console.error(`analyze: ${message}`);
  process.exit(2);
}

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) fail(`--${name} takes a whole number, not "${value}"`);
  return n;
}

function analyzeFile(file: string, url: string | undefined, options: AnalyzeOptions) {
  let html: string;
  try {
    html = readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const pageUrl = url ?? `file://${file}`;
  const a = analyze(parseHtml(html, pageUrl), pageUrl, options);
  return {
    isArticle: a.isArticle,
    title: a.title,
    byline: a.byline,
    siteName: a.siteName,
    publishedTime: a.publishedTime,
    lang: a.lang,
    readingMinutes: a.readingMinutes,
    text: a.text,
    summary: a.summary,
    quotes: a.quotes.map((q) => ({ text: q.text, speaker: q.speaker, role: q.role, key: q.key })),
    detection: {
      score: a.detection.score,
      threshold: a.detection.threshold,
      sure: a.detection.sure ?? null,
      sureThreshold: a.detection.sureThreshold ?? null,
      signals: a.detection.signals,
      declaredNonStory: a.detection.declaredNonStory ?? null,
    },
  };
}

async function main() {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        sentences: { type: 'string' },
        quotes: { type: 'string' },
        url: { type: 'string' },
        force: { type: 'boolean' },
        batch: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    fail(`${(e as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const options: AnalyzeOptions = {
    summarySentences: positive('sentences', values.sentences, 3),
    keyQuotes: positive('quotes', values.quotes, 3),
    force: values.force,
  };
  if (values.batch) {
    let failed = false;
    for await (const line of createInterface({ input: process.stdin })) {
      if (!line.trim()) continue;
      let job: { file?: unknown; url?: unknown };
      try {
        job = JSON.parse(line);
      } catch {
        console.error(`analyze: not a JSON line: ${line.slice(0, 80)}`);
        failed = true;
        continue;
      }
      if (typeof job.file !== 'string') {
        console.error(`analyze: line without a "file": ${line.slice(0, 80)}`);
        failed = true;
        continue;
      }
      try {
        const url = typeof job.url === 'string' ? job.url : undefined;
        console.log(JSON.stringify({ file: job.file, ...analyzeFile(job.file, url, options) }));
      } catch (e) {
        console.error(`analyze: ${(e as Error).message}`);
        console.log(JSON.stringify({ file: job.file, error: (e as Error).message }));
        failed = true;
      }
    }
    process.exit(failed ? 1 : 0);
  }
  if (positionals.length !== 1) fail(`expected one HTML file\n${USAGE}`);
  try {
    console.log(JSON.stringify(analyzeFile(positionals[0], values.url, options)));
  } catch (e) {
    fail((e as Error).message);
  }
}

await main();
